import type { AuditAction } from '../../../shared/contract/audit.js';
import { and, asc, desc, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/contract/errors.js';
import type { OpParsedInput } from '../../../shared/contract/operations.js';
import { type Family, type FamilyData, childInput, guardianInput } from '../../../shared/contract/families.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { nextDefaultPeriodStart } from '../../../shared/domain/periods.js';
import { MAX_TRANCHE, trancheForQf } from '../../../shared/domain/tranche.js';
import { weekdaysFromText, weekdaysToText } from '../../../shared/domain/weekdays.js';
import type { AppContext } from '../../context.js';
import { auditLog, children, families, guardians, qfRecords, rhythms, schools } from '../../store/schema.js';
import { summariseChange } from './history.js';
import { audit, record, transaction } from '../../store/journal.js';
import { prepared } from '../../store/sql.js';
import { columnRow } from '../../store/rows.js';
import { deleteRecord, updateRecord } from '../../store/records.js';
import { requireWritableFamily } from '../family-status/index.js';
import { initialPurgeDate } from './lifecycle.js';
import { accountNames } from '../accounts/index.js';
import { HEALTH_PERMISSION } from '../../../shared/contract/permissions.js';
import { hideAuditRowHealth } from '../../../shared/rules/health-visibility.js';
import { reindexFamily } from './search-index.js';
import { gridFor, issuedPeriodOn, qfValidFrom } from '../billing/index.js';
import { schoolYearOf } from '../calendar/index.js';
import { checkSchoolForNewChild } from '../schools/index.js';
import { z } from 'zod';

type GuardianData = z.output<typeof guardianInput>;
type ChildData = z.output<typeof childInput>;
type FamilyRecord = typeof families.$inferSelect;

const DEFAULT_WEEKDAYS = [1, 2, 3, 4, 5];
const FIRST_DOSSIER_NUMBER = 40001;

function now(): string {
  return new Date().toISOString();
}

/*
 * The writes that bulk loads (CSV import, demo data) repeat thousands of times use prepared
 * statements compiled once per connection instead of query builders: building and compiling the
 * SQL at each call was a third of the load time. Same rows, same audit, same outbox.
 */
const SELECT_FAMILY = `SELECT id, dossier_number AS dossierNumber, family_name AS familyName, status,
  address_line1 AS addressLine1, address_line2 AS addressLine2, postal_code AS postalCode, city, notes,
  created_at AS createdAt, updated_at AS updatedAt, purge_after AS purgeAfter FROM families WHERE id = ?`;
const INSERT_FAMILY = `INSERT INTO families (id, dossier_number, family_name, status, address_line1, address_line2,
  postal_code, city, notes, created_at, updated_at, purge_after) VALUES (@id, @dossierNumber, @familyName, @status, @addressLine1,
  @addressLine2, @postalCode, @city, @notes, @createdAt, @updatedAt, @purgeAfter)`;
const INSERT_GUARDIAN = `INSERT INTO guardians (id, family_id, rank, last_name, first_name, is_payer, email, phone_mobile,
  phone_home, phone_work, address_line1, address_line2, postal_code, city, updated_at) VALUES (@id, @familyId, @rank,
  @lastName, @firstName, @isPayer, @email, @phoneMobile, @phoneHome, @phoneWork, @addressLine1, @addressLine2,
  @postalCode, @city, @updatedAt)`;
const INSERT_CHILD = `INSERT INTO children (id, family_id, last_name, first_name, birth_date, school_id, class_name,
  enrolled_from, enrolled_to, diet_need, updated_at) VALUES (@id, @familyId, @lastName, @firstName, @birthDate,
  @schoolId, @className, @enrolledFrom, @enrolledTo, @dietNeed, @updatedAt)`;
const INSERT_RHYTHM = `INSERT INTO rhythms (id, child_id, weekdays, effective_from, created_at, created_by)
  VALUES (@id, @childId, @weekdays, @effectiveFrom, @createdAt, @createdBy)`;
const INSERT_QF = `INSERT INTO qf_records (id, family_id, value, tranche, proof_received_on, valid_from, created_at)
  VALUES (@id, @familyId, @value, @tranche, @proofReceivedOn, @validFrom, @createdAt)`;

function requireFamily(ctx: AppContext, id: string): FamilyRecord {
  const row = prepared(ctx.store.sqlite, SELECT_FAMILY).get(id) as FamilyRecord | undefined;
  if (!row) throw AppError.notFound('Ce dossier famille n’existe pas (ou plus).');
  return row;
}

/**
 * A child newly placed in a school (a new child, or a child changing school): the school must
 * exist and be open. A child already there stays when the school closes (history, invoices).
 */
function checkNewPlacement(ctx: AppContext, schoolId: string | null, previousSchoolId: string | null, field: string): void {
  if (schoolId === null || schoolId === previousSchoolId) return;
  checkSchoolForNewChild(ctx, schoolId, field);
}

function nextDossierNumber(ctx: AppContext): number {
  const row = prepared(ctx.store.sqlite, 'SELECT MAX(dossier_number) AS n FROM families').get() as { n: number | null };
  return Math.max(row.n ?? 0, FIRST_DOSSIER_NUMBER - 1) + 1;
}

export interface CreateFamilyOptions {
  /** Audit action, e.g. `family.import` for CSV imports and demo data. */
  action?: AuditAction;
  /** Dossier number imposed by an import (must be free). */
  dossierNumber?: number;
}

/** Creates a family file with its guardians, children and their first rhythm: one transaction. */
export function createFamily(
  ctx: AppContext,
  data: FamilyData,
  options: CreateFamilyOptions = {},
): { id: string; dossierNumber: number } {
  return transaction(ctx, () => {
    const dossierNumber = options.dossierNumber ?? nextDossierNumber(ctx);
    if (options.dossierNumber !== undefined) {
      const taken = prepared(ctx.store.sqlite, 'SELECT id FROM families WHERE dossier_number = ?').get(dossierNumber);
      if (taken) throw AppError.invalid('dossierNumber', `Numéro de dossier\u00a0: ${dossierNumber} est déjà attribué.`);
    }
    const at = now();
    const id = ctx.newId();
    const row: FamilyRecord = {
      id,
      dossierNumber,
      familyName: data.familyName,
      status: data.status,
      addressLine1: data.address.line1,
      addressLine2: data.address.line2,
      postalCode: data.address.postalCode,
      city: data.address.city,
      notes: data.notes,
      createdAt: at,
      updatedAt: at,
      // Created already radiated or archived (an import of a history): its purge date now.
      purgeAfter: initialPurgeDate(ctx, data.children.map((c) => c.enrolledTo), ctx.today(), data.status),
    };
    prepared(ctx.store.sqlite, INSERT_FAMILY).run(row);
    record(ctx, {
      action: options.action ?? 'family.create',
      entity: 'families',
      entityId: id,
      familyId: id,
      before: null,
      after: columnRow(families, row),
    });
    data.guardians.forEach((g, i) => insertGuardian(ctx, id, g, `guardians.${i}`));
    data.children.forEach((c, i) => insertChild(ctx, id, c, `children.${i}`));
    reindexFamily(ctx, id);
    return { id, dossierNumber };
  });
}

function guardianRow(familyId: string, id: string, g: GuardianData) {
  return {
    id,
    familyId,
    rank: g.rank,
    lastName: g.lastName,
    firstName: g.firstName,
    isPayer: g.isPayer,
    email: g.email,
    phoneMobile: g.phoneMobile,
    phoneHome: g.phoneHome,
    phoneWork: g.phoneWork,
    addressLine1: g.address?.line1 ?? null,
    addressLine2: g.address?.line2 ?? null,
    postalCode: g.address?.postalCode ?? null,
    city: g.address?.city ?? null,
    updatedAt: now(),
  };
}

function insertGuardian(ctx: AppContext, familyId: string, g: GuardianData, field: string): string {
  const id = ctx.newId();
  const row = guardianRow(familyId, id, g);
  try {
    prepared(ctx.store.sqlite, INSERT_GUARDIAN).run({ ...row, isPayer: row.isPayer ? 1 : 0 });
  } catch (error) {
    if (String(error).includes('UNIQUE')) throw AppError.invalid(`${field}.rank`, `Rang\u00a0: ce dossier a déjà un responsable ${g.rank}.`);
    throw error;
  }
  record(ctx, { action: 'guardian.create', entity: 'guardians', entityId: id, familyId, before: null, after: columnRow(guardians, row) });
  return id;
}

function childRow(familyId: string, id: string, c: ChildData) {
  return {
    id,
    familyId,
    lastName: c.lastName,
    firstName: c.firstName,
    birthDate: c.birthDate,
    schoolId: c.schoolId,
    className: c.className,
    enrolledFrom: c.enrolledFrom,
    enrolledTo: c.enrolledTo,
    dietNeed: c.dietNeed,
    updatedAt: now(),
  };
}

function insertChild(ctx: AppContext, familyId: string, c: ChildData, field: string): string {
  checkNewPlacement(ctx, c.schoolId, null, `${field}.schoolId`);
  const id = ctx.newId();
  const row = childRow(familyId, id, c);
  prepared(ctx.store.sqlite, INSERT_CHILD).run(row);
  record(ctx, { action: 'child.create', entity: 'children', entityId: id, familyId, before: null, after: columnRow(children, row) });
  insertRhythm(ctx, familyId, id, c.weekdays ?? DEFAULT_WEEKDAYS, c.enrolledFrom);
  return id;
}

function insertRhythm(ctx: AppContext, familyId: string, childId: string, weekdays: number[], effectiveFrom: string): string {
  const id = ctx.newId();
  const row = { id, childId, weekdays: weekdaysToText(weekdays), effectiveFrom, createdAt: now(), createdBy: ctx.actor };
  prepared(ctx.store.sqlite, INSERT_RHYTHM).run(row);
  record(ctx, { action: 'rhythm.create', entity: 'rhythms', entityId: id, familyId, before: null, after: columnRow(rhythms, row) });
  return id;
}

export function updateFamily(ctx: AppContext, input: OpParsedInput<'families.update'>): { id: string } {
  return transaction(ctx, () => {
    const before = requireWritableFamily(ctx, input.id);
    const changes = {
      familyName: input.familyName,
      addressLine1: input.address.line1,
      addressLine2: input.address.line2,
      postalCode: input.address.postalCode,
      city: input.address.city,
      notes: input.notes === '' ? null : input.notes,
      updatedAt: now(),
    };
    updateRecord(ctx, families, before, changes, { action: 'family.update', familyId: input.id });
    reindexFamily(ctx, input.id);
    return { id: input.id };
  });
}

/** A guardian of this family (never one of another family's, whatever id the caller sends). */
function requireGuardian(ctx: AppContext, familyId: string, id: string): typeof guardians.$inferSelect {
  const row = ctx.store.db.select().from(guardians).where(and(eq(guardians.id, id), eq(guardians.familyId, familyId))).get();
  if (!row) throw AppError.notFound('Ce responsable n’existe pas dans ce dossier.');
  return row;
}

/** A child of this family. */
function requireChild(ctx: AppContext, familyId: string, id: string): typeof children.$inferSelect {
  const row = ctx.store.db.select().from(children).where(and(eq(children.id, id), eq(children.familyId, familyId))).get();
  if (!row) throw AppError.notFound('Cet enfant n’existe pas dans ce dossier.');
  return row;
}

export function saveGuardian(ctx: AppContext, familyId: string, g: GuardianData): { id: string } {
  return transaction(ctx, () => {
    requireWritableFamily(ctx, familyId);
    let id: string;
    if (g.id === undefined) {
      id = insertGuardian(ctx, familyId, g, 'guardian');
    } else {
      const before = requireGuardian(ctx, familyId, g.id);
      try {
        updateRecord(ctx, guardians, before, guardianRow(familyId, g.id, g), { action: 'guardian.update', familyId });
      } catch (error) {
        if (String(error).includes('UNIQUE')) throw AppError.invalid('guardian.rank', `Rang\u00a0: ce dossier a déjà un responsable ${g.rank}.`);
        throw error;
      }
      id = g.id;
    }
    if (g.isPayer) {
      // One payer per family: the others stop being payer, audited like any change.
      const others = ctx.store.db.select().from(guardians).where(eq(guardians.familyId, familyId)).all();
      for (const other of others) {
        if (other.id === id || !other.isPayer) continue;
        updateRecord(ctx, guardians, other, { isPayer: false, updatedAt: now() }, { action: 'guardian.update', familyId });
      }
    }
    checkOnePayer(ctx, familyId);
    reindexFamily(ctx, familyId);
    return { id };
  });
}

function checkOnePayer(ctx: AppContext, familyId: string): void {
  const all = ctx.store.db.select().from(guardians).where(eq(guardians.familyId, familyId)).all();
  if (all.length > 2) throw AppError.invalid('guardian.rank', 'Un dossier a deux responsables légaux au plus.');
  if (all.filter((g) => g.isPayer).length !== 1) {
    throw AppError.invalid('guardian.isPayer', 'Payeur\u00a0: un et un seul responsable doit être le payeur.');
  }
}

export function removeGuardian(ctx: AppContext, familyId: string, guardianId: string): { ok: true } {
  return transaction(ctx, () => {
    requireWritableFamily(ctx, familyId);
    const before = requireGuardian(ctx, familyId, guardianId);
    if (before.isPayer) {
      throw new AppError({
        code: 'CONFLICT',
        message: 'Le payeur ne peut pas être retiré\u00a0: désignez d’abord l’autre responsable comme payeur.',
      });
    }
    deleteRecord(ctx, guardians, before, { action: 'guardian.delete', familyId });
    reindexFamily(ctx, familyId);
    return { ok: true };
  });
}

export function saveChild(ctx: AppContext, familyId: string, c: ChildData): { id: string } {
  return transaction(ctx, () => {
    requireWritableFamily(ctx, familyId);
    let id: string;
    if (c.id === undefined) {
      id = insertChild(ctx, familyId, c, 'child');
    } else {
      const before = requireChild(ctx, familyId, c.id);
      checkNewPlacement(ctx, c.schoolId, before.schoolId, 'child.schoolId');
      updateRecord(ctx, children, before, childRow(familyId, c.id, c), { action: 'child.update', familyId });
      id = c.id;
    }
    reindexFamily(ctx, familyId);
    return { id };
  });
}

/** A new rhythm entry; the history keeps every earlier one. */
export function setRhythm(
  ctx: AppContext,
  input: Omit<OpParsedInput<'children.setRhythm'>, 'overrideReason'> & { overrideReason?: string | null },
): { id: string } {
  return transaction(ctx, () => {
    const child = ctx.store.db.select().from(children).where(eq(children.id, input.childId)).get();
    if (!child) throw AppError.notFound('Cet enfant n’existe pas (ou plus).');
    requireWritableFamily(ctx, child.familyId);
    if (child.enrolledTo !== null && input.effectiveFrom > child.enrolledTo) {
      throw AppError.invalid('effectiveFrom', 'Date d’effet\u00a0: après la date de sortie de l’enfant.');
    }
    // The request path's rule (DESIGN.md « Rhythm change »): a new rhythm does not reach back into a
    // billed period — its invoices keep the old days. An agent may still do it, saying why.
    const billed = issuedPeriodOn(ctx, input.effectiveFrom);
    const reason = input.overrideReason ?? null;
    if (billed && reason === null) {
      throw AppError.invalid(
        'effectiveFrom',
        `Date d’effet\u00a0: la période ${billed.label} est déjà facturée, ses factures garderont l’ancien rythme. Choisissez une date après le ${formatFrenchDate(billed.end)}, ou indiquez le motif.`,
      );
    }
    const id = insertRhythm(ctx, child.familyId, child.id, input.weekdays, input.effectiveFrom);
    if (billed && reason !== null) {
      audit(ctx, { action: 'rhythm.override', entity: 'rhythms', entityId: id, familyId: child.familyId, before: null, after: { period: billed.label, reason } });
    }
    return { id };
  });
}

/** Records a QF proof; its tranche applies from the next billing period (never retroactive). */
export function recordQf(
  ctx: AppContext,
  input: OpParsedInput<'qf.record'>,
): { id: string; tranche: number; validFrom: string } {
  return transaction(ctx, () => {
    requireWritableFamily(ctx, input.familyId);
    if (input.proofReceivedOn > ctx.today()) {
      throw AppError.invalid('proofReceivedOn', 'Justificatif reçu le\u00a0: la date est dans le futur.');
    }
    const id = ctx.newId();
    // From the next billing period stored (the default period starts when there is none), with
    // the tranche of that school year's grid (the default grid when the year is not stored).
    const validFrom = qfValidFrom(ctx, input.proofReceivedOn, nextDefaultPeriodStart(input.proofReceivedOn));
    const year = schoolYearOf(ctx, validFrom);
    const row = {
      id,
      familyId: input.familyId,
      value: input.value,
      tranche: year ? trancheForQf(input.value, gridFor(ctx, year.id).upperBounds) : trancheForQf(input.value),
      proofReceivedOn: input.proofReceivedOn,
      validFrom,
      createdAt: now(),
    };
    prepared(ctx.store.sqlite, INSERT_QF).run(row);
    record(ctx, { action: 'qf.create', entity: 'qf_records', entityId: id, familyId: input.familyId, before: null, after: columnRow(qfRecords, row) });
    return { id, tranche: row.tranche, validFrom: row.validFrom };
  });
}

/** The whole family file as the family page shows it. */
export function getFamily(ctx: AppContext, id: string): Family {
  const { db } = ctx.store;
  const f = requireFamily(ctx, id);
  const today = ctx.today();
  const gs = db.select().from(guardians).where(eq(guardians.familyId, id)).orderBy(asc(guardians.rank)).all();
  const cs = db
    .select({ child: children, schoolName: schools.name })
    .from(children)
    .leftJoin(schools, eq(children.schoolId, schools.id))
    .where(eq(children.familyId, id))
    .orderBy(asc(children.birthDate))
    .all();
  const qf = db.select().from(qfRecords).where(eq(qfRecords.familyId, id)).orderBy(desc(qfRecords.validFrom), desc(qfRecords.createdAt)).all();
  const inForce = qf.find((q) => q.validFrom <= today);
  const history = db.select().from(auditLog).where(eq(auditLog.familyId, id)).orderBy(desc(auditLog.at)).limit(500).all();
  const names = accountNames(ctx);
  const seesHealth = ctx.roles.has(HEALTH_PERMISSION);
  return {
    id: f.id,
    dossierNumber: f.dossierNumber,
    familyName: f.familyName,
    status: f.status,
    address: { line1: f.addressLine1, line2: f.addressLine2, postalCode: f.postalCode, city: f.city },
    notes: f.notes,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    guardians: gs.map((g) => ({
      id: g.id,
      rank: g.rank === 2 ? 2 : 1,
      lastName: g.lastName,
      firstName: g.firstName,
      isPayer: g.isPayer,
      email: g.email,
      phoneMobile: g.phoneMobile,
      phoneHome: g.phoneHome,
      phoneWork: g.phoneWork,
      address:
        g.addressLine1 && g.postalCode && g.city
          ? { line1: g.addressLine1, line2: g.addressLine2, postalCode: g.postalCode, city: g.city }
          : null,
    })),
    children: cs.map(({ child, schoolName }) => {
      const history = db
        .select()
        .from(rhythms)
        .where(eq(rhythms.childId, child.id))
        .orderBy(desc(rhythms.effectiveFrom), desc(rhythms.createdAt))
        .all();
      const current = history.find((r) => r.effectiveFrom <= today);
      return {
        id: child.id,
        lastName: child.lastName,
        firstName: child.firstName,
        birthDate: child.birthDate,
        schoolId: child.schoolId,
        schoolName,
        className: child.className,
        enrolledFrom: child.enrolledFrom,
        enrolledTo: child.enrolledTo,
        dietNeed: child.dietNeed,
        weekdays: current ? weekdaysFromText(current.weekdays) : [],
        rhythmHistory: history.map((r) => ({
          id: r.id,
          weekdays: weekdaysFromText(r.weekdays),
          effectiveFrom: r.effectiveFrom,
          createdAt: r.createdAt,
          createdBy: r.createdBy,
        })),
      };
    }),
    qf: qf.map((q) => ({ id: q.id, value: q.value, tranche: q.tranche, proofReceivedOn: q.proofReceivedOn, validFrom: q.validFrom })),
    tranche: inForce?.tranche ?? MAX_TRANCHE,
    history: history.map((a) => {
      let before = a.before ? (JSON.parse(a.before) as Record<string, unknown>) : null;
      let after = a.after ? (JSON.parse(a.after) as Record<string, unknown>) : null;
      if (!seesHealth) {
        before = hideAuditRowHealth(a.entity, before);
        after = hideAuditRowHealth(a.entity, after);
      }
      return {
        id: a.id,
        at: a.at,
        actor: names.get(a.actor) ?? a.actor,
        action: a.action,
        entity: a.entity,
        entityId: a.entityId,
        summary: summariseChange(a.action, before, after),
        before,
        after,
      };
    }),
  };
}
