/**
 * The live check's HttpClient and Timer: what UrlFetchApp and Utilities.sleep are to the add-on,
 * over Node's own fetch in a synckit worker (the connectors' client is synchronous) and real time.
 */
import * as path from 'node:path';
import { createSyncFn } from 'synckit';
import { formBody, type HttpClient, type HttpRequest, type HttpResponse, type Timer } from '../../src/connectors/http';

interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Values of a form body (Avito's client secret): masked in failure texts as header values are. */
  formValues?: string[];
}

type SendAll = (requests: WireRequest[], timeoutMs: number) => HttpResponse[];

export interface FetchClientOptions {
  /** Per request, the body included (UrlFetchApp gives up after about a minute). */
  timeoutMs: number;
  /** Where a URL really goes (the sandboxes stand in for production hosts); undefined: nowhere. */
  route?: (url: string) => string | undefined;
}

export type CountingClient = HttpClient & { count: number };

/** Keeps the worker's own time limit above the per-request one, so a hung worker still returns. */
const WORKER_MARGIN_MS = 15_000;

/**
 * synckit keeps one worker per file: the first client sets its overall limit. The live check
 * makes one client; tests may make more with shorter timeouts, which stay within it.
 */
function worker(timeoutMs: number): SendAll {
  return createSyncFn(path.join(__dirname, 'fetchWorker.cjs'), { timeout: timeoutMs + WORKER_MARGIN_MS }) as SendAll;
}

export function createFetchClient(options: FetchClientOptions): CountingClient {
  const sendAll = worker(options.timeoutMs);
  const client = {
    count: 0,
    fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
      client.count += requests.length;
      const wire = requests.map((r) => toWire(r, options.route));
      const unrouted = wire.map((w) => w.url === '');
      const sent = wire.filter((_, i) => !unrouted[i]);
      const answers = (sent.length ? sendSafely(sendAll, sent, options.timeoutMs) : []).map((a, i) =>
        withoutKeys(a, sent[i]),
      );
      // Answers in the requests' order; a URL with nowhere to go is answered "no answer", as the contract says.
      return wire.map((_, i) =>
        unrouted[i] ? { status: 0, headers: {}, text: `no route for ${hostOf(requests[i].url)}` } : answers.shift()!,
      );
    },
  };
  return client;
}

function toWire(request: HttpRequest, route: FetchClientOptions['route']): WireRequest {
  const url = route ? (route(request.url) ?? '') : request.url;
  return {
    method: request.method,
    url,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    ...(request.form === undefined ? {} : { body: formBody(request.form), formValues: Object.values(request.form) }),
  };
}

/** fetchAll never throws: a worker that fails or hangs answers every request with status 0. */
function sendSafely(sendAll: SendAll, requests: WireRequest[], timeoutMs: number): HttpResponse[] {
  try {
    return sendAll(requests, timeoutMs);
  } catch (error) {
    const text = `no answer: ${(error as Error)?.message ?? String(error)}`;
    return requests.map(() => ({ status: 0, headers: {}, text }));
  }
}

/** Headers that carry no secret; every other header value may be a key. */
const PLAIN_HEADERS = new Set(['content-type', 'accept', 'content-length', 'user-agent']);
const MIN_KEY_LENGTH = 4;

/**
 * A failure's text goes into messages, shortened and flattened (src/connectors/http.ts excerpt),
 * where a key could no longer be recognised whole: so the request's own key values are masked
 * here, first. Node's fetch quotes an invalid header value in its error; a marketplace may echo a
 * key in an error body. Successful answers are data and are left exactly as they came.
 */
function withoutKeys(response: HttpResponse, request: WireRequest): HttpResponse {
  if (response.status !== 0 && response.status < 400) return response;
  let text = response.text;
  const values = Object.entries(request.headers)
    .filter(([name]) => !PLAIN_HEADERS.has(name.toLowerCase()))
    .map(([, value]) => value);
  for (const value of [...values, ...(request.formValues ?? [])]) {
    if (value.length < MIN_KEY_LENGTH) continue;
    text = text.split(value).join('***');
  }
  return text === response.text ? response : { ...response, text };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

/** Real time; sleeping blocks the thread as Utilities.sleep does (the connectors are synchronous). */
export function realTimer(): Timer {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return {
    now: () => Date.now(),
    sleep: (ms: number) => {
      if (ms > 0) Atomics.wait(cell, 0, 0, ms);
    },
  };
}
