/**
 * What connectors need from HTTP: a batch of requests sent together (UrlFetchApp.fetchAll in
 * production) and a clock that can wait (Utilities.sleep). Both are interfaces so that tests and
 * the bench run the same code against sandboxes and simulated time.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** Sent as JSON when present. */
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded when present (Avito's token request); never with `body`. */
  form?: Record<string, string>;
}

export interface HttpResponse {
  /** 0 when no answer came (timeout, connection refused); `text` then says why. */
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface HttpClient {
  /** Sends the requests in parallel; answers in the same order, one per request, never throws. */
  fetchAll(requests: readonly HttpRequest[]): HttpResponse[];
}

export interface Timer {
  now(): number;
  sleep(ms: number): void;
}

/** A form's fields URL-encoded, in their order, as HTML forms send them. */
export function formBody(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}

export function headerOf(response: HttpResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(response.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A short, safe excerpt of a marketplace's answer for messages (never headers: they may echo keys). */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export class ConnectorError extends Error {
  constructor(
    /** `deadline`: the run's time ran out before the request could start; the next run does it. */
    readonly kind: 'auth' | 'rate' | 'server' | 'network' | 'response' | 'config' | 'deadline',
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}
