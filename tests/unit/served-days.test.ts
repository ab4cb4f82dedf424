import { describe, expect, it } from 'vitest';
import {
  type DateRange,
  parseServedDaysInput,
  type RhythmPeriod,
  schoolDays,
  servedDays,
  servedDaysAmong,
  type ServedDaysInput,
} from '../../shared/rules/served-days.js';

/** Zone C, 2025-2026 (resources/calendar/zone-c-2025-2026.ics), as the billing receives it. */
const ZONE_C_2025_2026: DateRange[] = [
  { from: '2025-10-18', to: '2025-11-02' }, // Toussaint
  { from: '2025-12-20', to: '2026-01-04' }, // Noël
  { from: '2026-02-21', to: '2026-03-08' }, // hiver
  { from: '2026-04-18', to: '2026-05-03' }, // printemps
  { from: '2026-05-14', to: '2026-05-17' }, // pont de l'Ascension
];
const ALL_WEEK = [1, 2, 3, 4, 5];
const NO_WEDNESDAY = [1, 2, 4, 5];

const base: ServedDaysInput = {
  range: { from: '2025-09-01', to: '2026-07-03' },
  schoolYear: { start: '2025-09-01', end: '2026-07-03' },
  holidays: ZONE_C_2025_2026,
  closures: ['2026-03-17'],
  serviceWeekdays: ALL_WEEK,
  rhythm: [{ from: '2025-09-01', weekdays: ALL_WEEK }],
  enrolment: { from: '2025-09-01', to: null },
};

/** Is that one day served, for the base child with some changes? */
function served(day: string, changes: Partial<ServedDaysInput> = {}): boolean {
  const days = servedDays({ ...base, ...changes, range: { from: day, to: day } });
  expect(days.length).toBeLessThanOrEqual(1);
  return days.length === 1;
}

const SATURDAYS: Partial<ServedDaysInput> = {
  serviceWeekdays: [1, 2, 3, 4, 5, 6],
  rhythm: [{ from: '2025-09-01', weekdays: [1, 2, 3, 4, 5, 6] }],
};

describe('served days, day by day (zone C 2025-2026, child eating every weekday)', () => {
  it.each<[string, string, boolean, Partial<ServedDaysInput>?]>([
    // school year
    ['Friday before the rentrée', '2025-08-29', false],
    ['Monday of the rentrée', '2025-09-01', true],
    ['last school day (Friday 3 July)', '2026-07-03', true],
    ['first Monday of summer', '2026-07-06', false],
    // Toussaint: from Saturday 18 Oct, classes resume Monday 3 Nov
    ['Friday before Toussaint', '2025-10-17', true],
    ['a Saturday of school, with Saturday catering', '2025-10-11', true, SATURDAYS],
    ['Saturday that starts Toussaint, even with Saturday catering', '2025-10-18', false, SATURDAYS],
    ['Monday in Toussaint', '2025-10-20', false],
    ['last Friday of Toussaint', '2025-10-31', false],
    ['Monday of resumption after Toussaint', '2025-11-03', true],
    // Noël
    ['Friday before Noël', '2025-12-19', true],
    ['Friday in Noël', '2026-01-02', false],
    ['Monday of resumption after Noël', '2026-01-05', true],
    // hiver zone C: from Saturday 21 Feb, resume Monday 9 March
    ['Friday before winter holidays', '2026-02-20', true],
    ['Monday in winter holidays', '2026-02-23', false],
    ['last Friday of winter holidays', '2026-03-06', false],
    ['Monday of resumption after winter', '2026-03-09', true],
    // printemps zone C
    ['Friday before spring holidays', '2026-04-17', true],
    ['Monday in spring holidays', '2026-04-20', false],
    ['Monday of resumption after spring', '2026-05-04', true],
    // public holidays
    ['Armistice, Tuesday 11 Nov', '2025-11-11', false],
    ['the day before Armistice', '2025-11-10', true],
    ['Easter Monday', '2026-04-06', false],
    ['Tuesday after Easter', '2026-04-07', true],
    ['1 May, even without spring holidays around it', '2026-05-01', false, { holidays: [] }],
    ['30 April, without spring holidays', '2026-04-30', true, { holidays: [] }],
    ['8 May (Friday)', '2026-05-08', false],
    ['Wednesday before Ascension', '2026-05-13', true],
    ['Ascension (Thursday 14 May)', '2026-05-14', false],
    ['Ascension, even with no bridge in the data', '2026-05-14', false, { holidays: [] }],
    ['the bridge Friday 15 May (a holiday range of the data)', '2026-05-15', false],
    ['Friday 15 May when the data has no bridge', '2026-05-15', true, { holidays: [] }],
    ['Monday after the bridge', '2026-05-18', true],
    ['Whit Monday', '2026-05-25', false],
    ['Tuesday after Whit Monday', '2026-05-26', true],
    ['14 July, even inside an extended school year', '2026-07-14', false, { schoolYear: { start: '2025-09-01', end: '2026-07-31' } }],
    // closures of the school's catering
    ['a closure day', '2026-03-17', false],
    ['the day before a closure', '2026-03-16', true],
    ['a closure listed twice', '2026-03-17', false, { closures: ['2026-03-17', '2026-03-17'] }],
    // catering weekdays of the school
    ['Wednesday, catering every weekday', '2026-03-11', true],
    ['Wednesday, school without Wednesday catering', '2026-03-11', false, { serviceWeekdays: NO_WEDNESDAY }],
    ['Saturday, no Saturday catering', '2026-03-14', false, { rhythm: [{ from: '2025-09-01', weekdays: [1, 2, 3, 4, 5, 6] }] }],
    // rhythm
    ['Wednesday, rhythm without Wednesday', '2026-03-11', false, { rhythm: [{ from: '2025-09-01', weekdays: NO_WEDNESDAY }] }],
    ['a day before the first rhythm entry', '2026-03-10', false, { rhythm: [{ from: '2026-03-11', weekdays: ALL_WEEK }] }],
    ['the first rhythm entry’s own day', '2026-03-11', true, { rhythm: [{ from: '2026-03-11', weekdays: ALL_WEEK }] }],
    ['empty rhythm', '2026-03-10', false, { rhythm: [] }],
    ['rhythm with no weekday', '2026-03-10', false, { rhythm: [{ from: '2025-09-01', weekdays: [] }] }],
    // enrolment, both ends included
    ['the day before enrolment', '2026-03-11', false, { enrolment: { from: '2026-03-12', to: null } }],
    ['first day of enrolment', '2026-03-12', true, { enrolment: { from: '2026-03-12', to: null } }],
    ['last day of enrolment', '2026-03-24', true, { enrolment: { from: '2025-09-01', to: '2026-03-24' } }],
    ['the day after enrolment ends', '2026-03-25', false, { enrolment: { from: '2025-09-01', to: '2026-03-24' } }],
    ['enrolled for one day', '2026-03-12', true, { enrolment: { from: '2026-03-12', to: '2026-03-12' } }],
  ])('%s (%s) → %s', (_label, day, expected, changes) => {
    expect(served(day, changes)).toBe(expected);
  });
});

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
/** The README's example: March 2026, Monday 9 to Tuesday 31, no Wednesday, closure on the 17th. */
const example: ServedDaysInput = {
  range: MARCH,
  schoolYear: { start: '2025-09-01', end: '2026-07-03' },
  holidays: [{ from: '2026-02-21', to: '2026-03-08' }],
  closures: ['2026-03-17'],
  serviceWeekdays: ALL_WEEK,
  rhythm: [{ from: '2025-09-01', weekdays: NO_WEDNESDAY }],
  enrolment: { from: '2025-09-01', to: null },
};

describe('served days over a period', () => {
  it.each<[string, Partial<ServedDaysInput>, string[]]>([
    [
      'the command-line example: 13 days',
      {},
      ['09', '10', '12', '13', '16', '19', '20', '23', '24', '26', '27', '30', '31'],
    ],
    [
      'a rhythm change mid-period (Mondays only from the 16th, that day included)',
      { rhythm: [{ from: '2025-09-01', weekdays: NO_WEDNESDAY }, { from: '2026-03-16', weekdays: [1] }] },
      ['09', '10', '12', '13', '16', '23', '30'],
    ],
    [
      'the same change given out of order',
      { rhythm: [{ from: '2026-03-16', weekdays: [1] }, { from: '2025-09-01', weekdays: NO_WEDNESDAY }] },
      ['09', '10', '12', '13', '16', '23', '30'],
    ],
    [
      'a change back and forth within the month',
      {
        rhythm: [
          { from: '2025-09-01', weekdays: NO_WEDNESDAY },
          { from: '2026-03-16', weekdays: [1] },
          { from: '2026-03-24', weekdays: [2, 4] },
        ],
      },
      ['09', '10', '12', '13', '16', '23', '24', '26', '31'],
    ],
    ['two entries of the same date: the later one in the list wins', { rhythm: [{ from: '2025-09-01', weekdays: [1] }, { from: '2025-09-01', weekdays: [5] }] }, ['13', '20', '27']],
    ['a rhythm starting after the range start', { rhythm: [{ from: '2026-03-19', weekdays: NO_WEDNESDAY }] }, ['19', '20', '23', '24', '26', '27', '30', '31']],
    ['a rhythm starting after the range end', { rhythm: [{ from: '2026-04-01', weekdays: NO_WEDNESDAY }] }, []],
    ['an empty rhythm', { rhythm: [] }, []],
    ['enrolment from the 12th to the 24th, both included', { enrolment: { from: '2026-03-12', to: '2026-03-24' } }, ['12', '13', '16', '19', '20', '23', '24']],
    ['enrolment ending before the range', { enrolment: { from: '2025-09-01', to: '2026-02-28' } }, []],
    ['enrolment starting after the range', { enrolment: { from: '2026-04-01', to: null } }, []],
    ['school without Wednesday catering, child eating every day', { serviceWeekdays: NO_WEDNESDAY, rhythm: [{ from: '2025-09-01', weekdays: ALL_WEEK }] }, ['09', '10', '12', '13', '16', '19', '20', '23', '24', '26', '27', '30', '31']],
    ['no closure, every weekday', { closures: [], rhythm: [{ from: '2025-09-01', weekdays: ALL_WEEK }] }, ['09', '10', '11', '12', '13', '16', '17', '18', '19', '20', '23', '24', '25', '26', '27', '30', '31']],
  ])('%s', (_label, changes, expected) => {
    expect(servedDays({ ...example, ...changes })).toEqual(expected.map((d) => `2026-03-${d}`));
  });

  it.each<[string, DateRange, number]>([
    ['a range wholly after the school year', { from: '2026-07-04', to: '2026-08-31' }, 0],
    ['a range wholly before the school year', { from: '2025-07-01', to: '2025-08-31' }, 0],
    ['a range over the end of the school year', { from: '2026-06-29', to: '2026-07-31' }, 5],
    ['a range over the rentrée', { from: '2025-08-25', to: '2025-09-05' }, 5],
    ['an inverted range', { from: '2026-03-31', to: '2026-03-01' }, 0],
  ])('%s', (_label, range, count) => {
    expect(servedDays({ ...base, closures: [], range })).toHaveLength(count);
  });

  it('counts the whole 2025-2026 zone C school year', () => {
    // Monday 1 Sep 2025 → Friday 3 July 2026: 306 days, 43 weeks and 5 days = 220 weekdays.
    // Weekday public holidays in it: 11 Nov, 25 Dec, 1 Jan, Easter Monday, 1 May, 8 May, Ascension,
    // Whit Monday = 8. Holidays take 42 weekdays (10 each for Toussaint, Noël, hiver, printemps;
    // Thursday and Friday of the bridge), 4 of those public holidays among them.
    const all = { ...base, closures: [] };
    expect(servedDays({ ...all, holidays: [] })).toHaveLength(220 - 8);
    expect(servedDays(all)).toHaveLength(220 - 42 - 4);
    expect(servedDays({ ...all, rhythm: [{ from: '2025-09-01', weekdays: NO_WEDNESDAY }] }).length).toBeLessThan(174);
  });
});

describe('schoolDays and servedDaysAmong (the billing run’s split)', () => {
  const children: { rhythm: RhythmPeriod[]; enrolment: { from: string; to: string | null } }[] = [
    { rhythm: [{ from: '2025-09-01', weekdays: NO_WEDNESDAY }], enrolment: { from: '2025-09-01', to: null } },
    { rhythm: [{ from: '2025-09-01', weekdays: [1, 4] }, { from: '2026-03-12', weekdays: ALL_WEEK }], enrolment: { from: '2026-03-10', to: null } },
    { rhythm: [], enrolment: { from: '2025-09-01', to: null } },
    { rhythm: [{ from: '2025-09-01', weekdays: ALL_WEEK }], enrolment: { from: '2025-09-01', to: '2026-03-13' } },
  ];

  it('gives, child by child, what servedDays gives', () => {
    const days = schoolDays(example);
    expect(days).toHaveLength(16); // March 9–31 on weekdays, minus the closure
    for (const child of children) {
      expect(servedDaysAmong(days, child.rhythm, child.enrolment)).toEqual(servedDays({ ...example, ...child }));
    }
  });

  it('accepts any list of days, even unsorted, and keeps its order', () => {
    const days = [...schoolDays(example)].reverse();
    const child = children[1]!;
    expect(servedDaysAmong(days, child.rhythm, child.enrolment)).toEqual(servedDays({ ...example, ...child }).reverse());
  });

  it('notices a list changed in place since the last call', () => {
    const days = schoolDays(example);
    const child = children[0]!;
    expect(servedDaysAmong(days, child.rhythm, child.enrolment)).toHaveLength(13);
    days.push('2026-04-01'); // a Wednesday: not in this child's rhythm
    days.push('2026-04-02');
    expect(servedDaysAmong(days, child.rhythm, child.enrolment)).toEqual([...servedDays({ ...example, ...child }), '2026-04-02']);
  });

  it('refuses malformed dates instead of comparing them as text', () => {
    expect(() => servedDaysAmong(['2026-03-09'], [{ from: '2026-3-1', weekdays: [1] }], { from: '2025-09-01', to: null })).toThrow(RangeError);
    expect(() => servedDaysAmong(['2026-03-09'], [{ from: '2026-03-01', weekdays: [1] }], { from: '2025-09-01', to: '31/03/2026' })).toThrow(RangeError);
    expect(() => schoolDays({ ...example, closures: ['2026-02-30'] })).toThrow(RangeError);
  });
});

/** A plain, slow reading of the rule, with Date objects, to check the fast one against. */
function reference(input: ServedDaysInput): string[] {
  const out: string[] = [];
  const start = Date.parse(`${input.range.from}T00:00:00Z`);
  const end = Date.parse(`${input.range.to}T00:00:00Z`);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
  const easterBased: Record<number, string[]> = {
    2025: ['2025-04-21', '2025-05-29', '2025-06-09'],
    2026: ['2026-04-06', '2026-05-14', '2026-05-25'],
    2027: ['2027-03-29', '2027-05-06', '2027-05-17'],
  };
  for (let t = start; t <= end; t += 86_400_000) {
    const date = new Date(t);
    const day = date.toISOString().slice(0, 10);
    const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
    if (day < input.schoolYear.start || day > input.schoolYear.end) continue;
    if (!input.serviceWeekdays.includes(weekday)) continue;
    if (input.holidays.some((h) => h.from <= day && day <= h.to)) continue;
    if (fixed.includes(day.slice(5)) || (easterBased[date.getUTCFullYear()] ?? []).includes(day)) continue;
    if (input.closures.includes(day)) continue;
    if (day < input.enrolment.from || (input.enrolment.to !== null && day > input.enrolment.to)) continue;
    const inForce = [...input.rhythm].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)).filter((r) => r.from <= day).pop();
    if (inForce?.weekdays.includes(weekday)) out.push(day);
  }
  return out;
}

describe('against a plain reading of the rule', () => {
  it('agrees on 500 random children and periods', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const dayIn = (from: string, spanDays: number) =>
      new Date(Date.parse(`${from}T00:00:00Z`) + Math.floor(random() * spanDays) * 86_400_000).toISOString().slice(0, 10);
    const someWeekdays = () => [1, 2, 3, 4, 5, 6].filter(() => random() < 0.6);
    for (let i = 0; i < 500; i++) {
      const a = dayIn('2025-08-01', 400);
      const b = dayIn('2025-08-01', 400);
      const e1 = dayIn('2025-08-01', 400);
      const e2 = dayIn('2025-08-01', 400);
      const input: ServedDaysInput = {
        range: { from: a < b ? a : b, to: a < b ? b : a },
        schoolYear: { start: '2025-09-01', end: '2026-07-03' },
        holidays: ZONE_C_2025_2026,
        closures: Array.from({ length: 3 }, () => dayIn('2025-09-01', 300)),
        serviceWeekdays: random() < 0.5 ? ALL_WEEK : someWeekdays(),
        rhythm: Array.from({ length: Math.floor(random() * 4) }, () => ({ from: dayIn('2025-08-15', 330), weekdays: someWeekdays() })),
        enrolment: { from: e1 < e2 ? e1 : e2, to: random() < 0.5 ? null : e1 < e2 ? e2 : e1 },
      };
      expect(servedDays(input), JSON.stringify(input)).toEqual(reference(input));
    }
  });
});

describe('servedDaysInputSchema (the command line’s JSON)', () => {
  const json = JSON.parse(JSON.stringify(example)) as Record<string, unknown>;

  it('accepts the example, and fills the optional fields', () => {
    expect(parseServedDaysInput(json)).toEqual({ success: true, data: example });
    const { holidays: _h, closures: _c, ...minimal } = json;
    const parsed = parseServedDaysInput({ ...minimal, enrolment: { from: '2025-09-01' } });
    expect(parsed.success && parsed.data).toMatchObject({ holidays: [], closures: [], enrolment: { from: '2025-09-01', to: null } });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an impossible date', { range: { from: '2026-02-30', to: '2026-03-31' } }, 'range.from', 'range.from (début de la période)\u00a0: date invalide\u00a0: «\u00a02026-02-30\u00a0»'],
    ['a French date', { closures: ['17/03/2026'] }, 'closures.0', 'closures[0] (fermeture n°\u00a01)\u00a0: date invalide'],
    ['a number for a date', { holidays: [{ from: '2026-02-21', to: 20260308 }] }, 'holidays.0.to', 'holidays[0].to (dernier jour des vacances n°\u00a01)\u00a0: date invalide'],
    ['a weekday 0', { rhythm: [{ from: '2025-09-01', weekdays: [0, 1] }] }, 'rhythm.0.weekdays.0', 'rhythm[0].weekdays[0] (jours du rythme n°\u00a01)\u00a0: jour de la semaine invalide'],
    ['a weekday as text', { serviceWeekdays: ['lundi'] }, 'serviceWeekdays.0', 'serviceWeekdays[0] (jours de restauration de l’école)\u00a0: jour de la semaine invalide'],
    ['a missing enrolment', { enrolment: undefined }, 'enrolment', 'enrolment (inscription)\u00a0: champ obligatoire.'],
    ['a missing rhythm', { rhythm: undefined }, 'rhythm', 'rhythm (rythme)\u00a0: liste obligatoire'],
    ['a misspelt key', { closure: [] }, '', 'Données\u00a0: champ inconnu\u00a0: «\u00a0closure\u00a0».'],
    ['a misspelt nested key', { enrolment: { from: '2025-09-01', until: null } }, 'enrolment', 'enrolment (inscription)\u00a0: champ inconnu\u00a0: «\u00a0until\u00a0».'],
    ['a range ending before it starts', { range: { from: '2026-03-31', to: '2026-03-01' } }, 'range.to', 'range.to (fin de la période)\u00a0: la fin de la période précède son début.'],
    ['a range of eleven years', { range: { from: '2020-01-01', to: '2030-12-31' } }, 'range.to', 'dix ans au plus'],
    ['holidays ending before they start', { holidays: [{ from: '2026-03-08', to: '2026-02-21' }] }, 'holidays.0.to', 'holidays[0].to (dernier jour des vacances n°\u00a01)\u00a0: le dernier jour précède le premier.'],
    ['a school year ending before it starts', { schoolYear: { start: '2026-07-03', end: '2025-09-01' } }, 'schoolYear.end', 'schoolYear.end (dernier jour de classe de l’année)'],
    ['an enrolment ending before it starts', { enrolment: { from: '2026-03-01', to: '2026-02-01' } }, 'enrolment.to', 'enrolment.to (date de sortie)\u00a0: la date de sortie précède la date d’entrée.'],
  ])('names the field for %s', (_label, changes, field, message) => {
    const result = parseServedDaysInput({ ...json, ...changes });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues[0]?.field).toBe(field);
    expect(result.issues[0]?.message).toContain(message);
  });

  it('refuses what is not an object', () => {
    for (const value of [null, [], 'texte', 13]) {
      const result = parseServedDaysInput(value);
      expect(!result.success && result.issues[0]?.message).toBe('Données\u00a0: objet attendu ({ … }).');
    }
  });
});
