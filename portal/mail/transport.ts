import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { createTransport, type SendMailOptions } from 'nodemailer';
import type { PortalSettings } from '../config.js';

/** An outbox row as the transport needs it. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: Date;
}

/** Where mails go: an SMTP server, a folder of `.eml` files, or nowhere. */
export interface MailTransport {
  /** For the logs: where the mails go (never a password). */
  readonly description: string;
  /** Resolves once the mail is handed over; rejects with a reason to retry later. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Generous for a slow relay, short enough that a dead one does not hold the job for minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * The transport the settings ask for: SMTP when `smtpUrl` is set, else `.eml` files in `mailDir`,
 * else nowhere (the mails stay in the database, marked sent: said once in the log).
 */
export function mailTransport(settings: PortalSettings, log: FastifyBaseLogger): MailTransport {
  const chosen = settings.smtpUrl ? smtpTransport(settings, settings.smtpUrl) : settings.mailDir ? emlTransport(settings, settings.mailDir) : null;
  if (chosen) {
    log.info({ transport: chosen.description }, 'courriels : transport choisi');
    return chosen;
  }
  const line = 'courriels : ni SMTP_URL ni dossier de données, ils restent dans la base sans être envoyés';
  if (settings.mode === 'production') log.warn(line);
  else log.info(line);
  return { description: 'nulle part (base de données seulement)', send: () => Promise.resolve(), close: () => undefined };
}

function smtpTransport(settings: PortalSettings, smtpUrl: string): MailTransport {
  let server: URL;
  try {
    server = new URL(smtpUrl);
  } catch {
    throw new Error('SMTP_URL illisible\u00a0: donnez une adresse comme smtp://utilisateur:mot-de-passe@serveur:587.');
  }
  const transporter = createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  const secrets = credentials(smtpUrl, server);
  return {
    description: `SMTP ${server.host}`,
    async send(mail) {
      try {
        await transporter.sendMail(message(settings, mail));
      } catch (error) {
        // A server's answer may repeat what it was sent: the reason kept and logged never holds the credentials.
        throw new Error(withoutSecrets(reasonOf(error), secrets));
      }
    },
    close: () => transporter.close(),
  };
}

function emlTransport(settings: PortalSettings, mailDir: string): MailTransport {
  // nodemailer builds the whole RFC 5322 message (encoded headers, text and HTML parts) without sending it.
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `fichiers .eml dans ${mailDir}`,
    async send(mail) {
      const info = await composer.sendMail(message(settings, mail));
      await mkdir(mailDir, { recursive: true });
      await writeAtomically(join(mailDir, emlFileName(mail)), info.message as Buffer);
    },
    close: () => composer.close(),
  };
}

/**
 * `20261202T160912Z-<id>.eml`: sorted by the time the mail was written, named after its outbox
 * row. The name depends on the row only, so a mail sent again after a crash replaces its file.
 */
export function emlFileName(mail: { id: string; createdAt: Date }): string {
  const stamp = mail.createdAt.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `${stamp}-${mail.id}.eml`;
}

/** A reader of the folder sees a whole file or none: written aside, flushed, then renamed. */
async function writeAtomically(path: string, content: Buffer): Promise<void> {
  const temporary = join(path, '..', `.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The message of an outbox row; its Message-ID comes from the row, so that a mail sent twice is recognisably one. */
function message(settings: PortalSettings, mail: OutgoingMail): SendMailOptions {
  return {
    from: settings.mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === null ? {} : { html: mail.html }),
    date: mail.createdAt,
    messageId: `<${mail.id}@${hostOf(settings.publicUrl)}>`,
  };
}

function hostOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).hostname || 'guichet.invalid';
  } catch {
    return 'guichet.invalid';
  }
}

/** nodemailer's errors carry a code (EAUTH, ECONNECTION…) worth keeping beside the message. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const text = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}

/** The URL itself, its password and user name (raw and decoded), longest first. */
function credentials(smtpUrl: string, server: URL): string[] {
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  const user = server.username.length >= 4 ? [server.username, decode(server.username)] : [];
  const password = server.password ? [server.password, decode(server.password)] : [];
  return [...new Set([smtpUrl, ...password, ...user])].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

function withoutSecrets(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}
