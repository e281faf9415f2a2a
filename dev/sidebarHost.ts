/**
 * Serves the built sidebar (dist/Sidebar.html) on 127.0.0.1 with a google.script.run that calls
 * the real bundle (loaded with gas-local over the Apps Script fakes). Like Apps Script, arguments
 * and results cross as JSON and a thrown error reaches the failure handler with its message.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Gas } from '../test/fakes/gas';

const SHIM = `<script>
(function () {
  function runner(onSuccess, onFailure) {
    return new Proxy({}, {
      get: function (_target, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(f, onFailure); };
        if (name === 'withFailureHandler') return function (f) { return runner(onSuccess, f); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/rpc/' + encodeURIComponent(name), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })
            .then(function (r) { return r.json(); })
            .then(function (res) {
              if (res.ok) { if (onSuccess) onSuccess(res.value); }
              else if (onFailure) onFailure(new Error(res.error));
            }, function (e) { if (onFailure) onFailure(e); });
        };
      }
    });
  }
  window.google = { script: { run: runner(null, null) } };
})();
</script>`;

export interface SidebarHost {
  url: string;
  calls: string[];
  close(): Promise<void>;
}

export function sidebarPage(distDir: string): string {
  const html = fs.readFileSync(path.join(distDir, 'Sidebar.html'), 'utf8');
  const at = html.indexOf('<script>');
  if (at < 0) throw new Error('dist/Sidebar.html has no inline script');
  return html.slice(0, at) + SHIM + html.slice(at);
}

/** Calls a bundle function as google.script.run would: JSON in, JSON out, errors as their message. */
export function callBundle(
  gas: Gas,
  name: string,
  body: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    const args = JSON.parse(body || '[]');
    const value = gas.fn[name](...args);
    return { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) };
  } catch (error) {
    return {
      ok: false,
      error:
        error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error),
    };
  }
}

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export async function startSidebarHost(gas: Gas, distDir: string, port = 0): Promise<SidebarHost> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(sidebarPage(distDir));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const rpc = /^\/rpc\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (req.method === 'POST' && rpc) {
      void readBody(req).then((body) => {
        calls.push(rpc[1]);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(callBundle(gas, rpc[1], body)));
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
