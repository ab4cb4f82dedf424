import { describe, expect, it } from 'vitest';
import { foldText, phoneDigits, queryTokens, toFtsQuery } from '../../shared/domain/search.js';

describe('search normalisation', () => {
  it.each([
    ['Élodie', 'elodie'],
    ['LEFÈVRE', 'lefevre'],
    ['Maëlys', 'maelys'],
    ['Françoise', 'francoise'],
    ['Noël-Zoé', 'noel-zoe'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('splits on punctuation and keeps digits', () => {
    expect(queryTokens("  N'Diaye  jean-baptiste 06.12 ")).toEqual(['n', 'diaye', 'jean', 'baptiste', '06', '12']);
    expect(queryTokens('elodie.martin@example.fr')).toEqual(['elodie', 'martin', 'example', 'fr']);
    // A French number typed in its international form finds it as the national one does.
    expect(queryTokens('+33 7 06 21 85 67')).toEqual(['07', '06', '21', '85', '67']);
    expect(queryTokens('+33706218567')).toEqual(['0706218567']);
    expect(queryTokens('+33 (0)7 06 21 85 67')).toEqual(['07', '06', '21', '85', '67']);
    expect(phoneDigits('+33 6 12 34 56 78')).toBe('0612345678');
  });

  it('builds a prefix query with every token required and quoted', () => {
    expect(toFtsQuery('Élo mart')).toBe('"elo"* AND "mart"*');
    expect(toFtsQuery('')).toBe('');
    expect(toFtsQuery('  --  ')).toBe('');
  });

  it('makes FTS operators inert', () => {
    expect(toFtsQuery('NEAR(a b) OR "x" *')).toBe('"near"* AND "a"* AND "b"* AND "or"* AND "x"*');
  });

  it('keeps the digits of a phone number', () => {
    expect(phoneDigits('06 12 34 56 78')).toBe('0612345678');
    // A French number stored in its international form is indexed in its national form.
    expect(phoneDigits('+33 6 12')).toBe('0612');
    expect(phoneDigits('+44 20 7946 0958')).toBe('442079460958');
  });
});
