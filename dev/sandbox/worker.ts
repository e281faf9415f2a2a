/** Worker thread: the three sandbox servers, so that a blocked test thread can still be answered. */
import { parentPort, workerData } from 'node:worker_threads';
import { VirtualClock } from './clock';
import { serveFiles } from './files';
import { createSandboxes } from './marketplaces';
import { portOf, serveSandbox } from './server';

(async () => {
  const clock = new VirtualClock(workerData.clock as SharedArrayBuffer);
  const sandboxes = await createSandboxes(clock);
  const ports: Record<string, number> = {};
  for (const [name, sandbox] of Object.entries(sandboxes))
    ports[name] = portOf(await serveSandbox(sandbox, workerData.ports?.[name] ?? 0));
  ports.files = portOf(await serveFiles());
  parentPort?.postMessage({ ports });
})().catch((error) => parentPort?.postMessage({ error: String(error?.stack ?? error) }));
