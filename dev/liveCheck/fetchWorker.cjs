// synckit worker of the live check: Node's own fetch (undici) for the synchronous HttpClient the
// connectors expect. The requests of one call go out in parallel (like UrlFetchApp.fetchAll); each
// answer is {status, headers, text}, or status 0 with the reason when no answer came.
const { runAsWorker } = require('synckit');

/** Real marketplaces only over https; plain http only to this machine (the sandboxes). */
function refusal(url) {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost')) return undefined;
  return `refused: ${url.protocol}//${url.host} (https only; http only to 127.0.0.1)`;
}

function noAnswer(text) {
  return { status: 0, headers: {}, text };
}

function reasonOf(error, timeoutMs) {
  if (error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timeout after ${timeoutMs} ms`;
  const cause = error?.cause;
  const detail = cause ? cause.code || cause.message : undefined;
  return detail ? `${error.message}: ${detail}` : String(error?.message ?? error);
}

async function send(request, timeoutMs) {
  let url;
  try {
    url = new URL(request.url);
  } catch {
    return noAnswer('invalid URL');
  }
  const refused = refusal(url);
  if (refused) return noAnswer(refused);
  try {
    // The timeout covers the whole exchange, the body included. Redirects are not followed: the
    // keys in the headers go only to the host the connector named.
    const response = await fetch(url, {
      method: request.method.toUpperCase(),
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const headers = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { status: response.status, headers, text };
  } catch (error) {
    return noAnswer(reasonOf(error, timeoutMs));
  }
}

runAsWorker(async (requests, timeoutMs) => Promise.all(requests.map((r) => send(r, timeoutMs))));
