import type { FamilyInput } from '../../shared/contract/families.js';

/** A valid family input; override what a test is about. */
export function familyInput(overrides: Partial<FamilyInput> = {}): FamilyInput {
  return {
    familyName: 'Martin-Lefèvre',
    address: { line1: '12 rue de la Roquette', postalCode: '75011', city: 'Paris' },
    guardians: [
      {
        rank: 1,
        lastName: 'Martin',
        firstName: 'Élodie',
        isPayer: true,
        email: 'Elodie.Martin@example.fr',
        phoneMobile: '0612345678',
      },
      { rank: 2, lastName: 'Lefèvre', firstName: 'Jean-Baptiste', isPayer: false, phoneMobile: '07 98 76 54 32' },
    ],
    children: [
      {
        lastName: 'Martin-Lefèvre',
        firstName: 'Zoé',
        birthDate: '2018-05-04',
        enrolledFrom: '2025-09-01',
        className: 'CE2',
        weekdays: [1, 2, 4, 5],
      },
    ],
    ...overrides,
  };
}
