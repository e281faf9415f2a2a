/**
 * Bench of the connectors' scheduling against the sandboxes in simulated time: for N SKUs per
 * marketplace, the requests made and the time our scheduling needed, against the floor that the
 * marketplace's own limits impose (the least time any client could need for the same requests).
 */
import type { Sandboxes } from '../dev/sandbox/harness';
import { OZON_SANDBOX, OZON_WAREHOUSES } from '../dev/sandbox/ozon';
import { WB_SANDBOX, WB_WAREHOUSES } from '../dev/sandbox/wildberries';
import { YM_CAMPAIGNS, YM_SANDBOX } from '../dev/sandbox/yandexMarket';
import { OzonConnector } from '../src/connectors/ozon';
import { buildChrtIndex, WildberriesConnector } from '../src/connectors/wildberries';
import { YandexMarketConnector } from '../src/connectors/yandexMarket';

/** Earliest finish of `n` equal requests under a sliding window of `limit` per `windowMs`, all sent at once where allowed. */
function slidingWindowFloor(n: number, limit: number, windowMs: number): number {
  return n <= 0 ? 0 : Math.floor((n - 1) / limit) * windowMs;
}

/** Earliest finish of `n` requests from a token bucket of `capacity` refilled one per `intervalMs`. */
function tokenBucketFloor(n: number, capacity: number, intervalMs: number): number {
  return Math.max(0, n - capacity) * intervalMs;
}

export interface MarketBenchRow {
  market: string;
  skus: number;
  requests: number;
  minimumRequests: number;
  tookMs: number;
  floorMs: number;
}

function countRequests(s: Sandboxes, market: 'ozon' | 'wb' | 'yandex'): number {
  return (s.control(market, 'log') as unknown[]).length;
}

export function benchMarketplaces(s: Sandboxes, n: number): MarketBenchRow[] {
  const ids = Array.from({ length: n }, (_, i) => `SKU-${String(i).padStart(6, '0')}`);
  const rows: MarketBenchRow[] = [];
  for (const m of ['ozon', 'wb', 'yandex'] as const) s.control(m, 'reset');

  // Ozon: 100 pairs a request, 80 requests a minute (window), 50 a second.
  s.control('ozon', 'seed', { offers: ids });
  s.control('ozon', 'clear-log');
  let start = s.clock.now();
  const ozon = new OzonConnector(
    { channel: 'Ozon', credentials: OZON_SANDBOX, warehouseId: String(OZON_WAREHOUSES[0].warehouse_id) },
    s.http(),
    s.clock.timer(),
  );
  const ozonOut = ozon.setStocks(ids.map((id, i) => ({ id, amount: i % 50 })));
  const ozonRequests = Math.ceil(n / 100);
  rows.push({
    market: 'Ozon',
    skus: ozonOut.filter((o) => o.accepted).length,
    requests: countRequests(s, 'ozon'),
    minimumRequests: ozonRequests,
    tookMs: s.clock.now() - start,
    floorMs: Math.max(slidingWindowFloor(ozonRequests, 80, 60_000), slidingWindowFloor(ozonRequests, 50, 1_000)),
  });

  // Wildberries: 1,000 chrtIds a request, then the read-back WB's silent 204 makes necessary;
  // 300 a minute with bursts of 20, one more every 200 ms.
  s.control('wb', 'seed', {
    items: ids.map((id, i) => ({ vendorCode: id, sizes: [[`46${String(i).padStart(11, '0')}`]] })),
  });
  const wbSetup = new WildberriesConnector(
    { channel: 'Wildberries', credentials: WB_SANDBOX, warehouseId: String(WB_WAREHOUSES[0].id) },
    s.http(),
    s.clock.timer(),
  );
  const index = buildChrtIndex(wbSetup.fetchCardSizes());
  s.clock.advance(60_000); // the mapping is cached daily: its cost is not part of a push
  s.control('wb', 'clear-log');
  start = s.clock.now();
  const wb = new WildberriesConnector(
    { channel: 'Wildberries', credentials: WB_SANDBOX, warehouseId: String(WB_WAREHOUSES[0].id), index },
    s.http(),
    s.clock.timer(),
  );
  const wbOut = wb.setStocks(ids.map((id, i) => ({ id, amount: i % 50 })));
  const wbRequests = 2 * Math.ceil(n / 1000);
  rows.push({
    market: 'Wildberries',
    skus: wbOut.filter((o) => o.accepted).length,
    requests: countRequests(s, 'wb'),
    minimumRequests: wbRequests,
    tookMs: s.clock.now() - start,
    floorMs: Math.max(tokenBucketFloor(wbRequests, 20, 200), slidingWindowFloor(wbRequests, 300, 60_000)),
  });

  // Yandex Market: 2,000 SKUs a request, 100,000 SKUs a minute.
  s.control('yandex', 'seed', { offers: ids });
  s.control('yandex', 'clear-log');
  start = s.clock.now();
  const ym = new YandexMarketConnector(
    { channel: 'Яндекс Маркет', credentials: YM_SANDBOX, campaignId: String(YM_CAMPAIGNS[0].id) },
    s.http(),
    s.clock.timer(),
  );
  const ymOut = ym.setStocks(ids.map((id, i) => ({ id, amount: i % 50 })));
  const ymRequests = Math.ceil(n / 2000);
  rows.push({
    market: 'Яндекс Маркет',
    skus: ymOut.filter((o) => o.accepted).length,
    requests: countRequests(s, 'yandex'),
    minimumRequests: ymRequests,
    tookMs: s.clock.now() - start,
    floorMs: slidingWindowFloor(Math.ceil(n / 100_000), 1, 60_000),
  });

  for (const m of ['ozon', 'wb', 'yandex'] as const) {
    const violations = s.control(m, 'violations') as unknown[];
    if (violations.length) throw new Error(`${m}: ${violations.length} requests broke the official spec`);
  }
  return rows;
}

export function withinTarget(row: MarketBenchRow): boolean {
  return row.tookMs <= row.floorMs * 1.1 && row.requests === row.minimumRequests;
}
