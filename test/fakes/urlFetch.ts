/**
 * UrlFetchApp and Utilities.sleep as Apps Script has them, over real HTTP to the sandbox
 * marketplaces: synchronous, with muteHttpExceptions, the manifest's urlFetchWhitelist enforced,
 * fetchAll failing whole when one request gets no answer, and sleeping moving simulated time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Sandboxes } from '../../dev/sandbox/harness';

const MANIFEST = path.resolve(__dirname, '../../appsscript.json');
const MAX_URL_LENGTH = 2 * 1024;

export interface FetchParams {
  url?: string;
  method?: string;
  headers?: Record<string, string>;
  contentType?: string;
  payload?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
}

export class FakeHttpResponse {
  constructor(private readonly status: number, private readonly headers: Record<string, string>, private readonly text: string) {}
  getResponseCode() { return this.status; }
  getContentText() { return this.text; }
  getHeaders() { return { ...this.headers }; }
  getAllHeaders() { return { ...this.headers }; }
}

export class FakeUrlFetchApp {
  calls = 0;
  /** Every request as sent (for checking that no secret leaks into a URL, and so on). */
  sent: { url: string; method: string; headers: Record<string, string>; payload?: string }[] = [];
  private readonly whitelist: string[];

  constructor(private readonly sandboxes: Sandboxes, whitelist?: string[]) {
    this.whitelist = whitelist ?? JSON.parse(fs.readFileSync(MANIFEST, 'utf8')).urlFetchWhitelist;
  }

  private prepare(url: string, params: FetchParams) {
    if (url.length > MAX_URL_LENGTH) throw new Error('Exception: Limit Exceeded: URLFetch URL Length.');
    if (!this.whitelist.some((prefix) => url.startsWith(prefix))) {
      throw new Error(`Exception: The script does not have permission to fetch ${url}. Add it to urlFetchWhitelist in the manifest.`);
    }
    const target = this.sandboxes.route(url);
    if (!target) throw new Error(`Exception: Address unavailable: ${url}`);
    const headers = { ...(params.headers ?? {}) };
    if (params.payload !== undefined) headers['Content-Type'] = params.contentType ?? 'application/x-www-form-urlencoded';
    const request = { method: (params.method ?? 'get').toLowerCase(), url: target, headers, ...(params.payload !== undefined ? { body: String(params.payload) } : {}) };
    this.sent.push({ url, method: request.method, headers, payload: params.payload });
    return request;
  }

  private wrap(url: string, params: FetchParams, response: { status: number; headers: Record<string, string>; text: string }): FakeHttpResponse {
    if (response.status === 0) throw new Error(`Exception: Address unavailable: ${url}`);
    if (response.status >= 400 && !params.muteHttpExceptions) {
      throw new Error(`Exception: Request failed for ${new URL(url).origin} returned code ${response.status}. Truncated server response: ${response.text.slice(0, 100)} (use muteHttpExceptions option to examine full response)`);
    }
    return new FakeHttpResponse(response.status, response.headers, response.text);
  }

  fetch(url: string, params: FetchParams = {}): FakeHttpResponse {
    this.calls++;
    const [response] = this.sandboxes.send([this.prepare(url, params)]);
    return this.wrap(url, params, response);
  }

  fetchAll(requests: (FetchParams & { url: string })[]): FakeHttpResponse[] {
    this.calls += requests.length;
    const prepared = requests.map((r) => this.prepare(r.url, r));
    const responses = this.sandboxes.send(prepared);
    return responses.map((response, i) => this.wrap(requests[i].url, requests[i], response));
  }
}

export function fakeUtilities(sandboxes: Sandboxes) {
  return {
    sleep(ms: number) {
      if (typeof ms !== 'number' || ms < 0 || ms > 300_000) throw new Error('Exception: Invalid argument: milliseconds');
      sandboxes.clock.advance(ms);
    },
  };
}
