import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch.js';
import { createFamily, getFamily } from '../../main/services/families/file.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { familyInput } from '../helpers/fixtures.js';
import { tempContext } from '../helpers/temp-context.js';

let ctx: ReturnType<typeof tempContext>;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.dispose());

describe('the agent’s name on this desk', () => {
  it('is asked for, kept for the system account, and names the agent in a file’s history', async () => {
    expect(await dispatch(ctx, 'app.info', {})).toMatchObject({ ok: true, value: { actor: 'test', agentName: null } });
    const { id } = createFamily(ctx, parseOrThrow(familySchema, familyInput()));
    expect(await dispatch(ctx, 'app.setAgentName', { name: '  Jeanne Dupont ' })).toEqual({ ok: true, value: { ok: true } });
    expect(await dispatch(ctx, 'app.info', {})).toMatchObject({ ok: true, value: { actor: 'test', agentName: 'Jeanne Dupont' } });
    // Entries written before the name was given read with it too: the audit keeps the account.
    expect(new Set(getFamily(ctx, id).history.map((h) => h.actor))).toEqual(new Set(['Jeanne Dupont']));
    const stored = ctx.store.sqlite.prepare("SELECT actor FROM audit_log WHERE action = 'setting.set'").all();
    expect(stored).toEqual([{ actor: 'test' }]);
    // Another system account on the same store has its own name.
    expect(await dispatch({ ...ctx, actor: 'autre' }, 'app.info', {})).toMatchObject({ ok: true, value: { agentName: null } });
  });

  it('refuses a name that is not one, naming the field', async () => {
    expect(await dispatch(ctx, 'app.setAgentName', { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'name', message: expect.stringContaining('Votre nom obligatoire') as string },
    });
    expect(await dispatch(ctx, 'app.setAgentName', { name: '1234' })).toMatchObject({ ok: false, error: { field: 'name' } });
  });
});
