import { mulberry32 } from '../../../shared/domain/random.js';
import { AppError } from '../../../shared/contract/errors.js';
import { familyInput, type ChildInput, type FamilyInput, type GuardianInput } from '../../../shared/contract/families.js';
import { foldText } from '../../../shared/domain/search.js';
import { DEFAULT_QF_UPPER_BOUNDS } from '../../../shared/domain/tranche.js';
import type { AppContext } from '../../context.js';
import {
  ADDRESS_COMPLEMENTS,
  EMAIL_DOMAINS,
  ORIGINS,
  OTHER_PARIS_STREETS,
  PENDING_NOTES,
  SCHOOL_HEADS,
  SCHOOL_PAIRS,
  SCHOOL_POLYVALENTES,
  STREETS_11E,
  type DemoSchoolSite,
  type Origin,
} from './demo-data.js';
import { archiveFamily, createFamily, radiateFamily, recordQf, setRhythm } from '../families/index.js';
import { upsertSchools, type SchoolSeed } from '../schools/index.js';
import { addDemoClosures, addDemoRequests, type DemoDates, issueDemoPeriod, periodsToIssue, seedDemoCalendars, sendDemoReminders } from './demo-history.js';

/**
 * The demo data set: a realistic 11e (DESIGN.md § Performance budget) — 45 schools, 9,000
 * families, about 12,000 children, built around the day it is loaded (the context's today()):
 * the school year containing that day and the previous one (in summer, the year just ended, the
 * previous one and the next one), each with its shipped zone C calendar, then the Caisse's life up
 * to that day (demo-history.ts): quotient familial proofs, rhythm changes, arrivals and radiations,
 * closures, the past billing periods issued on their issue date, payments, reminders, requests.
 * Reproducible for a given seed and day: the same schools, names, dossier numbers and dates (only
 * the random ids and timestamps differ). Everything is written through the application's own
 * services (audit, sync outbox, search index), in one transaction.
 */

export const DEFAULT_DEMO_FAMILIES = 9000;

const CLASSES = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;

/* ---------- seeded randomness ---------- */

const commonWeights = new WeakMap<readonly unknown[], number[]>();

class Random {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1] as T;
  }
  /** Like pick, the first items a little more often (name lists go from the most common). */
  pickCommon<T>(items: readonly T[]): T {
    let cumulative = commonWeights.get(items);
    if (!cumulative) {
      let total = 0;
      cumulative = items.map((_, i) => (total += 1 / Math.sqrt(i + 30)));
      commonWeights.set(items, cumulative);
    }
    const r = this.next() * (cumulative[cumulative.length - 1] ?? 0);
    const index = cumulative.findIndex((c) => r < c);
    return items[index === -1 ? items.length - 1 : index] as T;
  }
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }
}

/* ---------- schools ---------- */

interface SchoolGroup {
  weight: number;
  /** School code for maternelle classes (PS–GS) and for élémentaire classes (CP–CM2). */
  maternelle: string;
  elementaire: string;
}

function schoolAddress(site: DemoSchoolSite, index: number): string {
  return `${site.numbers[index] ?? site.numbers[0]} ${site.street}, 75011 Paris`;
}

function demoSchools(random: Random): { schools: SchoolSeed[]; groups: SchoolGroup[] } {
  const schools: SchoolSeed[] = [];
  const groups: SchoolGroup[] = [];
  const heads = [...SCHOOL_HEADS];
  const head = () => heads.splice(random.int(0, heads.length - 1), 1)[0] ?? null;
  for (const site of SCHOOL_PAIRS) {
    const m = `M-${site.key}`;
    const e = `E-${site.key}`;
    schools.push({ code: m, name: `École maternelle ${site.name}`, kind: 'maternelle', address: schoolAddress(site, 0), headName: head() });
    schools.push({ code: e, name: `École élémentaire ${site.name}`, kind: 'elementaire', address: schoolAddress(site, 1), headName: head() });
    groups.push({ weight: site.weight, maternelle: m, elementaire: e });
  }
  for (const site of SCHOOL_POLYVALENTES) {
    const p = `P-${site.key}`;
    schools.push({ code: p, name: `École polyvalente ${site.name}`, kind: 'polyvalente', address: schoolAddress(site, 0), headName: head() });
    groups.push({ weight: site.weight, maternelle: p, elementaire: p });
  }
  return { schools, groups };
}

/* ---------- families ---------- */

interface Person {
  firstName: string;
  lastName: string;
  female: boolean;
}

interface DemoFamily {
  input: FamilyInput;
  qf: { value: number; proofReceivedOn: string }[];
  /** Radiated (its last billed day) through the lifecycle once its QF history is recorded. */
  radiatedOn: string | null;
  archive: boolean;
  /** Index of the child (in input order) and its new rhythm from the day after the Christmas holidays. */
  rhythmChanges: { child: number; weekdays: number[] }[];
}

const RHYTHMS: readonly { days: number[]; weight: number }[] = [
  { days: [1, 2, 4, 5], weight: 44 },
  { days: [1, 2, 3, 4, 5], weight: 36 },
  { days: [1, 2, 4], weight: 3 },
  { days: [1, 4, 5], weight: 2 },
  { days: [2, 4, 5], weight: 2 },
  { days: [1, 2, 5], weight: 2 },
  { days: [1, 4], weight: 2 },
  { days: [2, 5], weight: 2 },
  { days: [1, 2], weight: 1.5 },
  { days: [4, 5], weight: 1.5 },
  { days: [2], weight: 1 },
  { days: [4], weight: 1 },
  { days: [5], weight: 1 },
  { days: [3], weight: 1 },
];

/** Share of families per tranche 1–10 (the 11e is mixed). */
const TRANCHE_WEIGHTS = [7, 7, 9, 13, 13, 13, 11, 10, 9, 8];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function randomDate(random: Random, year: number, month?: number): string {
  const m = month ?? random.int(1, 12);
  return iso(year, m, random.int(1, daysInMonth(year, m)));
}

function emailOf(random: Random, person: Person): string {
  const clean = (s: string) =>
    foldText(s)
      .replace(/['\s]+/g, '')
      .replace(/[^a-z0-9-]/g, '');
  const first = clean(person.firstName);
  const last = clean(person.lastName);
  const domain = random.weighted(EMAIL_DOMAINS, (d) => d.weight).domain;
  const r = random.float();
  let local: string;
  if (r < 0.5) local = `${first}.${last}`;
  else if (r < 0.6) local = `${first}${last}`;
  else if (r < 0.75) local = `${first.slice(0, 1)}.${last}`;
  else if (r < 0.9) local = `${first}.${last}${random.int(10, 99)}`;
  else local = `${last}.${first}`;
  return `${local}@${domain}`;
}

function mobile(random: Random): string {
  return `0${random.chance(0.7) ? 6 : 7}${random.digits(8)}`;
}

function landline(random: Random): string {
  return `${random.pick(['0143', '0147', '0148', '0140', '0155', '0953'])}${random.digits(6)}`;
}

function streetNumber(random: Random, max: number): string {
  const n = random.int(1, max);
  const suffix = random.chance(0.04) ? random.pick([' bis', ' ter']) : '';
  return `${n}${suffix}`;
}

function person(random: Random, origin: Origin, female: boolean, lastName?: string): Person {
  return {
    firstName: random.pick(female ? origin.women : origin.men),
    lastName: lastName ?? random.pickCommon(origin.lastNames),
    female,
  };
}

function guardian(random: Random, p: Person, rank: 1 | 2, isPayer: boolean, emailRate: number): GuardianInput {
  return {
    rank,
    lastName: p.lastName,
    firstName: p.firstName,
    isPayer,
    email: random.chance(emailRate) ? emailOf(random, p) : null,
    phoneMobile: random.chance(rank === 1 ? 0.97 : 0.85) ? mobile(random) : null,
    phoneHome: random.chance(0.08) ? landline(random) : null,
    phoneWork: null,
    address: null,
  };
}

/** Birth years of `count` siblings between `min` and `max` (eldest first), twins now and then. */
function siblingYears(random: Random, count: number, min: number, max: number): number[] {
  for (let attempt = 0; attempt < 20; attempt++) {
    const years = [random.int(min, max)];
    for (let i = 1; i < count; i++) {
      const gap = random.weighted([0, 1, 2, 3, 4, 5], (g) => [0.04, 0.25, 0.33, 0.22, 0.11, 0.05][g] ?? 0);
      years.push((years[i - 1] as number) + gap);
    }
    if ((years[years.length - 1] as number) <= max) return years;
  }
  return [random.int(min, max)];
}

function generateFamily(random: Random, index: number, groups: SchoolGroup[], dates: DemoDates): DemoFamily {
  const forceElodie = index === 0; // so that « elodie » always finds someone, whatever the size
  const origin = forceElodie ? (ORIGINS[0] as Origin) : random.weighted(ORIGINS, (o) => o.weight);
  const statusRoll = random.float();
  const status = statusRoll < 0.02 ? 'pending' : statusRoll < 0.04 ? 'radiated' : statusRoll < 0.05 ? 'archived' : 'active';
  const finalStatus = forceElodie ? 'active' : status;
  const archived = finalStatus === 'archived';

  // Guardians
  const hasRl2 = random.chance(0.7);
  const sharedCustody = hasRl2 && random.chance(0.115);
  const rl1Female = forceElodie || random.chance(hasRl2 ? 0.75 : 0.82);
  const sameSex = hasRl2 && random.chance(0.02);
  const rl1 = person(random, origin, rl1Female);
  if (forceElodie) rl1.firstName = 'Élodie';
  let rl2: Person | null = null;
  if (hasRl2) {
    const partnerOrigin = random.chance(0.8) ? origin : random.weighted(ORIGINS, (o) => o.weight);
    const married = !sharedCustody && random.chance(0.55);
    rl2 = person(random, partnerOrigin, sameSex ? rl1Female : !rl1Female, married ? rl1.lastName : undefined);
  }
  const father = rl2 && !rl2.female ? rl2 : !rl1.female ? rl1 : null;
  const mother = rl1.female ? rl1 : rl2?.female ? rl2 : null;
  let childLastName = father && rl2 ? father.lastName : rl1.lastName;
  if (father && mother && father.lastName !== mother.lastName && random.chance(0.08)) {
    childLastName = `${father.lastName} ${mother.lastName}`;
  }

  const street = random.weighted(STREETS_11E, (s) => s.weight ?? 1);
  const address = {
    line1: `${streetNumber(random, street.max)} ${street.name}`,
    line2: random.chance(0.25) ? random.pick(ADDRESS_COMPLEMENTS) : null,
    postalCode: '75011',
    city: 'Paris',
  };
  const rl2Payer = hasRl2 && random.chance(0.1);
  const guardians: GuardianInput[] = [guardian(random, rl1, 1, !rl2Payer, 0.9)];
  if (rl2) {
    const g2 = guardian(random, rl2, 2, rl2Payer, 0.7);
    if (sharedCustody) {
      const other = random.pick(OTHER_PARIS_STREETS);
      g2.address = {
        line1: `${streetNumber(random, other.max)} ${other.name}`,
        line2: null,
        postalCode: other.postalCode,
        city: 'Paris',
      };
    }
    guardians.push(g2);
  }

  // Children
  const pending = finalStatus === 'pending';
  let count = random.weighted([1, 2, 3, 4], (n) => [0.69, 0.25, 0.05, 0.01][n - 1] ?? 0);
  if (pending && random.chance(0.35)) count = 0;
  const year = archived ? dates.year - 1 : dates.year; // archived files left at the end of the previous year
  const years = count > 0 ? siblingYears(random, count, year - 10, year - 3) : [];
  const group = random.weighted(groups, (g) => g.weight);
  const sincePreviousYear = !pending && random.chance(0.65);
  const midYear = !pending && !archived && random.chance(0.03) ? random.pick(dates.midYearArrivals) : null;
  const familyRhythm = random.weighted(RHYTHMS, (r) => r.weight).days;
  const familyNoMeat = random.chance(0.075);
  const radiatedOn = finalStatus === 'radiated' ? random.pick(dates.radiationDates) : null;

  const drafts: { child: ChildInput; change: number[] | null }[] = [];
  let previousBirth: { year: number; date: string } | null = null;
  for (const [i, birthYear] of years.entries()) {
    const level = year - birthYear - 3; // 0 = PS … 7 = CM2 in the school year `year`
    // siblings born the same year are twins
    const birthDate: string = previousBirth?.year === birthYear ? previousBirth.date : randomDate(random, birthYear);
    previousBirth = { year: birthYear, date: birthDate };
    const female = random.chance(0.49);
    let firstName = random.pick(female ? origin.girls : origin.boys);
    if (drafts.some((d) => d.child.firstName === firstName)) firstName = random.pick(female ? origin.girls : origin.boys);
    let enrolledFrom: string;
    if (archived) enrolledFrom = dates.previousYearStart;
    else if (pending) enrolledFrom = random.pick([dates.yearStart, ...dates.midYearArrivals]);
    else if (midYear) enrolledFrom = midYear;
    else enrolledFrom = sincePreviousYear && level >= 1 ? dates.previousYearStart : dates.yearStart;
    let enrolledTo: string | null = archived ? dates.previousYearEnd : null;
    if (radiatedOn) enrolledTo = radiatedOn > enrolledFrom ? radiatedOn : null;
    const noSchool = random.chance(0.001);
    const rhythm = i === 0 || !random.chance(0.2) ? familyRhythm : random.weighted(RHYTHMS, (r) => r.weight).days;
    const diet = random.chance(0.02) ? 'pai' : familyNoMeat && random.chance(0.95) ? 'no_meat' : 'none';
    let change: number[] | null = null;
    if (finalStatus === 'active' && enrolledTo === null && enrolledFrom < dates.rhythmChange && random.chance(0.05)) {
      change = random.weighted(RHYTHMS, (r) => r.weight).days;
      if (change.join() === rhythm.join()) change = rhythm.length === 5 ? [1, 2, 4, 5] : [1, 2, 3, 4, 5];
    }
    drafts.push({
      child: {
        lastName: random.chance(0.97) ? childLastName : rl1.lastName,
        firstName,
        birthDate,
        // a school code here, replaced by the school's id when written
        schoolId: noSchool ? null : level <= 2 ? group.maternelle : group.elementaire,
        className: noSchool ? null : (CLASSES[level] ?? null),
        enrolledFrom,
        enrolledTo,
        dietNeed: diet,
        weekdays: rhythm,
      },
      change,
    });
  }
  // In birth order, as the store lists them (the rhythm changes follow their child).
  drafts.sort((a, b) => (a.child.birthDate < b.child.birthDate ? -1 : a.child.birthDate > b.child.birthDate ? 1 : 0));
  const children = drafts.map((d) => d.child);
  const rhythmChanges = drafts.flatMap((d, i) => (d.change ? [{ child: i, weekdays: d.change }] : []));

  // Quotient familial: proofs received in September (a few later) for the school year.
  const qf: DemoFamily['qf'] = [];
  if (!pending && (forceElodie || random.chance(0.82))) {
    const tranche = random.weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (t) => TRANCHE_WEIGHTS[t - 1] ?? 1);
    const low = tranche === 1 ? 0 : (DEFAULT_QF_UPPER_BOUNDS[tranche - 2] ?? 0) + 1;
    const high = DEFAULT_QF_UPPER_BOUNDS[tranche - 1] ?? 9000;
    const value = random.int(low, high);
    const lateProof = random.chance(0.15);
    if (sincePreviousYear || archived) {
      const previous = Math.max(0, Math.round(value * (0.85 + random.float() * 0.3)));
      if (random.chance(0.7) || archived) qf.push({ value: previous, proofReceivedOn: randomDate(random, dates.year - 1, 9) });
    }
    if (!archived) {
      qf.push({ value, proofReceivedOn: lateProof ? randomDate(random, dates.year, random.pick([10, 11])) : randomDate(random, dates.year, 9) });
    }
  }

  return {
    input: {
      familyName: childLastName,
      // Radiated and archived files go through the lifecycle once their QF history is recorded.
      status: archived || finalStatus === 'radiated' ? 'active' : finalStatus,
      address,
      notes: pending ? random.pick(PENDING_NOTES) : null,
      guardians,
      children,
    },
    qf,
    radiatedOn: archived ? dates.previousYearEnd : radiatedOn,
    archive: archived,
    rhythmChanges,
  };
}

/* ---------- loading ---------- */

export interface DemoOptions {
  seed: number;
  /** Number of families (default 9,000); the tests load fewer. */
  families?: number;
  /** False: no billing run (nor payments, reminders), for the tests that issue a period themselves. Default true. */
  billingHistory?: boolean;
  /** Told at each step: what is being done (in French) and how far the load is (0–1). */
  onProgress?: (progress: DemoProgress) => void;
}

export interface DemoProgress {
  step: string;
  fraction: number;
}

export interface DemoResult {
  schools: number;
  families: number;
  children: number;
  /** School years of the demo, oldest first (« 2025-2026 »). */
  schoolYears: string[];
  /** Billing periods issued, invoices, payments recorded, reminders sent, requests entered. */
  periodsIssued: number;
  invoices: number;
  payments: number;
  reminders: number;
  requests: number;
  /** What the demo could not do (a school year whose calendar Guichet does not ship), in French. */
  warnings: string[];
}

/**
 * Weight of each step in the load's time, measured on the full set at 01/12/2026 (families 164 s,
 * one billing run with its payments 72 s, the rest 17 s on the 2-core build machine under load):
 * the progress bar moves with the time, not with the step count.
 */
const FAMILIES_WEIGHT = 1;
const PERIOD_WEIGHT = 0.45;
const TAIL_WEIGHT = 0.1;

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Throws the usual conflict when the store already holds families (the demo loads into an empty one). */
export function requireEmptyStore(ctx: AppContext): void {
  const existing = (ctx.store.sqlite.prepare('SELECT COUNT(*) AS n FROM families').get() as { n: number }).n;
  if (existing > 0) {
    throw new AppError({
      code: 'CONFLICT',
      message: 'La base contient déjà des familles\u00a0: les données de démonstration ne se chargent que dans une base vide.',
    });
  }
}

/**
 * Loads the demo data in one transaction. Asynchronous: it lets the process breathe between steps
 * (and every few hundred families), so that the web host and the desktop answer the progress
 * operation meanwhile; nothing else writes then (the first-start screen waits).
 */
export async function loadDemo(ctx: AppContext, options: DemoOptions): Promise<DemoResult> {
  requireEmptyStore(ctx);
  const { sqlite } = ctx.store;
  const count = options.families ?? DEFAULT_DEMO_FAMILIES;
  const random = new Random(mulberry32(options.seed));
  const today = ctx.today();
  // The same context with today's date computed once (the default today() builds a date
  // formatter at each call, which showed in the profile of this bulk load).
  const work: AppContext = { ...ctx, today: () => today };
  const childIds = sqlite.prepare('SELECT id FROM children WHERE family_id = ? ORDER BY birth_date, rowid');
  let done = 0;
  const report = (step: string, share = 0) => {
    done = Math.min(1, done + share);
    options.onProgress?.({ step, fraction: done });
  };

  sqlite.exec('BEGIN IMMEDIATE');
  try {
    report('Calendriers scolaires de la zone C');
    const { dates, warnings } = seedDemoCalendars(work);
    const toIssue = options.billingHistory === false ? [] : periodsToIssue(work);
    const totalWeight = FAMILIES_WEIGHT + PERIOD_WEIGHT * toIssue.length + TAIL_WEIGHT;
    const familiesShare = FAMILIES_WEIGHT / totalWeight;
    const periodShare = PERIOD_WEIGHT / totalWeight;
    report('Écoles du 11e', 0.01);
    const { schools, groups } = demoSchools(random);
    const stored = upsertSchools(work, schools);
    const schoolId = (code: string | null | undefined) => (code ? (stored.get(code)?.id ?? null) : null);
    let childCount = 0;
    const chunk = 250;
    for (let i = 0; i < count; i++) {
      if (i % chunk === 0) {
        report(`Familles et enfants (${Math.min(count, i + chunk).toLocaleString('fr-FR')} sur ${count.toLocaleString('fr-FR')})`, i === 0 ? 0 : (familiesShare * chunk) / count);
        await breathe();
      }
      const demo = generateFamily(random, i, groups, dates);
      for (const child of demo.input.children ?? []) child.schoolId = schoolId(child.schoolId);
      const data = familyInput.parse(demo.input);
      const { id } = createFamily(work, data, { action: 'family.import' });
      childCount += data.children.length;
      for (const proof of demo.qf) {
        if (proof.proofReceivedOn <= today) recordQf(work, { familyId: id, ...proof });
      }
      if (demo.rhythmChanges.length > 0) {
        const ids = childIds.all(id) as { id: string }[];
        for (const change of demo.rhythmChanges) {
          const childId = ids[change.child]?.id;
          if (childId) setRhythm(work, { childId, weekdays: change.weekdays, effectiveFrom: dates.rhythmChange });
        }
      }
      if (demo.radiatedOn) radiateFamily(work, id, demo.radiatedOn);
      if (demo.archive) {
        archiveFamily(work, id);
      }
    }
    done = familiesShare + 0.01;
    report('Fermetures (grèves, sorties)');
    addDemoClosures(work, dates);
    let invoices = 0;
    let payments = 0;
    for (const period of toIssue) {
      report(`Facturation ${period.label} et paiements`, 0);
      await breathe();
      const issued = issueDemoPeriod(work, random, period);
      invoices += issued.invoices;
      payments += issued.payments;
      done += periodShare;
    }
    report('Demandes des familles');
    await breathe();
    const requests = addDemoRequests(work, random);
    report('Lettres de relance', (TAIL_WEIGHT / totalWeight) * 0.3);
    const reminders = await sendDemoReminders(work, 6);
    report('Enregistrement', (TAIL_WEIGHT / totalWeight) * 0.3);
    await breathe();
    sqlite.exec('COMMIT');
    options.onProgress?.({ step: 'Terminé', fraction: 1 });
    return {
      schools: schools.length,
      families: count,
      children: childCount,
      schoolYears: (sqlite.prepare('SELECT label FROM school_years ORDER BY first_day').all() as { label: string }[]).map((y) => y.label),
      periodsIssued: toIssue.length,
      invoices,
      payments,
      reminders,
      requests,
      warnings,
    };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}
