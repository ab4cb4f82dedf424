import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type PortalSettings } from '../../portal/config.js';
import { deliverDueMails, startMailJob } from '../../portal/mail/job.js';
import { enqueueMail } from '../../portal/mail/outbox.js';
import { mailTransport, type MailTransport, type OutgoingMail } from '../../portal/mail/transport.js';
import { buildPortal } from '../../portal/server.js';
import type { PortalStore } from '../../portal/store/open.js';
import { mailOutbox } from '../../portal/store/schema.js';
import { parseEml, readMails } from '../helpers/eml.js';
import { STORE_KINDS, tempPortalStore, type TestStoreKind } from '../helpers/portal-store.js';

const NOW = new Date('2026-12-02T16:09:12Z');
const MINUTE = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const SUBJECT = 'Activez votre espace «\u00a0Mon Espace Famille\u00a0» — Caisse des écoles';
const TEXT = 'Bonjour Élodie,\n\nPour activer votre espace, ouvrez ce lien (valable 48\u00a0h)\u00a0:\nhttps://famille.example.fr/activer?jeton=abc&x=1.\n\nÀ bientôt.\n';

interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** A logger that keeps what it is told (the job's and the transport's lines). */
function recordingLog(): FastifyBaseLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record = (level: LogLine['level']) => (first: unknown, second?: unknown) => {
    lines.push({ level, message: typeof first === 'string' ? first : String(second) });
  };
  const log = { lines, info: record('info'), warn: record('warn'), error: record('error'), debug: () => undefined, trace: () => undefined, fatal: record('error'), level: 'info', silent: () => undefined };
  return Object.assign(log, { child: () => log }) as unknown as FastifyBaseLogger & { lines: LogLine[] };
}

/** The `.eml` transport of a development portal, counting what each mail id was sent. */
function countingTransport(inner: MailTransport, counts: Map<string, number>): MailTransport {
  return {
    description: inner.description,
    async send(mail: OutgoingMail) {
      counts.set(mail.id, (counts.get(mail.id) ?? 0) + 1);
      // Lets the other delivery run between two sends.
      await new Promise((resolve) => setImmediate(resolve));
      await inner.send(mail);
    },
    close: () => inner.close(),
  };
}

async function outboxRows(store: PortalStore) {
  return store.db.select().from(mailOutbox).orderBy(mailOutbox.createdAt);
}

describe.each(STORE_KINDS)('the portal’s mail on $name', (kind: TestStoreKind) => {
  let store: PortalStore;
  let dispose: () => Promise<void>;
  let mailRoot: string;
  let mailDir: string;
  const log = recordingLog();

  beforeAll(async () => {
    ({ store, dispose } = await tempPortalStore(kind));
  });
  afterAll(() => dispose());
  afterEach(async () => {
    await store.db.execute(sql`TRUNCATE mail_outbox`);
    rmSync(mailRoot, { recursive: true, force: true });
    log.lines.length = 0;
  });
  // A fresh folder for each test (the afterEach removes it).
  const freshSettings = (mode: PortalSettings['mode'] = 'development'): PortalSettings => {
    mailRoot = mkdtempSync(join(tmpdir(), 'guichet-mail-'));
    mailDir = join(mailRoot, 'mail');
    return { ...DEFAULT_SETTINGS, mode, publicUrl: 'https://famille.example.fr', mailDir };
  };

  it('never sends a mail whose transaction rolled back, and sends the committed one', async () => {
    const transport = mailTransport(freshSettings(), log);
    await expect(
      store.db.transaction(async (tx) => {
        await enqueueMail(tx, { to: 'annule@example.fr', subject: 'Jamais envoyé', text: 'Non.' }, NOW);
        throw new Error('le compte n’a pas été créé');
      }),
    ).rejects.toThrow('le compte n’a pas été créé');
    await store.db.transaction((tx) => enqueueMail(tx, { to: 'parent@example.fr', subject: SUBJECT, text: TEXT }, NOW));

    expect(await deliverDueMails(store, transport, NOW)).toEqual({ sent: 1, failed: 0 });
    expect(readMails(mailDir).map((mail) => mail.headers.get('to'))).toEqual(['parent@example.fr']);
    expect((await outboxRows(store)).map((row) => row.to)).toEqual(['parent@example.fr']);
  });

  it('writes each due mail once as a readable .eml, even with three deliveries at the same time', async () => {
    const transport = mailTransport(freshSettings(), log);
    // More than a batch of 20, so that each delivery claims twice.
    for (let i = 0; i < 24; i++) await enqueueMail(store.db, { to: `parent${i}@example.fr`, subject: `${SUBJECT} ${i}`, text: TEXT }, at(i * 1000));
    await enqueueMail(store.db, { to: 'html@example.fr', subject: 'Avec du HTML', text: 'Texte brut', html: '<p>Texte <strong>riche</strong></p>' }, at(30_000));
    const counts = new Map<string, number>();
    const later = at(MINUTE);

    // Connections opened beforehand (PostgreSQL's pool), so that the three claims really meet.
    await Promise.all([1, 2, 3].map(() => store.db.execute(sql`SELECT 1`)));
    const results = await Promise.all([1, 2, 3].map(() => deliverDueMails(store, countingTransport(transport, counts), later)));
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(25);
    expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(25);
    expect(await deliverDueMails(store, transport, at(10 * MINUTE))).toEqual({ sent: 0, failed: 0 });

    const rows = await outboxRows(store);
    expect(rows.every((row) => row.sentAt?.getTime() === later.getTime() && row.attempts === 0)).toBe(true);
    const files = readdirSync(mailDir).sort();
    expect(files).toHaveLength(25);
    expect(files[0]).toBe(`20261202T160912Z-${rows[0]!.id}.eml`);

    const first = parseEml(readFileSync(join(mailDir, files[0]!), 'utf8'));
    expect(first.headers.get('from')).toBe('Caisse des écoles du 11e <ne-pas-repondre@cdeparis11.fr>');
    expect(first.headers.get('to')).toBe('parent0@example.fr');
    expect(first.headers.get('subject')).toBe(`${SUBJECT} 0`);
    expect(first.headers.get('date')).toBe('Wed, 02 Dec 2026 16:09:12 +0000');
    expect(first.headers.get('message-id')).toBe(`<${rows[0]!.id}@famille.example.fr>`);
    expect(first.headers.get('mime-version')).toBe('1.0');
    expect(first.text).toBe(TEXT);
    expect(first.html).toBeNull();
    const withHtml = readMails(mailDir).find((mail) => mail.headers.get('to') === 'html@example.fr')!;
    expect(withHtml.text).toBe('Texte brut');
    expect(withHtml.html).toBe('<p>Texte <strong>riche</strong></p>');
    // No temporary file left beside them.
    expect(readdirSync(mailDir).filter((file) => !file.endsWith('.eml'))).toEqual([]);
  });

  it('retries a failed mail after 1 min, 5 min, 30 min, then every 2 h, keeps no password, and gives up after 10 attempts', async () => {
    freshSettings();
    let failures = 0;
    const failing: MailTransport = {
      description: 'en panne',
      send: () => {
        failures++;
        return Promise.reject(new Error('connexion refusée par smtp://guichet:s3cret-Passw0rd@mail.example.fr:587'));
      },
      close: () => undefined,
    };
    await enqueueMail(store.db, { to: 'parent@example.fr', subject: SUBJECT, text: TEXT }, NOW);

    const waits = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 120 * MINUTE, 120 * MINUTE, 120 * MINUTE, 120 * MINUTE, 120 * MINUTE];
    let now = NOW;
    for (const [index, wait] of waits.entries()) {
      expect(await deliverDueMails(store, failing, now, { log })).toEqual({ sent: 0, failed: 1 });
      const [row] = await outboxRows(store);
      expect(row).toMatchObject({ attempts: index + 1, sentAt: null, nextAttemptAt: new Date(now.getTime() + wait) });
      expect(row!.lastError).toContain('connexion refusée');
      expect(row!.lastError).not.toContain('s3cret');
      expect(row!.lastError).not.toContain('guichet:');
      // Not due a moment before its time.
      expect(await deliverDueMails(store, failing, new Date(now.getTime() + wait - 1000), { log })).toEqual({ sent: 0, failed: 0 });
      now = new Date(now.getTime() + wait);
    }
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(await deliverDueMails(store, failing, now, { log })).toEqual({ sent: 0, failed: 1 });
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([{ level: 'error', message: 'courriel abandonné après 10 tentatives' }]);
    expect(await deliverDueMails(store, failing, at(365 * 24 * 60 * MINUTE), { log })).toEqual({ sent: 0, failed: 0 });
    expect(failures).toBe(10);
    expect((await outboxRows(store))[0]).toMatchObject({ attempts: 10, sentAt: null });
  });

  it('sends a mail that failed once at its next attempt, and forgets the error', async () => {
    const files = mailTransport(freshSettings(), log);
    let down = true;
    const flaky: MailTransport = { description: 'capricieux', send: (mail) => (down ? Promise.reject(new Error('serveur indisponible')) : files.send(mail)), close: () => undefined };
    await enqueueMail(store.db, { to: 'parent@example.fr', subject: SUBJECT, text: TEXT }, NOW);
    expect(await deliverDueMails(store, flaky, NOW)).toEqual({ sent: 0, failed: 1 });
    down = false;
    expect(await deliverDueMails(store, flaky, at(MINUTE))).toEqual({ sent: 1, failed: 0 });
    expect((await outboxRows(store))[0]).toMatchObject({ attempts: 1, sentAt: at(MINUTE), lastError: null });
    expect(readMails(mailDir)).toHaveLength(1);
  });

  it('keeps mails in the database, marked sent, when there is neither SMTP nor a folder, and says so once', async () => {
    freshSettings();
    const nowhere = mailTransport(DEFAULT_SETTINGS, log);
    expect(log.lines).toEqual([{ level: 'info', message: 'courriels : ni SMTP_URL ni dossier de données, ils restent dans la base sans être envoyés' }]);
    await enqueueMail(store.db, { to: 'parent@example.fr', subject: SUBJECT, text: TEXT }, NOW);
    await enqueueMail(store.db, { to: 'autre@example.fr', subject: SUBJECT, text: TEXT }, NOW);
    expect(await deliverDueMails(store, nowhere, NOW, { log })).toEqual({ sent: 2, failed: 0 });
    expect(log.lines).toHaveLength(1);
    expect((await outboxRows(store)).every((row) => row.sentAt?.getTime() === NOW.getTime())).toBe(true);
  });

  it('the job delivers on kick; its stop waits for the mail in flight, leaves the rest of the batch due, and ends the rounds', async () => {
    const files = mailTransport(freshSettings(), log);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const sending = new Promise<void>((resolve) => (entered = resolve));
    const slow: MailTransport = {
      description: 'lent',
      async send(mail) {
        entered();
        await gate;
        await files.send(mail);
      },
      close: () => undefined,
    };
    await enqueueMail(store.db, { to: 'parent@example.fr', subject: SUBJECT, text: TEXT }, NOW);
    await enqueueMail(store.db, { to: 'ensuite@example.fr', subject: SUBJECT, text: TEXT }, at(1000));
    const job = startMailJob(store, slow, { now: () => at(1000), log, intervalMs: 3_600_000 });
    job.kick();
    await sending;
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    // The mail in flight was sent; the rest of the batch is due again at once, for another process.
    const [sent, left] = await outboxRows(store);
    expect(sent).toMatchObject({ to: 'parent@example.fr', sentAt: at(1000) });
    expect(left).toMatchObject({ to: 'ensuite@example.fr', sentAt: null, nextAttemptAt: at(1000), attempts: 0 });

    await enqueueMail(store.db, { to: 'apres@example.fr', subject: SUBJECT, text: TEXT }, NOW);
    job.kick();
    await job.flush();
    expect((await outboxRows(store)).find((row) => row.to === 'apres@example.fr')!.sentAt).toBeNull();
    expect(readMails(mailDir)).toHaveLength(1);
  });

  it('shows the development mailbox in development mode: the list newest first, a mail’s text, its .eml', async () => {
    const app = buildPortal({ store, now: () => at(5 * MINUTE), logLevel: false, settings: freshSettings() });
    try {
      await enqueueMail(store.db, { to: 'parent@example.fr', subject: SUBJECT, text: TEXT }, NOW);
      await enqueueMail(store.db, { to: 'autre@example.fr', subject: 'Demande <script>alert(1)</script> reçue', text: 'Votre demande & vos pièces <b>sont</b> reçues.' }, at(MINUTE));
      await app.mail.flush();
      const [activation, request] = await outboxRows(store);

      const list = await app.inject({ method: 'GET', url: '/dev/courriels' });
      expect(list.statusCode).toBe(200);
      expect(list.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(list.body).toMatch(/^<!doctype html>\n<html lang="fr">/);
      expect(list.body).toContain('<title>Courriels envoyés (développement)</title>');
      expect(list.body).toContain('<h1>Courriels envoyés (développement)</h1>');
      expect(list.body).not.toContain('<script');
      expect(list.body).toContain('Demande &#60;script&#62;alert(1)&#60;/script&#62; reçue');
      expect(list.body).toContain('02/12/2026 17:09');
      expect(list.body.indexOf(`/dev/courriels/${request!.id}"`)).toBeLessThan(list.body.indexOf(`/dev/courriels/${activation!.id}"`));

      const shown = await app.inject({ method: 'GET', url: `/dev/courriels/${activation!.id}` });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('<html lang="fr">');
      expect(shown.body).toContain('<h1>Activez votre espace «\u00a0Mon Espace Famille\u00a0» — Caisse des écoles</h1>');
      expect(shown.body).toContain('<p>Bonjour Élodie,</p>');
      expect(shown.body).toContain('<a href="https://famille.example.fr/activer?jeton=abc&#38;x=1">https://famille.example.fr/activer?jeton=abc&#38;x=1</a>.');
      const escaped = await app.inject({ method: 'GET', url: `/dev/courriels/${request!.id}` });
      expect(escaped.body).toContain('Votre demande &#38; vos pièces &#60;b&#62;sont&#60;/b&#62; reçues.');
      expect(escaped.body).not.toContain('<script');

      const file = await app.inject({ method: 'GET', url: `/dev/courriels/${activation!.id}.eml` });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('message/rfc822');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="20261202T160912Z-${activation!.id}.eml"`);
      expect(parseEml(file.body)).toMatchObject({ text: TEXT });
      expect(parseEml(file.body).headers.get('subject')).toBe(SUBJECT);

      for (const url of ['/dev/courriels/00000000-0000-4000-8000-000000000000', '/dev/courriels/00000000-0000-4000-8000-000000000000.eml', '/dev/courriels/..%2F..%2Fetc%2Fpasswd', '/dev/courriels/nimportequoi.eml']) {
        expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
      }
    } finally {
      await app.close();
    }
  });

  it('has no development mailbox in production mode', async () => {
    const app = buildPortal({ store, now: () => NOW, logLevel: false, settings: freshSettings('production') });
    try {
      await enqueueMail(store.db, { to: 'parent@example.fr', subject: SUBJECT, text: TEXT }, NOW);
      await app.mail.flush();
      const [row] = await outboxRows(store);
      expect(row!.sentAt).toEqual(NOW);
      for (const url of ['/dev/courriels', `/dev/courriels/${row!.id}`, `/dev/courriels/${row!.id}.eml`]) {
        expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
      }
    } finally {
      await app.close();
    }
  });
});

/**
 * A minimal SMTP server on loopback: enough of RFC 5321 for nodemailer (EHLO, AUTH PLAIN, MAIL,
 * RCPT, DATA, QUIT). `refuseLogin` answers AUTH with a 535 that repeats the credentials it got,
 * as a careless server might.
 */
async function fakeSmtpServer(options: { refuseLogin: boolean }): Promise<{ port: number; received: Array<{ auth: string; from: string; to: string[]; data: string }>; close: () => Promise<void> }> {
  const received: Array<{ auth: string; from: string; to: string[]; data: string }> = [];
  const server: Server = createServer((socket) => {
    const current = { auth: '', from: '', to: [] as string[], data: '' };
    let buffer = '';
    let inData = false;
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push({ ...current });
            socket.write('250 2.0.0 accepté\r\n');
          } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') socket.write('250-test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        else if (verb === 'AUTH') {
          current.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8');
          const [, user, password] = current.auth.split('\0');
          socket.write(options.refuseLogin ? `535 5.7.8 refus pour ${user} avec ${password}\r\n` : '235 2.7.0 ok\r\n');
        } else if (verb === 'MAIL') {
          current.from = line;
          socket.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          current.to.push(line);
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the SMTP transport', () => {
  const mail: OutgoingMail = { id: '6f1c0a52-3a3e-4a8e-9a57-1c2d3e4f5a6b', to: 'parent@example.fr', subject: SUBJECT, text: TEXT, html: null, createdAt: NOW };
  const smtpSettings = (port: number): PortalSettings => ({ ...DEFAULT_SETTINGS, mode: 'production', smtpUrl: `smtp://guichet:s3cret-Passw0rd@127.0.0.1:${port}` });

  it('logs in with the URL’s credentials and sends the mail from MAIL_FROM to its recipient', async () => {
    const server = await fakeSmtpServer({ refuseLogin: false });
    const transport = mailTransport(smtpSettings(server.port), recordingLog());
    try {
      expect(transport.description).toBe(`SMTP 127.0.0.1:${server.port}`);
      await transport.send(mail);
      expect(server.received).toHaveLength(1);
      const [got] = server.received;
      expect(got!.auth).toBe('\0guichet\0s3cret-Passw0rd');
      expect(got!.from).toMatch(/^MAIL FROM:<ne-pas-repondre@cdeparis11\.fr>/);
      expect(got!.to).toEqual(['RCPT TO:<parent@example.fr>']);
      const read = parseEml(got!.data);
      expect(read.headers.get('subject')).toBe(SUBJECT);
      expect(read.headers.get('message-id')).toBe(`<${mail.id}@localhost>`);
      expect(read.text.replace(/\r\n/g, '\n')).toBe(TEXT);
    } finally {
      transport.close();
      await server.close();
    }
  });

  it('rejects with the server’s reason but without the user name or the password', async () => {
    const server = await fakeSmtpServer({ refuseLogin: true });
    const transport = mailTransport(smtpSettings(server.port), recordingLog());
    try {
      const failure = await transport.send(mail).then(
        () => null,
        (error: unknown) => error as Error,
      );
      expect(failure?.message).toContain('535 5.7.8 refus pour');
      expect(failure?.message).not.toContain('s3cret');
      expect(failure?.message).not.toContain('guichet');
      expect(server.received).toEqual([]);
    } finally {
      transport.close();
      await server.close();
    }
  });
});

describe('mails in the outbox', () => {
  it('refuse a recipient or a subject with a line break (no header of their own)', async () => {
    const { store, dispose } = await tempPortalStore(STORE_KINDS[0]!);
    try {
      await expect(enqueueMail(store.db, { to: 'a@example.fr\nBcc: b@example.fr', subject: 'x', text: 'y' }, NOW)).rejects.toThrow('saut de ligne');
      await expect(enqueueMail(store.db, { to: 'a@example.fr', subject: 'x\r\nBcc: b@example.fr', text: 'y' }, NOW)).rejects.toThrow('saut de ligne');
      expect(await store.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'a@example.fr'))).toEqual([]);
    } finally {
      await dispose();
    }
  });
});
