/** The barcode → chrtId mapping is cached on «_WB chrtId» and refreshed from the cards list once a day. */

import { WB_SANDBOX, WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
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

it('reads the cards once, then serves the mapping from the sheet until a day has passed', () => {
  const s = env.get();
  s.control('wb', 'seed', { items: [{ vendorCode: 'A', sizes: [['4600000000017']] }] });
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
  const deps: MarketDeps = {
    http: s.http(),
    timer: s.clock.timer(),
    sheets: memorySheets(),
    properties: memoryStore(),
    user: memoryStore(),
  };
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
