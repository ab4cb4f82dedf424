/**
 * The security headers both transports put on what they serve (web host responses and the
 * Electron app:// protocol). Pure data: no electron, no fastify.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The tag of renderer/index.html that the web host fills with the per-launch token:
 * `<meta name="guichet-token" content="">`, also written `… content="" />` (vite keeps either).
 */
export const TOKEN_META_TAG = '<meta name="guichet-token" content="">';
const TOKEN_META_PATTERN = /<meta\s+name="guichet-token"\s+content=""\s*\/?>/;

export function hasTokenMeta(html: string): boolean {
  return TOKEN_META_PATTERN.test(html);
}

/** The token is [A-Za-z0-9_-] only (checked by the host), so it needs no escaping. */
export function fillToken(html: string, token: string): string {
  return html.replace(TOKEN_META_PATTERN, () => `<meta name="guichet-token" content="${token}">`);
}

/** Content types of what `vite build` produces (and a few more a renderer may ship). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  const dot = file.lastIndexOf('.');
  const ext = dot >= 0 ? file.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
