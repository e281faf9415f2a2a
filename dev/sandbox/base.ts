/**
 * What the three sandbox marketplaces share: every request is checked against the official spec
 * (a violation is recorded and answered 400, so a test that looks at `violations` fails), faults
 * can be injected (a status with Retry-After, a dropped connection, a malformed body), a latency
 * can be set (a slow marketplace), and every request is logged with the simulated time it arrived.
 * Rate limits and answers are each marketplace's own.
 */

import type { VirtualClock } from './clock';
import type { ContractValidator, RequestToCheck } from './contracts';

export interface SandboxRequest extends RequestToCheck {
  /** Header names in lower case. */
  headers: Record<string, string>;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value, or a string sent as is. */
  body?: unknown;
}

export interface Fault {
  /** How many matching requests it applies to. */
  count: number;
  /** Only requests whose path starts with this. */
  path?: string;
  kind: 'status' | 'drop' | 'malformed' | 'silent';
  status?: number;
  retryAfterSec?: number;
  /** The error's message repeats the request's key headers, as some servers' error pages do. */
  echo?: boolean;
}

/**
 * A slow marketplace: every answer to a request whose path starts with `path` (all when absent)
 * takes `ms` of simulated time. The answer carries LATENCY_HEADER and the harness moves the clock
 * once per batch by the longest of them, so the requests of one fetchAll wait together, as
 * UrlFetchApp.fetchAll's do.
 */
export const LATENCY_HEADER = 'x-sandbox-latency-ms';

export interface Latency {
  ms: number;
  path?: string;
}

export interface LogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  items: number;
}

export type Handled = SandboxResponse | 'drop';

/** How long a marketplace takes to show an accepted push, and to list a buyer's order (simulated ms). */
export interface Delays {
  applyDelayMs: number;
  orderDelayMs: number;
}

/** The `configure` control: each delay the body names replaces the current one; the others stay. */
export function configureDelays(delays: Delays, body: { applyDelayMs?: unknown; orderDelayMs?: unknown }): Delays {
  if (body.applyDelayMs !== undefined) delays.applyDelayMs = Number(body.applyDelayMs);
  if (body.orderDelayMs !== undefined) delays.orderDelayMs = Number(body.orderDelayMs);
  return delays;
}

export abstract class Sandbox {
  violations: { method: string; path: string; errors: string[] }[] = [];
  log: LogEntry[] = [];
  faults: Fault[] = [];
  latency: Latency | null = null;
  /** Requests of this sandbox the server has received and not yet answered (real concurrency). */
  inFlight = 0;

  constructor(
    readonly name: string,
    protected readonly validator: ContractValidator,
    protected readonly clock: VirtualClock,
  ) {}

  protected abstract authorized(req: SandboxRequest): boolean;
  protected abstract unauthorized(): SandboxResponse;
  protected abstract error(status: number, message: string): SandboxResponse;
  protected abstract route(req: SandboxRequest, fault: Fault | undefined): SandboxResponse;
  /** Items a request carries, for the log (stock pairs, chrtIds, SKUs). */
  protected abstract itemsOf(req: SandboxRequest): number;
  abstract reset(): void;
  abstract state(): unknown;
  abstract control(action: string, body: any): unknown;

  protected rateLimited(status: number, retryAfterSec: number, message: string): SandboxResponse {
    const response = this.error(status, message);
    return {
      ...response,
      headers: { ...(response.headers ?? {}), 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSec))) },
    };
  }

  handle(req: SandboxRequest): Handled {
    const arrivedAt = this.clock.now();
    const errors = this.validator.validate(req);
    let result: Handled;
    if (errors === null) {
      this.violations.push({ method: req.method, path: req.path, errors: ['no such operation in the official spec'] });
      result = this.error(404, `Unknown endpoint ${req.method.toUpperCase()} ${req.path}`);
    } else if (errors.length) {
      this.violations.push({ method: req.method, path: req.path, errors });
      result = this.error(400, `Request does not match the API: ${errors.join('; ')}`);
    } else {
      const index = this.faults.findIndex((f) => f.count > 0 && (!f.path || req.path.startsWith(f.path)));
      const fault = index >= 0 ? this.faults[index] : undefined;
      if (fault) {
        fault.count--;
        if (fault.count === 0) this.faults.splice(index, 1);
      }
      if (fault?.kind === 'drop') result = 'drop';
      else if (fault?.kind === 'malformed')
        result = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"result": [' };
      else if (fault?.kind === 'status') {
        const status = fault.status ?? 500;
        result =
          status === 429 || status === 420
            ? this.rateLimited(status, fault.retryAfterSec ?? 1, 'rate limit (injected)')
            : this.error(status, fault.echo ? `injected ${status}; ${echoed(req)}` : `injected ${status}`);
      } else if (!this.authorized(req)) result = this.unauthorized();
      else result = this.route(req, fault);
    }
    this.checkAnswer(req, result);
    this.log.push({
      at: arrivedAt,
      method: req.method.toUpperCase(),
      path: req.path,
      status: result === 'drop' ? 0 : result.status,
      items: this.itemsOf(req),
    });
    return this.answerSlowly(req, result);
  }

  /** The simulated time the answer takes, when a latency is set: the harness moves the caller's clock by it. */
  private answerSlowly(req: SandboxRequest, result: Handled): Handled {
    const latency = this.latency;
    if (!latency || (latency.path && !req.path.startsWith(latency.path))) return result;
    // A dropped connection has no answer to carry the time: the clock moves here.
    if (result === 'drop') {
      this.clock.advance(latency.ms);
      return result;
    }
    return { ...result, headers: { ...(result.headers ?? {}), [LATENCY_HEADER]: String(latency.ms) } };
  }

  /**
   * The sandbox's own answers must match the description too: a sandbox that answered what the
   * marketplace never would would teach the connectors the wrong thing. Injected broken answers
   * (dropped, malformed) are off-spec on purpose and are not checked.
   */
  private checkAnswer(req: SandboxRequest, result: Handled): void {
    if (result === 'drop' || typeof result.body === 'string') return;
    const errors = this.validator.validateResponse(req, result.status, result.body);
    if (errors.length) this.violations.push({ method: req.method, path: req.path, errors });
  }

  baseControl(action: string, body: any): unknown {
    switch (action) {
      case 'violations':
        return this.violations;
      case 'log':
        return this.log;
      case 'clear-log':
        this.log = [];
        this.violations = [];
        return { ok: true };
      case 'fault':
        this.faults.push({ count: 1, kind: 'status', ...body });
        return { ok: true };
      case 'clear-faults':
        this.faults = [];
        return { ok: true };
      case 'latency':
        // {ms, path?}: every answer takes ms of simulated time from now on; {ms: 0} makes it quick again.
        this.latency =
          Number(body.ms) > 0 ? { ms: Number(body.ms), ...(body.path ? { path: String(body.path) } : {}) } : null;
        return { ok: true, latency: this.latency };
      case 'reset':
        this.reset();
        this.log = [];
        this.violations = [];
        this.faults = [];
        this.latency = null;
        return { ok: true };
      case 'state':
        return this.state();
      default:
        return this.control(action, body);
    }
  }
}

/** The key headers of a request (and a token request's form: Avito's) as an error page that repeats them would print them. */
function echoed(req: SandboxRequest): string {
  const form = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  return [
    ...['client-id', 'api-key', 'authorization']
      .filter((name) => req.headers[name] !== undefined)
      .map((name) => `${name}: ${req.headers[name]}`),
    ...(typeof form.client_secret === 'string' ? [`client_secret=${form.client_secret}`] : []),
  ].join('; ');
}

/** A sliding window of events in simulated time: how many fit, and when the next one will. */
export class Window {
  private events: { at: number; cost: number }[] = [];
  constructor(
    readonly limit: number,
    readonly ms: number,
  ) {}

  private prune(now: number): void {
    this.events = this.events.filter((e) => e.at > now - this.ms);
  }

  used(now: number): number {
    this.prune(now);
    return this.events.reduce((sum, e) => sum + e.cost, 0);
  }

  /** Takes `cost` if it fits; otherwise returns the seconds until it would. */
  take(now: number, cost = 1): number {
    this.prune(now);
    let used = this.used(now);
    if (used + cost <= this.limit) {
      this.events.push({ at: now, cost });
      return 0;
    }
    for (const e of this.events) {
      used -= e.cost;
      if (used + cost <= this.limit) return (e.at + this.ms - now) / 1000;
    }
    return this.ms / 1000;
  }

  charge(now: number, cost: number): void {
    this.events.push({ at: now, cost });
  }

  reset(): void {
    this.events = [];
  }
}
