import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../helpers/dispatch.js';
import { addClosure, calendarMonth } from '../../main/services/calendar/school-calendar.js';
import { importIcs } from '../../main/services/billing/school-years.js';
import { setServiceWeekdays } from '../../main/services/schools/register.js';
import { computeBilling } from '../../main/services/billing/compute.js';
import { cancelInvoice, issueBilling, reissueFamily } from '../../main/services/billing/issue.js';
import { listPeriods, updatePeriod } from '../../main/services/billing/periods.js';
import { billingSummary, previewPage } from '../../main/services/billing/preview.js';
import { seedDefaultCalendar, shippedCalendarFile } from '../../main/services/billing/seed.js';
import { getTariffGrid, saveTariffGrid } from '../../main/services/billing/tariffs.js';
import { familyAccount } from '../../main/services/billing/account.js';
import { getInvoice } from '../../main/services/billing/queries.js';
import { getFamily } from '../../main/services/families/file.js';
import { billingStore, type BillingStore } from './billing-fixtures.js';

let s: BillingStore;
beforeEach(() => {
  s = billingStore();
});
afterEach(() => s.ctx.dispose());

const invoicesOf = (familyId: string) =>
  s.ctx.store.sqlite.prepare('SELECT * FROM invoices WHERE family_id = ? ORDER BY number').all(familyId) as Record<string, any>[];
const linesOf = (invoiceId: string) =>
  s.ctx.store.sqlite.prepare('SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position').all(invoiceId) as Record<string, any>[];

describe('calendar', () => {
  it('ships 2025-2026 of zone C with five periods and the default grid, idempotently', () => {
    expect(seedDefaultCalendar(s.ctx)).toEqual({ label: '2025-2026', schoolYears: 0, holidays: 0, periods: 0, tariffs: 0 });
    const periods = listPeriods(s.ctx);
    expect(periods.map((p) => [p.label, p.start, p.end, p.issueDate, p.onlinePaymentOpensAt, p.dueDate])).toEqual([
      ['Septembre / Octobre 2025', '2025-09-01', '2025-10-31', '2025-10-01', '2025-10-02T14:00', '2025-10-31'],
      ['Novembre / Décembre 2025', '2025-11-01', '2025-12-31', '2025-12-01', '2025-12-02T14:00', '2025-12-31'],
      ['Janvier / Février 2026', '2026-01-01', '2026-02-28', '2026-02-01', '2026-02-02T14:00', '2026-02-28'],
      ['Mars / Avril 2026', '2026-03-01', '2026-04-30', '2026-04-01', '2026-04-02T14:00', '2026-04-30'],
      ['Mai / Juin / Juillet 2026', '2026-05-01', '2026-07-03', '2026-06-01', '2026-06-02T14:00', '2026-06-30'],
    ]);
    const grid = getTariffGrid(s.ctx, periods[0]!.schoolYearId);
    expect(grid.rows.map((r) => r.unitPriceCents)).toEqual([13, 85, 162, 228, 362, 461, 489, 510, 600, 700]);
    expect(grid.rows.map((r) => r.qfUpperBound)).toEqual([234, 384, 548, 959, 1370, 1900, 2500, 3333, 5000, null]);
  });

  it('shows each day of a month with why it is served or not', () => {
    addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-03-17', kind: 'strike', label: null });
    const march = calendarMonth(s.ctx, s.schoolId, '2026-03');
    const day = (d: string) => march.days.find((x) => x.date === d)!;
    expect(day('2026-03-02')).toMatchObject({ status: 'holiday', label: 'Vacances d’Hiver' });
    expect(day('2026-03-07')).toMatchObject({ status: 'weekend', label: 'Week-end' });
    expect(day('2026-03-09')).toMatchObject({ status: 'served', label: 'Servi' });
    expect(day('2026-03-17')).toMatchObject({ status: 'closure', label: 'Grève' });
    expect(march.days).toHaveLength(31);
    const april = calendarMonth(s.ctx, s.schoolId, '2026-04');
    expect(april.days.find((x) => x.date === '2026-04-06')).toMatchObject({ status: 'public_holiday', label: 'Lundi de Pâques' });
    const august = calendarMonth(s.ctx, s.schoolId, '2026-08');
    expect(august.days.find((x) => x.date === '2026-08-03')).toMatchObject({ status: 'out_of_year', label: 'Hors année scolaire' });
    setServiceWeekdays(s.ctx, s.otherSchoolId, [1, 2, 4, 5]);
    const other = calendarMonth(s.ctx, s.otherSchoolId, '2026-03');
    expect(other.days.find((x) => x.date === '2026-03-11')).toMatchObject({ status: 'no_service', label: 'Pas de service ce jour' });
    expect(other.days.find((x) => x.date === '2026-03-17')).toMatchObject({ status: 'served' });
  });

  it('refuses a closure on a day without service, and twice the same day', async () => {
    expect(() => addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-03-14', kind: 'strike', label: null })).toThrow(/week-end/);
    expect(() => addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-02-24', kind: 'trip', label: null })).toThrow('Le 24/02/2026 est pendant les congés scolaires (Vacances d’Hiver)\u00a0: il n’y a pas de service à fermer.');
    addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-03-17', kind: 'strike', label: null });
    const again = await dispatch(s.ctx, 'calendar.addClosure', { schoolIds: [s.schoolId], date: '2026-03-17', kind: 'strike' });
    expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'date' } });
    const bad = await dispatch(s.ctx, 'calendar.month', { schoolId: s.schoolId, month: '2026-13' });
    expect(bad).toMatchObject({ ok: false, error: { field: 'month', message: 'Mois\u00a0: Mois invalide (attendu\u00a0: AAAA-MM).' } });
  });

  it('imports the ministry file again without change, and refuses what is not a calendar', () => {
    const before = s.count('holidays');
    const result = importIcs(s.ctx, { content: readFileSync(shippedCalendarFile('2025-2026')!, 'utf8') });
    expect(result.years).toEqual([expect.objectContaining({ label: '2025-2026', firstDay: '2025-09-01', lastDay: '2026-07-03', holidays: 5, created: false })]);
    expect(s.count('holidays')).toBe(before);
    expect(() => importIcs(s.ctx, { content: 'bonjour' })).toThrow(/iCalendar/);
  });
});

describe('tariffs and periods', () => {
  it('edits a grid with an audit entry per changed tranche; checks the rows', async () => {
    const yearId = listPeriods(s.ctx)[0]!.schoolYearId;
    const rows = getTariffGrid(s.ctx, yearId).rows.map((r) => (r.tranche === 3 ? { ...r, unitPriceCents: 170 } : r));
    saveTariffGrid(s.ctx, yearId, rows);
    expect(getTariffGrid(s.ctx, yearId).rows[2]!.unitPriceCents).toBe(170);
    expect(s.count('audit_log', "action = 'tariff.update'")).toBe(1);
    const wrong = rows.map((r) => (r.tranche === 5 ? { ...r, qfUpperBound: 100 } : r));
    const result = await dispatch(s.ctx, 'tariffs.save', { schoolYearId: yearId, rows: wrong });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'rows.4.qfUpperBound' } });
  });

  it('lets a period be edited until it is issued', () => {
    const id = s.period('Mars');
    const p = listPeriods(s.ctx).find((x) => x.id === id)!;
    updatePeriod(s.ctx, { id, label: p.label, start: p.start, end: p.end, issueDate: '2026-04-03', onlinePaymentOpensAt: '2026-04-03T14:00', dueDate: '2026-05-04' });
    expect(listPeriods(s.ctx).find((x) => x.id === id)!.dueDate).toBe('2026-05-04');
    expect(() => updatePeriod(s.ctx, { id, label: p.label, start: '2026-02-20', end: p.end, issueDate: p.issueDate, onlinePaymentOpensAt: p.onlinePaymentOpensAt, dueDate: p.dueDate })).toThrow(/chevauchent/);
    s.family({ name: 'Durand' });
    expect(listPeriods(s.ctx).find((x) => x.id === id)!.invoices).toBe(0);
    const issued = issueBilling(s.ctx, id);
    expect(listPeriods(s.ctx).find((x) => x.id === id)!.invoices).toBe(issued.invoices);
    expect(issued.invoices).toBeGreaterThan(0);
    expect(() => updatePeriod(s.ctx, { id, label: 'x', start: p.start, end: p.end, issueDate: p.issueDate, onlinePaymentOpensAt: p.onlinePaymentOpensAt, dueDate: p.dueDate })).toThrow(/déjà facturée/);
  });

  it('takes a QF proof into account from the next stored period', () => {
    const { id } = s.family({ name: 'Petit', qf: [{ value: 500, on: '2025-12-20' }] });
    expect(getFamily(s.ctx, id).qf[0]).toMatchObject({ validFrom: '2026-01-01', tranche: 3 });
  });
});

describe('amounts', () => {
  // Mars / Avril 2026 at a school serving every weekday: 9 March – 17 April less Easter Monday = 29 days.
  const TABLE: [qf: number | null, tranche: number, unit: number][] = [
    [0, 1, 13],
    [300, 2, 85],
    [500, 3, 162],
    [900, 4, 228],
    [1000, 5, 362],
    [1500, 6, 461],
    [2000, 7, 489],
    [3000, 8, 510],
    [4000, 9, 600],
    [6000, 10, 700],
    [null, 10, 700],
  ];

  it('bills served days × the unit price of the tranche, to the cent', () => {
    const ids = TABLE.map(([qf], i) =>
      s.family({ name: `Famille${String.fromCharCode(65 + i)}`, children: [{ firstName: 'Léa', weekdays: [1, 2, 3, 4, 5] }], qf: qf === null ? [] : [{ value: qf, on: '2026-01-10' }] }).id,
    );
    const { drafts } = computeBilling(s.ctx, s.period('Mars'));
    TABLE.forEach(([qf, tranche, unit], i) => {
      const draft = drafts.find((d) => d.familyId === ids[i])!;
      expect(draft.tranche, `QF ${qf}`).toBe(tranche);
      expect(draft.lines).toHaveLength(1);
      expect(draft.lines[0]).toMatchObject({ kind: 'meals', quantity: 29, unitPriceCents: unit, amountCents: 29 * unit });
      expect(draft.totalCents).toBe(29 * unit);
      expect(draft.warnings.map((w) => w.code)).toEqual(qf === null ? ['no_qf'] : []);
    });
  });

  it('follows the rhythm, its changes, the enrolment dates and the closures', () => {
    const { id, children } = s.family({
      name: 'Nguyen',
      children: [
        { firstName: 'Anh', weekdays: [1, 2, 4, 5] },
        { firstName: 'Bao', weekdays: [3], enrolledFrom: '2026-03-16' },
        { firstName: 'Chi', weekdays: [1, 2, 3, 4, 5], enrolledTo: '2026-03-13' },
      ],
    });
    addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-03-17', kind: 'strike', label: null });
    const { drafts } = computeBilling(s.ctx, s.period('Mars'));
    const draft = drafts.find((d) => d.familyId === id)!;
    const byChild = (childId: string) => draft.lines.find((l) => l.childId === childId)!;
    // 23 days without Wednesdays, less the strike on Tuesday 17 March.
    expect(byChild(children[0]!.id).quantity).toBe(22);
    expect(byChild(children[0]!.id).days).not.toContain('2026-03-17');
    // Wednesdays from 16 March: 18, 25 March, 1, 8, 15 April.
    expect(byChild(children[1]!.id).days).toEqual(['2026-03-18', '2026-03-25', '2026-04-01', '2026-04-08', '2026-04-15']);
    // Until Friday 13 March: 9–13 March.
    expect(byChild(children[2]!.id).quantity).toBe(5);
    expect(draft.totalCents).toBe((22 + 5 + 5) * 700);
  });

  it('warns about a child without school or rhythm and a family without QF, and bills nothing for them', () => {
    const { id } = s.family({ name: 'Sans', children: [{ firstName: 'Noé', schoolId: null }] });
    const { drafts } = computeBilling(s.ctx, s.period('Mars'));
    const draft = drafts.find((d) => d.familyId === id)!;
    expect(draft).toMatchObject({ invoiced: false, lines: [], totalCents: 0 });
    expect(draft.warnings.map((w) => w.code)).toEqual(['no_school']);
    expect(draft.warnings[0]!.message).toBe('Noé Sans\u00a0: pas d’école, aucun repas facturé.');
    const summary = billingSummary(s.ctx, s.period('Mars'));
    expect(summary).toMatchObject({ invoices: 0, familiesWithWarnings: 1, warnings: [{ code: 'no_school', count: 1 }] });
  });
});

describe('QF proof received mid-period', () => {
  it('changes the tranche from the next period only, never retroactively', () => {
    s.setToday('2026-06-10');
    const { id } = s.family({ name: 'Martin', qf: [{ value: 6000, on: '2025-09-05' }, { value: 500, on: '2026-03-10' }] });
    const qf = getFamily(s.ctx, id).qf;
    expect(qf.map((q) => q.validFrom).sort()).toEqual(['2025-11-01', '2026-05-01']);
    issueBilling(s.ctx, s.period('Mars'));
    issueBilling(s.ctx, s.period('Mai'));
    const [march, may] = invoicesOf(id);
    expect(march).toMatchObject({ tranche: 10, qf_value: 6000, total_cents: 23 * 700 });
    // May / June / July with Mondays, Tuesdays, Thursdays and Fridays: 32 days.
    expect(may).toMatchObject({ tranche: 3, qf_value: 500, total_cents: 32 * 162 });
  });
});

describe('issuing', () => {
  it('writes invoices, lines, sync messages and one audit entry; a second issue changes nothing', () => {
    const a = s.family({ name: 'Alpha', children: [{ firstName: 'Ana' }, { firstName: 'Ben', weekdays: [2, 4] }] });
    s.family({ name: 'Beta' });
    s.family({ name: 'Gamma', children: [{ firstName: 'Gus', enrolledFrom: '2026-05-04' }] }); // not yet at school
    const period = s.period('Mars');
    const preview = previewPage(s.ctx, { periodId: period, offset: 0, limit: 10, onlyWarnings: false, query: '' });
    expect(preview.total).toBe(2);
    const outboxBefore = s.count('outbox');
    const first = issueBilling(s.ctx, period);
    expect(first).toMatchObject({ invoices: 2, creditNotes: 0, lines: 3, firstNumber: 'F2026-000001', lastNumber: 'F2026-000002' });
    expect(first.meals).toBe(23 + 12 + 23);
    expect(first.amountCents).toBe(58 * 700);
    const [invoice] = invoicesOf(a.id);
    expect(invoice).toMatchObject({ number: 'F2026-000001', kind: 'invoice', status: 'issued', payer_name: 'Camille Alpha', issued_on: '2026-03-15', due_date: '2026-04-30', total_cents: 35 * 700 });
    expect(JSON.parse(invoice!.payer_address)).toEqual({ line1: '12 rue de la Roquette', line2: null, postalCode: '75011', city: 'Paris' });
    const lines = linesOf(invoice!.id);
    expect(lines.map((l) => [l.label, l.quantity, l.amount_cents])).toEqual([
      ['Repas d’Ana Alpha', 23, 23 * 700],
      ['Repas de Ben Alpha', 12, 12 * 700],
    ]);
    // Every field of every row travels (id excepted), plus the period's issue fields.
    const messages = s.ctx.store.sqlite.prepare('SELECT entity, row_id, field, value, hlc FROM outbox WHERE seq > (SELECT MAX(seq) FROM outbox) - ? ORDER BY seq').all(s.count('outbox') - outboxBefore) as { entity: string; row_id: string; field: string; value: string; hlc: string }[];
    expect(messages.filter((m) => m.row_id === invoice!.id).map((m) => m.field).sort()).toEqual(
      Object.keys(invoice!).filter((k) => k !== 'id').sort(),
    );
    expect(messages.find((m) => m.row_id === invoice!.id && m.field === 'total_cents')!.value).toBe(String(35 * 700));
    expect(messages.find((m) => m.row_id === lines[0]!.id && m.field === 'days')!.value).toBe(JSON.stringify(lines[0]!.days));
    expect(messages.filter((m) => m.entity === 'invoice_lines')).toHaveLength(3 * 11);
    const hlcs = (s.ctx.store.sqlite.prepare('SELECT hlc FROM outbox ORDER BY seq').all() as { hlc: string }[]).map((r) => r.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
    expect(s.count('audit_log', "action = 'billing.issue'")).toBe(1);
    const audit = s.ctx.store.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'billing.issue'").get() as { after: string };
    expect(JSON.parse(JSON.parse(audit.after).issue_summary)).toMatchObject({ invoices: 2, amountCents: 58 * 700 });

    const counts = ['invoices', 'invoice_lines', 'outbox', 'audit_log'].map((t) => s.count(t));
    const second = issueBilling(s.ctx, period);
    expect(second).toEqual(first);
    expect(['invoices', 'invoice_lines', 'outbox', 'audit_log'].map((t) => s.count(t))).toEqual(counts);
    expect(listPeriods(s.ctx).find((p) => p.id === period)).toMatchObject({ issuedAt: first.issuedAt, invoices: 2 });
    expect(billingSummary(s.ctx, period)).toMatchObject({ issuedAt: first.issuedAt, invoices: 2, meals: 58 });
  });

  it('credits a closure of a day already billed on the next invoice, once', () => {
    const a = s.family({ name: 'Alpha', children: [{ firstName: 'Ana' }, { firstName: 'Ben', weekdays: [3] }] });
    const other = s.family({ name: 'Beta', children: [{ firstName: 'Bea', schoolId: s.otherSchoolId }] });
    issueBilling(s.ctx, s.period('Mars'));
    addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-03-17', kind: 'strike', label: null });
    addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-04-02', kind: 'trip', label: 'musée' });
    s.setToday('2026-05-20');
    issueBilling(s.ctx, s.period('Mai'));
    const may = invoicesOf(a.id)[1]!;
    const credits = linesOf(may.id).filter((l) => l.kind === 'closure_credit');
    // Ana (Mon, Tue, Thu, Fri) ate on both days; Ben (Wednesdays) on neither.
    expect(credits.map((l) => [l.label, l.days, l.quantity, l.unit_price_cents, l.amount_cents])).toEqual([
      ['Fermeture du 17/03/2026 (grève)\u00a0: 1 repas d’Ana', '["2026-03-17"]', -1, 700, -700],
      ['Fermeture du 02/04/2026 (sortie scolaire, musée)\u00a0: 1 repas d’Ana', '["2026-04-02"]', -1, 700, -700],
    ]);
    expect(may.total_cents).toBe(32 * 700 + 9 * 700 - 1400); // Ana 32 days, Ben 9 Wednesdays, less the credits
    expect(invoicesOf(other.id)[1]!.total_cents).toBe(32 * 700);
    // Never twice: once credited, a new computation finds nothing more to credit.
    const again = computeBilling(s.ctx, s.period('Mai'), { familyId: a.id });
    expect(again.drafts).toEqual([]);
    // Cancelling the May invoice gives the credit back to the next one.
    cancelInvoice(s.ctx, { invoiceId: may.id, reason: 'Erreur de rythme' });
    const reissued = reissueFamily(s.ctx, { periodId: s.period('Mai'), familyId: a.id });
    expect(linesOf(reissued.invoiceId!).filter((l) => l.kind === 'closure_credit')).toHaveLength(2);
    expect(reissued.totalCents).toBe(may.total_cents);
  });

  it('numbers invoices and credit notes in unbroken series per year, across periods and a cancellation', () => {
    const fams = ['Alpha', 'Beta', 'Gamma'].map((name) => s.family({ name }));
    issueBilling(s.ctx, s.period('Septembre'));
    issueBilling(s.ctx, s.period('Novembre'));
    const second = invoicesOf(fams[1]!.id)[0]!;
    const cancel = cancelInvoice(s.ctx, { invoiceId: second.id, reason: 'Adresse erronée' });
    expect(cancel.number).toBe('A2026-000001');
    const again = reissueFamily(s.ctx, { periodId: s.period('Septembre'), familyId: fams[1]!.id });
    expect(again.number).toBe('F2026-000007');
    const numbers = (s.ctx.store.sqlite.prepare("SELECT number FROM invoices WHERE kind = 'invoice' ORDER BY number").all() as { number: string }[]).map((r) => r.number);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `F2026-${String(n).padStart(6, '0')}`));
    // Sept/Oct in dossier order, then Nov/Dec.
    expect(invoicesOf(fams[0]!.id).map((i) => i.number)).toEqual(['F2026-000001', 'F2026-000004']);
    s.setToday('2027-01-04');
    expect(cancelInvoice(s.ctx, { invoiceId: invoicesOf(fams[2]!.id)[0]!.id, reason: 'Doublon' }).number).toBe('A2027-000001');
    // Bulk and single writes interleaved: the clock values still follow the outbox order, once each.
    const hlcs = (s.ctx.store.sqlite.prepare('SELECT hlc FROM outbox ORDER BY seq').all() as { hlc: string }[]).map((r) => r.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(hlcs.length);
  });

  it('cancels by a credit note: the invoice row is kept as issued, only its status changes', async () => {
    const { id } = s.family({ name: 'Alpha' });
    issueBilling(s.ctx, s.period('Mars'));
    const [before] = invoicesOf(id);
    const linesBefore = linesOf(before!.id);
    const result = await dispatch(s.ctx, 'billing.cancelInvoice', { invoiceId: before!.id, reason: 'Rythme mal saisi' });
    expect(result).toMatchObject({ ok: true, value: { number: 'A2026-000001', releasedCents: 0 } });
    const [after, note] = invoicesOf(id).sort((x, y) => (x.created_at < y.created_at ? -1 : 1));
    expect(after).toEqual({ ...before, status: 'cancelled' });
    expect(linesOf(before!.id)).toEqual(linesBefore);
    expect(note).toMatchObject({ kind: 'credit_note', cancels_invoice_id: before!.id, total_cents: -before!.total_cents, reason: 'Rythme mal saisi', status: 'issued' });
    expect(linesOf(note!.id).map((l) => [l.label, l.quantity, l.amount_cents])).toEqual(
      linesBefore.map((l) => [`Annulation\u00a0: ${l.label}`, -l.quantity, -l.amount_cents]),
    );
    expect(getInvoice(s.ctx, before!.id)).toMatchObject({ status: 'cancelled', cancelledByNumber: 'A2026-000001', remainingCents: 0 });
    expect(familyAccount(s.ctx, id)).toMatchObject({ dueCents: 0, balanceCents: 0 });
    const twice = await dispatch(s.ctx, 'billing.cancelInvoice', { invoiceId: before!.id, reason: 'encore' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const noReason = await dispatch(s.ctx, 'billing.cancelInvoice', { invoiceId: before!.id, reason: ' ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason', message: 'Motif\u00a0: Motif obligatoire.' } });
    expect(s.ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM invoices').get()).toEqual({ n: 2 });
  });

  it('issues an « avoir » when the credits exceed the meals', () => {
    const { id } = s.family({ name: 'Alpha', children: [{ firstName: 'Ana', enrolledTo: '2026-04-30' }] });
    issueBilling(s.ctx, s.period('Mars'));
    addClosure(s.ctx, { schoolIds: [s.schoolId], date: '2026-03-17', kind: 'closure', label: null });
    s.setToday('2026-05-20');
    const result = issueBilling(s.ctx, s.period('Mai'));
    expect(result).toMatchObject({ invoices: 0, creditNotes: 1, amountCents: -700 });
    const note = invoicesOf(id).find((i) => i.kind === 'credit_note')!;
    expect(note).toMatchObject({ number: 'A2026-000001', total_cents: -700, cancels_invoice_id: null });
    expect(familyAccount(s.ctx, id).credits).toEqual([{ source: 'credit_note', id: note.id, number: 'A2026-000001', availableCents: 700 }]);
  });

  it('pages the preview and filters the warnings through the contract', async () => {
    for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta']) s.family({ name, qf: name === 'Beta' ? [{ value: 800, on: '2026-01-05' }] : [] });
    const page = await dispatch(s.ctx, 'billing.preview', { periodId: s.period('Mars'), offset: 1, limit: 2 });
    expect(page).toMatchObject({ ok: true, value: { total: 4, offset: 1 } });
    expect((page as any).value.drafts.map((d: any) => d.familyName)).toEqual(['Beta', 'Gamma']);
    const warned = await dispatch(s.ctx, 'billing.preview', { periodId: s.period('Mars'), onlyWarnings: true, query: 'del' });
    expect((warned as any).value.drafts.map((d: any) => d.familyName)).toEqual(['Delta']);
    const summary = await dispatch(s.ctx, 'billing.summary', { periodId: s.period('Mars') });
    expect(summary).toMatchObject({ ok: true, value: { invoices: 4, familiesWithWarnings: 3, warnings: [{ code: 'no_qf', count: 3 }] } });
  });
});

describe('a run on the demo data', () => {
  it('adds up: every line is days × price, every document the sum of its lines, the run the sum of its documents', async () => {
    const { tempContext } = await import('../helpers/temp-context.js');
    const { loadDemo } = await import('../../main/services/setup/demo.js');
    const ctx = tempContext();
    try {
      await loadDemo(ctx, { seed: 11, families: 200, billingHistory: false });
      const period = listPeriods(ctx).find((p) => p.label === 'Mars / Avril 2026')!;
      const summary = billingSummary(ctx, period.id);
      const result = issueBilling(ctx, period.id);
      expect(result).toMatchObject({ invoices: summary.invoices, lines: summary.lines, meals: summary.meals, amountCents: summary.amountCents });
      const db = ctx.store.sqlite;
      expect(db.prepare("SELECT COUNT(*) AS n FROM invoice_lines WHERE kind = 'meals' AND (amount_cents <> quantity * unit_price_cents OR json_array_length(days) <> quantity)").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM invoices i WHERE total_cents <> (SELECT SUM(amount_cents) FROM invoice_lines l WHERE l.invoice_id = i.id)').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT SUM(total_cents) AS total FROM invoices').get()).toEqual({ total: result.amountCents });
      // Unit prices follow the grid of the family's tranche.
      const prices = [13, 85, 162, 228, 362, 461, 489, 510, 600, 700];
      const rows = db.prepare("SELECT i.tranche, l.unit_price_cents AS price FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.kind = 'meals'").all() as { tranche: number; price: number }[];
      expect(rows.every((r) => prices[r.tranche - 1] === r.price)).toBe(true);
      expect(result.invoices).toBeGreaterThan(150);
    } finally {
      ctx.dispose();
    }
  });
});
