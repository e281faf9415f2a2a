/**
 * One conformance suite per marketplace: the project's description against the official files it
 * names in `x-follows`, when ../shared/contracts is there (CI has it). Without it the suite says
 * it was skipped and why, since a clone of the project alone has no official specs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiDescription } from '../../src/connectors/apiDescription';
import { compareWithOfficial } from './compare';

/** As dev/sandbox/contracts.ts says; not imported from there, which loads the ES-module ref parser. */
const CONTRACTS_DIR = process.env.OSTATKI_CONTRACTS ?? path.resolve(__dirname, '../../../shared/contracts');

/**
 * The official files dereferenced, their paths merged. The ref parser is an ES module that jest's
 * CommonJS runtime cannot load (plain node can), so a child node process dereferences them.
 */
function loadOfficial(files: string[]): { paths: Record<string, unknown> } {
  const contracts = path.resolve(__dirname, '../../dev/sandbox/contracts');
  const script = `const { loadSpec } = require(${JSON.stringify(contracts)});
    Promise.all(${JSON.stringify(files)}.map((f) => loadSpec(f)))
      .then((docs) => process.stdout.write(JSON.stringify(Object.assign({}, ...docs.map((d) => d.paths)))));`;
  const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  return { paths: JSON.parse(out.toString('utf8')) };
}

export function conformanceSuite(name: string, description: ApiDescription): void {
  const files = description['x-follows'].files.map((f) => path.join(CONTRACTS_DIR, f));
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) {
    const why = `official spec not found: ${missing.join(', ')} (a clone without ../shared; OSTATKI_CONTRACTS points elsewhere)`;
    console.warn(`conformance of ${name} skipped: ${why}`);
    it.skip(`${name}: the description matches the official spec — skipped, ${why}`, () => undefined);
    return;
  }
  it(`${name}: the description matches the official spec (${description['x-follows'].files.join(', ')})`, () => {
    expect(compareWithOfficial(description, loadOfficial(files))).toEqual([]);
  }, 120_000);
}
