import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small reader of the `.eml` files the portal writes in development (RFC 5322 headers with
 * RFC 2047 encoded words, MIME parts in 7bit, quoted-printable or base64), written apart from
 * nodemailer so that the tests check the files as any mail program would read them.
 */
export interface ReadMail {
  /** Header names in lower case, values unfolded and decoded. */
  headers: Map<string, string>;
  /** The text/plain part, decoded. */
  text: string;
  /** The text/html part, decoded, if any. */
  html: string | null;
}

export function parseEml(source: string): ReadMail {
  const { headers, body } = split(source);
  const parts = leafParts(headers, body);
  const part = (type: string) => parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type));
  const text = part('text/plain');
  return { headers: new Map([...headers].map(([name, value]) => [name, decodeWords(value)])), text: text ? decodeBody(text) : '', html: part('text/html') ? decodeBody(part('text/html')!) : null };
}

/** The `.eml` files of a folder, by name (so oldest first), read. */
export function readMails(folder: string): Array<ReadMail & { file: string }> {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => ({ file, ...parseEml(readFileSync(join(folder, file), 'utf8')) }));
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function split(source: string): Part {
  const text = source.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers = new Map<string, string>();
  // Unfolding: a line that starts with white space continues the header before it.
  for (const line of head.replace(/\n(?=[ \t])/g, '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: end < 0 ? '' : text.slice(end + 2) };
}

function leafParts(headers: Map<string, string>, body: string): Part[] {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [{ headers, body }];
  const sections = body.split(`--${boundary}`).slice(1);
  return sections
    .filter((section) => !section.startsWith('--'))
    .flatMap((section) => {
      // The line break before a delimiter belongs to the delimiter.
      const part = split(section.replace(/^\n/, '').replace(/\n$/, ''));
      return leafParts(part.headers, part.body);
    });
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return quotedPrintable(part.body.replace(/=\n/g, ''));
  return part.body;
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047: `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=`; white space between two encoded words is dropped. */
function decodeWords(value: string): string {
  return value.replace(/(\?=)\s+(?==\?)/g, '$1').replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : quotedPrintable(data.replace(/_/g, ' ')),
  );
}
