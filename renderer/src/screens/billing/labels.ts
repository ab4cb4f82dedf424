import type { LineKind } from '../../../../shared/contract/billing.js';

export const LINE_KIND_LABEL: Record<LineKind, string> = {
  meals: 'Repas',
  closure_credit: 'Fermeture',
  refund_credit: 'Remboursement',
  radiation_credit: 'Radiation',
  adjustment: 'Régularisation',
};
