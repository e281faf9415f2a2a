/**
 * HTTP servers for the sandboxes, on 127.0.0.1 only. /__sandbox/<action> is the test's control
 * panel (seed items, create orders, inject faults, read state, violations and the request log).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox, SandboxRequest } from './base';

export function serveSandbox(sandbox: Sandbox, port = 0): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    sandbox.inFlight++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const finish = (status: number, headers: Record<string, string>, body: string) => {
        sandbox.inFlight--;
        res.writeHead(status, headers);
        res.end(body);
      };
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      const control = /^\/__sandbox\/([a-z-]+)$/.exec(url.pathname);
      if (control) {
        try {
          const result = sandbox.baseControl(control[1], raw ? JSON.parse(raw) : {});
          finish(200, { 'Content-Type': 'application/json' }, JSON.stringify(result ?? null));
        } catch (error) {
          finish(400, { 'Content-Type': 'application/json' }, JSON.stringify({ error: (error as Error).message }));
        }
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const body = parsedBody(raw, headers['content-type']);
      const request: SandboxRequest = {
        method: (req.method ?? 'GET').toLowerCase(),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body,
      };
      let handled: ReturnType<typeof sandbox.handle>;
      try {
        handled = sandbox.handle(request);
      } catch (error) {
        handled = { status: 500, body: { message: `sandbox failure: ${(error as Error).message}` } };
      }
      if (handled === 'drop') {
        sandbox.inFlight--;
        req.socket.destroy();
        return;
      }
      const text =
        handled.body === undefined
          ? ''
          : typeof handled.body === 'string'
            ? handled.body
            : JSON.stringify(handled.body);
      finish(handled.status, { 'Content-Type': 'application/json; charset=utf-8', ...(handled.headers ?? {}) }, text);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** JSON as an object; a form (Avito's token request) as its fields, so that its schema is checked; else the text. */
function parsedBody(raw: string, contentType = ''): unknown {
  if (!raw) return undefined;
  if (contentType.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
