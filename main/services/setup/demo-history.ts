import { readFileSync } from 'node:fs';
import type { PaymentMethod } from '../../../shared/contract/payments.js';
import { addDays, isoWeekday } from '../../../shared/domain/calendar.js';
import { demoSchoolYears, schoolYearLabel } from '../../../shared/domain/school-year.js';
import type { AppContext } from '../../context.js';
import { IN_FORCE, issueBilling, listPeriods, missingCalendarMessage, seedDefaultCalendar, shippedCalendarFile } from '../billing/index.js';
import { addClosure, importCalendarFile, listSchoolYears } from '../calendar/index.js';
import { overdueInvoices, recordPayment } from '../payments/index.js';
import { reminderPdf } from '../print/index.js';
import { assignRequest, closeCorrection, createRequest, decideRadiation, decideRefund, decideRhythm, setRequestStatus } from '../requests/index.js';
import { all, one } from '../../store/sql.js';

/**
 * The life of the demo Caisse up to the day it is loaded, through the application's own services
 * as agents would have done it, each on its day (a context whose today() is that day): the school
 * years with their shipped calendars, closures, the billing periods issued on their issue date,
 * payments at the counter and online, reminders for the overdue, requests in every state.
 */

export interface DemoRandom {
  float(): number;
  chance(p: number): boolean;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  digits(n: number): string;
}

/** The dates the demo families are set on, from the stored calendar of their school year. */
export interface DemoDates {
  /** Start year of the school year the families live in (the one containing today; in summer, the one just ended). */
  year: number;
  previousYearStart: string;
  previousYearEnd: string;
  yearStart: string;
  yearEnd: string;
  /** The day after the Christmas holidays: a few rhythms change then. */
  rhythmChange: string;
  /** Days children arrived during the year (the day after a holiday), none after today. */
  midYearArrivals: string[];
  /** Last billed days of radiated families (the day before a holiday), none after today. */
  radiationDates: string[];
}

/** A school year as the demo needs it: from the store, or (no shipped file) approximate dates for the families only. */
interface YearDates {
  firstDay: string;
  lastDay: string;
  holidays: { label: string; from: string; to: string }[];
}

function firstWeekdayFrom(day: string): string {
  let d = day;
  while (isoWeekday(d) > 5) d = addDays(d, 1);
  return d;
}

function lastFridayBefore(day: string): string {
  let d = day;
  while (isoWeekday(d) !== 5) d = addDays(d, -1);
  return d;
}

function yearDates(ctx: AppContext, start: number): YearDates {
  const stored = listSchoolYears(ctx).find((y) => y.label === schoolYearLabel(start));
  if (stored) return { firstDay: stored.firstDay, lastDay: stored.lastDay, holidays: stored.holidays };
  return { firstDay: firstWeekdayFrom(`${start}-09-01`), lastDay: lastFridayBefore(`${start + 1}-07-05`), holidays: [] };
}

/**
 * Seeds every school year of the demo that Guichet ships; the others are named in the warnings.
 * The previous year gets its calendar only (the demo Caisse bills with Guichet since this year's
 * rentrée: its families' past days and absences fall in a known calendar, no period of it is left
 * « à émettre »); the year of the families and the next one get their tariffs and periods too.
 */
export function seedDemoCalendars(ctx: AppContext): { dates: DemoDates; warnings: string[] } {
  const today = ctx.today();
  const { anchor, years } = demoSchoolYears(today);
  const warnings: string[] = [];
  for (const start of years) {
    const label = schoolYearLabel(start);
    const file = shippedCalendarFile(label);
    if (file === null) warnings.push(missingCalendarMessage(label));
    else if (start < anchor) importCalendarFile(ctx, { content: readFileSync(file, 'utf8'), schoolYearLabel: label });
    else seedDefaultCalendar(ctx, label);
  }
  const previous = yearDates(ctx, anchor - 1);
  const current = yearDates(ctx, anchor);
  const holiday = (word: string) => current.holidays.find((h) => h.label.includes(word));
  const after = (word: string, fallback: string) => {
    const h = holiday(word);
    return h ? firstWeekdayFrom(addDays(h.to, 1)) : fallback;
  };
  const before = (word: string, fallback: string) => {
    const h = holiday(word);
    return h ? lastFridayBefore(addDays(h.from, -1)) : fallback;
  };
  const y = anchor;
  const notAfterToday = (days: string[], fallback: string) => {
    const kept = days.filter((d) => d <= today);
    return kept.length > 0 ? kept : [fallback];
  };
  const dates: DemoDates = {
    year: y,
    previousYearStart: previous.firstDay,
    previousYearEnd: previous.lastDay,
    yearStart: current.firstDay,
    yearEnd: current.lastDay,
    rhythmChange: after('Noël', `${y + 1}-01-05`),
    midYearArrivals: notAfterToday(
      [after('Toussaint', `${y}-11-03`), after('Noël', `${y + 1}-01-05`), after('Hiver', `${y + 1}-03-08`)],
      current.firstDay,
    ),
    radiationDates: notAfterToday(
      [before('Toussaint', `${y}-10-16`), before('Noël', `${y}-12-18`), before('Hiver', `${y + 1}-02-12`), before('Printemps', `${y + 1}-04-02`)],
      previous.lastDay,
    ),
  };
  return { dates, warnings };
}

/** A context whose day is `day`: what an agent did on that day. */
function on(ctx: AppContext, day: string): AppContext {
  return { ...ctx, today: () => day };
}

/** The n-th given weekday (1 = Monday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  let d = `${year}-${String(month).padStart(2, '0')}-01`;
  while (isoWeekday(d) !== weekday) d = addDays(d, 1);
  return addDays(d, 7 * (n - 1));
}

/** A few closures of each demo year (strikes, a school trip): the strikes up to today, the trip planned. */
export function addDemoClosures(ctx: AppContext, dates: DemoDates): number {
  const today = ctx.today();
  const schools = new Map(all<{ id: string; code: string }>(ctx, 'SELECT id, code FROM schools').map((s) => [s.code, s.id]));
  const years = listSchoolYears(ctx);
  let count = 0;
  for (const y of [dates.year - 1, dates.year]) {
    if (!years.some((s) => s.label === schoolYearLabel(y))) continue;
    const closures = [
      { date: nthWeekday(y, 12, 2, 1), kind: 'strike' as const, label: null, codes: ['M-PARM', 'E-PARM', 'E-OBER', 'P-FROM'] },
      { date: nthWeekday(y + 1, 3, 2, 3), kind: 'strike' as const, label: null, codes: ['E-SMAU', 'E-ROQU', 'M-KELL'] },
      { date: nthWeekday(y + 1, 5, 5, 4), kind: 'trip' as const, label: 'classe de découverte', codes: ['E-SERV'] },
    ];
    for (const c of closures) {
      if (c.kind === 'strike' && c.date > today) continue;
      const schoolIds = c.codes.map((code) => schools.get(code)).filter((id): id is string => id !== undefined);
      if (schoolIds.length === 0) continue;
      count += addClosure(on(ctx, c.kind === 'strike' && c.date <= today ? c.date : today), { schoolIds, date: c.date, kind: c.kind, label: c.label }).ids.length;
    }
  }
  return count;
}

/* ---------- billing and payments ---------- */

const METHODS: readonly { method: PaymentMethod; weight: number }[] = [
  { method: 'payfip', weight: 40 },
  { method: 'sepa', weight: 20 },
  { method: 'cheque', weight: 20 },
  { method: 'card', weight: 12 },
  { method: 'cash', weight: 5 },
  { method: 'transfer', weight: 3 },
];
const BANKS = ['La Banque Postale', 'Crédit Agricole', 'Société Générale', 'BNP Paribas', 'Caisse d’Épargne', 'LCL', 'Crédit Mutuel'];

/** The periods to issue on `today`: those whose issue date has passed, oldest first. */
export function periodsToIssue(ctx: AppContext): { id: string; label: string; issueDate: string }[] {
  const today = ctx.today();
  return listPeriods(ctx).filter((p) => p.issuedAt === null && p.issueDate < today);
}

function randomDay(random: DemoRandom, from: string, to: string): string {
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return addDays(from, random.int(0, Math.max(0, span)));
}

/**
 * Issues a period on its issue date, then records what the families paid for it up to today: most
 * before the due date (online with PayFIP, by direct debit, at the counter), some late, a few not
 * at all (they are overdue). Returns the number of invoices and payments.
 */
export function issueDemoPeriod(ctx: AppContext, random: DemoRandom, period: { id: string; issueDate: string }): { invoices: number; payments: number } {
  const today = ctx.today();
  const result = issueBilling(on(ctx, period.issueDate), period.id);
  const invoices = all<{ id: string; family_id: string; due: number; issued_on: string; due_date: string }>(
    ctx,
    `SELECT i.id, i.family_id, i.issued_on, i.due_date,
       i.total_cents - COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.invoice_id = i.id AND a.released_at IS NULL), 0) AS due
     FROM invoices i WHERE i.period_id = ? AND i.kind = 'invoice' AND ${IN_FORCE} ORDER BY i.number`,
    period.id,
  );
  let payments = 0;
  for (const invoice of invoices) {
    const roll = random.float();
    const method = random.weighted(METHODS, (m) => m.weight).method;
    if (invoice.due <= 0 || roll >= 0.95) continue; // nothing to pay, or never paid
    const opens = addDays(invoice.issued_on, 1);
    const [from, to] = roll < 0.86 ? [opens, invoice.due_date] : [addDays(invoice.due_date, 1), addDays(invoice.due_date, 60)];
    if (from > today) continue; // not paid yet
    const receivedOn = randomDay(random, from, to < today ? to : today);
    const cheque = method === 'cheque';
    recordPayment(on(ctx, receivedOn), {
      familyId: invoice.family_id,
      method,
      amountCents: invoice.due,
      receivedOn,
      bank: cheque ? random.pick(BANKS) : null,
      chequeNumber: cheque ? random.digits(7) : null,
      reference: method === 'payfip' ? `PayFIP ${random.digits(12)}` : method === 'transfer' ? `VIR ${random.digits(8)}` : null,
      idempotencyKey: `demo-${invoice.id}`,
      allocation: { invoiceIds: [invoice.id] },
    });
    payments += 1;
  }
  return { invoices: result.invoices, payments };
}

/** First reminder letters for the families longest overdue (the PDFs, as the overdue screen makes them). */
export async function sendDemoReminders(ctx: AppContext, count: number): Promise<number> {
  const today = ctx.today();
  const { rows } = overdueInvoices(ctx, { asOf: today, limit: 200 });
  const families = new Set<string>();
  let sent = 0;
  for (const row of rows) {
    if (sent >= count) break;
    if (families.has(row.familyId)) continue;
    families.add(row.familyId);
    const day = addDays(row.dueDate, 15) < today ? addDays(row.dueDate, 15) : today;
    await reminderPdf(on(ctx, day), row.invoiceId);
    sent += 1;
  }
  return sent;
}

/* ---------- requests ---------- */

interface Kid {
  child_id: string;
  family_id: string;
  weekdays: string;
}

/**
 * Requests of the last weeks in every state: a message just received, a correction in review, a
 * refund waiting for its certificate, a refund refused, rhythm changes accepted (when a billing
 * period starts after today), refused and open, a correction done, a radiation in progress
 * (waiting for the radiation certificate). Returns how many were created.
 */
export function addDemoRequests(ctx: AppContext, random: DemoRandom): number {
  const today = ctx.today();
  const kids = all<Kid>(
    ctx,
    `SELECT c.id AS child_id, c.family_id, (SELECT r.weekdays FROM rhythms r WHERE r.child_id = c.id ORDER BY r.effective_from DESC LIMIT 1) AS weekdays
     FROM children c JOIN families f ON f.id = c.family_id
     WHERE f.status = 'active' AND c.enrolled_to IS NULL AND c.school_id IS NOT NULL
     ORDER BY f.dossier_number, c.birth_date LIMIT 400`,
  );
  if (kids.length < 12) return 0;
  const used = new Set<string>();
  const kid = (): Kid => {
    for (;;) {
      const k = random.pick(kids);
      if (!used.has(k.family_id)) {
        used.add(k.family_id);
        return k;
      }
    }
  };
  const ago = (days: number) => addDays(today, -days);
  const at = (day: string) => on(ctx, day);
  let created = 0;
  type Entry = Omit<Parameters<typeof createRequest>[1], 'receivedOn'>;
  const create = (day: string, input: Entry) => {
    created += 1;
    return createRequest(at(day), { ...input, receivedOn: day } as Parameters<typeof createRequest>[1]).id;
  };
  const schoolDayBefore = (day: string) => {
    let d = day;
    while (isoWeekday(d) > 5) d = addDays(d, -1);
    return d;
  };
  const otherRhythm = (k: Kid) => (k.weekdays === '1,2,3,4,5' ? [1, 2, 4, 5] : [1, 2, 3, 4, 5]);

  // A message just received, nobody on it yet.
  const contact = kid();
  create(ago(1), { type: 'contact', familyId: contact.family_id, details: { text: 'Bonjour, pouvez-vous me renvoyer la dernière facture par e-mail\u00a0? Merci.' } });

  // A correction in review, and one done.
  const fix = kid();
  const inReview = create(ago(3), { type: 'correction', familyId: fix.family_id, details: { concerns: 'Téléphone', text: 'Mon numéro de portable a changé.' } });
  assignRequest(at(ago(2)), { requestId: inReview, agent: 'agent.demo' });
  setRequestStatus(at(ago(2)), { requestId: inReview, status: 'in_review', missingPieces: [] });
  const fixed = kid();
  const done = create(ago(12), { type: 'correction', familyId: fixed.family_id, details: { concerns: 'Adresse', text: 'Nous avons changé d’étage\u00a0: 3e étage gauche.' } });
  closeCorrection(at(ago(11)), { requestId: done, note: 'Complément d’adresse corrigé dans le dossier.' });

  // Refunds: one waiting for its certificate, one refused (an illness of two days).
  const ill = kid();
  const absenceTo = schoolDayBefore(ago(6));
  const waiting = create(ago(4), {
    type: 'refund',
    familyId: ill.family_id,
    childId: ill.child_id,
    details: { absenceFrom: addDays(absenceTo, -4), absenceTo, reason: 'maladie', certificateOriginal: false, certificateNoErasures: false, schoolHeadVisa: false },
  });
  decideRefund(at(ago(3)), { requestId: waiting, decision: 'missing_documents', missingPieces: ['Certificat médical original', 'Visa du directeur de l’école'] });
  const short = kid();
  const shortTo = schoolDayBefore(ago(15));
  const refused = create(ago(10), {
    type: 'refund',
    familyId: short.family_id,
    childId: short.child_id,
    details: { absenceFrom: addDays(shortTo, -1), absenceTo: shortTo, reason: 'maladie', certificateOriginal: true, certificateNoErasures: true, schoolHeadVisa: true },
  });
  decideRefund(at(ago(8)), { requestId: refused, decision: 'refuse', note: 'Absence de moins de trois jours de repas.' });

  // Rhythm changes: accepted (from the next period), refused, and one just received.
  const nextPeriod = one<{ id: string }>(ctx, 'SELECT id FROM billing_periods WHERE start_date > ? LIMIT 1', ago(5));
  const change = kid();
  const accepted = create(ago(9), { type: 'rhythm', familyId: change.family_id, childId: change.child_id, details: { weekdays: otherRhythm(change) } });
  if (nextPeriod) decideRhythm(at(ago(5)), { requestId: accepted, decision: 'accept', note: null });
  const no = kid();
  const refusedRhythm = create(ago(14), { type: 'rhythm', familyId: no.family_id, childId: no.child_id, details: { weekdays: [3] } });
  decideRhythm(at(ago(13)), { requestId: refusedRhythm, decision: 'refuse', note: 'Le mercredi seul n’est pas proposé dans cette école.' });
  const open = kid();
  create(ago(2), { type: 'rhythm', familyId: open.family_id, childId: open.child_id, details: { weekdays: otherRhythm(open) } });

  // A radiation in progress: the family moves out next month, the certificate is awaited.
  const moving = kid();
  const radiation = create(ago(6), {
    type: 'radiation',
    familyId: moving.family_id,
    details: { movingDate: addDays(today, 30), newAddress: { line1: '12 rue de la République', postalCode: '69002', city: 'Lyon' }, certificateReceived: false },
  });
  decideRadiation(at(ago(5)), { requestId: radiation, decision: 'missing_documents', missingPieces: ['Certificat de radiation de l’école'] });
  return created;
}
