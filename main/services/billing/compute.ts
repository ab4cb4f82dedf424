import { ofName } from '../../../shared/domain/french.js';
import { CLOSURE_KIND_LABELS, type ClosureKind } from '../../../shared/contract/calendar.js';
import { type BillingWarning, type DraftLine, type LineKind, type PayerAddress } from '../../../shared/contract/billing.js';
import { formatFrenchDate } from '../../../shared/domain/dates.js';
import { MAX_TRANCHE, trancheForQf } from '../../../shared/domain/tranche.js';
import { weekdaysFromText } from '../../../shared/domain/weekdays.js';
import { schoolDays, servedDaysAmong, type RhythmPeriod } from '../../../shared/rules/served-days.js';
import type { AppContext } from '../../context.js';
import { holidaysOf, requireSchoolYear, type SchoolYearRecord } from '../calendar/index.js';
import { prepared } from '../../store/sql.js';
import { requirePeriod, type PeriodRecord } from './periods.js';
import { gridFor, type Grid } from './tariffs.js';

/**
 * The billing computation of one period (DESIGN.md « Billing periods », « Served days »,
 * « Tariff », « Closures »): one draft invoice per payer family, with a line per child (served
 * days × the unit price of the family's tranche for the period) and credit lines (closures of days
 * billed on an earlier invoice, pending credits), plus the warnings an agent must see.
 *
 * Everything is read with a handful of bulk queries and computed in memory: the school days once
 * per school, then the served days per child among them.
 */

/** A line as computed, with what the store needs beside the contract's fields. */
export interface ComputedLine extends DraftLine {
  schoolId: string | null;
  /** JSON text of `days` (computed once; written as is). */
  daysJson: string;
  /** The pending credit this line consumes, if any. */
  pendingCreditId: string | null;
}

export interface ComputedDraft {
  familyId: string;
  dossierNumber: number;
  familyName: string;
  payerName: string;
  payerAddress: PayerAddress;
  tranche: number;
  /** The QF in force at the period start, null without a proof (tranche 10). */
  qfValue: number | null;
  meals: number;
  totalCents: number;
  kind: 'invoice' | 'credit_note';
  /** False when nothing is to be billed (no line): only warnings to show. */
  invoiced: boolean;
  lines: ComputedLine[];
  warnings: BillingWarning[];
}

export interface Computation {
  period: PeriodRecord;
  year: SchoolYearRecord;
  grid: Grid;
  /** In dossier number order; families with nothing to bill and no warning are left out. */
  drafts: ComputedDraft[];
}

interface FamilyRow {
  id: string;
  dossier_number: number;
  family_name: string;
  status: string;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
}

interface GuardianRow {
  family_id: string;
  rank: number;
  first_name: string;
  last_name: string;
  is_payer: number;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
}

interface ChildRow {
  id: string;
  family_id: string;
  first_name: string;
  last_name: string;
  school_id: string | null;
  enrolled_from: string;
  enrolled_to: string | null;
  birth_date: string;
}

interface ClosureCreditRow {
  date: string;
  kind: ClosureKind;
  label: string | null;
  child_id: string;
  school_id: string;
  unit_price_cents: number;
  family_id: string;
}

interface PendingCreditRow {
  id: string;
  family_id: string;
  child_id: string | null;
  kind: LineKind;
  days: string;
  unit_price_cents: number;
  amount_cents: number;
  reason: string;
}

/** Families billed: current files, and radiated ones for the days before they left. */
const BILLED_STATUSES = "('active', 'pending', 'radiated')";

/** Documents in force: issued, not cancelled, and not themselves the cancellation of another. */
export const IN_FORCE = "i.status = 'issued' AND i.cancels_invoice_id IS NULL";

/**
 * Billed days of closures not credited yet: a meals line in force whose days hold the closure's
 * date, at the closure's school, and no closure credit in force for that child and day. The join
 * order is forced (CROSS JOIN): from the few closures to the lines of their school and period.
 */
const CLOSURE_CREDITS = `
  SELECT c.date, c.kind, c.label, l.child_id, l.school_id, l.unit_price_cents, i.family_id
  FROM closures c
  CROSS JOIN billing_periods bp
  CROSS JOIN invoice_lines l
  CROSS JOIN invoices i
  WHERE bp.issued_at IS NOT NULL AND bp.id <> @period AND c.date >= bp.start_date AND c.date <= bp.end_date
    AND l.period_id = bp.id AND l.school_id = c.school_id AND l.kind = 'meals'
    AND instr(l.days, '"' || c.date || '"') > 0
    AND i.id = l.invoice_id AND ${IN_FORCE}
    AND (@family IS NULL OR i.family_id = @family)
    AND NOT EXISTS (
      SELECT 1 FROM invoice_lines l2 JOIN invoices i2 ON i2.id = l2.invoice_id
      WHERE l2.child_id = l.child_id AND l2.kind <> 'meals' AND l2.kind = 'closure_credit'
        AND i2.status = 'issued' AND i2.cancels_invoice_id IS NULL
        AND instr(l2.days, '"' || c.date || '"') > 0)
  ORDER BY c.date`;

export interface ComputeOptions {
  /** Only this family (a reissue after a cancellation). */
  familyId?: string;
}

function fullName(first: string, last: string): string {
  return `${first} ${last}`;
}

/** The days of a meals line: JSON built by hand (dates need no escaping), once per line. */
function daysJson(days: readonly string[]): string {
  return days.length === 0 ? '[]' : `["${days.join('","')}"]`;
}

export function computeBilling(ctx: AppContext, periodId: string, options: ComputeOptions = {}): Computation {
  const { sqlite } = ctx.store;
  const period = requirePeriod(ctx, periodId);
  const year = requireSchoolYear(ctx, period.schoolYearId);
  const grid = gridFor(ctx, year.id);
  const holidays = holidaysOf(ctx, year.id);
  const only = options.familyId ?? null;
  const start = period.startDate;
  const end = period.endDate;

  // School days: once per school for the period (closures of the period excluded).
  const closuresInPeriod = new Map<string, string[]>();
  for (const c of prepared(sqlite, 'SELECT school_id, date FROM closures WHERE date >= ? AND date <= ?').all(start, end) as {
    school_id: string;
    date: string;
  }[]) {
    const list = closuresInPeriod.get(c.school_id) ?? [];
    list.push(c.date);
    closuresInPeriod.set(c.school_id, list);
  }
  const daysBySchool = new Map<string, string[]>();
  for (const s of prepared(sqlite, 'SELECT id, name, service_weekdays FROM schools').all() as { id: string; name: string; service_weekdays: string }[]) {
    daysBySchool.set(
      s.id,
      schoolDays({
        range: { from: start, to: end },
        schoolYear: { start: year.firstDay, end: year.lastDay },
        holidays,
        closures: closuresInPeriod.get(s.id) ?? [],
        serviceWeekdays: weekdaysFromText(s.service_weekdays),
      }),
    );
  }

  // Bulk reads in raw (array) mode — fewer objects for 40,000 rows — grouped in memory.
  const raw = (sql: string) => prepared(sqlite, sql).raw(true);
  const families: FamilyRow[] = [];
  for (const r of raw(
    `SELECT id, dossier_number, family_name, status, address_line1, address_line2, postal_code, city
     FROM families WHERE status IN ${BILLED_STATUSES} AND (@family IS NULL OR id = @family)`,
  ).all({ family: only }) as [string, number, string, string, string, string | null, string, string][]) {
    families.push({
      id: r[0],
      dossier_number: r[1],
      family_name: r[2],
      status: r[3],
      address_line1: r[4],
      address_line2: r[5],
      postal_code: r[6],
      city: r[7],
    });
  }
  families.sort((a, b) => a.dossier_number - b.dossier_number);

  // The payer of each family (else its first guardian: a warning says so).
  const payers = new Map<string, GuardianRow>();
  for (const r of raw(
    `SELECT family_id, rank, first_name, last_name, is_payer, address_line1, address_line2, postal_code, city
     FROM guardians WHERE (@family IS NULL OR family_id = @family)
       AND (is_payer = 1 OR NOT EXISTS (SELECT 1 FROM guardians p WHERE p.family_id = guardians.family_id AND p.is_payer = 1))`,
  ).all({ family: only }) as [string, number, string, string, number, string | null, string | null, string | null, string | null][]) {
    const known = payers.get(r[0]);
    if (known && (known.is_payer > r[4] || (known.is_payer === r[4] && known.rank < r[1]))) continue;
    payers.set(r[0], {
      family_id: r[0],
      rank: r[1],
      first_name: r[2],
      last_name: r[3],
      is_payer: r[4],
      address_line1: r[5],
      address_line2: r[6],
      postal_code: r[7],
      city: r[8],
    });
  }

  const childrenByFamily = new Map<string, ChildRow[]>();
  for (const r of raw(
    `SELECT id, family_id, first_name, last_name, school_id, enrolled_from, enrolled_to, birth_date FROM children
     WHERE enrolled_from <= @end AND (enrolled_to IS NULL OR enrolled_to >= @start) AND (@family IS NULL OR family_id = @family)
     ORDER BY rowid`,
  ).all({ start, end, family: only }) as [string, string, string, string, string | null, string, string | null, string][]) {
    const c: ChildRow = {
      id: r[0],
      family_id: r[1],
      first_name: r[2],
      last_name: r[3],
      school_id: r[4],
      enrolled_from: r[5],
      enrolled_to: r[6],
      birth_date: r[7],
    };
    const list = childrenByFamily.get(c.family_id);
    if (list) {
      // In birth order (then entry order), as the family page lists them.
      let i = list.length;
      while (i > 0 && (list[i - 1] as ChildRow).birth_date > c.birth_date) i--;
      list.splice(i, 0, c);
    } else childrenByFamily.set(c.family_id, [c]);
  }

  // Rhythm history per child, in effect order (the later entry of a same date wins).
  const rhythmsByChild = new Map<string, RhythmPeriod[]>();
  const weekdaysOf = new Map<string, number[]>();
  for (const r of raw(
    `SELECT r.child_id, r.weekdays, r.effective_from FROM rhythms r
     ${only === null ? '' : 'JOIN children c ON c.id = r.child_id AND c.family_id = @family'}
     WHERE r.effective_from <= @end ORDER BY r.rowid`,
  ).all(only === null ? { end } : { end, family: only }) as [string, string, string][]) {
    let weekdays = weekdaysOf.get(r[1]);
    if (!weekdays) {
      weekdays = weekdaysFromText(r[1]);
      weekdaysOf.set(r[1], weekdays);
    }
    const entry = { from: r[2], weekdays };
    const list = rhythmsByChild.get(r[0]);
    if (list) {
      // By effective date; entries are read in the order they were written, so for the same date
      // the later one comes after (and wins).
      let i = list.length;
      while (i > 0 && (list[i - 1] as RhythmPeriod).from > entry.from) i--;
      list.splice(i, 0, entry);
    } else rhythmsByChild.set(r[0], [entry]);
  }

  // The QF in force at the period start: the latest proof whose valid_from has come.
  const qfByFamily = new Map<string, { value: number; validFrom: string }>();
  for (const r of raw(
    `SELECT family_id, value, valid_from FROM qf_records WHERE valid_from <= @start AND (@family IS NULL OR family_id = @family)
     ORDER BY rowid`,
  ).all({ start, family: only }) as [string, number, string][]) {
    // The latest valid_from wins; for the same date, the proof recorded last.
    const known = qfByFamily.get(r[0]);
    if (known && known.validFrom > r[2]) continue;
    qfByFamily.set(r[0], { value: r[1], validFrom: r[2] });
  }

  const closureCredits = new Map<string, ClosureCreditRow[]>();
  for (const c of prepared(sqlite, CLOSURE_CREDITS).all({ period: period.id, family: only }) as ClosureCreditRow[]) {
    const list = closureCredits.get(c.family_id);
    if (list) list.push(c);
    else closureCredits.set(c.family_id, [c]);
  }

  // A pending credit with a day of another period not issued yet waits for that period's run: the
  // refund of a day not billed yet is deducted from the invoice that bills it, not before.
  const otherUnissued = prepared(sqlite, 'SELECT start_date, end_date FROM billing_periods WHERE issued_at IS NULL AND id <> ?').all(period.id) as {
    start_date: string;
    end_date: string;
  }[];
  const waits = (days: readonly string[]) => days.some((d) => otherUnissued.some((u) => u.start_date <= d && d <= u.end_date));
  const pendingCredits = new Map<string, PendingCreditRow[]>();
  for (const p of prepared(
    sqlite,
    `SELECT id, family_id, child_id, kind, days, unit_price_cents, amount_cents, reason FROM pending_credits
     WHERE applied_invoice_id IS NULL AND (@family IS NULL OR family_id = @family) ORDER BY created_at, rowid`,
  ).all({ family: only }) as PendingCreditRow[]) {
    if (otherUnissued.length > 0 && waits(JSON.parse(p.days) as string[])) continue;
    const list = pendingCredits.get(p.family_id);
    if (list) list.push(p);
    else pendingCredits.set(p.family_id, [p]);
  }

  // Families that already have a document in force for this period (a reissue skips them).
  const alreadyBilled = new Set(
    (
      prepared(sqlite, `SELECT DISTINCT i.family_id FROM invoices i WHERE i.period_id = ? AND ${IN_FORCE}`).all(period.id) as {
        family_id: string;
      }[]
    ).map((r) => r.family_id),
  );

  const drafts: ComputedDraft[] = [];
  for (const f of families) {
    if (alreadyBilled.has(f.id)) continue;
    const kids = childrenByFamily.get(f.id) ?? [];
    const credits = closureCredits.get(f.id);
    const pending = pendingCredits.get(f.id);
    if (kids.length === 0 && !credits && !pending) continue;

    const warnings: BillingWarning[] = [];
    const qf = qfByFamily.get(f.id)?.value;
    const tranche = qf === undefined ? MAX_TRANCHE : trancheForQf(qf, grid.upperBounds);
    const price = grid.prices[tranche - 1] ?? 0;
    const lines: ComputedLine[] = [];
    const names = new Map<string, string>();
    let meals = 0;

    for (const child of kids) {
      const name = fullName(child.first_name, child.last_name);
      names.set(child.id, child.first_name);
      if (child.school_id === null) {
        warnings.push({ code: 'no_school', childId: child.id, message: `${name}\u00a0: pas d’école, aucun repas facturé.` });
        continue;
      }
      const rhythm = rhythmsByChild.get(child.id);
      if (!rhythm) {
        warnings.push({ code: 'no_rhythm', childId: child.id, message: `${name}\u00a0: aucun rythme de cantine, aucun repas facturé.` });
        continue;
      }
      const available = daysBySchool.get(child.school_id) ?? [];
      const days = servedDaysAmong(available, rhythm, { from: child.enrolled_from, to: child.enrolled_to });
      if (days.length === 0) continue;
      meals += days.length;
      lines.push({
        childId: child.id,
        schoolId: child.school_id,
        kind: 'meals',
        label: `Repas ${ofName(name)}`,
        days,
        daysJson: daysJson(days),
        quantity: days.length,
        unitPriceCents: price,
        amountCents: days.length * price,
        pendingCreditId: null,
      });
    }

    for (const c of credits ?? []) {
      const first = names.get(c.child_id) ?? childFirstName(ctx, c.child_id);
      const what = CLOSURE_KIND_LABELS[c.kind].toLowerCase();
      lines.push({
        childId: c.child_id,
        schoolId: c.school_id,
        kind: 'closure_credit',
        label: `Fermeture du ${formatFrenchDate(c.date)} (${what}${c.label ? `, ${c.label}` : ''})\u00a0: 1 repas ${ofName(first)}`,
        days: [c.date],
        daysJson: daysJson([c.date]),
        quantity: -1,
        unitPriceCents: c.unit_price_cents,
        amountCents: -c.unit_price_cents,
        pendingCreditId: null,
      });
    }

    for (const p of pending ?? []) {
      const days = JSON.parse(p.days) as string[];
      lines.push({
        childId: p.child_id,
        schoolId: null,
        kind: p.kind,
        label: p.reason,
        days,
        daysJson: p.days,
        quantity: p.amount_cents < 0 ? -days.length : days.length,
        unitPriceCents: p.unit_price_cents,
        amountCents: p.amount_cents,
        pendingCreditId: p.id,
      });
    }

    if (lines.length === 0 && warnings.length === 0) continue;

    // The payer and the address the invoice is sent to (the payer's own, else the family's).
    const payer = payers.get(f.id);
    if (payer?.is_payer !== 1) {
      warnings.push({
        code: 'no_payer',
        childId: null,
        message: payer ? 'Aucun payeur désigné\u00a0: facture adressée au responsable 1.' : 'Aucun responsable légal\u00a0: facture adressée à la famille.',
      });
    }
    const own = payer?.address_line1 && payer.postal_code && payer.city;
    const payerAddress: PayerAddress = own
      ? { line1: payer.address_line1!, line2: payer.address_line2, postalCode: payer.postal_code!, city: payer.city! }
      : { line1: f.address_line1, line2: f.address_line2, postalCode: f.postal_code, city: f.city };
    if (!payerAddress.line1.trim() || !/^\d{5}$/.test(payerAddress.postalCode) || !payerAddress.city.trim()) {
      warnings.push({ code: 'payer_without_address', childId: null, message: 'Adresse du payeur incomplète\u00a0: la facture ne pourra pas être envoyée.' });
    }
    if (qf === undefined && lines.some((l) => l.kind === 'meals')) {
      warnings.push({ code: 'no_qf', childId: null, message: 'Pas de justificatif de quotient familial en vigueur\u00a0: tranche 10.' });
    }

    let total = 0;
    for (const l of lines) total += l.amountCents;
    drafts.push({
      familyId: f.id,
      dossierNumber: f.dossier_number,
      familyName: f.family_name,
      payerName: payer ? fullName(payer.first_name, payer.last_name) : `Famille ${f.family_name}`,
      payerAddress,
      tranche,
      qfValue: qf ?? null,
      meals,
      totalCents: total,
      kind: total < 0 ? 'credit_note' : 'invoice',
      invoiced: lines.length > 0,
      lines,
      warnings,
    });
  }
  return { period, year, grid, drafts };
}

/** The meals a child is scheduled to eat in a period not issued yet, as its run would bill them. */
export interface ScheduledMeals {
  periodId: string;
  label: string;
  start: string;
  end: string;
  unitPriceCents: number;
  days: string[];
}

/**
 * The days a child is scheduled to eat in the billing periods not issued yet that meet `range`
 * (bounds included), each period with the price its run would bill: the run's own computation
 * (calendar, closures, rhythm, enrolment, tranche), for the child's family only.
 */
export function scheduledMeals(ctx: AppContext, childId: string, range: { from: string; to: string }): ScheduledMeals[] {
  const child = prepared(ctx.store.sqlite, 'SELECT family_id FROM children WHERE id = ?').get(childId) as { family_id: string } | undefined;
  if (!child) return [];
  const periods = prepared(
    ctx.store.sqlite,
    'SELECT id, label, start_date, end_date FROM billing_periods WHERE issued_at IS NULL AND start_date <= ? AND end_date >= ? ORDER BY start_date',
  ).all(range.to, range.from) as { id: string; label: string; start_date: string; end_date: string }[];
  const out: ScheduledMeals[] = [];
  for (const p of periods) {
    const draft = computeBilling(ctx, p.id, { familyId: child.family_id }).drafts[0];
    const line = draft?.lines.find((l) => l.kind === 'meals' && l.childId === childId);
    if (!line) continue;
    const days = line.days.filter((d) => d >= range.from && d <= range.to);
    if (days.length > 0) out.push({ periodId: p.id, label: p.label, start: p.start_date, end: p.end_date, unitPriceCents: line.unitPriceCents, days });
  }
  return out;
}

/** A child of a closure credit who is not billed this period (left, or changed family data). */
function childFirstName(ctx: AppContext, childId: string): string {
  const row = prepared(ctx.store.sqlite, 'SELECT first_name FROM children WHERE id = ?').get(childId) as { first_name: string } | undefined;
  return row?.first_name ?? 'l’enfant';
}

export interface Totals {
  invoices: number;
  creditNotes: number;
  lines: number;
  meals: number;
  amountCents: number;
}

export function totalsOf(drafts: readonly ComputedDraft[]): Totals {
  const totals: Totals = { invoices: 0, creditNotes: 0, lines: 0, meals: 0, amountCents: 0 };
  for (const d of drafts) {
    if (!d.invoiced) continue;
    if (d.kind === 'credit_note') totals.creditNotes += 1;
    else totals.invoices += 1;
    totals.lines += d.lines.length;
    totals.meals += d.meals;
    totals.amountCents += d.totalCents;
  }
  return totals;
}
