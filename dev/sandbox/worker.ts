/** Worker thread: the sandbox marketplaces, the supplier file server and the Telegram stand-in, so that a blocked test thread can still be answered. */
import { parentPort, workerData } from 'node:worker_threads';
import { VirtualClock } from './clock';
import { serveFiles } from './files';
import { createSandboxes } from './marketplaces';
import { portOf, serveSandbox } from './server';
import { serveTelegram } from './telegram';

(async () => {
  const clock = new VirtualClock(workerData.clock as SharedArrayBuffer);
  const sandboxes = await createSandboxes(clock);
  const ports: Record<string, number> = {};
  for (const [name, sandbox] of Object.entries(sandboxes))
    ports[name] = portOf(await serveSandbox(sandbox, workerData.ports?.[name] ?? 0));
  ports.files = portOf(await serveFiles());
  ports.telegram = portOf(await serveTelegram(workerData.ports?.telegram ?? 0));
  parentPort?.postMessage({ ports });
})().catch((error) => parentPort?.postMessage({ error: String(error?.stack ?? error) }));
