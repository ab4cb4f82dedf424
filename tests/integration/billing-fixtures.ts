import { familyInput as familySchema, type FamilyInput } from '../../shared/contract/families.js';
import { parseOrThrow } from '../../shared/contract/validation.js';
import { createFamily, recordQf } from '../../main/services/families/file.js';
import { listPeriods } from '../../main/services/billing/periods.js';
import { seedDefaultCalendar } from '../../main/services/billing/seed.js';
import { upsertSchools } from '../../main/services/schools/register.js';
import { tempContext } from '../helpers/temp-context.js';

/**
 * A store for billing tests: the shipped 2025-2026 calendar (zone C, default grid, five periods),
 * two schools, and a movable « today » (`setToday`) so that proofs, runs and payments can be
 * dated as the story needs.
 */
export function billingStore(today = '2026-03-15') {
  let current = today;
  const ctx = tempContext({ today: () => current });
  // The fixtures' families are of 2025-2026, whatever day a test sets.
  seedDefaultCalendar(ctx, '2025-2026');
  const schools = upsertSchools(ctx, [
    { code: 'E-TEST', name: 'École élémentaire Test', kind: 'elementaire', address: '1 rue Test, 75011 Paris', headName: null },
    { code: 'M-TEST', name: 'École maternelle Test', kind: 'maternelle', address: '3 rue Test, 75011 Paris', headName: null },
  ]);
  const schoolId = schools.get('E-TEST')!.id;
  const otherSchoolId = schools.get('M-TEST')!.id;
  const periods = listPeriods(ctx);
  const period = (label: string) => {
    const found = periods.find((p) => p.label.startsWith(label));
    if (!found) throw new Error(`période ${label} introuvable`);
    return found.id;
  };
  const count = (table: string, where = '1 = 1', ...params: unknown[]) =>
    (ctx.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get(...params) as { n: number }).n;

  interface ChildSpec {
    firstName: string;
    schoolId?: string | null;
    weekdays?: number[];
    enrolledFrom?: string;
    enrolledTo?: string | null;
  }
  /** A family with one payer and its children; QF proofs recorded on their dates. */
  function family(spec: { name: string; children?: ChildSpec[]; qf?: { value: number; on: string }[]; status?: FamilyInput['status'] }) {
    const input: FamilyInput = {
      familyName: spec.name,
      status: spec.status ?? 'active',
      address: { line1: '12 rue de la Roquette', postalCode: '75011', city: 'Paris' },
      guardians: [{ rank: 1, lastName: spec.name, firstName: 'Camille', isPayer: true }],
      children: (spec.children ?? [{ firstName: 'Zoé' }]).map((c, i) => ({
        lastName: spec.name,
        firstName: c.firstName,
        birthDate: `2017-0${(i % 9) + 1}-15`,
        schoolId: c.schoolId === undefined ? schoolId : c.schoolId,
        enrolledFrom: c.enrolledFrom ?? '2025-09-01',
        enrolledTo: c.enrolledTo ?? null,
        weekdays: c.weekdays ?? [1, 2, 4, 5],
      })),
    };
    const saved = current;
    const { id } = createFamily(ctx, parseOrThrow(familySchema, input));
    for (const q of spec.qf ?? []) {
      current = q.on > current ? q.on : current;
      recordQf(ctx, { familyId: id, value: q.value, proofReceivedOn: q.on });
      current = saved;
    }
    const children = ctx.store.sqlite.prepare('SELECT id, first_name FROM children WHERE family_id = ? ORDER BY birth_date').all(id) as {
      id: string;
      first_name: string;
    }[];
    return { id, children };
  }

  return {
    ctx,
    schoolId,
    otherSchoolId,
    period,
    count,
    family,
    setToday(day: string) {
      current = day;
    },
  };
}

export type BillingStore = ReturnType<typeof billingStore>;
