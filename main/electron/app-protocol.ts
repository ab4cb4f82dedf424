import path from 'node:path';

/**
 * The `app://guichet/…` origin the desktop loads its screens from. Pure functions (no electron
 * import) so the URL and path rules are unit-tested under plain Node.
 */
export const APP_SCHEME = 'app';
const APP_HOST = 'guichet';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True only for `app://guichet/…` (no user info, no port, no look-alike host). */
export function isAppUrl(url: string): boolean {
  if (!url.startsWith(`${APP_ORIGIN}/`)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The file of `rendererDir` an `app://guichet/…` request asks for, or null when the request is
 * refused (another host, undecodable path, NUL byte, or a path that leaves rendererDir).
 * `/` and extension-less paths (client-side routes) are the index.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string, p: path.PlatformPath = path): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = p.resolve(rendererDir);
  const segments = pathname.split(/[\\/]+/).filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s.includes(':'))) return null;
  const last = segments[segments.length - 1];
  if (last === undefined || !/\.[A-Za-z0-9]+$/.test(last)) return p.join(root, 'index.html');
  const file = p.resolve(root, ...segments);
  const relative = p.relative(root, file);
  if (relative === '' || relative.startsWith('..') || p.isAbsolute(relative)) return null;
  return file;
}
