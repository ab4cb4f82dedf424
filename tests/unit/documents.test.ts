import { describe, expect, it } from 'vitest';
import fontkit from '@cantoo/fontkit';
import {
  amountInWords,
  CDE11_ISSUER,
  calculationNote,
  formatAmount,
  formatDateAndHour,
  frenchText,
  invoiceProblems,
  mealsLabel,
  numberInWords,
  onlinePaymentSentence,
  periodLabel,
  postalAddressLines,
  receiptProblems,
  reminderProblems,
  runningBalances,
  statementProblems,
} from '../../shared/print/index.js';
import { FontEngine, loadFontBytes } from '../../main/pdf/fonts.js';
import { sampleInvoice, sampleReceipt, sampleReminder, sampleStatement } from '../../main/pdf/samples.js';
import { TrueTypeSource } from '../../main/pdf/ttf-subset.js';

const NBSP = '\u00a0';

describe('French typography', () => {
  it('puts no-break spaces (U+00A0, never U+202F) before high punctuation and inside guillemets', () => {
    expect(frenchText('Objet : relance ; merci ! Pourquoi ? « Régie »')).toBe(
      `Objet${NBSP}: relance${NBSP}; merci${NBSP}! Pourquoi${NBSP}? «${NBSP}Régie${NBSP}»`,
    );
    expect(frenchText('1\u202f234,56\u202f€')).toBe(`1${NBSP}234,56${NBSP}€`);
    expect(frenchText("l'école de L'Hôte")).toBe('l’école de L’Hôte');
    // Nothing added where there was no space: times and URLs stay intact.
    expect(frenchText('14:00 https://famille.cde11.paris')).toBe('14:00 https://famille.cde11.paris');
    // NFC: a decomposed « é » becomes one character.
    expect(frenchText('E\u0301lodie')).toBe('Élodie');
  });

  it('formats amounts, meals and dates as printed', () => {
    expect(formatAmount(123456)).toBe(`1${NBSP}234,56${NBSP}€`);
    expect(formatAmount(-362)).toBe(`\u22123,62${NBSP}€`);
    expect(mealsLabel(13, 362)).toBe(`13${NBSP}repas${NBSP}×${NBSP}3,62${NBSP}€`);
    expect(onlinePaymentSentence('2026-04-02', '14:00')).toBe('Le paiement en ligne est disponible à partir du 02/04/2026 à 14h00');
    expect(formatDateAndHour('2026-04-02T09:30')).toBe('02/04/2026 à 9h30');
    expect(periodLabel('2026-03-01', '2026-04-30')).toBe('Mars / Avril 2026');
    expect(periodLabel('2026-05-01', '2026-07-03')).toBe('Mai / Juin / Juillet 2026');
    expect(periodLabel('2025-11-01', '2026-01-31')).toBe('Novembre 2025 / Janvier 2026');
    expect(postalAddressLines({ line1: '27 rue de la Roquette', line2: ' ', postalCode: '75011', city: 'Paris' })).toEqual([
      '27 rue de la Roquette',
      '75011 PARIS',
    ]);
    // Abroad: the country in capitals last; a country without postcodes has the city alone.
    expect(postalAddressLines({ line1: '12 avenue Louise', postalCode: '1000', city: 'Bruxelles', country: 'Belgique' })).toEqual([
      '12 avenue Louise',
      '1000 BRUXELLES',
      'BELGIQUE',
    ]);
    expect(postalAddressLines({ line1: '1 Queen’s Road Central', postalCode: '', city: 'Hong Kong', country: 'Hong Kong' })).toEqual([
      '1 Queen’s Road Central',
      'HONG KONG',
      'HONG KONG',
    ]);
  });

  it('writes amounts in words (receipts)', () => {
    expect(amountInWords(12345)).toBe('cent vingt-trois euros et quarante-cinq centimes');
    expect(amountInWords(100)).toBe('un euro');
    expect(amountInWords(1)).toBe('un centime');
    expect(amountInWords(8000)).toBe('quatre-vingts euros');
    expect(amountInWords(8100)).toBe('quatre-vingt-un euros');
    expect(amountInWords(7100)).toBe('soixante et onze euros');
    expect(amountInWords(20000)).toBe('deux cents euros');
    expect(amountInWords(20100)).toBe('deux cent un euros');
    expect(amountInWords(100000)).toBe('mille euros');
    expect(amountInWords(123456789)).toBe('un million deux cent trente-quatre mille cinq cent soixante-sept euros et quatre-vingt-neuf centimes');
    expect(numberInWords(200_000_000)).toBe('deux cents millions');
    expect(numberInWords(21)).toBe('vingt et un');
    expect(numberInWords(91)).toBe('quatre-vingt-onze');
  });

  it('explains the amount from the tranche', () => {
    expect(calculationNote({ number: 5, quotientFamilial: 1234 })).toContain(`(tranche 5, quotient familial 1${NBSP}234${NBSP}€)`);
    expect(calculationNote({ number: 10, quotientFamilial: null })).toContain('tranche 10 : aucun justificatif');
  });
});

describe('documents refuse figures that do not add up', () => {
  it('accepts the samples', () => {
    expect(invoiceProblems(sampleInvoice())).toEqual([]);
    expect(receiptProblems(sampleReceipt())).toEqual([]);
    expect(statementProblems(sampleStatement())).toEqual([]);
    expect(reminderProblems(sampleReminder())).toEqual([]);
  });

  it('lists each problem of an invoice in French', () => {
    const doc = sampleInvoice();
    doc.lines[0]!.amountCents += 1;
    const problems = invoiceProblems({ ...doc, remainingCents: 1 });
    expect(problems.some((p) => p.includes('ligne 1'))).toBe(true);
    expect(problems.some((p) => p.startsWith('Total'))).toBe(true);
    expect(problems.some((p) => p.startsWith('Reste à payer'))).toBe(true);
  });

  it('computes running balances of a statement', () => {
    const doc = sampleStatement();
    const balances = runningBalances(doc);
    expect(balances.at(-1)).toBe(doc.closingBalanceCents);
    expect(statementProblems({ ...doc, closingBalanceCents: 0 })).toHaveLength(1);
  });

  it('uses the Caisse as issuer', () => {
    expect(CDE11_ISSUER.name).toBe('Caisse des écoles du 11e arrondissement de Paris');
    expect(CDE11_ISSUER.addressLines).toEqual(['12 place Léon-Blum', '75011 Paris']);
  });
});

describe('font engine', () => {
  const engine = new FontEngine(loadFontBytes());

  it('wraps at ordinary spaces only, within the width', () => {
    const text = `Montant = nombre de repas servis × tarif unitaire (tranche 5, quotient familial 1${NBSP}234${NBSP}€) : 13${NBSP}repas${NBSP}×${NBSP}3,62${NBSP}€.`;
    for (const width of [60, 120, 250]) {
      const lines = engine.wrap(text, width, 9, false);
      for (const line of lines) expect(engine.width(line, 9)).toBeLessThanOrEqual(width + 0.001);
      expect(lines.join(' ').replace(/\s/g, '')).toBe(engine.prepare(text).replace(/\s/g, ''));
      expect(lines.some((l) => l.startsWith('3,62'))).toBe(false);
    }
    expect(engine.wrap('Anticonstitutionnellement', 40, 9, false).length).toBeGreaterThan(1);
  });

  it('replaces characters the font lacks instead of printing empty boxes', () => {
    expect(engine.prepare('Zoë Łukasz Şahin')).toBe('Zoë Łukasz Şahin');
    expect(engine.prepare('Nǅ ① 漢')).toBe('Nǅ 1 ?');
  });

  it('subsets TrueType fonts into valid fonts (composite accents included)', () => {
    const bytes = loadFontBytes().regular;
    const source = new TrueTypeSource(bytes);
    const full = fontkit.create(bytes) as unknown as { glyphForCodePoint(c: number): { id: number; advanceWidth: number } };
    const subset = source.createSubset();
    const ids = [...'Élodie'].map((c) => subset.includeGlyph(full.glyphForCodePoint(c.codePointAt(0)!).id));
    const font = fontkit.create(subset.encode()) as unknown as {
      numGlyphs: number;
      getGlyph(id: number): { advanceWidth: number; path: { commands: unknown[] } };
    };
    // .notdef + É + its components + l o d i e
    expect(font.numGlyphs).toBeGreaterThanOrEqual(7);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(font.getGlyph(1).advanceWidth).toBe(full.glyphForCodePoint(0xc9).advanceWidth);
    expect(font.getGlyph(1).path.commands.length).toBeGreaterThan(4);
  });
});
