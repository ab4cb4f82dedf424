import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchResult } from '../../shared/contract/bridge.js';
import { createContext, type AppContext } from '../../main/context.js';
import { CONTENT_SECURITY_POLICY, fillToken, TOKEN_META_TAG } from '../../main/web/headers.js';
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

function api(operation: string, input: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send('POST', `/api/${operation}`, {
    headers: { 'content-type': 'application/json', 'x-guichet-token': host.token, ...headers },
    body: JSON.stringify(input),
  });
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
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">\n    <meta name="guichet-token" content="" />' +
      '<title>Guichet</title><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("guichet");');
  ctx = createContext({ dataDir, actor: 'test', checkOutputs: true });
  host = await startWebHost({ ctx, port: 0, host: '127.0.0.1', rendererDir });
});

afterAll(async () => {
  await host?.close();
  ctx?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web host', () => {
  it('listens on the loopback with a 64-hex-digit per-launch token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves index.html with the token filled in, the CSP and no caching', async () => {
    const answer = await send('GET', '/', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain(`<meta name="guichet-token" content="${host.token}">`);
    expect(answer.text).not.toMatch(/guichet-token" content=""/);
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('serves the assets with the security headers, and deep links with the app', async () => {
    const asset = await send('GET', '/assets/app.js', { headers: { host: `localhost:${host.port}` } });
    expect(asset.status).toBe(200);
    expect(asset.text).toContain('guichet');
    expect(asset.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const deep = await send('GET', '/familles/123', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(deep.status).toBe(200);
    expect(deep.text).toContain(host.token);
    const missing = await send('GET', '/assets/absent.js', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(missing.status).toBe(404);
  });

  it('refuses an API call without the token (403 FORBIDDEN, French)', async () => {
    const answer = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(403);
    const body = result(answer);
    expect(body.ok).toBe(false);
    if (!body.ok) {
      expect(body.error.code).toBe('FORBIDDEN');
      expect(body.error.message).toMatch(/^Jeton de session invalide/);
    }
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses a wrong token of the same length', async () => {
    const wrong = host.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const answer = await api('app.info', {}, { 'x-guichet-token': wrong });
    expect(answer.status).toBe(403);
  });

  it('answers app.info with the token (200, DispatchResult)', async () => {
    const answer = await api('app.info', {});
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = result(answer);
    expect(body.ok).toBe(true);
    if (body.ok) {
      const info = body.value as { version: string; dataDir: string; actor: string; node: string };
      expect(info.dataDir).toBe(ctx.dataDir);
      expect(info.actor).toBe('test');
    }
  });

  it('accepts an empty body as {}', async () => {
    const answer = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json', 'x-guichet-token': host.token },
    });
    expect(answer.status).toBe(200);
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
    expect(page.text).not.toContain(host.token);
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
      headers: { 'content-type': 'text/plain', 'x-guichet-token': host.token },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const bad = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json', 'x-guichet-token': host.token },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    const body = result(bad);
    if (!body.ok) expect(body.error.message).toMatch(/JSON invalide/);
  });

  it('checks the token before reading a body (no parsing for strangers)', async () => {
    const answer = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(answer.status).toBe(403);
  });

  it('fills both spellings of the meta tag, once', () => {
    expect(fillToken(`<head>${TOKEN_META_TAG}</head>`, 'abc')).toBe('<head><meta name="guichet-token" content="abc"></head>');
    expect(fillToken('<meta name="guichet-token" content="" />', 'abc')).toBe('<meta name="guichet-token" content="abc">');
    expect(fillToken('<meta name="other" content="">', 'abc')).toBe('<meta name="other" content="">');
  });

  it('refuses a body over the limit with 413, in French', async () => {
    const answer = await send('POST', '/api/app.info', {
      headers: { 'content-type': 'application/json', 'x-guichet-token': host.token },
      body: `{"pad":"${'x'.repeat(46 * 1024 * 1024)}"}`,
    });
    expect(answer.status).toBe(413);
    const body = result(answer);
    if (!body.ok) expect(body.error.message).toMatch(/trop volumineuse/);
  });

  it('refuses a token given at start that is not a safe string', async () => {
    await expect(startWebHost({ ctx, port: 0, rendererDir: dir, token: 'a"><script>' })).rejects.toThrow(/Jeton/);
  });
});
