import { describe, expect, it } from 'vitest';
import { arrondissementOf } from '../../main/services/schools/directory-format.js';
import { isValidUai, looksLikeUai, uaiCheckLetter } from '../../shared/domain/uai.js';

describe('UAI (national school identifier)', () => {
  it('checks the letter of real identifiers of the directory', () => {
    // Identifiers of the « Annuaire de l’éducation » (Gard, Hauts-de-Seine, Paris).
    expect(isValidUai('0301674G')).toBe(true);
    expect(isValidUai('0921921N')).toBe(true);
    expect(isValidUai('0750362L')).toBe(true);
    expect(uaiCheckLetter('0301674')).toBe('G');
    expect(isValidUai('0301674H')).toBe(false);
    expect(isValidUai('0301647G')).toBe(false); // two digits swapped
    expect(looksLikeUai('M-KELL')).toBe(false);
    expect(looksLikeUai('0751234a')).toBe(false);
  });
});

describe('the arrondissement of a line of the directory', () => {
  it('reads the INSEE code, the commune’s name or, for « Paris » alone, the postal code', () => {
    expect(arrondissementOf('75111', 'Paris 11e Arrondissement', '75011')).toBe(11);
    expect(arrondissementOf('75056', 'Paris', '75011')).toBe(11);
    expect(arrondissementOf('', 'PARIS 11E  ARRONDISSEMENT', '')).toBe(11);
    expect(arrondissementOf('', 'Paris 1er Arrondissement', '75001')).toBe(1);
    expect(arrondissementOf('', 'Paris', '75116')).toBe(16);
    expect(arrondissementOf('75120', 'Paris 20e Arrondissement', '75020')).toBe(20);
  });

  it('says nothing outside Paris or when the file cannot tell', () => {
    expect(arrondissementOf('93048', 'Montreuil', '93100')).toBeNull();
    expect(arrondissementOf('', 'Paris', '75543')).toBeNull(); // a CEDEX code
    expect(arrondissementOf('', 'Paris', '')).toBeNull();
    expect(arrondissementOf('', 'Vincennes', '75011')).toBeNull();
  });
});
