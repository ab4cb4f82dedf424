import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { issueBilling } from '../../main/services/billing/issue.js';
import { getFamily } from '../../main/services/families/file.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';

/** A rhythm change from the family page follows the request path's rule: no reaching back into a billed period unless the agent says why. */
let s: BillingStore;
beforeEach(() => {
  s = billingStore('2026-03-20');
});
afterEach(() => s.ctx.dispose());

describe('rhythm change from the family page', () => {
  it('refuses a date inside a billed period, naming it; accepts it with a reason, which the audit and the history keep', async () => {
    const f = s.family({ name: 'Durand' });
    issueBilling(s.ctx, s.period('Mars'));
    const childId = f.children[0]!.id;

    const refused = await dispatch(s.ctx, 'children.setRhythm', { childId, weekdays: [1, 2], effectiveFrom: '2026-03-23' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'effectiveFrom' } });
    expect((refused as { error: { message: string } }).error.message).toBe(
      'Date d’effet\u00a0: la période Mars / Avril 2026 est déjà facturée, ses factures garderont l’ancien rythme. Choisissez une date après le 30/04/2026, ou indiquez le motif.',
    );
    expect(getFamily(s.ctx, f.id).children[0]!.rhythmHistory).toHaveLength(1);

    // After the billed period: no reason needed.
    expect((await dispatch(s.ctx, 'children.setRhythm', { childId, weekdays: [1, 2], effectiveFrom: '2026-05-04' })).ok).toBe(true);

    const forced = await dispatch(s.ctx, 'children.setRhythm', {
      childId,
      weekdays: [1, 4],
      effectiveFrom: '2026-03-23',
      overrideReason: 'Erreur de saisie du rythme à l’inscription',
    });
    expect(forced.ok).toBe(true);
    const history = getFamily(s.ctx, f.id).history;
    expect(history.find((h) => h.action === 'rhythm.override')?.summary).toBe(
      'Rythme appliqué dans la période déjà facturée Mars / Avril 2026\u00a0: Erreur de saisie du rythme à l’inscription',
    );
  });
});
