import type { School } from '../../../../shared/contract/schools.js';
import { formatFrenchDate } from '../../../../shared/domain/dates.js';

/** Open, closing on a day to come, or closed: the « État » of a school in the register. */
export function schoolState(school: School, today: string): { tone: 'open' | 'closing' | 'closed'; label: string } {
  if (school.closedOn === null) return { tone: 'open', label: 'Ouverte' };
  if (school.closedOn > today) return { tone: 'closing', label: `Ferme le ${formatFrenchDate(school.closedOn)}` };
  return { tone: 'closed', label: `Fermée le ${formatFrenchDate(school.closedOn)}` };
}
