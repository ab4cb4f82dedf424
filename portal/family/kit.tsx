import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { z } from 'zod';
import type { PortalSettings } from '../config.js';
import type { PortalStore } from '../store/open.js';
import { accountOf, type AccountContext, type FamilyAccount } from './accounts.js';
import { MessagePage } from './pages/account.js';
import type { FieldErrors } from './pages/forms.js';
import type { Viewer } from './pages/layout.js';
import { csrfMatches, readSession, startSession, type FamilySession } from './sessions.js';

/**
 * What every area of Mon Espace Famille's routes shares (accounts, « Ma famille », invoices,
 * requests…): rendering a page, reading a form, the visitor's session, the logged-in parent and
 * the CSRF check of a posted form. Each area registers its routes with `kit` (routes.tsx).
 */
export interface FamilyOptions {
  store: PortalStore;
  now: () => Date;
  settings: PortalSettings;
  /** Asks the mail job to send at once (a parent waits for the activation mail). */
  kickMail(): void;
}

/** The logged-in parent: their session, their espace, and what the pages show of them. */
export interface Parent {
  session: FamilySession;
  account: FamilyAccount;
  viewer: Viewer;
}

export interface FamilyKit extends FamilyOptions {
  context(): AccountContext;
  /** The visitor's session, a new anonymous one if none (its CSRF token goes in the page's forms). */
  visitor(request: FastifyRequest, reply: FastifyReply): Promise<FamilySession>;
  /** A POST's session, when its form carries the session's token; else the page says the form expired (null). */
  posted(request: FastifyRequest, reply: FastifyReply): Promise<FamilySession | null>;
  /** The logged-in parent of `session` (an active espace); null when none. */
  parentOf(session: FamilySession | null): Promise<Parent | null>;
  /** The logged-in parent, or null after sending the browser to the home page; `session`: one already read. */
  parent(request: FastifyRequest, reply: FastifyReply, session?: FamilySession): Promise<Parent | null>;
  /** A form posted by the logged-in parent (CSRF checked): the parent, or null once answered. */
  parentPost(request: FastifyRequest, reply: FastifyReply): Promise<Parent | null>;
  /** « Trop de tentatives », with its Retry-After. */
  tooMany(reply: FastifyReply, seconds: number): FastifyReply;
}

export function familyKit(options: FamilyOptions): FamilyKit {
  const { store } = options;
  const parentOf = async (session: FamilySession | null): Promise<Parent | null> => {
    const account = session?.accountId ? await accountOf(store, session.accountId) : null;
    return session && account ? { session, account, viewer: { firstName: account.firstName, csrf: session.csrf } } : null;
  };
  const parent = async (request: FastifyRequest, reply: FastifyReply, session?: FamilySession) => {
    const who = await parentOf(session ?? (await readSession(store.db, request, options.now())));
    if (!who) await reply.redirect('/', 303);
    return who;
  };
  const posted = async (request: FastifyRequest, reply: FastifyReply): Promise<FamilySession | null> => {
    const session = await readSession(store.db, request, options.now());
    if (csrfMatches(session, (request.body as Record<string, unknown> | undefined)?._csrf)) return session;
    page(reply, 403, <MessagePage title="Formulaire expiré" kind="warning" message="Ce formulaire a expiré (ou a été ouvert dans un autre onglet). Rechargez la page, puis recommencez." link={{ href: '/', label: 'Retour à l’accueil' }} />);
    return null;
  };
  return {
    ...options,
    context: () => ({ store, settings: options.settings, now: options.now() }),
    visitor: async (request, reply) => (await readSession(store.db, request, options.now())) ?? startSession(store.db, reply, { accountId: null, now: options.now() }),
    posted,
    parentOf,
    parent,
    parentPost: async (request, reply) => {
      const session = await posted(request, reply);
      return session ? parent(request, reply, session) : null;
    },
    tooMany: (reply, seconds) =>
      page(reply, 429, <MessagePage title="Trop de tentatives" kind="warning" message={`Trop de demandes en peu de temps. Par sécurité, réessayez dans ${waitText(seconds)}.`} link={{ href: '/', label: 'Retour à l’accueil' }} />, { 'retry-after': String(seconds) }),
  };
}

/** « Page introuvable », for a browser asking an address the server does not have (or a family asking another's). */
export function notFoundPage(reply: FastifyReply): FastifyReply {
  return page(reply, 404, <MessagePage title="Page introuvable" kind="warning" message="Cette adresse ne correspond à aucune page de votre espace famille." link={{ href: '/', label: 'Retour à l’accueil' }} />);
}

/** A page: HTML5, never cached (it may show a family's data or carry a form's token). */
export function page(reply: FastifyReply, status: number, element: ReactElement, headers: Record<string, string> = {}): FastifyReply {
  return reply
    .status(status)
    .headers({ 'cache-control': 'no-store', ...headers })
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToStaticMarkup(element)}`);
}

/** A form parsed: its data, or the French message of each wrong field and what was typed (never a password). */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): { data: z.output<S> | null; errors: FieldErrors; values: Record<string, string> } {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'string' && key !== 'password' && key !== 'confirmation' && key !== '_csrf') values[key] = value;
  const { _csrf: _ignored, ...fields } = raw;
  const result = schema.safeParse(fields);
  if (result.success) return { data: result.data, errors: {}, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return { data: null, errors, values };
}

/** One text field of a posted form ('' when absent or not text). */
export function formText(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds}\u00a0seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes}\u00a0minute${minutes > 1 ? 's' : ''}`;
}
