/**
 * Bench of sending through dist/Code.js: a full push of N SKUs × 3 API channels, then a scheduled
 * run with nothing changed. Spreadsheet reads/writes, UrlFetch calls, simulated marketplace time.
 */
import type { Sandboxes } from '../dev/sandbox/harness';
import { clearLogs, openShop, stockPushes } from '../test/bundle/sendingSetup';

export interface SendingBench {
  skus: number;
  push: {
    reads: number;
    writes: number;
    log: string[];
    fetches: number;
    simulatedMs: number;
    floorMs: number;
    accepted: number[];
    pushed: Record<string, number>;
  };
  idle: { reads: number; writes: number; fetches: number; stockItems: number };
}

export function benchSending(s: Sandboxes, n: number): SendingBench {
  const { g, book } = openShop(s, n);
  // The WB card mapping is refreshed daily, not per push: warm it as «Проверить подключение» does.
  g.fn.testConnection('wb');
  s.clock.advance(60_000);
  clearLogs(s);
  book.resetCounters();
  let fetches = g.urlFetch!.calls;
  const start = s.clock.now();
  const push = g.fn.sendStocks('sidebar');
  const simulatedMs = s.clock.now() - start;
  const pushIo = {
    reads: book.io.reads,
    writes: book.io.writes,
    log: [...book.io.log],
    fetches: g.urlFetch!.calls - fetches,
  };
  const pushed = stockPushes(s);
  // Ozon: n/100 requests at 80 a minute; WB: n/1000 pushes + as many read-backs in bursts of 20; YM: n/2000, 100,000 SKUs a minute.
  const ozonRequests = Math.ceil(n / 100);
  const floorMs = Math.max(
    Math.floor((ozonRequests - 1) / 80) * 60_000,
    Math.max(0, 2 * Math.ceil(n / 1000) - 20) * 200,
  );

  s.clock.advance(3_600_000);
  clearLogs(s);
  book.resetCounters();
  fetches = g.urlFetch!.calls;
  g.fn.runScheduledSync();
  const idlePushed = stockPushes(s);
  return {
    skus: n,
    push: {
      ...pushIo,
      simulatedMs,
      floorMs,
      accepted: push.channels.map((c: { accepted: number }) => c.accepted),
      pushed,
    },
    idle: {
      reads: book.io.reads,
      writes: book.io.writes,
      fetches: g.urlFetch!.calls - fetches,
      stockItems: idlePushed.ozon + idlePushed.wb + idlePushed.yandex,
    },
  };
}
