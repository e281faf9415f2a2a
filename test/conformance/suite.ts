/**
 * One conformance suite per marketplace: the project's description against the official files it
 * names in `x-follows`, when ../shared/contracts is there (CI has it). Without it the suite says
 * it was skipped and why, since a clone of the project alone has no official specs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTRACTS_DIR, loadSpec } from '../../dev/sandbox/contracts';
import type { ApiDescription } from '../../src/connectors/apiDescription';
import { compareWithOfficial } from './compare';

export function conformanceSuite(name: string, description: ApiDescription): void {
  const files = description['x-follows'].files.map((f) => path.join(CONTRACTS_DIR, f));
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) {
    const why = `official spec not found: ${missing.join(', ')} (a clone without ../shared; OSTATKI_CONTRACTS points elsewhere)`;
    console.warn(`conformance of ${name} skipped: ${why}`);
    it.skip(`${name}: the description matches the official spec — skipped, ${why}`, () => undefined);
    return;
  }
  it(`${name}: the description matches the official spec (${description['x-follows'].files.join(', ')})`, async () => {
    const docs = await Promise.all(files.map((f) => loadSpec(f)));
    const official = { paths: Object.assign({}, ...docs.map((d: any) => d.paths)) };
    expect(compareWithOfficial(description, official)).toEqual([]);
  }, 120_000);
}
