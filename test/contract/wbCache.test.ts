/** The barcode → chrtId mapping is cached on «_WB chrtId» and refreshed from the cards list once a day. */

import { WB_SANDBOX, WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import { ConnectorError } from '../../src/connectors/http';
import { validateSettings } from '../../src/core/settings';
import { type MarketDeps, WB_CACHE_SHEET, wbChrtIndex } from '../../src/usecases/marketplaces';
import type { KeyValueStore, SpreadsheetPort, Values } from '../../src/usecases/ports';
import { requestsTo, useSandboxes } from './sandbox';

jest.setTimeout(60_000);
const env = useSandboxes();

function memoryStore(): KeyValueStore {
  const data: Record<string, string> = {};
  return {
    getAll: () => ({ ...data }),
    setMany: (v) => {
      Object.assign(data, v);
    },
    deleteMany: (keys) => {
      for (const k of keys) delete data[k];
    },
  };
}

function memorySheets(): SpreadsheetPort & { sheets: Map<string, Values> } {
  const sheets = new Map<string, Values>();
  return {
    sheets,
    readSheet: (name) => sheets.get(name) ?? null,
    readRow: (name, row) => {
      const v = sheets.get(name);
      return v ? (v[row - 1] ?? []) : null;
    },
    writeColumns: () => {
      throw new Error('not used');
    },
    createSheet: (name, headers) => {
      sheets.set(name, [headers]);
    },
    // As Sheets stores it: a leading apostrophe keeps text and is not stored.
    replaceSheet: (name, values) => {
      sheets.set(
        name,
        values.map((r) => r.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v))),
      );
    },
    appendRows: () => {
      throw new Error('not used');
    },
    setCells: () => {
      throw new Error('not used');
    },
    selection: () => null,
    select: () => {
      throw new Error('not used');
    },
    date: (ms) => new Date(ms),
  };
}

function wbChannel() {
  const s = env.get();
  const settings = validateSettings(
    {
      version: 1,
      warehouses: [{ id: 'w', column: 'Склад', type: 'own', inSale: true }],
      channels: [
        { id: 'wb', name: 'WB', column: 'WB', marketplace: 'wb', target: { warehouseId: String(WB_WAREHOUSES[0].id) } },
      ],
    },
    new Date(s.clock.now()),
  );
  if (!settings.ok) throw new Error('settings');
  const channel = settings.settings.channels[0];
  const deps: MarketDeps & { sheets: ReturnType<typeof memorySheets> } = {
    http: s.http(),
    timer: s.clock.timer(),
    sheets: memorySheets(),
    properties: memoryStore(),
    user: memoryStore(),
  };
  return { channel, deps };
}

const seedCards = (n: number) =>
  env.get().control('wb', 'seed', {
    items: Array.from({ length: n }, (_, i) => ({ vendorCode: `V-${i}`, sizes: [[String(4_600_000_000_000 + i)]] })),
  });
const CARDS = '/content/v2/get/cards/list';

it('reads the cards once, then serves the mapping from the sheet until a day has passed', () => {
  const s = env.get();
  s.control('wb', 'seed', { items: [{ vendorCode: 'A', sizes: [['4600000000017']] }] });
  const { channel, deps } = wbChannel();
  const first = wbChrtIndex(channel, WB_SANDBOX, deps);
  expect(first).toMatchObject({ refreshed: true, sizes: 1 });
  expect(first.index.byId.get('4600000000017')).toBeDefined();
  s.clock.advance(23 * 3600 * 1000);
  const second = wbChrtIndex(channel, WB_SANDBOX, deps);
  expect(second.refreshed).toBe(false);
  expect(second.index.byId.get('A')).toBe(first.index.byId.get('A'));
  expect(requestsTo(s, 'wb', 'POST', '/content/v2/get/cards/list')).toHaveLength(1);
  s.clock.advance(2 * 3600 * 1000);
  expect(wbChrtIndex(channel, WB_SANDBOX, deps).refreshed).toBe(true);
  expect(requestsTo(s, 'wb', 'POST', '/content/v2/get/cards/list')).toHaveLength(2);
  expect((deps.sheets as ReturnType<typeof memorySheets>).sheets.get(WB_CACHE_SHEET)).toHaveLength(2);
});

it("reads a catalogue longer than the time left from a saved cursor, a page once, with the cards list's rate", () => {
  const s = env.get();
  seedCards(10_000);
  const { channel, deps } = wbChannel();
  // A minute and a half before the deadline: 30 s for pages after the minute kept for the pushes.
  deps.deadline = s.clock.now() + 90_000;
  const first = wbChrtIndex(channel, WB_SANDBOX, deps, false, 10_000);
  expect(first.complete).toBe(false);
  expect(first.sizes).toBeGreaterThan(0);
  expect(first.sizes).toBeLessThan(10_000);
  expect(first.note).toMatch(/^сопоставление карточек — [\d\s]+ из ~10\s000: остальные позиции уйдут/);
  expect(deps.sheets.sheets.get(WB_CACHE_SHEET)).toHaveLength(1 + first.sizes);
  // 5 at once, then one per 600 ms: about 55 pages in 30 s, never a 429.
  const pages = requestsTo(s, 'wb', 'POST', CARDS);
  expect(pages.length).toBe(first.sizes / 100);
  expect(s.clock.now()).toBeLessThanOrEqual((deps.deadline as number) - 60_000 + 600);
  // The cursor is small and in properties; the next run goes on from it.
  const stored = deps.properties.getAll()['wbcards.wb'];
  expect(stored.length).toBeLessThan(300);
  expect(JSON.parse(stored).pass).toMatchObject({ read: first.sizes, expected: 10_000, cursor: expect.any(Object) });
  // The next run, a minute later (the continuation's delay).
  s.clock.advance(60_000);
  deps.deadline = s.clock.now() + 10 * 60_000;
  const second = wbChrtIndex(channel, WB_SANDBOX, deps);
  expect(second).toMatchObject({ complete: true, sizes: 10_000 });
  expect(second.note).toBeUndefined();
  expect(second.index.byId.get('V-9999')).toBeDefined();
  expect(requestsTo(s, 'wb', 'POST', CARDS)).toHaveLength(10_000 / 100 + 1);
  expect(JSON.parse(deps.properties.getAll()['wbcards.wb'])).toEqual({
    refreshedAt: expect.any(String),
    sizes: 10_000,
  });
});

it("a failed refresh keeps the cached mapping and says so; with nothing cached it is the channel's error", () => {
  const s = env.get();
  seedCards(3);
  const { channel, deps } = wbChannel();
  s.control('wb', 'fault', { kind: 'status', status: 401, path: CARDS });
  expect(() => wbChrtIndex(channel, WB_SANDBOX, deps)).toThrow(ConnectorError);
  expect(wbChrtIndex(channel, WB_SANDBOX, deps)).toMatchObject({ complete: true, sizes: 3 });
  s.clock.advance(25 * 3600 * 1000);
  s.control('wb', 'fault', { kind: 'malformed', path: CARDS });
  const cached = wbChrtIndex(channel, WB_SANDBOX, deps);
  expect(cached).toMatchObject({ complete: true, sizes: 3, refreshed: false });
  expect(cached.index.byId.get('V-1')).toBeDefined();
  expect(cached.note).toMatch(/^сопоставление карточек — из кэша от 22\.11\.2026 12:00: обновить не удалось \(WB: /);
  // The refresh is tried again next time, and then succeeds.
  const refreshed = wbChrtIndex(channel, WB_SANDBOX, deps);
  expect(refreshed).toMatchObject({ complete: true, sizes: 3, refreshed: true });
  expect(refreshed.note).toBeUndefined();
});
