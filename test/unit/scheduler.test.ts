/** The request scheduler with a scripted HttpClient and a simulated clock: waits, retries, deadline. */

import type { HttpClient, HttpRequest, HttpResponse } from '../../src/connectors/http';
import { RateLimiter, type RatePolicy, RequestScheduler, requestedWait } from '../../src/connectors/scheduler';

function clock(start = 0) {
  let now = start;
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
    },
  };
}

/** Answers each request with the next scripted status for its URL (200 when the script is empty). */
function scripted(script: Record<string, (number | HttpResponse)[]> = {}) {
  const sent: { url: string; at: number }[] = [];
  const timer = clock();
  const http: HttpClient & { waves: number } = {
    waves: 0,
    fetchAll(requests: readonly HttpRequest[]) {
      http.waves++;
      return requests.map((r) => {
        sent.push({ url: r.url, at: timer.now() });
        const next = script[r.url]?.shift() ?? 200;
        return typeof next === 'number' ? { status: next, headers: {}, text: '' } : next;
      });
    },
  };
  return { http, sent, timer };
}

const policy = (over: Partial<RatePolicy> = {}): RatePolicy => ({
  windows: [{ limit: 3, ms: 60_000 }],
  maxParallel: 10,
  maxAttempts: 3,
  maxWaitMs: 120_000,
  backoffMs: [1_000, 5_000],
  ...over,
});
const job = (url: string, cost?: number) => ({
  request: { method: 'post' as const, url, headers: {} },
  tag: url,
  ...(cost ? { cost } : {}),
});

describe('RequestScheduler', () => {
  it('sends what fits the window at once, in one fetchAll, and waits exactly for the window to free', () => {
    const { http, sent, timer } = scripted();
    const s = new RequestScheduler(policy(), new RateLimiter(policy().windows), http, timer);
    const results = s.run(['a', 'b', 'c', 'd', 'e'].map((u) => job(u)));
    expect(results.every((r) => r.response?.status === 200)).toBe(true);
    expect(sent.map((x) => x.at)).toEqual([0, 0, 0, 60_000, 60_000]);
    expect(http.waves).toBe(2);
    expect(s.stats).toMatchObject({ requests: 5, waitedMs: 60_000, retries: 0 });
  });

  it('respects maxParallel and costs', () => {
    const { http, sent, timer } = scripted();
    const p = policy({ windows: [{ limit: 5, ms: 10_000 }], maxParallel: 2 });
    new RequestScheduler(p, new RateLimiter(p.windows), http, timer).run([job('a', 2), job('b', 2), job('c', 2)]);
    expect(sent.map((x) => [x.url, x.at])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 10_000],
    ]);
  });

  it('retries 429 after Retry-After, 5xx after backoff, and stops after maxAttempts', () => {
    const { http, sent, timer } = scripted({
      a: [{ status: 429, headers: { 'Retry-After': '7' }, text: '' }, 200],
      b: [503, 503, 503, 503],
    });
    const p = policy({ windows: [{ limit: 100, ms: 1_000 }] });
    const results = new RequestScheduler(p, new RateLimiter(p.windows), http, timer).run([job('a'), job('b')]);
    expect(results[0]).toMatchObject({ attempts: 2, response: { status: 200 } });
    expect(results[1]).toMatchObject({ attempts: 3, response: { status: 503 } });
    expect(sent.filter((x) => x.url === 'a').map((x) => x.at)).toEqual([0, 7_000]);
    // b: first at 0; the 429 pauses everyone until 7 s; then backoff 5 s.
    expect(sent.filter((x) => x.url === 'b').map((x) => x.at)).toEqual([0, 7_000, 12_000]);
  });

  it('never retries other 4xx', () => {
    const { http, timer } = scripted({ a: [400, 200] });
    const results = new RequestScheduler(policy(), new RateLimiter(policy().windows), http, timer).run([job('a')]);
    expect(results[0]).toMatchObject({ attempts: 1, response: { status: 400 } });
  });

  it('charges a 4xx as ten when the marketplace does (Wildberries)', () => {
    const { http, sent, timer } = scripted({ a: [404] });
    const p = policy({ windows: [{ limit: 12, ms: 60_000 }], costOf4xx: 10 });
    const limiter = new RateLimiter(p.windows);
    new RequestScheduler(p, limiter, http, timer).run([job('a')]);
    new RequestScheduler(p, limiter, http, timer).run([job('b'), job('c'), job('d')]);
    // a (404 → 10) + b + c fill 12: d waits a minute.
    expect(sent.map((x) => x.at)).toEqual([0, 0, 0, 60_000]);
  });

  it('leaves the rest unsent at the deadline, or when asked to wait longer than it may', () => {
    const { http, timer } = scripted();
    const results = new RequestScheduler(policy(), new RateLimiter(policy().windows), http, timer, 30_000).run(
      ['a', 'b', 'c', 'd'].map((u) => job(u)),
    );
    expect(results.map((r) => r.response?.status ?? null)).toEqual([200, 200, 200, null]);
    const slow = scripted({ a: [{ status: 429, headers: { 'Retry-After': '600' }, text: '' }] });
    const r2 = new RequestScheduler(policy(), new RateLimiter(policy().windows), slow.http, slow.timer).run([job('a')]);
    expect(r2[0]).toMatchObject({ attempts: 1, response: { status: 429 } });
    expect(slow.timer.now()).toBe(0);
  });

  it('checks the deadline before every wave, not only before waits: a slow answer uses the run up too', () => {
    const { http, sent, timer } = scripted();
    // Every answer takes 10 s and no limit asks to wait: the run's time goes on answers alone.
    const slow: HttpClient = {
      fetchAll(requests) {
        const answers = http.fetchAll(requests);
        timer.sleep(10_000);
        return answers;
      },
    };
    const p = policy({ windows: [{ limit: 100, ms: 60_000 }], maxParallel: 1 });
    const results = new RequestScheduler(p, new RateLimiter(p.windows), slow, timer, 25_000).run(
      ['a', 'b', 'c', 'd', 'e'].map((u) => job(u)),
    );
    expect(sent.map((x) => x.at)).toEqual([0, 10_000, 20_000]);
    expect(results.map((r) => [r.response?.status ?? null, r.timedOut ?? false])).toEqual([
      [200, false],
      [200, false],
      [200, false],
      [null, true],
      [null, true],
    ]);
  });

  it('reads every form of "wait": seconds, an HTTP date, X-Ratelimit-Retry, and 420\'s Resource-Until', () => {
    const now = Date.parse('2026-11-22T09:00:00Z');
    const r = (headers: Record<string, string>, status = 429) => ({ status, headers, text: '' });
    expect(requestedWait(r({ 'retry-after': '3' }), now)).toBe(3_000);
    expect(requestedWait(r({ 'Retry-After': 'Sun, 22 Nov 2026 09:00:10 GMT' }), now)).toBe(10_000);
    expect(requestedWait(r({ 'X-Ratelimit-Retry': '2' }), now)).toBe(2_000);
    expect(requestedWait(r({ 'X-RateLimit-Resource-Until': 'Sun, 22 Nov 2026 09:01:00 GMT' }, 420), now)).toBe(60_000);
    expect(requestedWait(r({}), now)).toBeUndefined();
  });
});
