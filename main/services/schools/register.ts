import type { AuditAction } from '../../../shared/contract/audit.js';
import { AppError } from '../../../shared/contract/errors.js';
import type { School, SchoolInput, SchoolKind } from '../../../shared/contract/schools.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { matchKey } from '../../../shared/domain/search.js';
import { weekdaysFromText, weekdaysToText } from '../../../shared/domain/weekdays.js';
import type { AppContext } from '../../context.js';
import { transaction } from '../../store/journal.js';
import { asc, eq, sql } from 'drizzle-orm';
import { findRecord, insertRecord, requireRecord, type RowOf, updateRecord } from '../../store/records.js';
import { schools } from '../../store/schema.js';
import { nowIso, one, prepared } from '../../store/sql.js';

/** A new school serves meals Monday to Friday until its service days are set. */
export const DEFAULT_SERVICE_DAYS = weekdaysToText([1, 2, 3, 4, 5]);

/**
 * The schools' register: the one writer of the `schools` table. Every change is one transaction
 * with its audit entry and its sync messages (record()).
 */

export type SchoolRow = RowOf<typeof schools>;

/** The columns an agent or the directory may change. */
type SchoolChanges = Partial<Pick<SchoolRow, 'code' | 'name' | 'kind' | 'address' | 'headName' | 'serviceWeekdays' | 'closedOn'>>;

const q = (value: string) => `«\u00a0${value}\u00a0»`;

/** Every school by name, with the children placed there whose enrolment has not ended. */
export function listSchools(ctx: AppContext): School[] {
  const enrolled = sql<number>`(SELECT COUNT(*) FROM children c
    WHERE c.school_id = schools.id AND (c.enrolled_to IS NULL OR c.enrolled_to >= ${ctx.today()}))`;
  const rows = ctx.store.db.select({ school: schools, enrolled }).from(schools).orderBy(asc(schools.name)).all();
  return rows.map(({ school: r, enrolled: n }) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    address: r.address,
    headName: r.headName,
    serviceWeekdays: weekdaysFromText(r.serviceWeekdays),
    closedOn: r.closedOn,
    enrolledChildren: n,
  }));
}

export function schoolRows(ctx: AppContext): SchoolRow[] {
  return ctx.store.db.select().from(schools).all();
}

function requireSchool(ctx: AppContext, id: string): SchoolRow {
  return requireRecord(ctx, schools, id, 'Cet établissement n’existe pas (ou plus).');
}

/**
 * Refuses a code or a name another school has: a code is how the directory and the families CSV
 * find a school, a name how the agents (and the families CSV) tell them apart, accents and case
 * aside.
 */
function checkUnique(ctx: AppContext, code: string, name: string, selfId: string | null): void {
  const sameCode = one<{ name: string }>(ctx, 'SELECT name FROM schools WHERE code = ? AND id IS NOT ?', code, selfId);
  if (sameCode) throw AppError.invalid('code', `Code\u00a0: ${code} est déjà celui de ${q(sameCode.name)}.`);
  const key = matchKey(name);
  const sameName = schoolRows(ctx).find((s) => s.id !== selfId && matchKey(s.name) === key);
  if (sameName) throw AppError.invalid('name', `Nom\u00a0: ${q(sameName.name)} existe déjà (code ${sameName.code}).`);
}

/** Inserts a school, with its audit entry (`action`) and sync messages. */
export function insertSchool(
  ctx: AppContext,
  fields: Omit<SchoolRow, 'id' | 'updatedAt' | 'closedOn'>,
  action: AuditAction,
): SchoolRow {
  return insertRecord(ctx, schools, { id: ctx.newId(), ...fields, closedOn: null, updatedAt: nowIso() }, { action, familyId: null });
}

/** Writes the columns that differ (none: nothing written, nothing audited). */
export function changeSchool(ctx: AppContext, before: SchoolRow, changes: SchoolChanges, action: AuditAction): SchoolRow {
  const changed = (Object.keys(changes) as (keyof SchoolChanges)[]).some((k) => changes[k] !== before[k]);
  if (!changed) return before;
  return updateRecord(ctx, schools, before, { ...changes, updatedAt: nowIso() }, { action, familyId: null });
}

export function createSchool(ctx: AppContext, input: SchoolInput): { id: string } {
  return transaction(ctx, () => {
    checkUnique(ctx, input.code, input.name, null);
    const row = insertSchool(
      ctx,
      {
        code: input.code,
        name: input.name,
        kind: input.kind,
        address: input.address,
        headName: input.headName,
        serviceWeekdays: weekdaysToText(input.serviceWeekdays),
      },
      'school.create',
    );
    return { id: row.id };
  });
}

export function updateSchool(ctx: AppContext, input: SchoolInput & { id: string }): { ok: true } {
  return transaction(ctx, () => {
    const before = requireSchool(ctx, input.id);
    checkUnique(ctx, input.code, input.name, input.id);
    changeSchool(
      ctx,
      before,
      {
        code: input.code,
        name: input.name,
        kind: input.kind,
        address: input.address,
        headName: input.headName,
        serviceWeekdays: weekdaysToText(input.serviceWeekdays),
      },
      'school.update',
    );
    return { ok: true };
  });
}

/** Closes a school from a day on (a closed school may be given another closing day). */
export function closeSchool(ctx: AppContext, input: { id: string; closedOn: string }): { ok: true } {
  return transaction(ctx, () => {
    changeSchool(ctx, requireSchool(ctx, input.id), { closedOn: input.closedOn }, 'school.close');
    return { ok: true };
  });
}

/** Reopens a school closed by mistake (or reopened for real); an open school stays as it is. */
export function reopenSchool(ctx: AppContext, input: { id: string }): { ok: true } {
  return transaction(ctx, () => {
    changeSchool(ctx, requireSchool(ctx, input.id), { closedOn: null }, 'school.reopen');
    return { ok: true };
  });
}

/** The weekdays the school's catering runs (the calendar screen sets them too). */
export function setServiceWeekdays(ctx: AppContext, schoolId: string, weekdays: number[]): { ok: true } {
  return transaction(ctx, () => {
    const before = findRecord(ctx, schools, schoolId);
    if (!before) throw AppError.invalid('schoolId', 'École\u00a0: établissement inconnu.');
    changeSchool(ctx, before, { serviceWeekdays: weekdaysToText(weekdays) }, 'school.serviceWeekdays');
    return { ok: true };
  });
}

/**
 * Refuses to place a child in a school that does not exist or is closed (from the day its
 * closing is recorded, even a closing to come: a new child has nothing to do there).
 */
export function checkSchoolForNewChild(ctx: AppContext, schoolId: string, field: string): void {
  const school = prepared(ctx.store.sqlite, 'SELECT name, closed_on FROM schools WHERE id = ?').get(schoolId) as
    | { name: string; closed_on: string | null }
    | undefined;
  if (!school) throw AppError.invalid(field, 'École\u00a0: établissement inconnu.');
  if (school.closed_on !== null) {
    const when =
      school.closed_on <= ctx.today()
        ? `est fermée depuis le ${formatFrenchDate(school.closed_on)}`
        : `ferme le ${formatFrenchDate(school.closed_on)}`;
    throw AppError.invalid(field, `École\u00a0: ${q(school.name)} ${when}\u00a0; elle ne prend plus de nouvel enfant.`);
  }
}

/** A school as the demo data (and the tests) describe it. */
export interface SchoolSeed {
  code: string;
  name: string;
  kind: SchoolKind;
  address: string;
  headName: string | null;
}

/**
 * Creates the schools whose code is new and updates the others (matched by code): one
 * transaction. Returns the schools' ids by code. The demo data set and the tests load schools
 * this way; the service weekdays and closing of an existing school are left as they are.
 */
export function upsertSchools(ctx: AppContext, seeds: readonly SchoolSeed[]): Map<string, { id: string }> {
  return transaction(ctx, () => {
    const out = new Map<string, { id: string }>();
    for (const s of seeds) {
      const before = ctx.store.db.select().from(schools).where(eq(schools.code, s.code)).get();
      const fields = { code: s.code, name: s.name, kind: s.kind, address: s.address, headName: s.headName };
      const row = before
        ? changeSchool(ctx, before, fields, 'school.update')
        : insertSchool(ctx, { ...fields, serviceWeekdays: DEFAULT_SERVICE_DAYS }, 'school.create');
      out.set(s.code, { id: row.id });
    }
    return out;
  });
}
