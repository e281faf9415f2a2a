// synckit worker: real HTTP for the synchronous UrlFetchApp fake. Requests of one call go out in
// parallel (like fetchAll); each answer is {status, headers, text}, or status 0 with the reason.
const http = require('node:http');
const { runAsWorker } = require('synckit');

function send(request, timeoutMs) {
  return new Promise((resolve) => {
    const url = new URL(request.url);
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: request.method.toUpperCase(),
        headers: { ...request.headers, ...(body ? { 'Content-Length': body.length } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const headers = {};
          for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode || 0,
            headers,
            text: body.toString('utf8'),
            base64: body.toString('base64'),
          });
        });
        res.on('error', (e) => resolve({ status: 0, headers: {}, text: e.message }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', (e) => resolve({ status: 0, headers: {}, text: e.message }));
    if (body) req.write(body);
    req.end();
  });
}

runAsWorker(async (requests, timeoutMs) => Promise.all(requests.map((r) => send(r, timeoutMs))));
