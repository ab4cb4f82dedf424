import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '../../shared/domain/dates.js';
import { AppError } from '../../shared/contract/errors.js';
import { listSchools } from '../../main/services/schools/register.js';
import { loadDemo } from '../../main/services/setup/demo.js';
import { mulberry32 } from '../../shared/domain/random.js';
import { searchFamilies } from '../../main/services/families/search.js';
import { tempContext } from '../helpers/temp-context.js';
import { listPeriods } from '../../main/services/billing/periods.js';
import { seedDefaultCalendar } from '../../main/services/billing/seed.js';
import { listSchoolYears } from '../../main/services/calendar/school-calendar.js';
import { overdueInvoices } from '../../main/services/payments/overdue.js';
import type { DemoResult } from '../../main/services/setup/demo.js';

type Ctx = ReturnType<typeof tempContext>;
const FAMILIES = 300;
/** The day the newcomer of issue 8 tried the demo. */
const DAY = '2026-12-01';
let a: Ctx;
let b: Ctx;
let c: Ctx;
let loaded: DemoResult;

beforeAll(async () => {
  a = tempContext({ today: () => DAY });
  b = tempContext({ today: () => DAY });
  c = tempContext({ today: () => DAY });
  loaded = await loadDemo(a, { seed: 11, families: FAMILIES });
  await loadDemo(b, { seed: 11, families: FAMILIES });
  await loadDemo(c, { seed: 12, families: FAMILIES });
});
afterAll(() => {
  for (const ctx of [a, b, c]) ctx.dispose();
});

const all = <T>(ctx: Ctx, sql: string, ...params: unknown[]) => ctx.store.sqlite.prepare(sql).all(...params) as T[];

/** Everything but the random ids and the timestamps. */
function snapshot(ctx: Ctx) {
  return {
    families: all(ctx, 'SELECT dossier_number, family_name, status, address_line1, address_line2, notes FROM families ORDER BY dossier_number'),
    guardians: all(
      ctx,
      `SELECT f.dossier_number, g.rank, g.first_name, g.last_name, g.email, g.phone_mobile, g.is_payer, g.postal_code
       FROM guardians g JOIN families f ON f.id = g.family_id ORDER BY f.dossier_number, g.rank`,
    ),
    children: all(
      ctx,
      `SELECT f.dossier_number, c.first_name, c.birth_date, s.code, c.class_name, c.enrolled_from, c.enrolled_to, c.diet_need
       FROM children c JOIN families f ON f.id = c.family_id LEFT JOIN schools s ON s.id = c.school_id
       ORDER BY f.dossier_number, c.birth_date, c.first_name`,
    ),
    qf: all(ctx, 'SELECT f.dossier_number, q.value, q.proof_received_on FROM qf_records q JOIN families f ON f.id = q.family_id ORDER BY 1, 3'),
    schools: all(ctx, 'SELECT code, name, kind, address, head_name FROM schools ORDER BY code'),
    invoices: all(ctx, 'SELECT i.number, f.dossier_number, i.issued_on, i.due_date, i.total_cents FROM invoices i JOIN families f ON f.id = i.family_id ORDER BY i.number'),
    payments: all(ctx, 'SELECT p.receipt_number, f.dossier_number, p.method, p.amount_cents, p.received_on FROM payments p JOIN families f ON f.id = p.family_id ORDER BY p.receipt_number'),
    requests: all(ctx, 'SELECT f.dossier_number, r.type, r.status, r.received_on FROM requests r JOIN families f ON f.id = r.family_id ORDER BY 1, 2'),
  };
}

describe('demo data', () => {
  it('is reproducible: same seed, same data (ids aside); another seed, other data', () => {
    const first = snapshot(a);
    expect(snapshot(b)).toEqual(first);
    expect(snapshot(c).families).not.toEqual(first.families);
    const ids = (ctx: Ctx) => all<{ id: string }>(ctx, 'SELECT id FROM families ORDER BY dossier_number').map((r) => r.id);
    expect(ids(a)).not.toEqual(ids(b));
    expect(loaded).toMatchObject({ schools: 45, families: FAMILIES, children: first.children.length, warnings: [] });
    expect(first.invoices.length).toBeGreaterThan(0);
  });

  it('mulberry32 is a stable sequence', () => {
    const r = mulberry32(11);
    const s = mulberry32(11);
    const xs = Array.from({ length: 5 }, () => r());
    expect(xs).toEqual(Array.from({ length: 5 }, () => s()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('has 45 schools of the 11e with codes, heads and the three kinds', () => {
    const schools = listSchools(a);
    expect(schools).toHaveLength(45);
    expect(new Set(schools.map((s) => s.kind))).toEqual(new Set(['maternelle', 'elementaire', 'polyvalente']));
    expect(schools.find((s) => s.code === 'M-PARM')?.name).toBe('École maternelle Parmentier');
    expect(schools.find((s) => s.code === 'E-OBER')?.name).toBe('École élémentaire Oberkampf');
    expect(schools.every((s) => s.address.endsWith('75011 Paris') && /^(Mme|M\.) /.test(s.headName ?? ''))).toBe(true);
    const audited = all<{ n: number }>(a, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'school.create'")[0]!.n;
    expect(audited).toBe(45);
  });

  it('looks like the 11e: names, addresses, phones, e-mails, custody, payers, statuses', () => {
    const { families, guardians, children } = snapshot(a);
    expect(families.every((f: any) => f.dossier_number >= 40001)).toBe(true);
    expect((families as any[]).filter((f) => f.status === 'active').length).toBeGreaterThan(FAMILIES * 0.85);
    const withRl2 = new Set((guardians as any[]).filter((g) => g.rank === 2).map((g) => g.dossier_number)).size;
    expect(withRl2 / FAMILIES).toBeGreaterThan(0.6);
    expect(withRl2 / FAMILIES).toBeLessThan(0.8);
    expect((guardians as any[]).some((g) => g.postal_code !== null && g.postal_code !== '75011')).toBe(true);
    const payers2 = (guardians as any[]).filter((g) => g.rank === 2 && g.is_payer === 1).length;
    expect(payers2).toBeLessThan(withRl2 * 0.25);
    const mobiles = (guardians as any[]).map((g) => g.phone_mobile).filter(Boolean);
    expect(mobiles.every((p: string) => /^0[67]( \d{2}){4}$/.test(p))).toBe(true);
    const emails = (guardians as any[]).map((g) => g.email).filter(Boolean);
    expect(emails.every((e: string) => /^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$/.test(e))).toBe(true);
    const rl1Emails = (guardians as any[]).filter((g) => g.rank === 1 && g.email).length;
    expect(rl1Emails / FAMILIES).toBeGreaterThan(0.8);
    expect((families as any[]).every((f) => /^\d+( bis| ter)? \S/.test(f.address_line1))).toBe(true);
    const names = [...(guardians as any[]).map((g) => g.first_name), ...(children as any[]).map((c) => c.first_name)];
    expect(names.some((n) => /[éèëïç]/i.test(n))).toBe(true);
    expect(names).toContain('Élodie');
    expect(searchFamilies(a, { query: 'elodie', scope: 'all', limit: 50 }).total).toBeGreaterThan(0);
  });

  it('puts every child of 3–11 in a school and class that fit the age', () => {
    const rows = all<{ birth_date: string; class_name: string | null; kind: string | null; enrolled_from: string; enrolled_to: string | null; status: string }>(
      a,
      `SELECT c.birth_date, c.class_name, s.kind, c.enrolled_from, c.enrolled_to, f.status FROM children c
       JOIN families f ON f.id = c.family_id LEFT JOIN schools s ON s.id = c.school_id`,
    );
    const total = rows.length;
    expect(total / FAMILIES).toBeGreaterThan(1.2);
    expect(total / FAMILIES).toBeLessThan(1.55);
    for (const r of rows) {
      const yearStart = r.status === 'archived' ? '2025-09-01' : '2026-09-01';
      const age = Number(yearStart.slice(0, 4)) - Number(r.birth_date.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(3);
      expect(age).toBeLessThanOrEqual(10);
      expect(ageOn(r.birth_date, r.enrolled_from)).toBeGreaterThanOrEqual(2);
      // The two rentrées of the zone C calendar, and the day after the Toussaint holidays (no arrival after today).
      expect(['2025-09-01', '2026-09-01', '2026-11-02']).toContain(r.enrolled_from);
      if (r.kind === null) continue; // a handful without school yet
      const maternelle = ['PS', 'MS', 'GS'].includes(r.class_name ?? '');
      expect(r.kind === 'polyvalente' || r.kind === (maternelle ? 'maternelle' : 'elementaire')).toBe(true);
    }
  });

  it('has rhythms (some changing after Christmas), diets and quotient familial proofs', () => {
    const rhythms = all<{ weekdays: string; n: number }>(a, 'SELECT weekdays, COUNT(*) AS n FROM rhythms GROUP BY weekdays ORDER BY n DESC');
    expect(rhythms[0]!.weekdays).toBe('1,2,4,5');
    const changes = all<{ n: number }>(a, "SELECT COUNT(*) AS n FROM rhythms WHERE effective_from = '2027-01-04' AND created_by = 'test'")[0]!.n;
    expect(changes).toBeGreaterThan(0);
    const diets = all<{ diet_need: string }>(a, "SELECT diet_need FROM children WHERE diet_need <> 'none'");
    expect(diets.length).toBeGreaterThan(0);
    const withQf = all<{ n: number }>(a, "SELECT COUNT(DISTINCT family_id) AS n FROM qf_records WHERE valid_from >= '2026-09-01'")[0]!.n;
    expect(withQf / FAMILIES).toBeGreaterThan(0.65);
    expect(withQf / FAMILIES).toBeLessThan(0.92);
    const tranches = all<{ tranche: number }>(a, 'SELECT DISTINCT tranche FROM qf_records');
    expect(tranches.length).toBeGreaterThanOrEqual(8);
  });

  it('is written like any change of the application: audit, sync outbox and search index', () => {
    const perFamily = all<{ n: number }>(a, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'family.import'")[0]!.n;
    expect(perFamily).toBe(FAMILIES);
    expect(all<{ n: number }>(a, 'SELECT COUNT(*) AS n FROM outbox')[0]!.n).toBeGreaterThan(FAMILIES * 40);
    expect(all<{ n: number }>(a, 'SELECT COUNT(*) AS n FROM family_search')[0]!.n).toBe(FAMILIES);
    expect(all<{ n: number }>(a, 'SELECT COUNT(*) AS n FROM family_summaries')[0]!.n).toBe(FAMILIES);
  });

  it('loads only into an empty store', async () => {
    await expect(loadDemo(a, { seed: 11, families: 5 })).rejects.toThrow(AppError);
    expect(all<{ n: number }>(a, 'SELECT COUNT(*) AS n FROM families')[0]!.n).toBe(FAMILIES);
  });
});

/**
 * What a newcomer sees on the day the demo is loaded (issue 8): a Caisse in mid-year on 1 December
 * 2026, a coherent one on the rentrée and in summer.
 */
describe('the demo, built around the day it is loaded', () => {
  const DAYS = [
    {
      today: '2026-12-01',
      years: ['2025-2026', '2026-2027'],
      issued: ['Septembre / Octobre 2026'],
      toIssueToday: 'Novembre / Décembre 2026',
      overdue: true,
      statuses: ['accepted', 'done', 'in_review', 'missing_documents', 'received', 'refused'],
      missing: null,
    },
    {
      today: '2026-09-02',
      years: ['2025-2026', '2026-2027'],
      issued: [],
      toIssueToday: null,
      overdue: false,
      statuses: ['accepted', 'done', 'in_review', 'missing_documents', 'received', 'refused'],
      missing: null,
    },
    {
      today: '2027-07-20',
      years: ['2025-2026', '2026-2027'],
      issued: ['Septembre / Octobre 2026', 'Novembre / Décembre 2026', 'Janvier / Février 2027', 'Mars / Avril 2027', 'Mai / Juin / Juillet 2027'],
      toIssueToday: null,
      overdue: true,
      // No billing period after today (2027-2028 is not shipped): the rhythm change waits.
      statuses: ['done', 'in_review', 'missing_documents', 'received', 'refused'],
      missing: '2027-2028',
    },
  ] as const;

  const loads = new Map<string, { ctx: Ctx; result: DemoResult }>();
  beforeAll(async () => {
    for (const day of DAYS) {
      if (day.today === DAY) {
        loads.set(day.today, { ctx: a, result: loaded });
        continue;
      }
      const ctx = tempContext({ today: () => day.today });
      loads.set(day.today, { ctx, result: await loadDemo(ctx, { seed: 11, families: 150 }) });
    }
  });
  afterAll(() => {
    for (const { ctx } of loads.values()) if (ctx !== a) ctx.dispose();
  });

  describe.each(DAYS)('on $today', (day) => {
    const get = () => loads.get(day.today)!;

    it('holds the school years of the day, each with the zone C calendar, and says which one is missing', () => {
      const { ctx, result } = get();
      expect(listSchoolYears(ctx).map((y) => y.label)).toEqual(day.years);
      expect(listSchoolYears(ctx).every((y) => y.holidays.length >= 5)).toBe(true);
      expect(result.schoolYears).toEqual(day.years);
      if (day.missing) expect(result.warnings).toEqual([expect.stringContaining(`calendrier scolaire ${day.missing} de la zone C n’est pas livré`)]);
      else expect(result.warnings).toEqual([]);
    });

    it('has issued the periods whose issue date has passed, each on that date, and leaves the others', () => {
      const { ctx } = get();
      const periods = listPeriods(ctx);
      expect(periods.filter((p) => p.issuedAt !== null).map((p) => p.label)).toEqual(day.issued);
      if (day.toIssueToday) expect(periods.find((p) => p.label === day.toIssueToday)).toMatchObject({ issuedAt: null, issueDate: day.today });
      const wrongDay = all<{ n: number }>(
        ctx,
        "SELECT COUNT(*) AS n FROM invoices i JOIN billing_periods p ON p.id = i.period_id WHERE i.kind = 'invoice' AND i.issued_on <> p.issue_date",
      )[0]!.n;
      expect(wrongDay).toBe(0);
    });

    it('has payments up to today, online (PayFIP) and at the counter, and overdue invoices with reminders when something is due', () => {
      const { ctx } = get();
      const methods = all<{ method: string }>(ctx, 'SELECT DISTINCT method FROM payments').map((m) => m.method);
      const future = all<{ n: number }>(ctx, 'SELECT COUNT(*) AS n FROM payments WHERE received_on > ?', day.today)[0]!.n;
      expect(future).toBe(0);
      const overdue = overdueInvoices(ctx, { asOf: day.today });
      const reminders = all<{ n: number }>(ctx, "SELECT COUNT(*) AS n FROM documents WHERE kind = 'reminder'")[0]!.n;
      if (day.issued.length === 0) {
        expect(methods).toEqual([]);
      } else {
        expect(methods).toContain('payfip');
        expect(methods.some((m) => ['cheque', 'cash', 'card'].includes(m))).toBe(true);
        // Most invoices paid: the overdue are a few.
        const invoices = all<{ n: number }>(ctx, "SELECT COUNT(*) AS n FROM invoices WHERE kind = 'invoice'")[0]!.n;
        expect(overdue.total).toBeLessThan(invoices * 0.2);
      }
      expect(overdue.total > 0).toBe(day.overdue);
      expect(reminders > 0).toBe(day.overdue);
    });

    it('has requests of the last weeks in every state, a radiation in progress among them', () => {
      const { ctx } = get();
      const statuses = all<{ status: string }>(ctx, 'SELECT DISTINCT status FROM requests ORDER BY status').map((r) => r.status);
      expect(statuses).toEqual(day.statuses);
      expect(all(ctx, "SELECT id FROM requests WHERE type = 'radiation' AND status = 'missing_documents'")).toHaveLength(1);
      const dates = all<{ received_on: string }>(ctx, 'SELECT received_on FROM requests');
      expect(dates.every((r) => r.received_on <= day.today && r.received_on >= '2026-08-01')).toBe(true);
    });

    it('has closures of the year: the strikes up to today, the school trip planned', () => {
      const { ctx } = get();
      const closures = all<{ date: string; kind: string }>(ctx, 'SELECT DISTINCT date, kind FROM closures ORDER BY date');
      expect(closures.filter((c) => c.kind === 'strike').every((c) => c.date <= day.today)).toBe(true);
      expect(closures.some((c) => c.kind === 'trip')).toBe(true);
    });
  });

  it('gives the same data for the same seed on the same day', async () => {
    const again = tempContext({ today: () => '2027-07-20' });
    try {
      await loadDemo(again, { seed: 11, families: 150 });
      expect(snapshot(again)).toEqual(snapshot(loads.get('2027-07-20')!.ctx));
    } finally {
      again.dispose();
    }
  });

  it('seeds the calendar of today from its shipped file, and refuses a year Guichet does not ship', () => {
    const ctx = tempContext({ today: () => '2027-09-10' });
    try {
      expect(() => seedDefaultCalendar(ctx)).toThrow(/calendrier scolaire 2027-2028 de la zone C n’est pas livré/);
      expect(seedDefaultCalendar(ctx, '2026-2027')).toMatchObject({ schoolYears: 1, periods: 5 });
    } finally {
      ctx.dispose();
    }
  });
});

describe('the progress of the load', () => {
  it('tells each step in French, moves forward to the end, and lets the process answer meanwhile', async () => {
    const ctx = tempContext({ today: () => DAY });
    try {
      const seen: { step: string; fraction: number }[] = [];
      let answered = 0;
      const poll = setInterval(() => {
        answered += 1; // what a progress request of the web host or the desktop needs: a turn of the event loop
      }, 0);
      await loadDemo(ctx, { seed: 11, families: 600, onProgress: (p) => seen.push(p) });
      clearInterval(poll);
      expect(seen[0]).toEqual({ step: 'Calendriers scolaires de la zone C', fraction: 0 });
      expect(seen.at(-1)).toEqual({ step: 'Terminé', fraction: 1 });
      expect(seen.every((p, i) => i === 0 || p.fraction >= seen[i - 1]!.fraction)).toBe(true);
      expect(seen.map((p) => p.step)).toEqual(
        expect.arrayContaining(['Familles et enfants (250 sur 600)', 'Familles et enfants (600 sur 600)', 'Facturation Septembre / Octobre 2026 et paiements', 'Demandes des familles']),
      );
      expect(answered).toBeGreaterThan(3);
    } finally {
      ctx.dispose();
    }
  });
});
