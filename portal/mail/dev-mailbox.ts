import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatTimestamp } from '../../shared/domain/dates.js';
import type { PortalStore } from '../store/open.js';
import { mailOutbox } from '../store/schema.js';
import { MAX_ATTEMPTS } from './job.js';
import { emlFileName } from './transport.js';

/**
 * The development mailbox: the mails the portal wrote as `.eml` files instead of sending them,
 * to follow an activation link without a mail server. Registered only in development mode with a
 * mail folder (install.ts): in production these addresses do not exist. The list and the text come
 * from the outbox table; the download is the very file written.
 */

const TITLE = 'Courriels envoyés (développement)';
const SHOWN = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Row = typeof mailOutbox.$inferSelect;

export function devMailboxRoutes(app: FastifyInstance, options: { store: PortalStore; mailDir: string }): void {
  const { store, mailDir } = options;

  app.get('/dev/courriels', async (_request, reply) => {
    const mails = await store.db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(SHOWN);
    const rows = mails.map(
      (mail) =>
        `<tr><td>${escapeHtml(formatTimestamp(mail.createdAt.toISOString()))}</td><td>${escapeHtml(mail.to)}</td>` +
        `<td><a href="/dev/courriels/${mail.id}">${escapeHtml(mail.subject || '(sans objet)')}</a></td><td>${escapeHtml(state(mail))}</td></tr>`,
    );
    const body =
      `<h1>${TITLE}</h1>\n<p>En mode développement, le portail n’envoie pas les courriels\u00a0: il les écrit dans <code>${escapeHtml(mailDir)}</code>. Les plus récents d’abord.</p>\n` +
      (rows.length === 0
        ? '<p>Aucun courriel pour l’instant.</p>'
        : `<table>\n<caption>${rows.length === SHOWN ? `Les ${SHOWN} derniers courriels` : `${rows.length} courriel${rows.length > 1 ? 's' : ''}`}</caption>\n` +
          `<thead><tr><th scope="col">Date</th><th scope="col">Destinataire</th><th scope="col">Objet</th><th scope="col">État</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`);
    return page(reply, TITLE, body);
  });

  app.get<{ Params: { name: string } }>('/dev/courriels/:name', async (request, reply) => {
    const download = request.params.name.endsWith('.eml');
    const id = download ? request.params.name.slice(0, -'.eml'.length) : request.params.name;
    const [mail] = UUID.test(id) ? await store.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)) : [];
    if (!mail) return reply.callNotFound();
    if (download) {
      const name = emlFileName(mail);
      let content: Buffer;
      try {
        content = await readFile(join(mailDir, name));
      } catch {
        return reply.callNotFound();
      }
      return reply.header('Cache-Control', 'no-store').header('Content-Disposition', `attachment; filename="${name}"`).type('message/rfc822').send(content);
    }
    const body =
      `<p><a href="/dev/courriels">${TITLE}</a></p>\n<h1>${escapeHtml(mail.subject || '(sans objet)')}</h1>\n<dl>\n` +
      `<dt>Destinataire</dt><dd>${escapeHtml(mail.to)}</dd>\n<dt>Date</dt><dd>${escapeHtml(formatTimestamp(mail.createdAt.toISOString()))}</dd>\n` +
      `<dt>État</dt><dd>${escapeHtml(state(mail))}</dd>\n</dl>\n<h2>Texte</h2>\n${paragraphs(mail.text)}\n` +
      (mail.html === null ? '' : '<p>Ce courriel a aussi une version HTML, dans le fichier.</p>\n') +
      (mail.sentAt ? `<p><a href="/dev/courriels/${mail.id}.eml" download>Télécharger le fichier .eml</a></p>` : '');
    return page(reply, `${mail.subject || '(sans objet)'} — ${TITLE}`, body);
  });
}

function state(mail: Row): string {
  if (mail.sentAt) return `écrit le ${formatTimestamp(mail.sentAt.toISOString())}`;
  const reason = mail.lastError ? `\u00a0: ${mail.lastError}` : '';
  if (mail.attempts >= MAX_ATTEMPTS) return `abandonné après ${mail.attempts} tentatives${reason}`;
  return mail.attempts === 0 ? 'en attente' : `en attente (${mail.attempts} échec${mail.attempts > 1 ? 's' : ''}${reason})`;
}

function page(reply: FastifyReply, title: string, body: string): FastifyReply {
  const html =
    `<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(title)}</title>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`;
  return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** The mail's text as it reads: paragraphs at blank lines, line breaks kept, web addresses clickable. */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((block) => block.trim() !== '')
    .map((block) => `<p>${block.split('\n').map(linked).join('<br>\n')}</p>`)
    .join('\n');
}

const WEB_ADDRESS = /https?:\/\/[^\s<>"«»]+/g;

function linked(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(WEB_ADDRESS)) {
    // A sentence's punctuation after an address is not part of it.
    const address = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += `${escapeHtml(line.slice(last, match.index))}<a href="${escapeHtml(address)}">${escapeHtml(address)}</a>`;
    last = match.index + address.length;
  }
  return html + escapeHtml(line.slice(last));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
