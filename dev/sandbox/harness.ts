/**
 * Starts the sandbox marketplaces in a worker thread and gives tests, the bench and the playground
 * a synchronous HttpClient that sends production URLs (https://api-seller.ozon.ru/…) to them.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createSyncFn } from 'synckit';
import { formBody, type HttpClient, type HttpRequest, type HttpResponse } from '../../src/connectors/http';
import { LATENCY_HEADER } from './base';
import { VirtualClock } from './clock';
import { HOSTS, type MarketplaceName } from './hosts';

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** An answer with its raw bytes too (base64), for files in other encodings. */
export type RawResponse = HttpResponse & { base64?: string };

const fetchSync = createSyncFn(path.join(__dirname, 'fetchWorker.cjs')) as (
  requests: RawRequest[],
  timeoutMs: number,
) => RawResponse[];

/** Where suppliers' files are served from in tests and the playground. */
export const SUPPLIER_HOST = 'supplier.test';
/** The Telegram Bot API host: alerts go to dev/sandbox/telegram.ts. */
export const TELEGRAM_HOST = 'api.telegram.org';

export interface Sandboxes {
  ports: Record<MarketplaceName | 'files' | 'telegram', number>;
  /** Serves a supplier file at https://supplier.test<path>. */
  setFile(path: string, body: Buffer | string, options?: { status?: number; contentType?: string }): void;
  clearFiles(): void;
  fileRequests(): string[];
  clock: VirtualClock;
  /** The sandbox URL that stands in for a production URL, or undefined for a host we do not fake. */
  route(url: string): string | undefined;
  /** Sends raw requests (already routed) and waits for every answer. */
  send(requests: RawRequest[]): RawResponse[];
  /** HttpClient for connectors: production URLs in, sandbox answers out. */
  http(options?: { timeoutMs?: number }): HttpClient & { count: number };
  control<T = any>(market: MarketplaceName, action: string, body?: unknown): T;
  /** The Telegram stand-in's control: configure, fault, messages, reset. */
  telegram<T = any>(action: string, body?: unknown): T;
  stop(): Promise<void>;
}

/**
 * Real time a sandbox answer may take before it counts as no answer (status 0). It only guards
 * against a hung sandbox: a slow marketplace is simulated on the virtual clock ('latency'), so no
 * test depends on it. It is long because a loaded machine can take seconds to validate one batch of
 * 1,000 items, and a timeout here would make the connector retry and change what a test counts.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * A slow sandbox's answers say how long they took (LATENCY_HEADER): the batch, sent in parallel,
 * takes the longest of them on the simulated clock; the header never reaches the caller.
 */
function answeredInSimulatedTime(clock: VirtualClock, responses: RawResponse[]): RawResponse[] {
  let longest = 0;
  for (const r of responses) {
    const ms = Number(r.headers[LATENCY_HEADER]);
    if (Number.isFinite(ms)) longest = Math.max(longest, ms);
    delete r.headers[LATENCY_HEADER];
  }
  clock.advance(longest);
  return responses;
}

export async function startSandboxes(startAt = Date.parse('2026-11-22T09:00:00Z')): Promise<Sandboxes> {
  const clock = new VirtualClock(new SharedArrayBuffer(8), startAt);
  const worker = new Worker(path.join(__dirname, 'worker.ts'), {
    workerData: { clock: clock.buffer },
    execArgv: ['--require', require.resolve('tsx/cjs')],
  });
  const ports = await new Promise<Record<MarketplaceName | 'files' | 'telegram', number>>((resolve, reject) => {
    worker.once('message', (m) => (m.error ? reject(new Error(m.error)) : resolve(m.ports)));
    worker.once('error', reject);
  });
  const route = (url: string) => {
    const parsed = new URL(url);
    if (parsed.host === SUPPLIER_HOST) return `http://127.0.0.1:${ports.files}${parsed.pathname}${parsed.search}`;
    if (parsed.host === TELEGRAM_HOST) return `http://127.0.0.1:${ports.telegram}${parsed.pathname}${parsed.search}`;
    const market = HOSTS[parsed.host];
    return market ? `http://127.0.0.1:${ports[market]}${parsed.pathname}${parsed.search}` : undefined;
  };
  const send = (requests: RawRequest[], timeoutMs = DEFAULT_TIMEOUT_MS) =>
    answeredInSimulatedTime(clock, fetchSync(requests, timeoutMs));
  const files = (action: string, body: unknown = {}) => {
    const [response] = send([
      {
        method: 'post',
        url: `http://127.0.0.1:${ports.files}/__files/${action}`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    ]);
    if (response.status !== 200) throw new Error(`file server ${action}: ${response.status}`);
    return JSON.parse(response.text);
  };
  return {
    ports,
    clock,
    route,
    setFile: (path, body, options = {}) => {
      files('set', { path, base64: Buffer.from(body).toString('base64'), ...options });
    },
    clearFiles: () => {
      files('clear');
    },
    fileRequests: () => files('requests'),
    send: (requests) => send(requests),
    http(options = {}) {
      const client = {
        count: 0,
        fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
          client.count += requests.length;
          const raw = requests.map((r) => {
            const target = route(r.url);
            if (!target) throw new Error(`no sandbox for ${r.url}`);
            return {
              method: r.method,
              url: target,
              headers: r.headers,
              ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }),
              ...(r.form === undefined ? {} : { body: formBody(r.form) }),
            };
          });
          return send(raw, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
        },
      };
      return client;
    },
    control(market, action, body) {
      const [response] = send([
        {
          method: 'post',
          url: `http://127.0.0.1:${ports[market]}/__sandbox/${action}`,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body ?? {}),
        },
      ]);
      const json = response.text ? JSON.parse(response.text) : null;
      if (response.status !== 200) throw new Error(`sandbox ${market} ${action}: ${json?.error ?? response.status}`);
      return json;
    },
    telegram(action, body) {
      const [response] = send([
        {
          method: 'post',
          url: `http://127.0.0.1:${ports.telegram}/__telegram/${action}`,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body ?? {}),
        },
      ]);
      if (response.status !== 200) throw new Error(`telegram sandbox ${action}: ${response.status}`);
      return JSON.parse(response.text);
    },
    stop: () => worker.terminate().then(() => undefined),
  };
}
