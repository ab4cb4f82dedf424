import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recoverySheetPdf } from '../../main/services/keys/recovery-sheet.js';
import { newRecoveryCode } from '../../main/services/keys/recovery.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-recovery-sheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pdftotext's text, non-breaking spaces and runs of blanks made plain spaces. */
function textOf(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

describe('the recovery code sheet', () => {
  it('prints the code in its groups, when and by whom it was issued, the keys, and passes qpdf --check', async () => {
    const code = newRecoveryCode();
    const bytes = await recoverySheetPdf({ code, issuedAt: '2026-12-01T22:40:00.000Z', issuedBy: 'cmartin', keyIds: ['k1a2b3c4', 'k9f8e7d6'] });
    const file = join(dir, 'sheet.pdf');
    writeFileSync(file, bytes);
    expect(() => execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).not.toThrow();

    const text = textOf(file);
    expect(text).toContain('Code de secours des certificats');
    // Each group of four, big, and the whole code once more.
    for (const group of code.split('-')) expect(text).toContain(group);
    expect(text).toContain(code);
    expect(text).toContain('Émis le mardi 1er décembre 2026 à 23 h 40 par cmartin');
    expect(text).toContain('k1a2b3c4, k9f8e7d6');
    expect(text).toContain('nouvel ordinateur');
    expect(text).toContain('restauration d’une sauvegarde');
    expect(text).toContain('rend cette feuille inutile');
    expect(text).toContain('Caisse des écoles du 11e arrondissement de Paris');
  });
});
