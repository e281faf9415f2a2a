/** Shared set-up of the contract tests: one sandbox worker per test file, reset before each test. */
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import type { MarketplaceName } from '../../dev/sandbox/hosts';

export function useSandboxes(): { get(): Sandboxes } {
  let sandboxes: Sandboxes;
  beforeAll(async () => {
    sandboxes = await startSandboxes();
  }, 60_000);
  afterAll(async () => {
    await sandboxes?.stop();
  });
  beforeEach(() => {
    for (const m of ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress', 'avito'] as MarketplaceName[])
      sandboxes.control(m, 'reset');
    sandboxes.clock.set(Date.parse('2026-11-22T09:00:00Z'));
  });
  afterEach(() => {
    // Every request our connectors sent must have matched the official spec.
    for (const m of ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress', 'avito'] as MarketplaceName[])
      expect({ market: m, violations: sandboxes.control(m, 'violations') }).toEqual({ market: m, violations: [] });
  });
  return { get: () => sandboxes };
}

export function skus(n: number, prefix = 'SKU'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
}

export function requestsTo(
  s: Sandboxes,
  market: MarketplaceName,
  method: string,
  path: string | RegExp,
): { at: number; items: number; status: number }[] {
  return (
    s.control(market, 'log') as { at: number; method: string; path: string; items: number; status: number }[]
  ).filter((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path)));
}
