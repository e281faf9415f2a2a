/**
 * Sends requests within a marketplace's limits: sliding-window quotas (with a cost per request,
 * e.g. SKUs for Yandex Market, and Wildberries' ×10 for a 4xx), a bounded number in parallel
 * through one fetchAll, bounded retries of 429/420/5xx/no-answer honouring Retry-After, and a
 * deadline checked before every wave: UrlFetch has no timeout of its own and one call may take
 * about a minute, so no request starts after it and the rest is left for the next run. It waits
 * only when a limit says so.
 */
import { type HttpClient, type HttpRequest, type HttpResponse, headerOf, type Timer } from './http';

export interface RateWindow {
  /** Units allowed within `ms`. */
  limit: number;
  ms: number;
}

export interface RatePolicy {
  windows: RateWindow[];
  /** Requests sent together in one fetchAll. */
  maxParallel: number;
  /** Tries per request, the first included. */
  maxAttempts: number;
  /** A wait longer than this is not waited: the remaining requests are left for the next run. */
  maxWaitMs: number;
  /** Units a 4xx answer costs in all (Wildberries counts it as 10 requests); default: the request's own cost. */
  costOf4xx?: number;
  /** Waits before retries when the answer names none: attempt 1, 2, … */
  backoffMs: number[];
}

export interface Job<T> {
  request: HttpRequest;
  /** Units this request costs against the windows (default 1). */
  cost?: number;
  tag: T;
}

export interface JobResult<T> {
  tag: T;
  /** The last answer; null when it was never sent, or was still to be retried when the run's deadline came. */
  response: HttpResponse | null;
  attempts: number;
  /** The run's time ran out before this request could be sent (or sent again): the next run sends it. */
  timedOut?: boolean;
}

const RETRY_STATUSES = new Set([0, 420, 429, 500, 502, 503, 504]);

export function isRetryable(status: number): boolean {
  return RETRY_STATUSES.has(status);
}

/**
 * The wait a rate-limit answer asks for, in ms: Retry-After (seconds or a date), X-Ratelimit-Retry,
 * X-RateLimit-Resource-Until.
 */
export function requestedWait(response: HttpResponse, now: number): number | undefined {
  const retryAfter = headerOf(response, 'Retry-After') ?? headerOf(response, 'X-Ratelimit-Retry');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const until = headerOf(response, 'X-RateLimit-Resource-Until');
  if (until !== undefined && response.status === 420) {
    const at = Date.parse(until);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return undefined;
}

export interface SchedulerStats {
  requests: number;
  waves: number;
  waitedMs: number;
  retries: number;
}

export class RateLimiter {
  private sent: { at: number; cost: number }[] = [];
  private pausedUntil = 0;

  constructor(readonly windows: RateWindow[]) {}

  private used(window: RateWindow, now: number): number {
    let sum = 0;
    for (const s of this.sent) if (s.at > now - window.ms) sum += s.cost;
    return sum;
  }

  /** How long to wait before `cost` more units fit into every window. */
  waitFor(cost: number, now: number): number {
    let wait = Math.max(0, this.pausedUntil - now);
    for (const w of this.windows) {
      let used = this.used(w, now + wait);
      if (used + cost <= w.limit) continue;
      // Drop the oldest entries of this window until the cost fits (a cost above the limit fits an empty window).
      const inWindow = this.sent.filter((s) => s.at > now + wait - w.ms).sort((a, b) => a.at - b.at);
      let freed = inWindow.length ? inWindow[inWindow.length - 1].at + w.ms - now : 0;
      for (const s of inWindow) {
        used -= s.cost;
        if (used + cost <= w.limit) {
          freed = s.at + w.ms - now;
          break;
        }
      }
      wait = Math.max(wait, freed);
    }
    return wait;
  }

  record(cost: number, at: number): void {
    this.sent.push({ at, cost });
    const longest = this.windows.reduce((ms, w) => Math.max(ms, w.ms), 0);
    if (this.sent.length > 2000) this.sent = this.sent.filter((s) => s.at > at - longest);
  }

  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }
}

export class RequestScheduler {
  readonly stats: SchedulerStats = { requests: 0, waves: 0, waitedMs: 0, retries: 0 };

  constructor(
    private readonly policy: RatePolicy,
    private readonly limiter: RateLimiter,
    private readonly http: HttpClient,
    private readonly timer: Timer,
    /** Time (ms, timer's clock) after which nothing new is sent. */
    private readonly deadline = Number.POSITIVE_INFINITY,
  ) {}

  /** Waits `ms`, or says why not: the marketplace asks too long a wait, or the run's time is up. */
  private wait(ms: number): 'waited' | 'too-long' | 'deadline' {
    if (ms <= 0) return 'waited';
    if (this.timer.now() + ms > this.deadline) return 'deadline';
    if (ms > this.policy.maxWaitMs) return 'too-long';
    this.timer.sleep(ms);
    this.stats.waitedMs += ms;
    return 'waited';
  }

  run<T>(jobs: readonly Job<T>[]): JobResult<T>[] {
    const results: JobResult<T>[] = jobs.map((j) => ({ tag: j.tag, response: null, attempts: 0 }));
    let queue = jobs.map((job, index) => ({ job, index, notBefore: 0 }));
    const stop = (why: 'too-long' | 'deadline') => {
      // Cut by the run's deadline: what is still queued counts as never sent, so that the run's
      // continuation sends it. A wait the marketplace asks for that is too long keeps its answer.
      if (why === 'deadline')
        for (const q of queue) {
          results[q.index].response = null;
          results[q.index].timedOut = true;
        }
    };
    while (queue.length) {
      let now = this.timer.now();
      // Checked before every wave, not only before waits: a slow marketplace eats the run's time too.
      if (now >= this.deadline) {
        stop('deadline');
        break;
      }
      const ready = queue.filter((q) => q.notBefore <= now);
      if (!ready.length) {
        const waited = this.wait(queue.reduce((t, q) => Math.min(t, q.notBefore), Infinity) - now);
        if (waited !== 'waited') {
          stop(waited);
          break;
        }
        continue;
      }
      // Take as many ready requests as fit the windows right now, up to maxParallel; each is
      // charged as it is taken, so the next one sees it.
      const wave: typeof queue = [];
      for (const q of ready) {
        if (wave.length >= this.policy.maxParallel) break;
        const cost = q.job.cost ?? 1;
        if (this.limiter.waitFor(cost, now) > 0) break;
        this.limiter.record(cost, now);
        wave.push(q);
      }
      if (!wave.length) {
        const waited = this.wait(this.limiter.waitFor(ready[0].job.cost ?? 1, now));
        if (waited !== 'waited') {
          stop(waited);
          break;
        }
        continue;
      }
      const responses = this.http.fetchAll(wave.map((q) => q.job.request));
      this.stats.requests += wave.length;
      this.stats.waves++;
      now = this.timer.now();
      const retry: typeof queue = [];
      wave.forEach((q, i) => {
        const response = responses[i];
        const result = results[q.index];
        result.response = response;
        result.attempts++;
        const cost = q.job.cost ?? 1;
        if (response.status >= 400 && response.status < 500 && this.policy.costOf4xx && this.policy.costOf4xx > cost) {
          this.limiter.record(this.policy.costOf4xx - cost, now);
        }
        if (!isRetryable(response.status) || result.attempts >= this.policy.maxAttempts) return;
        const asked = requestedWait(response, now);
        const delay = asked ?? this.policy.backoffMs[Math.min(result.attempts - 1, this.policy.backoffMs.length - 1)];
        if (response.status === 429 || response.status === 420) this.limiter.pauseUntil(now + delay);
        this.stats.retries++;
        retry.push({ ...q, notBefore: now + delay });
      });
      const done = new Set(wave.map((q) => q.index));
      queue = [...queue.filter((q) => !done.has(q.index)), ...retry];
    }
    return results;
  }
}
