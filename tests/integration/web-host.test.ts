import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchResult } from '../../shared/contract/bridge.js';
import { createContext, type AppContext } from '../../main/context.js';
import { CONTENT_SECURITY_POLICY } from '../../main/web/headers.js';
import { createAccount } from '../../main/services/accounts/index.js';
import { startWebHost, type WebHost } from '../../main/web/server.js';

/**
 * The HTTP transport end to end: a real host on a free loopback port, a real store in a temp
 * data folder, a tiny renderer folder standing in for dist/renderer.
 */
let dir: string;
let ctx: AppContext;
let host: WebHost;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Raw HTTP (fetch would not let us forge the Host header). */
function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, method, path, headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

let cookie = '';

function api(operation: string, input: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send('POST', `/api/${operation}`, {
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(input),
  });
}

/** Opens a launch URL as a browser would: the cookie it sets (`name=value`). */
async function openLaunchUrl(url: string): Promise<{ answer: Answer; cookie: string }> {
  const answer = await send('GET', new URL(url).pathname, { headers: { host: `127.0.0.1:${host.port}` } });
  const setCookie = answer.headers['set-cookie']?.[0] ?? '';
  return { answer, cookie: setCookie.split(';')[0] ?? '' };
}

function result(answer: Answer): DispatchResult {
  return JSON.parse(answer.text) as DispatchResult;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guichet-web-'));
  const rendererDir = join(dir, 'renderer');
  const dataDir = join(dir, 'data');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
      '<title>Guichet</title><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("guichet");');
  mkdirSync(join(rendererDir, 'assets', 'fonts'));
  ctx = createContext({ dataDir, actor: 'test', checkOutputs: true });
  host = await startWebHost({ ctx, port: 0, host: '127.0.0.1', rendererDir });
  await createAccount(ctx, { login: 'jdupont', displayName: 'Jeanne Dupont', permissions: ['accueil'], password: 'correct cheval pile agrafe' });
  cookie = (await openLaunchUrl(host.launchUrl())).cookie;
  expect(result(await api('session.login', { login: 'jdupont', password: 'correct cheval pile agrafe' })).ok).toBe(true);
});

afterAll(async () => {
  await host?.close();
  ctx?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web host', () => {
  it('listens on the loopback and prints one-time launch URLs', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.port).toBeGreaterThan(0);
    expect(host.launchUrl()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/ouvrir/[0-9a-f]{64}$`));
  });

  it('a launch URL sets an HttpOnly SameSite=Strict cookie and redirects to /, once', async () => {
    const url = host.launchUrl();
    const first = await openLaunchUrl(url);
    expect(first.answer.status).toBe(303);
    expect(first.answer.headers.location).toBe('/');
    const setCookie = first.answer.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^guichet_session_${host.port}=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict$`));
    // The code works once: a browser without the cookie gets a French page, no cookie.
    const again = await openLaunchUrl(url);
    expect(again.answer.status).toBe(403);
    expect(again.answer.headers['set-cookie']).toBeUndefined();
    expect(again.answer.text).toContain('a déjà servi');
    const forged = await openLaunchUrl(`${host.url}ouvrir/${'0'.repeat(64)}`);
    expect(forged.answer.status).toBe(403);
    // Each launch cookie is its own session: nobody is logged in on the new one.
    const state = result(await api('session.state', {}, { cookie: first.cookie }));
    expect(state).toMatchObject({ ok: true, value: { hasAccounts: true, account: null } });
  });

  it('GET / without the cookie says how to open Guichet, with no secret in any page', async () => {
    const answer = await send('GET', '/', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('Ouvrez Guichet avec le lien affiché au lancement');
    expect(answer.text).not.toMatch(/[0-9a-f]{64}/);
    expect(answer.headers['set-cookie']).toBeUndefined();
    const deep = await send('GET', '/familles/123', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(deep.status).toBe(401);
  });

  it('serves index.html to the cookie holder, with the CSP, no caching and no secret', async () => {
    const answer = await send('GET', '/', { headers: { host: `127.0.0.1:${host.port}`, cookie } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain('<title>Guichet</title>');
    expect(answer.text).not.toContain(cookie.split('=')[1]!);
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // The document viewer's frames: blob: URLs only, and no plugins through <object>/<embed>.
    expect(answer.headers['content-security-policy']).toContain('frame-src blob:');
    expect(answer.headers['content-security-policy']).toContain("object-src 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('serves the assets with the security headers, and deep links with the app', async () => {
    const asset = await send('GET', '/assets/app.js', { headers: { host: `localhost:${host.port}` } });
    expect(asset.status).toBe(200);
    expect(asset.text).toContain('guichet');
    expect(asset.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const deep = await send('GET', '/familles/123', { headers: { host: `127.0.0.1:${host.port}`, cookie } });
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<title>Guichet</title>');
    const missing = await send('GET', '/assets/absent.js', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(missing.status).toBe(404);
  });

  it('static files refused keep their 4xx status (a folder, a NUL byte, an undecodable URL), never 500', async () => {
    for (const path of ['/assets/', '/assets/fonts/', '/assets/app.js%00', '/assets/app.js%00.js', '/%E0%A4%A', '/assets/.hidden']) {
      const answer = await send('GET', path, { headers: { host: `127.0.0.1:${host.port}` } });
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      const body = result(answer);
      if (!body.ok) expect(body.error.message, path).not.toMatch(/Erreur interne/);
    }
  });

  it('refuses an API call without the session cookie (401, French)', async () => {
    const answer = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(401);
    const body = result(answer);
    expect(body.ok).toBe(false);
    if (!body.ok) {
      expect(body.error.code).toBe('UNAUTHENTICATED');
      expect(body.error.message).toMatch(/^Session inconnue/);
    }
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses a forged cookie of the same shape', async () => {
    const wrong = cookie.replace(/=./, (c) => (c === '=a' ? '=b' : '=a'));
    const answer = await api('app.info', {}, { cookie: wrong });
    expect(answer.status).toBe(401);
  });

  it('answers app.info for the logged-in account (200, DispatchResult)', async () => {
    const answer = await api('app.info', {});
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = result(answer);
    expect(body.ok).toBe(true);
    if (body.ok) {
      const info = body.value as { version: string; dataDir: string; actor: string; agentName: string; node: string };
      expect(info.dataDir).toBe(ctx.dataDir);
      expect(info.actor).toBe('jdupont');
      expect(info.agentName).toBe('Jeanne Dupont');
    }
  });

  it('refuses what the account’s roles do not allow (403) and an unknown session state before login (401)', async () => {
    const forbidden = await api('billing.issue', { periodId: 'x' });
    expect(forbidden.status).toBe(403);
    const other = (await openLaunchUrl(host.launchUrl())).cookie;
    const anonymous = await api('families.search', {}, { cookie: other });
    expect(anonymous.status).toBe(401);
  });

  it('accepts an empty body as {}', async () => {
    const answer = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json', cookie },
    });
    expect(answer.status).toBe(200);
    // …but never without the JSON content type (a form cannot send it: CSRF defence).
    const none = await send('POST', '/api/app.info', { headers: { cookie } });
    expect(none.status).toBe(415);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    for (const forged of ['evil.example', `evil.example:${host.port}`, '127.0.0.1:1']) {
      const answer = await api('app.info', {}, { host: forged });
      expect(answer.status, forged).toBe(403);
      const body = result(answer);
      if (!body.ok) expect(body.error.code).toBe('FORBIDDEN');
    }
    const page = await send('GET', '/', { headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a foreign Origin and accepts its own', async () => {
    const foreign = await api('app.info', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const nul = await api('app.info', {}, { origin: 'null' });
    expect(nul.status).toBe(403);
    const otherPort = await api('app.info', {}, { origin: 'http://127.0.0.1:1' });
    expect(otherPort.status).toBe(403);
    const own = await api('app.info', {}, { origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });

  it('answers invalid input with 400, a French message and the field', async () => {
    const answer = await api('families.get', {});
    expect(answer.status).toBe(400);
    const body = result(answer);
    expect(body.ok).toBe(false);
    if (!body.ok) {
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.field).toBe('id');
      expect(body.error.message).toMatch(/Identifiant obligatoire/);
    }
  });

  it('answers an unknown operation with 404', async () => {
    const answer = await api('nope.nothing', {});
    expect(answer.status).toBe(404);
    const body = result(answer);
    if (!body.ok) {
      expect(body.error.code).toBe('NOT_FOUND');
      expect(body.error.message).toMatch(/^Opération inconnue/);
    }
  });

  it('refuses non-JSON bodies and unreadable JSON in French', async () => {
    const text = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'text/plain', cookie },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const bad = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json', cookie },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    const body = result(bad);
    if (!body.ok) expect(body.error.message).toMatch(/JSON invalide/);
  });

  it('checks the session before reading a body (no parsing for strangers)', async () => {
    const answer = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(answer.status).toBe(401);
  });

  it('refuses a body over the limit with 413, in French', async () => {
    const answer = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json', cookie },
      body: `{"pad":"${'x'.repeat(46 * 1024 * 1024)}"}`,
    });
    expect(answer.status).toBe(413);
    const body = result(answer);
    if (!body.ok) expect(body.error.message).toMatch(/trop volumineuse/);
  });
});
