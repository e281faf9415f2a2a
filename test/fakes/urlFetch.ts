/**
 * UrlFetchApp and Utilities.sleep as Apps Script has them, over real HTTP to the sandbox
 * marketplaces: synchronous, with muteHttpExceptions, the manifest's urlFetchWhitelist enforced,
 * fetchAll failing whole when one request gets no answer, and sleeping moving simulated time.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { unzipFiles } from './zip';

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

export interface FakeBlob {
  getBytes(): number[];
  getContentType(): string | null;
  setContentType(type: string | null): FakeBlob;
  getName(): string;
  setName(name: string): FakeBlob;
  getDataAsString(charset?: string): string;
  copyBlob(): FakeBlob;
}

/** A Blob: its text in a charset as Blob.getDataAsString(charset) decodes it; its type and name can be changed. */
export function fakeBlob(
  bytes: Buffer,
  contentType: string | null = 'application/octet-stream',
  name = '',
): FakeBlob & { bytes: Buffer } {
  let type = contentType;
  let named = name;
  const blob = {
    bytes,
    getBytes: () => [...bytes],
    getContentType: () => type,
    setContentType(next: string | null) {
      type = next;
      return blob;
    },
    getName: () => named,
    setName(next: string) {
      named = next;
      return blob;
    },
    getDataAsString: (charset = 'UTF-8') => new TextDecoder(charset.toLowerCase()).decode(bytes),
    copyBlob() {
      return fakeBlob(bytes, type, named);
    },
  };
  return blob;
}

/**
 * Utilities.unzip(blob): the files of a zip as blobs named by their paths in it. Apps Script takes only a
 * blob typed application/zip (shared/docs/apps-script-notes.md, «XLSX without Drive») and refuses any
 * other with «Invalid argument», as reported from a blob typed application/octet-string (tanaikech/UnzipGs
 * issue #4); data that is no zip gives «Could not unzip.» (issue #3). The notes give no exact text.
 */
export function fakeUnzip(blob: FakeBlob & { bytes?: Buffer }): FakeBlob[] {
  if (blob.getContentType() !== 'application/zip') throw new Error('Exception: Invalid argument');
  let files: { name: string; bytes: Buffer }[];
  try {
    files = unzipFiles(blob.bytes ?? Buffer.from(blob.getBytes()));
  } catch {
    throw new Error('Exception: Could not unzip.');
  }
  return files.map((f) =>
    fakeBlob(f.bytes, f.name.endsWith('.xml') || f.name.endsWith('.rels') ? 'application/xml' : null, f.name),
  );
}

export class FakeHttpResponse {
  constructor(
    private readonly status: number,
    private readonly headers: Record<string, string>,
    private readonly bytes: Buffer,
  ) {}
  getResponseCode() {
    return this.status;
  }
  getContentText(charset = 'UTF-8') {
    return new TextDecoder(charset.toLowerCase()).decode(this.bytes);
  }
  getBlob() {
    return fakeBlob(this.bytes, this.headers['content-type'] ?? 'application/octet-stream');
  }
  getHeaders() {
    return { ...this.headers };
  }
  getAllHeaders() {
    return { ...this.headers };
  }
}

export class FakeUrlFetchApp {
  calls = 0;
  /** Every request as sent (for checking that no secret leaks into a URL, and so on). */
  sent: { url: string; method: string; headers: Record<string, string>; payload?: string }[] = [];
  private readonly whitelist: string[];

  /** `whitelist`: the urlFetchWhitelist of the manifest actually built. */
  constructor(
    private readonly sandboxes: Sandboxes,
    whitelist?: string[],
  ) {
    this.whitelist = whitelist ?? JSON.parse(fs.readFileSync(MANIFEST, 'utf8')).urlFetchWhitelist;
  }

  private route(url: string): string | undefined {
    return this.sandboxes.route(url);
  }

  private prepare(url: string, params: FetchParams) {
    if (url.length > MAX_URL_LENGTH) throw new Error('Exception: Limit Exceeded: URLFetch URL Length.');
    if (!this.whitelist.some((prefix) => allowed(url, prefix))) {
      throw new Error(
        `Exception: The script does not have permission to fetch ${url}. Add it to urlFetchWhitelist in the manifest.`,
      );
    }
    const target = this.route(url);
    if (!target) throw new Error(`Exception: Address unavailable: ${url}`);
    const headers = { ...(params.headers ?? {}) };
    if (params.payload !== undefined)
      headers['Content-Type'] = params.contentType ?? 'application/x-www-form-urlencoded';
    const request = {
      method: (params.method ?? 'get').toLowerCase(),
      url: target,
      headers,
      ...(params.payload !== undefined ? { body: String(params.payload) } : {}),
    };
    this.sent.push({ url, method: request.method, headers, payload: params.payload });
    return request;
  }

  private wrap(
    url: string,
    params: FetchParams,
    response: { status: number; headers: Record<string, string>; text: string; base64?: string },
  ): FakeHttpResponse {
    if (response.status === 0) throw new Error(`Exception: Address unavailable: ${url}`);
    if (response.status >= 400 && !params.muteHttpExceptions) {
      throw new Error(
        `Exception: Request failed for ${new URL(url).origin} returned code ${response.status}. Truncated server response: ${response.text.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new FakeHttpResponse(
      response.status,
      response.headers,
      response.base64 !== undefined ? Buffer.from(response.base64, 'base64') : Buffer.from(response.text, 'utf8'),
    );
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

/** urlFetchWhitelist matching: a prefix, with one leading "*." allowed for subdomains. */
function allowed(url: string, prefix: string): boolean {
  const wildcard = /^https:\/\/\*\.([^/]+)(\/.*)$/.exec(prefix);
  if (!wildcard) return url.startsWith(prefix);
  const parsed = new URL(url);
  return (
    parsed.protocol === 'https:' &&
    (parsed.host === wildcard[1] || parsed.host.endsWith(`.${wildcard[1]}`)) &&
    parsed.pathname.startsWith(wildcard[2])
  );
}

export function fakeUtilities(sandboxes?: Sandboxes) {
  return {
    /** As java.util.UUID.randomUUID(): a random version-4 UUID, lower case with dashes. */
    getUuid: () => randomUUID(),
    sleep(ms: number) {
      if (typeof ms !== 'number' || ms < 0 || ms > 300_000)
        throw new Error('Exception: Invalid argument: milliseconds');
      if (sandboxes) sandboxes.clock.advance(ms);
    },
    parseCsv,
    unzip: fakeUnzip,
  };
}

/** Utilities.parseCsv(csv, delimiter): RFC 4180 fields, as Apps Script parses them. */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
  return parse(csv, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
}
