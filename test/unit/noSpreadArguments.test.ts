/**
 * No array is spread into a call's arguments (`Math.max(...xs)`, `push(...xs)`, `f.apply(null, xs)`) in src/
 * or in the Apps Script fakes: every argument takes a slot on the call stack, and about 125,000 of them
 * throw `RangeError: Maximum call stack size exceeded` — 150,000 rows of «_Отправлено» once did, on every
 * run. Biome has no rule for this (noAccumulatingSpread is about reduce), so this test reads the source.
 * Spreads into array and object literals, and rest parameters, are fine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const SCANNED = ['src', 'test/fakes'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

/** `file:line: code` for each spread argument and each `.apply(that, args)`. */
function spreadArguments(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${path.relative(ROOT, file)}:${line + 1}: ${node.getText(source).slice(0, 80)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      if (node.arguments?.some(ts.isSpreadElement)) report(node);
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'apply' && (node.arguments?.length ?? 0) >= 2)
        report(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

it('finds a spread argument and an apply, and lets array literals and rest parameters be', () => {
  const text = [
    'const a = Math.max(1, ...xs);',
    'out.push(...more);',
    'const b = Math.min.apply(null, xs);',
    'const c = [...xs, ...ys];',
    'const d = { ...o };',
    'function e(...args: number[]) { return args; }',
  ].join('\n');
  expect(spreadArguments(path.join(ROOT, 'x.ts'), text)).toEqual([
    'x.ts:1: Math.max(1, ...xs)',
    'x.ts:2: out.push(...more)',
    'x.ts:3: Math.min.apply(null, xs)',
  ]);
});

it('src/ and the Apps Script fakes spread no array into a call', () => {
  const files = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  expect(files.length).toBeGreaterThan(20);
  const found = files.flatMap((file) => spreadArguments(file, fs.readFileSync(file, 'utf8')));
  expect(found).toEqual([]);
});
