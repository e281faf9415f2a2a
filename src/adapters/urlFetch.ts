/** HttpClient and Timer over UrlFetchApp and Utilities. */
import { formBody, type HttpClient, type HttpRequest, type HttpResponse, type Timer } from '../connectors/http';

type Params = GoogleAppsScript.URL_Fetch.URLFetchRequest;

function toParams(request: HttpRequest): Params {
  const headers: Record<string, string> = {};
  // Apps Script takes the content type as its own option, not as a header.
  for (const [k, v] of Object.entries(request.headers)) if (k.toLowerCase() !== 'content-type') headers[k] = v;
  return {
    url: request.url,
    method: request.method,
    headers,
    muteHttpExceptions: true,
    followRedirects: false,
    ...(request.body === undefined ? {} : { contentType: 'application/json', payload: JSON.stringify(request.body) }),
    ...(request.form === undefined
      ? {}
      : { contentType: 'application/x-www-form-urlencoded', payload: formBody(request.form) }),
  };
}

function fromResponse(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.getHeaders() as Record<string, unknown>))
    headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return { status: response.getResponseCode(), headers, text: response.getContentText() };
}

export function urlFetchClient(): HttpClient {
  return {
    fetchAll(requests: readonly HttpRequest[]): HttpResponse[] {
      const params = requests.map(toParams);
      try {
        return UrlFetchApp.fetchAll(params).map(fromResponse);
      } catch {
        // fetchAll throws for the whole batch when one request gets no answer (timeout, DNS):
        // send them one by one so that the others are not lost.
        return params.map((p) => {
          try {
            return fromResponse(UrlFetchApp.fetch(p.url, p));
          } catch (error) {
            return { status: 0, headers: {}, text: error instanceof Error ? error.message : String(error) };
          }
        });
      }
    },
  };
}

export const appsScriptTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms: number) => Utilities.sleep(Math.min(Math.max(0, Math.round(ms)), 300_000)),
};
