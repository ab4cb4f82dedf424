import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { handlers } from '../../main/api/handlers.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  ctx.dispose();
});

const families = () => (ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n;

describe('a failing disk or base, told in French', () => {
  it('a read-only base: the family is not created, and the agent is told why', async () => {
    ctx.store.sqlite.pragma('query_only = ON');
    const result = await dispatch(ctx, 'families.create', familyInput());
    ctx.store.sqlite.pragma('query_only = OFF');
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'La base est en lecture seule (droits du dossier de données, disque protégé)\u00a0: rien n’a été enregistré.' },
    });
    expect(families()).toBe(0);
  });

  it.each([
    ['SQLITE_FULL', 'Le disque est plein'],
    ['ENOSPC', 'Le disque est plein'],
    ['SQLITE_READONLY_DBMOVED', 'lecture seule'],
    ['EROFS', 'lecture seule'],
    ['SQLITE_CORRUPT', 'endommagée'],
    ['SQLITE_NOTADB', 'endommagée'],
    ['SQLITE_BUSY', 'occupée par un autre programme'],
    ['SQLITE_LOCKED_SHAREDCACHE', 'occupée par un autre programme'],
    ['SQLITE_IOERR_WRITE', 'n’a pas pu être lu ou écrit'],
    ['EIO', 'n’a pas pu être lu ou écrit'],
    ['ECONNRESET', 'Erreur interne'],
  ])('%s → « … %s … », nothing written', async (code, words) => {
    const original = handlers['families.create'];
    (handlers as Record<string, unknown>)['families.create'] = () => {
      throw Object.assign(new Error('simulated'), { code });
    };
    try {
      const result = await dispatch(ctx, 'families.create', familyInput());
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message).toContain(words);
        expect(result.error.message).not.toContain('simulated');
      }
    } finally {
      (handlers as Record<string, unknown>)['families.create'] = original;
    }
    expect(families()).toBe(0);
  });
});
