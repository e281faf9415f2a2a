/**
 * One conformance suite per marketplace: the project's description against the official files it
 * names in `x-follows`, when ../shared/contracts is there (CI has it). Without it the suite says
 * it was skipped and why, since a clone of the project alone has no official specs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ApiDescription } from '../../src/connectors/apiDescription';
import { compareWithOfficial } from './compare';

/** As in dev/sandbox/contracts.ts, which jest cannot import (its dependencies are ES modules). */
const CONTRACTS_DIR = process.env.OSTATKI_CONTRACTS ?? path.resolve(__dirname, '../../../shared/contracts');

/** The official files, dereferenced by dev/sandbox/contracts.ts in a tsx worker thread. */
function loadSpecs(files: string[]): Promise<unknown[]> {
  const worker = new Worker(path.join(__dirname, 'loadSpecs.ts'), {
    workerData: { files },
    execArgv: ['--require', require.resolve('tsx/cjs')],
  });
  return new Promise<unknown[]>((resolve, reject) => {
    worker.once('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m.docs)));
    worker.once('error', reject);
  }).finally(() => worker.terminate());
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
  it(`${name}: the description matches the official spec (${description['x-follows'].files.join(', ')})`, async () => {
    const docs = await loadSpecs(files);
    const official = { paths: Object.assign({}, ...docs.map((d: any) => d.paths)) };
    expect(compareWithOfficial(description, official)).toEqual([]);
  }, 120_000);
}
