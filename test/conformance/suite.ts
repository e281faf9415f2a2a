/**
 * One conformance suite per marketplace: the project's description against the official files it
 * names in `x-follows`, when ../shared/contracts is there (CI has it). Without it the suite says
 * it was skipped and why, since a clone of the project alone has no official specs.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiDescription } from '../../src/connectors/apiDescription';

// As dev/sandbox/contracts.ts has it; that module loads openapi-backend, which jest cannot import.
const CONTRACTS_DIR = process.env.OSTATKI_CONTRACTS ?? path.resolve(__dirname, '../../../shared/contracts');

/** The differences, computed in a child process where the ES-module ref parser loads. */
function officialDiffs(files: string[], description: ApiDescription): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const args = ['--require', require.resolve('tsx/cjs'), path.join(__dirname, 'officialDiffs.ts')];
    const child = execFile(process.execPath, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin?.end(JSON.stringify({ files, description }));
  });
}

export function conformanceSuite(name: string, description: ApiDescription): void {
  const files = description['x-follows'].files.map((f) => path.join(CONTRACTS_DIR, f));
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) {
    const why = `official spec not found: ${missing.join(', ')} (a clone without ../shared; OSTATKI_CONTRACTS points elsewhere)`;
    // Plain stderr, not console.warn: jest would print a code frame around it.
    process.stderr.write(`conformance of ${name} skipped: ${why}\n`);
    it.skip(`${name}: the description matches the official spec — skipped, ${why}`, () => undefined);
    return;
  }
  it(`${name}: the description matches the official spec (${description['x-follows'].files.join(', ')})`, async () => {
    expect(await officialDiffs(files, description)).toEqual([]);
  }, 120_000);
}
