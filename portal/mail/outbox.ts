import { randomUUID } from 'node:crypto';
import { mailOutbox } from '../store/schema.js';
import type { PortalDb, PortalTx } from '../store/open.js';

/** A mail as the family pages write it: one recipient, a plain text body, an optional HTML one. */
export interface MailToSend {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Puts a mail in the outbox, in the caller's transaction: it leaves only if what it tells commits
 * (an account created, a token issued). The mail job sends it soon after (`app.mail.kick()` to
 * make that at once); the request never waits for a mail server.
 */
export async function enqueueMail(tx: PortalTx | PortalDb, mail: MailToSend, now: Date): Promise<void> {
  // A line break in a header would let a value add headers of its own.
  if (/[\r\n]/.test(mail.to) || /[\r\n]/.test(mail.subject)) throw new Error('Un destinataire ou un objet de courriel ne peut pas contenir de saut de ligne.');
  if (!mail.to.trim()) throw new Error('Un courriel a besoin d’un destinataire.');
  await tx.insert(mailOutbox).values({ id: randomUUID(), to: mail.to.trim(), subject: mail.subject, text: mail.text, html: mail.html ?? null, createdAt: now, nextAttemptAt: now });
}
