import type { FastifyInstance } from 'fastify';

/**
 * A parent's browser over `app.inject` for the family pages' tests: it keeps the cookies the server
 * sets (and drops those it clears), reads the CSRF token of the last page, and posts forms as a
 * browser does (`application/x-www-form-urlencoded`).
 */
export interface Page {
  status: number;
  html: string;
  location: string | undefined;
  headers: Record<string, string | string[] | number | undefined>;
}

export class FamilyBrowser {
  readonly cookies = new Map<string, string>();
  private lastCsrf = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '203.0.113.7',
  ) {}

  async get(url: string): Promise<Page> {
    return this.request('GET', url);
  }

  /** Posts `fields`, with the CSRF token of the last form read unless `_csrf` is given. */
  async post(url: string, fields: Record<string, string>): Promise<Page> {
    const body = new URLSearchParams({ _csrf: this.csrf(), ...fields }).toString();
    return this.request('POST', url, body);
  }

  /** The `_csrf` field of the last page that had a form ('' before any). */
  csrf(): string {
    return this.lastCsrf;
  }

  private async request(method: 'GET' | 'POST', url: string, body?: string): Promise<Page> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body !== undefined ? { payload: body } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.lastCsrf = token;
    return { status: res.statusCode, html: res.body, location: res.headers.location?.toString(), headers: res.headers };
  }
}

/** A page's visible text, tags removed and entities of the pages decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}

/** A parent with an active espace, logged in: created through the pages, activated by its mailed link. */
export async function loggedInParent(
  app: FastifyInstance,
  activationText: (email: string) => Promise<string>,
  parent: { lastName: string; firstName: string; email: string; password: string },
): Promise<FamilyBrowser> {
  const browser = new FamilyBrowser(app);
  await browser.get('/creer-mon-espace');
  await browser.post('/creer-mon-espace', { ...parent, phone: '', confirmation: parent.password, consent: 'oui' });
  const link = /\/activer\?jeton=[\w-]+/.exec(await activationText(parent.email.toLowerCase()))![0];
  const page = await browser.get(link);
  await browser.post('/activer', { token: /name="token" value="([^"]+)"/.exec(page.html)![1]! });
  await browser.get('/');
  const login = await browser.post('/connexion', { email: parent.email, password: parent.password });
  if (login.status !== 303) throw new Error(`connexion refusée : ${textOf(login.html)}`);
  return browser;
}
