import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { handlers } from '../../main/api/handlers.js';
import { tempContext } from '../helpers/temp-context.js';

/** Tests run with `checkOutputs`: an answer outside the contract's output schema fails loudly. */
describe('dispatch output check', () => {
  const ctx = tempContext();
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => ctx.dispose());

  it('answers within the contract', async () => {
    expect(await dispatch(ctx, 'app.info', {})).toMatchObject({ ok: true, value: { actor: 'test' } });
  });

  it('refuses an answer outside the contract when checking, passes it through otherwise', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const original = handlers['app.info'];
    (handlers as Record<string, unknown>)['app.info'] = () => ({ version: 1 });
    try {
      expect(await dispatch(ctx, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(console.error).toHaveBeenCalledWith('[guichet] erreur interne', expect.objectContaining({ operation: 'app.info' }));
      expect(await dispatch({ ...ctx, checkOutputs: false }, 'app.info', {})).toEqual({ ok: true, value: { version: 1 } });
    } finally {
      (handlers as Record<string, unknown>)['app.info'] = original;
    }
  });
});
