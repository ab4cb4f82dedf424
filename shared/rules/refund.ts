import { z } from 'zod';
import { addDays, compareDates, dayNumber, tryDayNumber } from '../domain/calendar.js';
import { formatFrenchDate } from '../domain/dates.js';
import { formatCents } from '../domain/money.js';
import { bool, type InputParse, isoDate, list, parseInput, reversedDates, strictObject } from './json-input.js';

/**
 * Refund of meals for illness (DESIGN.md, « The trade: rules »; règlement intérieur, article 8).
 *
 * A request is refunded when every check passes:
 * - `reason`: the reason is illness (« maladie », case and surrounding spaces ignored);
 * - `certificate.present`, `certificate.original`, `certificate.noErasures`: the ORIGINAL medical
 *   certificate is given, without erasure or overwriting (no certificate fails all three);
 * - `schoolHeadVisa`: the request carries the visa of the school's head;
 * - `deadline`: it reached the Caisse at the latest 30 days after the last day of absence (day 30
 *   included, day 31 refused; a request received before that last day is in time);
 * - `minimumDays`: at least 3 of the child's served days fall inside the absence dates. Days the
 *   child would not have eaten anyway (Wednesday without canteen, weekend, holidays) neither count
 *   nor break the run, so the served days inside the absence ARE the consecutive run: a two-day
 *   illness is not refunded. The illness's length is a fact about the absence: days already
 *   refunded still count here;
 * - `notAlreadyRefunded`: a day is never refunded twice. Already refunded days are left out of the
 *   refund; when none remains, the request is not eligible.
 *
 * Served days in a billing period not billed yet (`unbilledPeriods`) are the days the child is
 * scheduled to eat (calendar, rhythm, closures: the billing's own computation): they count like
 * billed days, and the messages say that the period is not billed yet and that the refund of its
 * days will be deducted from its invoice (`notBilledYet`).
 *
 * The refund covers every remaining served day of the absence, each at the price billed that day
 * (`dayPricesCents`, else `unitPriceCents`): across a tariff change the amount and the message are
 * the same sum (« 2 jours × 7,00 € + 4 jours × 1,62 € = 20,48 € »). Served days outside the absence
 * are ignored. Every verdict lists all eight checks, in this order, passed or failed, with a
 * French message an agent can read to a parent.
 */

export const REFUND_RULES = [
  'reason',
  'certificate.present',
  'certificate.original',
  'certificate.noErasures',
  'schoolHeadVisa',
  'deadline',
  'minimumDays',
  'notAlreadyRefunded',
] as const;

export type RefundRule = (typeof REFUND_RULES)[number];

/** Fewest served days inside the absence for a refund (« au moins 3 jours consécutifs »). */
const MINIMUM_REFUND_DAYS = 3;
/** Days after the last day of absence within which the request must reach the Caisse (included). */
const REFUND_DEADLINE_DAYS = 30;

/** One check of the verdict; `message` is French, for the parent: what was checked and why it passes or fails. */
export const refundCheckSchema = z.object({ rule: z.enum(REFUND_RULES), ok: z.boolean(), message: z.string() });
export type RefundCheck = z.infer<typeof refundCheckSchema>;

/** The verdict: the contract's type, and the shape a decision keeps in the store. */
export const refundVerdictSchema = z.object({
  eligible: z.boolean(),
  /** The served days refunded, sorted; empty when not eligible. */
  refundedDays: z.array(z.string()),
  /** The sum of each refunded day's price; 0 when not eligible. */
  amountCents: z.number().int(),
  /**
   * The periods not billed yet that hold refunded days (their labels): the refund of those days is
   * deducted from their invoices when they are issued. Empty when not eligible.
   */
  notBilledYet: z.array(z.string()).default([]),
  checks: z.array(refundCheckSchema),
});
export type RefundVerdict = z.infer<typeof refundVerdictSchema>;

// ─── Input ──────────────────────────────────────────────────────────────────────────────────

const MAX_PRICE_CENTS = 100_000;
const BAD_PRICE = `prix unitaire invalide\u00a0; attendu un nombre entier de centimes, de 0 à ${MAX_PRICE_CENTS}.`;
const price = z.number({ error: BAD_PRICE }).int({ error: BAD_PRICE }).min(0, { error: BAD_PRICE }).max(MAX_PRICE_CENTS, { error: BAD_PRICE });

const refundInputSchema = strictObject({
  reason: z
    .string({ error: (issue) => (issue.input === undefined ? 'motif obligatoire, par exemple «\u00a0maladie\u00a0».' : 'texte attendu, par exemple «\u00a0maladie\u00a0».') })
    .min(1, { error: 'motif obligatoire, par exemple «\u00a0maladie\u00a0».' })
    .max(200, { error: '200 caractères au plus.' }),
  absence: strictObject({ from: isoDate, to: isoDate }),
  servedDays: list(isoDate, '["2026-03-09", "2026-03-10"]'),
  receivedOn: isoDate,
  certificate: strictObject({ original: bool, noErasures: bool }).nullable(),
  schoolHeadVisa: bool,
  /** The price of every served day `dayPricesCents` does not list. */
  unitPriceCents: price.optional(),
  /** The price billed each day (`{ "2026-02-19": 700 }`), when it is not the same every day. */
  dayPricesCents: z
    .record(isoDate, price, { error: 'objet attendu, par exemple { "2026-03-09": 362 }.' })
    .optional(),
  alreadyRefundedDays: list(isoDate, '["2026-03-09"]').default([]),
  /** Billing periods not billed yet: their served days are scheduled, not billed. */
  unbilledPeriods: list(
    strictObject({
      label: z.string({ error: 'libellé attendu, par exemple «\u00a0Mars / Avril 2026\u00a0».' }).trim().min(1, { error: 'libellé obligatoire.' }).max(80, { error: '80 caractères au plus.' }),
      from: isoDate,
      to: isoDate,
    }),
    '[{ "label": "Mars / Avril 2026", "from": "2026-03-01", "to": "2026-04-30" }]',
  ).default([]),
}).superRefine((input, ctx) => {
  if (reversedDates(input.absence.from, input.absence.to)) {
    ctx.addIssue({ code: 'custom', path: ['absence', 'to'], message: 'le dernier jour d’absence précède le premier.' });
  }
  if (input.unitPriceCents !== undefined) return;
  if (input.dayPricesCents === undefined) {
    ctx.addIssue({ code: 'custom', path: ['unitPriceCents'], message: 'prix obligatoire : unitPriceCents, ou le prix de chaque jour dans dayPricesCents.' });
    return;
  }
  const prices = input.dayPricesCents;
  const unpriced = input.servedDays.filter((d) => d >= input.absence.from && d <= input.absence.to && prices[d] === undefined);
  if (unpriced.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['dayPricesCents'],
      message: `prix manquant pour ${[...new Set(unpriced)].sort().map((d) => `le ${formatFrenchDate(d)}`).join(', ')}\u00a0; donnez-le, ou unitPriceCents.`,
    });
  }
});

type ParsedRefundInput = z.output<typeof refundInputSchema>;
/** The rule's input; `unbilledPeriods` may be left out (every served day billed). */
export type RefundInput = Omit<ParsedRefundInput, 'unbilledPeriods'> & { unbilledPeriods?: ParsedRefundInput['unbilledPeriods'] };

/** French name of a field of the refund input, from its path. */
function refundFieldLabel(path: readonly PropertyKey[]): string {
  const [head, second] = path;
  const nth = typeof second === 'number' ? ` n°\u00a0${second + 1}` : '';
  switch (head) {
    case undefined:
      return 'données';
    case 'reason':
      return 'motif de l’absence';
    case 'absence':
      return second === 'from' ? 'premier jour d’absence' : second === 'to' ? 'dernier jour d’absence' : 'absence';
    case 'servedDays':
      return `jour${nth ? '' : 's'} de repas de l’enfant${nth}`;
    case 'receivedOn':
      return 'date de réception de la demande';
    case 'certificate':
      return second === 'original'
        ? 'certificat original'
        : second === 'noErasures'
          ? 'certificat sans rature ni surcharge'
          : 'certificat médical';
    case 'schoolHeadVisa':
      return 'visa du directeur de l’école';
    case 'unitPriceCents':
      return 'prix unitaire du repas, en centimes';
    case 'dayPricesCents':
      return typeof second === 'string' && tryDayNumber(second) !== null
        ? `prix du repas du ${formatFrenchDate(second)}, en centimes`
        : 'prix du repas de chaque jour, en centimes';
    case 'alreadyRefundedDays':
      return `jour${nth ? '' : 's'} déjà remboursé${nth ? '' : 's'}${nth}`;
    case 'unbilledPeriods': {
      const field = path[2] === 'label' ? 'libellé de la ' : path[2] === 'from' ? 'premier jour de la ' : path[2] === 'to' ? 'dernier jour de la ' : '';
      return nth ? `${field}période pas encore facturée${nth}` : 'périodes pas encore facturées';
    }
    default:
      return String(head);
  }
}

/** Validates untrusted input (the CLI's JSON); every issue names its field, in French. */
export function parseRefundInput(value: unknown): InputParse<RefundInput> {
  return parseInput(refundInputSchema, value, refundFieldLabel);
}

// ─── Verdict ────────────────────────────────────────────────────────────────────────────────

/** French typography: no-break space before « : ; ! ? » and inside guillemets. */
function typo(text: string): string {
  return text.replace(/ ([:;!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

const fr = formatFrenchDate;
const days = (n: number) => `${n} jour${n > 1 ? 's' : ''}`;
const dayList = (list: readonly string[]) => list.map(fr).join(', ');

/** « la période Mars / Avril 2026 », « les périodes Mars / Avril 2026 et Mai / Juin 2026 ». */
function periodsText(labels: readonly string[]): string {
  if (labels.length === 1) return `la période ${labels[0]}`;
  return `les périodes ${labels.slice(0, -1).join(', ')} et ${labels[labels.length - 1]}`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Sorted, each day once. */
function distinctSorted(list: readonly string[]): string[] {
  return [...new Set(list)].sort(compareDates);
}

/** The verdict on a refund request: every check, and what is refunded when all pass. */
export function refundVerdict(input: RefundInput): RefundVerdict {
  const { absence, receivedOn, certificate } = input;
  const from = dayNumber(absence.from);
  const to = dayNumber(absence.to);
  dayNumber(receivedOn);
  const checks: RefundCheck[] = [];
  const check = (rule: RefundRule, ok: boolean, message: string) => checks.push({ rule, ok, message: typo(message) });

  // reason
  const reason = input.reason.trim();
  const illness = reason.toLowerCase() === 'maladie';
  check(
    'reason',
    illness,
    illness
      ? 'Motif : maladie, qui ouvre droit au remboursement (article 8 du règlement intérieur).'
      : `Motif\u00a0: «\u00a0${reason}\u00a0». Seule une maladie ouvre droit au remboursement (article 8 du règlement intérieur).`,
  );

  // certificate
  if (certificate === null) {
    check('certificate.present', false, 'Aucun certificat médical n’a été fourni : il est obligatoire.');
    check('certificate.original', false, 'Sans certificat médical, l’original ne peut pas être vérifié.');
    check('certificate.noErasures', false, 'Sans certificat médical, l’absence de rature ou de surcharge ne peut pas être vérifiée.');
  } else {
    check('certificate.present', true, 'Certificat médical fourni.');
    check(
      'certificate.original',
      certificate.original,
      certificate.original ? 'Le certificat médical est l’original.' : 'Le certificat médical fourni est une copie : l’original est exigé.',
    );
    check(
      'certificate.noErasures',
      certificate.noErasures,
      certificate.noErasures
        ? 'Le certificat médical ne porte ni rature ni surcharge.'
        : 'Le certificat médical porte des ratures ou des surcharges : il n’est pas recevable.',
    );
  }

  // school head's visa
  check(
    'schoolHeadVisa',
    input.schoolHeadVisa,
    input.schoolHeadVisa
      ? 'La demande porte le visa du directeur ou de la directrice de l’école.'
      : 'La demande ne porte pas le visa du directeur ou de la directrice de l’école : il est obligatoire.',
  );

  // deadline: day 30 after the last day of absence included
  const deadline = addDays(absence.to, REFUND_DEADLINE_DAYS);
  const inTime = compareDates(receivedOn, deadline) <= 0;
  check(
    'deadline',
    inTime,
    inTime
      ? `Reçue le ${fr(receivedOn)}, dans les ${REFUND_DEADLINE_DAYS} jours suivant le dernier jour d’absence (${fr(absence.to)}) : délai respecté (jusqu’au ${fr(deadline)}).`
      : `Reçue le ${fr(receivedOn)}, plus de ${REFUND_DEADLINE_DAYS} jours après le dernier jour d’absence (${fr(absence.to)}) : délai dépassé (il fallait la déposer au plus tard le ${fr(deadline)}).`,
  );

  // minimumDays: the served days inside the absence (others ignored)
  const absent = distinctSorted(input.servedDays).filter((d) => {
    const n = dayNumber(d);
    return n >= from && n <= to;
  });
  const period = `du ${fr(absence.from)} au ${fr(absence.to)}`;
  // Days of periods not billed yet: scheduled by the child's rhythm, not billed.
  const unbilledOf = (day: string) => (input.unbilledPeriods ?? []).find((p) => p.from <= day && day <= p.to);
  const scheduled = absent.filter((d) => unbilledOf(d) !== undefined);
  const scheduledLabels = [...new Set(scheduled.map((d) => unbilledOf(d)!.label))];
  const scheduledNote =
    scheduled.length === 0
      ? ''
      : ` (${scheduled.length === absent.length ? '' : `dont ${scheduled.length} `}prévu${scheduled.length > 1 ? 's' : ''} par le rythme de l’enfant dans ${periodsText(scheduledLabels)}, pas encore facturée${scheduledLabels.length > 1 ? 's' : ''})`;
  const enough = absent.length >= MINIMUM_REFUND_DAYS;
  check(
    'minimumDays',
    enough,
    enough
      ? `${days(absent.length)} de repas dans l’absence ${period}${scheduledNote} : au moins ${MINIMUM_REFUND_DAYS} consécutifs, condition remplie.`
      : absent.length === 0
        ? `Aucun jour de repas dans l’absence ${period} : il en faut au moins ${MINIMUM_REFUND_DAYS} consécutifs.`
        : `Seulement ${days(absent.length)} de repas dans l’absence ${period}${scheduledNote} : il en faut au moins ${MINIMUM_REFUND_DAYS} consécutifs.`,
  );

  // notAlreadyRefunded: a day is never refunded twice
  const already = new Set(input.alreadyRefundedDays);
  const repeated = absent.filter((d) => already.has(d));
  const remaining = absent.filter((d) => !already.has(d));
  const priceOf = (day: string): number => {
    const cents = input.dayPricesCents?.[day] ?? input.unitPriceCents;
    if (cents === undefined) throw new RangeError(`No price for ${day}`);
    return cents;
  };
  // The days to refund by price, in the order of the days: the amount and the message use these figures.
  const byPrice = new Map<number, number>();
  for (const d of remaining) {
    const cents = priceOf(d);
    byPrice.set(cents, (byPrice.get(cents) ?? 0) + 1);
  }
  const amountCents = [...byPrice].reduce((sum, [cents, count]) => sum + cents * count, 0);
  const products = [...byPrice].map(([cents, count]) => `${days(count)} × ${formatCents(cents)}`).join(' + ');
  // The periods not billed yet whose days are refunded: deducted from their invoices.
  const notBilledYet = [...new Set(remaining.map((d) => unbilledOf(d)?.label).filter((l): l is string => l !== undefined))];
  const deduction =
    notBilledYet.length === 0
      ? ''
      : notBilledYet.length === 1
        ? `. ${capitalised(periodsText(notBilledYet))} n’est pas encore facturée : le remboursement de ses jours sera déduit de sa facture, à son émission`
        : `. ${capitalised(periodsText(notBilledYet))} ne sont pas encore facturées : le remboursement de leurs jours sera déduit de leurs factures, à leur émission`;
  const worth = `${products} = ${formatCents(amountCents)} à rembourser${deduction}`;
  if (absent.length > 0 && remaining.length === 0) {
    check(
      'notAlreadyRefunded',
      false,
      `Les jours de repas de cette absence ont déjà été remboursés (${dayList(repeated)}) : un jour n’est jamais remboursé deux fois.`,
    );
  } else if (repeated.length > 0) {
    check(
      'notAlreadyRefunded',
      true,
      `${days(repeated.length)} déjà remboursé${repeated.length > 1 ? 's' : ''} (${dayList(repeated)}) ne ${repeated.length > 1 ? 'le sont' : 'l’est'} pas une seconde fois ; ${worth}.`,
    );
  } else {
    check(
      'notAlreadyRefunded',
      true,
      absent.length === 0
        ? 'Aucun jour de cette absence n’a déjà été remboursé.'
        : `Aucun jour de cette absence n’a déjà été remboursé : ${worth}.`,
    );
  }

  const eligible = checks.every((c) => c.ok);
  return eligible
    ? { eligible, refundedDays: remaining, amountCents, notBilledYet, checks }
    : { eligible, refundedDays: [], amountCents: 0, notBilledYet: [], checks };
}
