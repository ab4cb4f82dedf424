import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch.js';
import { SessionRegistry, type DeskSession } from '../../main/session/index.js';
import { operations, type OperationName } from '../../shared/contract/operations.js';
import { OPERATION_ACCESS } from '../../shared/contract/access.js';
import { PERMISSIONS, type Permission } from '../../shared/contract/permissions.js';
import { loggedInSession } from '../helpers/sessions.js';
import { tempContext } from '../helpers/temp-context.js';

/**
 * The role matrix over every operation of the contract (issue 9): for each, an account lacking its
 * permission is refused (FORBIDDEN, in French) before its input is read, and an account holding
 * only that permission gets past the check (to the input's validation: the input sent is wrong on
 * purpose, so nothing runs). Nobody logged in: only the public operations answer.
 */
let ctx: ReturnType<typeof tempContext>;
const registry = new SessionRegistry();
const only = new Map<Permission | 'none', DeskSession>();
const allBut = new Map<Permission, DeskSession>();
let anonymous: DeskSession;

beforeAll(async () => {
  ctx = tempContext();
  only.set('none', await loggedInSession(ctx, [], 'sans.role', registry));
  for (const p of PERMISSIONS) {
    only.set(p, await loggedInSession(ctx, [p], `seul.${p}`, registry));
    allBut.set(p, await loggedInSession(ctx, PERMISSIONS.filter((q) => q !== p), `sauf.${p}`, registry));
  }
  anonymous = registry.open();
});
afterAll(() => ctx.dispose());

const names = Object.keys(operations) as OperationName[];
/** Not an object: every operation's input schema refuses it, after the access check. */
const WRONG_INPUT = 42;

describe('the role matrix', () => {
  it('gives every operation of the contract an access, and nothing else', () => {
    expect(Object.keys(OPERATION_ACCESS).sort()).toEqual([...names].sort());
  });

  it.each(names.filter((n) => OPERATION_ACCESS[n] !== 'public' && OPERATION_ACCESS[n] !== 'session'))('%s: refused without its permission, allowed with it alone', async (name) => {
    const access = OPERATION_ACCESS[name] as Permission;
    const denied = await dispatch(ctx, allBut.get(access)!, name, WRONG_INPUT);
    expect(denied.ok).toBe(false);
    if (!denied.ok) {
      expect(denied.error.code).toBe('FORBIDDEN');
      expect(denied.error.message).toMatch(/^Cette action demande le rôle «\u00a0.+\u00a0», que votre compte n’a pas\.$/);
    }
    const allowed = await dispatch(ctx, only.get(access)!, name, WRONG_INPUT);
    expect(allowed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const anonymousCall = await dispatch(ctx, anonymous, name, WRONG_INPUT);
    expect(anonymousCall).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it.each(names.filter((n) => OPERATION_ACCESS[n] === 'session'))('%s: any logged-in agent, nobody else', async (name) => {
    const allowed = await dispatch(ctx, only.get('none')!, name, WRONG_INPUT);
    expect(allowed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const anonymousCall = await dispatch(ctx, anonymous, name, WRONG_INPUT);
    expect(anonymousCall).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/connectez-vous/) } });
  });

  it.each(names.filter((n) => OPERATION_ACCESS[n] === 'public'))('%s: open before login (the login and first-start screens)', async (name) => {
    const answer = await dispatch(ctx, anonymous, name, WRONG_INPUT);
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
