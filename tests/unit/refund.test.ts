import { describe, expect, it } from 'vitest';
import { radiationLastBilledDay } from '../../shared/rules/radiation.js';
import { parseRefundInput, REFUND_RULES, type RefundInput, refundVerdict, type RefundRule } from '../../shared/rules/refund.js';

/** March 2026: Mon 9, Tue 10, Wed 11, Thu 12, Fri 13; Mon 16. The child does not eat on Wednesdays. */
const PRICE = 362;
const BASE: RefundInput = {
  reason: 'maladie',
  absence: { from: '2026-03-09', to: '2026-03-13' },
  servedDays: ['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13', '2026-03-16'],
  receivedOn: '2026-03-20',
  certificate: { original: true, noErasures: true },
  schoolHeadVisa: true,
  unitPriceCents: PRICE,
  alreadyRefundedDays: [],
};

interface Case {
  name: string;
  changes: Partial<RefundInput>;
  eligible: boolean;
  refundedDays: string[];
  /** The rules that fail (all the others pass). */
  failed: RefundRule[];
  /** Some text each listed check's message must contain. */
  messages?: Partial<Record<RefundRule, string>>;
}

const NBSP = '\u00a0';

const CASES: Case[] = [
  {
    name: 'the issue’s example: Mon–Fri minus Wednesday, 4 days × 3,62 €',
    changes: {},
    eligible: true,
    refundedDays: ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'],
    failed: [],
    messages: {
      deadline: `Reçue le 20/03/2026, dans les 30 jours suivant le dernier jour d’absence (13/03/2026)${NBSP}: délai respecté (jusqu’au 12/04/2026).`,
      notAlreadyRefunded: `4 jours × 3,62${NBSP}€ = 14,48${NBSP}€ à rembourser`,
    },
  },
  {
    name: 'the family guide’s two-day illness is refused',
    changes: { absence: { from: '2026-03-09', to: '2026-03-10' } },
    eligible: false,
    refundedDays: [],
    failed: ['minimumDays'],
    messages: { minimumDays: `Seulement 2 jours de repas dans l’absence du 09/03/2026 au 10/03/2026${NBSP}: il en faut au moins 3 consécutifs.` },
  },
  {
    name: 'three served days across a weekend (Thu, Fri, Mon) are eligible',
    changes: { absence: { from: '2026-03-12', to: '2026-03-16' } },
    eligible: true,
    refundedDays: ['2026-03-12', '2026-03-13', '2026-03-16'],
    failed: [],
  },
  {
    name: 'a Wednesday without canteen neither counts (Tue–Thu: 2 days, refused)',
    changes: { absence: { from: '2026-03-10', to: '2026-03-12' } },
    eligible: false,
    refundedDays: [],
    failed: ['minimumDays'],
    messages: { minimumDays: 'Seulement 2 jours' },
  },
  {
    name: '… nor breaks the run (Tue, Thu, Fri: 3 days, eligible)',
    changes: { absence: { from: '2026-03-10', to: '2026-03-13' } },
    eligible: true,
    refundedDays: ['2026-03-10', '2026-03-12', '2026-03-13'],
    failed: [],
  },
  {
    name: 'received on day 30 after the last day of absence: accepted',
    changes: { receivedOn: '2026-04-12' },
    eligible: true,
    refundedDays: ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'],
    failed: [],
    messages: { deadline: 'délai respecté (jusqu’au 12/04/2026)' },
  },
  {
    name: 'received on day 31: refused',
    changes: { receivedOn: '2026-04-13' },
    eligible: false,
    refundedDays: [],
    failed: ['deadline'],
    messages: { deadline: `Reçue le 13/04/2026, plus de 30 jours après le dernier jour d’absence (13/03/2026)${NBSP}: délai dépassé` },
  },
  {
    name: 'no visa of the school’s head',
    changes: { schoolHeadVisa: false },
    eligible: false,
    refundedDays: [],
    failed: ['schoolHeadVisa'],
    messages: { schoolHeadVisa: 'ne porte pas le visa' },
  },
  {
    name: 'a copy instead of the original certificate',
    changes: { certificate: { original: false, noErasures: true } },
    eligible: false,
    refundedDays: [],
    failed: ['certificate.original'],
    messages: { 'certificate.original': `une copie${NBSP}: l’original est exigé` },
  },
  {
    name: 'a certificate with erasures',
    changes: { certificate: { original: true, noErasures: false } },
    eligible: false,
    refundedDays: [],
    failed: ['certificate.noErasures'],
    messages: { 'certificate.noErasures': 'ratures ou des surcharges' },
  },
  {
    name: 'no certificate at all (null)',
    changes: { certificate: null },
    eligible: false,
    refundedDays: [],
    failed: ['certificate.present', 'certificate.original', 'certificate.noErasures'],
    messages: { 'certificate.present': `Aucun certificat médical n’a été fourni${NBSP}: il est obligatoire.` },
  },
  {
    name: 'a reason other than illness (« vacances »)',
    changes: { reason: 'vacances' },
    eligible: false,
    refundedDays: [],
    failed: ['reason'],
    messages: { reason: `Motif${NBSP}: «${NBSP}vacances${NBSP}». Seule une maladie` },
  },
  {
    name: 'the reason is read without case or surrounding spaces',
    changes: { reason: ' Maladie ' },
    eligible: true,
    refundedDays: ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'],
    failed: [],
  },
  {
    name: 'days partly refunded already: only the others are refunded, the 3 days still count',
    changes: { alreadyRefundedDays: ['2026-03-09', '2026-03-10'] },
    eligible: true,
    refundedDays: ['2026-03-12', '2026-03-13'],
    failed: [],
    messages: { notAlreadyRefunded: `2 jours déjà remboursés (09/03/2026, 10/03/2026) ne le sont pas une seconde fois${NBSP}; 2 jours × 3,62${NBSP}€ = 7,24${NBSP}€ à rembourser.` },
  },
  {
    name: 'days wholly refunded already: not eligible',
    changes: { alreadyRefundedDays: ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'] },
    eligible: false,
    refundedDays: [],
    failed: ['notAlreadyRefunded'],
    messages: { notAlreadyRefunded: 'déjà été remboursés (09/03/2026, 10/03/2026, 12/03/2026, 13/03/2026)' },
  },
  {
    name: 'served days outside the absence are ignored (and duplicates counted once)',
    changes: { absence: { from: '2026-03-09', to: '2026-03-10' }, servedDays: ['2026-03-06', '2026-03-09', '2026-03-09', '2026-03-10', '2026-03-12'] },
    eligible: false,
    refundedDays: [],
    failed: ['minimumDays'],
  },
  {
    name: 'no served day at all inside the absence',
    changes: { absence: { from: '2026-03-11', to: '2026-03-11' } },
    eligible: false,
    refundedDays: [],
    failed: ['minimumDays'],
    messages: { minimumDays: 'Aucun jour de repas' },
  },
  {
    name: 'everything wrong at once: every failure is listed',
    changes: { reason: 'vacances', certificate: null, schoolHeadVisa: false, receivedOn: '2026-06-01', absence: { from: '2026-03-09', to: '2026-03-09' } },
    eligible: false,
    refundedDays: [],
    failed: ['reason', 'certificate.present', 'certificate.original', 'certificate.noErasures', 'schoolHeadVisa', 'deadline', 'minimumDays'],
  },
];

describe('refundVerdict (article 8)', () => {
  it.each(CASES)('$name', ({ changes, eligible, refundedDays, failed, messages }) => {
    const verdict = refundVerdict({ ...BASE, ...changes });
    expect(verdict.eligible).toBe(eligible);
    expect(verdict.refundedDays).toEqual(refundedDays);
    expect(verdict.amountCents).toBe(refundedDays.length * PRICE);
    // every verdict lists every check, in the fixed order
    expect(verdict.checks.map((c) => c.rule)).toEqual([...REFUND_RULES]);
    expect(verdict.checks.filter((c) => !c.ok).map((c) => c.rule)).toEqual(failed);
    for (const [rule, text] of Object.entries(messages ?? {})) {
      expect(verdict.checks.find((c) => c.rule === rule)?.message).toContain(text);
    }
    for (const check of verdict.checks) {
      expect(check.message).not.toMatch(/ [:;!?»]|« /); // no ordinary space where French wants a no-break one
    }
  });

  it.each([
    [362, 4, 1448],
    [13, 4, 52],
    [700, 3, 2100],
    [0, 4, 0],
  ])('amount = days × unit price to the cent (%i c × %i days = %i c)', (unitPriceCents, count, amount) => {
    const servedDays = ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'].slice(0, count);
    const verdict = refundVerdict({ ...BASE, unitPriceCents, servedDays });
    expect(verdict.eligible).toBe(true);
    expect(verdict.amountCents).toBe(amount);
  });
});

/**
 * Defect 1 (issue 7): an absence from 19/02 to 13/03/2026 across a tranche change. The child eats
 * Mon, Tue, Thu, Fri; the winter holidays (21/02–08/03) are not served: Thu 19 and Fri 20 February
 * were billed at 7,00 €, Mon 9, Tue 10, Thu 12 and Fri 13 March at the new tranche's price.
 */
describe('refundVerdict: each day at the price billed that day', () => {
  const FEBRUARY = ['2026-02-19', '2026-02-20'];
  const MARCH = ['2026-03-09', '2026-03-10', '2026-03-12', '2026-03-13'];
  const ACROSS: RefundInput = {
    ...BASE,
    absence: { from: '2026-02-19', to: '2026-03-13' },
    servedDays: ['2026-02-17', ...FEBRUARY, ...MARCH, '2026-03-16'],
    receivedOn: '2026-03-20',
  };
  const pricesOf = (february: number, march: number) => ({
    ...Object.fromEntries(FEBRUARY.map((d) => [d, february])),
    ...Object.fromEntries(MARCH.map((d) => [d, march])),
  });

  it.each<{ name: string; changes: Partial<RefundInput>; amountCents: number; refundedDays: string[]; worth: string }>([
    {
      name: 'the defect’s figures: 2 days at 7,00 € then 4 at 0,85 € make 17,40 €',
      changes: { dayPricesCents: pricesOf(700, 85) },
      amountCents: 1740,
      refundedDays: [...FEBRUARY, ...MARCH],
      worth: `Aucun jour de cette absence n’a déjà été remboursé${NBSP}: 2 jours × 7,00${NBSP}€ + 4 jours × 0,85${NBSP}€ = 17,40${NBSP}€ à rembourser.`,
    },
    {
      name: 'the issue’s example: 2 days at 7,00 € then 4 at 1,62 € make 20,48 €',
      changes: { dayPricesCents: pricesOf(700, 162) },
      amountCents: 2048,
      refundedDays: [...FEBRUARY, ...MARCH],
      worth: `2 jours × 7,00${NBSP}€ + 4 jours × 1,62${NBSP}€ = 20,48${NBSP}€ à rembourser.`,
    },
    {
      name: 'the same price every day reads as one product',
      changes: { dayPricesCents: pricesOf(700, 700) },
      amountCents: 4200,
      refundedDays: [...FEBRUARY, ...MARCH],
      worth: `6 jours × 7,00${NBSP}€ = 42,00${NBSP}€ à rembourser.`,
    },
    {
      name: 'a day not listed takes unitPriceCents',
      changes: { unitPriceCents: 85, dayPricesCents: { '2026-02-19': 700, '2026-02-20': 700 } },
      amountCents: 1740,
      refundedDays: [...FEBRUARY, ...MARCH],
      worth: `2 jours × 7,00${NBSP}€ + 4 jours × 0,85${NBSP}€ = 17,40${NBSP}€ à rembourser.`,
    },
    {
      name: 'days already refunded leave both the amount and the message',
      changes: { dayPricesCents: pricesOf(700, 85), alreadyRefundedDays: ['2026-02-19'] },
      amountCents: 1040,
      refundedDays: ['2026-02-20', ...MARCH],
      worth: `1 jour déjà remboursé (19/02/2026) ne l’est pas une seconde fois${NBSP}; 1 jour × 7,00${NBSP}€ + 4 jours × 0,85${NBSP}€ = 10,40${NBSP}€ à rembourser.`,
    },
    {
      name: 'three prices, in the order of the days',
      changes: { dayPricesCents: { ...pricesOf(700, 85), '2026-03-12': 162, '2026-03-13': 162 } },
      amountCents: 1400 + 170 + 324,
      refundedDays: [...FEBRUARY, ...MARCH],
      worth: `2 jours × 7,00${NBSP}€ + 2 jours × 0,85${NBSP}€ + 2 jours × 1,62${NBSP}€ = 18,94${NBSP}€ à rembourser.`,
    },
  ])('$name', ({ changes, amountCents, refundedDays, worth }) => {
    const verdict = refundVerdict({ ...ACROSS, ...changes });
    expect(verdict.eligible).toBe(true);
    expect(verdict.refundedDays).toEqual(refundedDays);
    expect(verdict.amountCents).toBe(amountCents);
    const message = verdict.checks.find((c) => c.rule === 'notAlreadyRefunded')!.message;
    expect(message).toContain(worth);
    // One amount only: the total in the message is the verdict's.
    expect(message.match(/= ([\d\u00a0]+,\d{2})\u00a0€/)?.[1]).toBe((amountCents / 100).toFixed(2).replace('.', ','));
  });

  it('not eligible: nothing to refund, whatever the prices', () => {
    const verdict = refundVerdict({ ...ACROSS, dayPricesCents: pricesOf(700, 85), schoolHeadVisa: false });
    expect(verdict).toMatchObject({ eligible: false, refundedDays: [], amountCents: 0 });
  });
});

/**
 * Issue 8, item 4: an absence in a period not billed yet. Its served days are the days the child
 * is scheduled to eat; the verdict says the period is not billed yet and that the refund of its
 * days will be deducted from its invoice.
 */
describe('refundVerdict: days of a period not billed yet', () => {
  const MARCH_APRIL = { label: 'Mars / Avril 2026', from: '2026-03-01', to: '2026-04-30' };
  const JAN_FEB = { label: 'Janvier / Février 2026', from: '2026-01-01', to: '2026-02-28' };
  const ACROSS: RefundInput = {
    ...BASE,
    absence: { from: '2026-02-26', to: '2026-03-10' },
    servedDays: ['2026-02-26', '2026-02-27', '2026-03-09', '2026-03-10'],
  };

  it.each<{ name: string; input: RefundInput; eligible: boolean; notBilledYet: string[]; minimumDays: string; worth?: string }>([
    {
      name: 'every day of the absence scheduled in a period not billed yet',
      input: { ...BASE, unbilledPeriods: [MARCH_APRIL] },
      eligible: true,
      notBilledYet: ['Mars / Avril 2026'],
      minimumDays: `4 jours de repas dans l’absence du 09/03/2026 au 13/03/2026 (prévus par le rythme de l’enfant dans la période Mars / Avril 2026, pas encore facturée)${NBSP}: au moins 3 consécutifs, condition remplie.`,
      worth: `4 jours × 3,62${NBSP}€ = 14,48${NBSP}€ à rembourser. La période Mars / Avril 2026 n’est pas encore facturée${NBSP}: le remboursement de ses jours sera déduit de sa facture, à son émission.`,
    },
    {
      name: 'billed days then days of a period not billed yet',
      input: { ...ACROSS, unbilledPeriods: [MARCH_APRIL] },
      eligible: true,
      notBilledYet: ['Mars / Avril 2026'],
      minimumDays: `4 jours de repas dans l’absence du 26/02/2026 au 10/03/2026 (dont 2 prévus par le rythme de l’enfant dans la période Mars / Avril 2026, pas encore facturée)`,
      worth: 'La période Mars / Avril 2026 n’est pas encore facturée',
    },
    {
      name: 'two periods not billed yet',
      input: { ...ACROSS, unbilledPeriods: [JAN_FEB, MARCH_APRIL] },
      eligible: true,
      notBilledYet: ['Janvier / Février 2026', 'Mars / Avril 2026'],
      minimumDays: `(prévus par le rythme de l’enfant dans les périodes Janvier / Février 2026 et Mars / Avril 2026, pas encore facturées)`,
      worth: `Les périodes Janvier / Février 2026 et Mars / Avril 2026 ne sont pas encore facturées${NBSP}: le remboursement de leurs jours sera déduit de leurs factures, à leur émission.`,
    },
    {
      name: 'a period not billed yet outside the absence changes nothing',
      input: { ...BASE, unbilledPeriods: [JAN_FEB] },
      eligible: true,
      notBilledYet: [],
      minimumDays: `4 jours de repas dans l’absence du 09/03/2026 au 13/03/2026${NBSP}: au moins 3 consécutifs`,
      worth: `4 jours × 3,62${NBSP}€ = 14,48${NBSP}€ à rembourser.`,
    },
    {
      name: 'the days already refunded of that period are not announced again',
      input: { ...ACROSS, unbilledPeriods: [MARCH_APRIL], alreadyRefundedDays: ['2026-03-09', '2026-03-10'] },
      eligible: true,
      notBilledYet: [],
      minimumDays: '(dont 2 prévus par le rythme de l’enfant dans la période Mars / Avril 2026, pas encore facturée)',
      worth: `2 jours × 3,62${NBSP}€ = 7,24${NBSP}€ à rembourser.`,
    },
    {
      name: 'two scheduled days: too short, and nothing announced',
      input: { ...BASE, absence: { from: '2026-03-09', to: '2026-03-10' }, unbilledPeriods: [MARCH_APRIL] },
      eligible: false,
      notBilledYet: [],
      minimumDays: `Seulement 2 jours de repas dans l’absence du 09/03/2026 au 10/03/2026 (prévus par le rythme de l’enfant dans la période Mars / Avril 2026, pas encore facturée)${NBSP}: il en faut au moins 3 consécutifs.`,
    },
  ])('$name', ({ input, eligible, notBilledYet, minimumDays, worth }) => {
    const verdict = refundVerdict(input);
    expect(verdict.eligible).toBe(eligible);
    expect(verdict.notBilledYet).toEqual(notBilledYet);
    const message = (rule: RefundRule) => verdict.checks.find((c) => c.rule === rule)!.message;
    expect(message('minimumDays')).toContain(minimumDays);
    if (worth) expect(message('notAlreadyRefunded')).toContain(worth);
    for (const check of verdict.checks) expect(check.message).not.toMatch(/ [:;!?»]|« /);
  });

  it('reads the periods from the CLI’s JSON, naming a faulty one', () => {
    const parsed = parseRefundInput({ ...BASE, unbilledPeriods: [MARCH_APRIL] });
    expect(parsed.success && refundVerdict(parsed.data).notBilledYet).toEqual(['Mars / Avril 2026']);
    const bad = parseRefundInput({ ...BASE, unbilledPeriods: [{ label: 'Mars / Avril 2026', from: '2026-03-01', to: '30/04/2026' }] });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.issues[0]!.message).toMatch(/^unbilledPeriods\[0\]\.to \(dernier jour de la période pas encore facturée n°\u00a01\)\u00a0: date invalide/);
  });
});

describe('parseRefundInput', () => {
  it('accepts the issue’s example, alreadyRefundedDays being optional', () => {
    const { alreadyRefundedDays: _, ...rest } = BASE;
    const parsed = parseRefundInput(rest);
    expect(parsed.success && parsed.data.alreadyRefundedDays).toEqual([]);
  });

  it('accepts a price per day instead of one unit price (days outside the absence need none)', () => {
    const { unitPriceCents: _, ...rest } = BASE;
    const dayPricesCents = { '2026-03-09': 700, '2026-03-10': 700, '2026-03-12': 162, '2026-03-13': 162 };
    const parsed = parseRefundInput({ ...rest, dayPricesCents });
    expect(parsed.success).toBe(true);
    if (parsed.success) expect(refundVerdict(parsed.data).amountCents).toBe(2 * 700 + 2 * 162);
  });

  it.each<[string, unknown, string, string]>([
    ['an impossible date', { ...BASE, absence: { from: '2026-03-09', to: '2026-02-30' } }, 'absence.to', `absence.to (dernier jour d’absence)${NBSP}: date invalide`],
    ['a reversed absence', { ...BASE, absence: { from: '2026-03-13', to: '2026-03-09' } }, 'absence.to', 'précède le premier'],
    ['a French date in the served days', { ...BASE, servedDays: ['09/03/2026'] }, 'servedDays.0', 'servedDays[0] (jour de repas de l’enfant n°\u00a01)'],
    ['a missing visa', { ...BASE, schoolHeadVisa: undefined }, 'schoolHeadVisa', 'schoolHeadVisa (visa du directeur de l’école)'],
    ['a price in euros', { ...BASE, unitPriceCents: 3.62 }, 'unitPriceCents', 'nombre entier de centimes'],
    ['a misspelt certificate field', { ...BASE, certificate: { original: true, noErasure: true } }, 'certificate', 'inconnu'],
    ['an unknown field', { ...BASE, motif: 'maladie' }, '', 'champ inconnu'],
    ['no price at all', { ...BASE, unitPriceCents: undefined }, 'unitPriceCents', `unitPriceCents (prix unitaire du repas, en centimes)${NBSP}: prix obligatoire`],
    ['a day’s price in euros', { ...BASE, dayPricesCents: { '2026-03-09': 3.62 } }, 'dayPricesCents.2026-03-09', 'dayPricesCents.2026-03-09 (prix du repas du 09/03/2026, en centimes)'],
    ['a day’s price on an impossible date', { ...BASE, dayPricesCents: { '2026-02-30': 362 } }, 'dayPricesCents.2026-02-30', 'prix du repas de chaque jour'],
    [
      'a served day of the absence without a price',
      { ...BASE, unitPriceCents: undefined, dayPricesCents: { '2026-03-09': 362, '2026-03-10': 362 } },
      'dayPricesCents',
      `prix manquant pour le 12/03/2026, le 13/03/2026${NBSP}; donnez-le, ou unitPriceCents.`,
    ],
  ])('refuses %s, naming the field', (_name, value, field, message) => {
    const parsed = parseRefundInput(value);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.issues.map((i) => i.field)).toContain(field);
    expect(parsed.issues.map((i) => i.message).join('\n')).toContain(message);
  });
});

describe('radiationLastBilledDay', () => {
  it.each([
    ['moving after the request', '2026-03-31', '2026-03-15', '2026-03-31'],
    ['request received after the move', '2026-03-15', '2026-04-02', '2026-04-02'],
    ['both on the same day', '2026-03-15', '2026-03-15', '2026-03-15'],
  ])('%s → the later day', (_name, moving, received, expected) => {
    expect(radiationLastBilledDay(moving, received)).toBe(expected);
  });

  it('refuses a date that is not real', () => {
    expect(() => radiationLastBilledDay('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});
