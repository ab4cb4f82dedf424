import { afterEach, expect, it } from 'vitest';
import { contextView, rootContext } from '../../main/context.js';
import { tempContext } from '../helpers/temp-context.js';

let ctx: ReturnType<typeof tempContext>;
afterEach(() => ctx.dispose());

it('a per-call view reads the desk live, writes to it, and a view of a view keeps its actor', () => {
  ctx = tempContext();
  const call = contextView(ctx, { actor: 'a.martin', roles: new Set(['accueil']) });
  expect(call.actor).toBe('a.martin');
  expect(ctx.actor).not.toBe('a.martin');

  // A service replacing a field (the in-app restore reopens the store) changes the desk itself.
  const store = ctx.store;
  call.restoreNotice = 'restaurée';
  expect(ctx.restoreNotice).toBe('restaurée');
  expect(call.store).toBe(store);
  expect(rootContext(call)).toBe(ctx);

  const inner = contextView(call, { extra: 1 });
  expect(inner.actor).toBe('a.martin');
  expect([...inner.roles]).toEqual(['accueil']);
  expect({ ...inner }.actor).toBe('a.martin');
  expect(rootContext(inner)).toBe(ctx);
});
