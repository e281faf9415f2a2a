/** A shop whose «Поставщик» is fed by a source, sending to one Ozon channel: the starting point of source tests. */
import * as path from 'node:path';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { RESERVE_HEADERS } from '../../src/core/headers';
import { type Gas, loadBundle } from '../fakes/gas';
import type { FakeGmailApp } from '../fakes/gmail';
import { FakeSpreadsheet } from '../fakes/spreadsheet';

/** The build with the sandbox's supplier host allowed for fetching. */
export const VARIANT = path.resolve(__dirname, '../../build/test-variant');

/** A CSV «Артикул,Остаток» served by the sandbox at /files/<name>. */
export const csvSource = (name: string) => ({
  kind: 'csv',
  url: `https://supplier.test/files/${name}`,
  skuHeader: 'Артикул',
  qtyHeader: 'Остаток',
});

export interface SupplierShopOptions {
  /** «Поставщик» of the i-th SKU before any import is `supplierFrom + i`. */
  supplierFrom: number;
  otherBooks?: Record<string, FakeSpreadsheet>;
  gmail?: FakeGmailApp;
  /** Instead of the one Ozon channel. */
  channels?: unknown[];
}

/** «Склад» 1 for each of `skus`, «Поставщик» fed by `source`; Ozon seeded with the SKUs and connected. */
export function openSupplierShop(
  sandboxes: Sandboxes,
  skus: string[],
  source: Record<string, unknown>,
  options: SupplierShopOptions,
): Gas {
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [
    ['Артикул', 'Склад', 'Поставщик'],
    ...skus.map((s, i) => [s, 1, options.supplierFrom + i]),
  ]);
  book.addSheet('Резервы', [Object.values(RESERVE_HEADERS)]);
  sandboxes.control('ozon', 'seed', { offers: skus });
  const g = loadBundle({ book, sandboxes, dist: VARIANT, otherBooks: options.otherBooks, gmail: options.gmail });
  const saved = g.fn.saveSettings({
    version: 1,
    sendEnabled: true,
    warehouses: [
      { id: 'main', column: 'Склад', type: 'own', inSale: true },
      { id: 'sup', column: 'Поставщик', type: 'supplier', inSale: true, source },
    ],
    channels: options.channels ?? [
      {
        id: 'ozon',
        name: 'Ozon',
        column: 'Ozon',
        marketplace: 'ozon',
        target: { warehouseId: String(OZON_WAREHOUSES[0].warehouse_id) },
      },
    ],
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  g.fn.setCredentials('ozon', OZON_SANDBOX);
  return g;
}

/**
 * The sandboxes for a file of source tests: started once; before each test the supplier files are cleared
 * and Ozon is reset to apply pushes at once. Read `.sandboxes` inside tests.
 */
export function useSupplierSandboxes(): { sandboxes: Sandboxes } {
  const started = {} as { sandboxes: Sandboxes };
  beforeAll(async () => {
    started.sandboxes = await startSandboxes();
  }, 60_000);
  afterAll(async () => {
    await started.sandboxes?.stop();
  });
  beforeEach(() => {
    started.sandboxes.clearFiles();
    started.sandboxes.control('ozon', 'reset');
    started.sandboxes.control('ozon', 'configure', { applyDelayMs: 0 });
  });
  return started;
}

/** «Поставщик» of each SKU on «Остатки», in row order. */
export const supplierColumn = (g: Gas) =>
  g.book
    .sheet('Остатки')
    .dump()
    .slice(1)
    .map((r) => r[2]);

/** The journal's import rows of «Поставщик», oldest first, by header. */
export const supplierImports = (g: Gas) => {
  const rows = g.book.sheet('Журнал').dump();
  return rows
    .slice(1)
    .map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])))
    .filter((r) => r.Канал === 'склад «Поставщик»');
};
