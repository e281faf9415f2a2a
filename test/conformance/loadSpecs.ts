/**
 * Worker thread that loads official spec files with dev/sandbox/contracts.ts: its dependencies are
 * ES modules, which jest's CommonJS runtime cannot load, while tsx in a worker can (as the sandbox
 * worker does). The dereferenced documents come back by structured clone, cycles and all.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSpec } from '../../dev/sandbox/contracts';

Promise.all((workerData.files as string[]).map((file) => loadSpec(file))).then(
  (docs) => parentPort?.postMessage({ docs }),
  (error) => parentPort?.postMessage({ error: String(error?.stack ?? error) }),
);
