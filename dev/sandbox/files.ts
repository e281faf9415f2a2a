/**
 * A static file server standing in for suppliers' hosts (csv and yml sources). It lives in the
 * sandbox worker: the test thread blocks while UrlFetchApp's fake waits, so it cannot serve.
 * Control: POST /__files/set {path, base64, status?, contentType?}, /__files/clear, /__files/requests.
 */
import * as http from 'node:http';

export function serveFiles(port = 0): Promise<http.Server> {
  const files = new Map<string, { status: number; body: Buffer; contentType: string }>();
  let requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && url.pathname.startsWith('/__files/')) {
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        const action = url.pathname.slice('/__files/'.length);
        if (action === 'set')
          files.set(body.path, {
            status: body.status ?? 200,
            body: Buffer.from(body.base64 ?? '', 'base64'),
            contentType: body.contentType ?? 'text/plain',
          });
        if (action === 'clear') {
          files.clear();
          requests = [];
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(action === 'requests' ? requests : { ok: true }));
        return;
      }
      requests.push(url.pathname);
      const file = files.get(url.pathname);
      if (!file) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(file.status, { 'content-type': file.contentType });
      res.end(file.body);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
