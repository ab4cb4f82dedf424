import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The French a person reads is typeset: the typographic apostrophe (« d’entrée », never
 * « d'entrée ») and non-breaking spaces inside « guillemets ». Every string and JSX text of the
 * product is read through the TypeScript parser (comments and code are not text).
 */
const ROOTS = ['renderer/src', 'shared', 'main'];
/**
 * Messages shown on the screens, whose spaces nobody fixes later (documents go through
 * `shared/print/text.ts`, which does; the CLI's help is plain terminal text).
 */
const ON_SCREEN = /^(renderer\/src|shared\/contract|main\/services|main\/api)\//;
/** Text that is matched, not shown: spellings agents type or files contain, and surnames as data. */
const NOT_SHOWN = new Set(['shared/domain/ics.ts', 'main/services/families/csv-format.ts', 'main/services/setup/demo-data.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function texts(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: ts.isJsxText(node) ? node.text.trim() : node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const faults: string[] = [];
for (const root of ROOTS) {
  for (const file of sourceFiles(root)) {
    const name = relative('.', file);
    if (NOT_SHOWN.has(name)) continue;
    for (const { line, text } of texts(file)) {
      if (/\p{L}'\p{L}/u.test(text)) faults.push(`${name}:${line} apostrophe droite : ${text}`);
      if (/« | »/u.test(text)) faults.push(`${name}:${line} espace ordinaire contre un guillemet : ${text}`);
      if (ON_SCREEN.test(name) && !/\b(SELECT|MATCH|LIMIT)\b/.test(text) && /\p{L} [:;!?](\s|$)/u.test(text)) faults.push(`${name}:${line} espace ordinaire avant : ; ! ? : ${text}`);
    }
  }
}

describe('French typography of the product', () => {
  it('uses ’ for the apostrophe and non-breaking spaces inside « » and before : ; ! ? on the screens', () => {
    expect(faults).toEqual([]);
  });
});
