import { describe, expect, it } from 'vitest';
import { summariseChange } from '../../main/services/families/history.js';

describe('French lines of the file history', () => {
  it.each([
    ['family.validate', { status: 'pending' }, { status: 'active' }, 'Statut\u00a0: Actif'],
    ['family.radiate', { status: 'active' }, { status: 'radiated' }, 'Statut\u00a0: Radié'],
    ['family.archive', { status: 'radiated' }, { status: 'archived' }, 'Statut\u00a0: Archivé'],
    ['guardian.update', { first_name: 'Élodie', last_name: 'Martin', email: 'a@b.fr' }, { first_name: 'Élodie', last_name: 'Martin', email: 'c@d.fr' }, 'Responsable Élodie Martin modifié\u00a0: e-mail'],
    ['rhythm.create', null, { weekdays: '1,2,4,5', effective_from: '2026-05-01' }, 'Rythme\u00a0: lun., mar., jeu., ven. à partir du 01/05/2026'],
    ['qf.create', null, { value: 7180, tranche: 9, valid_from: '2026-01-01' }, 'Quotient familial enregistré\u00a0: 7\u00a0180\u00a0€ (tranche 9, à partir du 01/01/2026)'],
    ['payment.record', null, { method: 'cheque', amount_cents: 4706, receipt_number: 'R2026-000001' }, 'Paiement enregistré\u00a0: chèque de 47,06\u00a0€ (reçu R2026-000001)'],
    ['payment.allocate', null, { allocations: [{ invoice: 'F2026-000001', amount_cents: 4706 }], unallocated_cents: 1294 }, 'Paiement affecté\u00a0: F2026-000001 (47,06\u00a0€)\u00a0; 12,94\u00a0€ en avoir'],
    ['request.create', null, { type: 'refund' }, 'Demande reçue\u00a0: remboursement pour maladie'],
    ['request.decide', { type: 'rhythm', status: 'received' }, { type: 'rhythm', status: 'accepted' }, 'Demande changement de rythme\u00a0: acceptée'],
    ['credit.pending', null, { amount_cents: -1448, reason: 'Remboursement maladie du 09/03/2026 au 13/03/2026 : 4 repas' }, 'Avoir à imputer sur la prochaine facture\u00a0: 14,48\u00a0€ (Remboursement maladie du 09/03/2026 au 13/03/2026 : 4 repas)'],
    ['document.open', null, null, 'Certificat médical consulté'],
    ['family.create', null, { family_name: 'Martin' }, 'Création du dossier'],
    ['family.radiate', null, null, 'Dossier radié'],
    ['setting.set', null, { key: 'retention.years', value: '3' }, 'Paramètre modifié'],
    ['calendar.closure.create', null, { date: '2026-12-03' }, 'Fermeture ajoutée'],
    ['inconnue.action', null, null, 'Modification'],
  ])('%s', (action, before, after, expected) => {
    expect(summariseChange(action, before, after)).toBe(expected);
  });
});
