import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.js';
import { operations } from '../../shared/contract/operations.js';
import { familyInput as familySchema } from '../../shared/contract/families.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { familyInput } from '../helpers/fixtures.js';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('family input validation', () => {
  it('accepts a valid family and normalises e-mail and phones', () => {
    const data = parseOrThrow(familySchema, familyInput());
    expect(data.guardians[0]!.email).toBe('elodie.martin@example.fr');
    expect(data.guardians[0]!.phoneMobile).toBe('06 12 34 56 78');
    expect(data.guardians[1]!.phoneMobile).toBe('07 98 76 54 32');
    expect(data.status).toBe('active');
    expect(data.children[0]!.dietNeed).toBe('none');
  });

  it.each([
    ['a bidi override in a name', { familyName: 'Martin\u202eniteM' }, 'familyName', 'Caractère invisible ou de contrôle interdit.'],
    ['a control character in a name', { familyName: 'Mar\u0007tin' }, 'familyName', 'Caractère invisible ou de contrôle interdit.'],
    ['a lone surrogate in the notes', { notes: 'appel \ud800 du parent' }, 'notes', 'Caractère invisible ou de contrôle interdit.'],
    ['an isolate mark in the notes', { notes: 'Rappeler \u2067M. Ali\u2069 lundi' }, 'notes', 'Caractère invisible ou de contrôle interdit.'],
    ['a pile of combining marks', { familyName: 'Ma\u0301\u0301\u0301\u0301rtin' }, 'familyName', 'Trop de signes diacritiques sur une même lettre.'],
  ])('refuses %s, naming the field', (_name, overrides, field, message) => {
    const error = errorOf(() => parseOrThrow(familySchema, familyInput(overrides)));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });

  it('keeps line breaks and tabs in notes, and a letter with its accents', () => {
    const data = parseOrThrow(familySchema, familyInput({ notes: 'Garde alternée.\nAppeler le lundi\tmatin.', familyName: 'Nguyễn' }));
    expect(data.notes).toBe('Garde alternée.\nAppeler le lundi\tmatin.');
    expect(data.familyName).toBe('Nguyễn');
  });

  it.each(["N'Diaye", 'N’Diaye', 'Le Bihan', 'Martin-Lefèvre', 'Ðoàn'])('accepts the family name %s as typed', (name) => {
    expect(parseOrThrow(familySchema, familyInput({ familyName: name })).familyName).toBe(name);
  });

  it.each([
    {
      name: 'bad e-mail of RL1',
      patch: (f: ReturnType<typeof familyInput>) => {
        f.guardians[0]!.email = 'pas-un-email';
      },
      field: 'guardians.0.email',
      message: 'E-mail (responsable 1)\u00a0: Adresse e-mail invalide.',
    },
    {
      name: 'postal code',
      patch: (f: ReturnType<typeof familyInput>) => {
        f.address.postalCode = '7501';
      },
      field: 'address.postalCode',
      message: 'Code postal\u00a0: Code postal à 5 chiffres.',
    },
    {
      name: 'impossible birth date',
      patch: (f: ReturnType<typeof familyInput>) => {
        f.children![0]!.birthDate = '2018-02-30';
      },
      field: 'children.0.birthDate',
      message: 'Date de naissance (enfant 1)\u00a0: Date invalide (attendu\u00a0: une date réelle).',
    },
    {
      name: 'missing birth date',
      patch: (f: ReturnType<typeof familyInput>) => {
        f.children![0]!.birthDate = '';
      },
      field: 'children.0.birthDate',
      message: 'Date de naissance (enfant 1)\u00a0: Date obligatoire.',
    },
    {
      name: 'two payers',
      patch: (f: ReturnType<typeof familyInput>) => {
        f.guardians[1]!.isPayer = true;
      },
      field: 'guardians.0.isPayer',
      message: 'Payeur (responsable 1)\u00a0: Un et un seul responsable doit être le payeur.',
    },
    {
      name: 'empty first name',
      patch: (f: ReturnType<typeof familyInput>) => {
        f.guardians[0]!.firstName = '  ';
      },
      field: 'guardians.0.firstName',
      message: 'Prénom (responsable 1)\u00a0: Prénom obligatoire.',
    },
    {
      name: 'leaving before entering',
      patch: (f: ReturnType<typeof familyInput>) => {
        f.children![0]!.enrolledTo = '2025-08-01';
      },
      field: 'children.0.enrolledTo',
      message: "Date de sortie (enfant 1)\u00a0: La date de sortie précède la date d’entrée.",
    },
    {
      name: 'bad phone',
      patch: (f: ReturnType<typeof familyInput>) => {
        f.guardians[1]!.phoneMobile = '12 34';
      },
      field: 'guardians.1.phoneMobile',
      message: 'Téléphone portable (responsable 2)\u00a0: Numéro de téléphone invalide (10 chiffres, ou +33…).',
    },
  ])('names the field in French: $name', ({ patch, field, message }) => {
    const input = familyInput();
    patch(input);
    const error = errorOf(() => parseOrThrow(familySchema, input));
    expect(error.code).toBe('VALIDATION');
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('reports every problem at once', () => {
    const input = familyInput();
    input.guardians[0]!.email = 'x';
    input.address.city = '';
    const error = errorOf(() => parseOrThrow(familySchema, input));
    expect(error.issues?.map((i) => i.field).sort()).toEqual(['address.city', 'guardians.0.email']);
  });

  it('rejects a rhythm with a weekend day or no day', () => {
    const schema = operations['children.setRhythm'].input;
    expect(errorOf(() => parseOrThrow(schema, { childId: 'x', weekdays: [], effectiveFrom: '2026-03-01' })).field).toBe(
      'weekdays',
    );
    expect(
      errorOf(() => parseOrThrow(schema, { childId: 'x', weekdays: [1, 6], effectiveFrom: '2026-03-01' })).field,
    ).toBe('weekdays.1');
    expect(parseOrThrow(schema, { childId: 'x', weekdays: [5, 1, 2], effectiveFrom: '2026-03-01' }).weekdays).toEqual([
      1, 2, 5,
    ]);
  });
});
