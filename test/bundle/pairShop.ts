/**
 * A shop with one Ozon channel beside one channel of a secondary marketplace (MegaMarket, AliExpress),
 * wired through dist/Code.js to the sandboxes: the starting point of those marketplaces' bundle tests.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import type { MarketplaceName } from '../../dev/sandbox/hosts';
import { OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { RESERVE_HEADERS } from '../../src/core/headers';
import { type Gas, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { sku } from './sendingSetup';

export interface PairShop {
  g: Gas;
  book: FakeSpreadsheet;
  n: number;
}

export interface Partner {
  /** The sandbox that stands in for the marketplace. */
  market: MarketplaceName;
  channel: Record<string, unknown>;
  credentials: Record<string, string>;
  /** Seeds the marketplace's catalogue with these ids (as the channel's id column holds them). */
  seed(ids: string[]): void;
}

export function pairSettings(partner: Partner, over: Record<string, unknown> = {}) {
  return {
    version: 1,
    sendEnabled: true,
    warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
    channels: [
      {
        id: 'ozon',
        name: 'Ozon',
        column: 'Ozon',
        marketplace: 'ozon',
        rule: { type: 'share', percent: 100 },
        target: { warehouseId: String(OZON_WAREHOUSES[0].warehouse_id) },
      },
      partner.channel,
    ],
    reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' },
    ...over,
  };
}

/** `n` SKUs with 10 each on «Склад» (or `stock(i)`), both channels connected unless `connect` is false. */
export function openPairShop(
  sandboxes: Sandboxes,
  partner: Partner,
  n: number,
  options: { connect?: boolean; stock?: (i: number) => number; settings?: Record<string, unknown> } = {},
): PairShop {
  for (const m of ['ozon', partner.market] as MarketplaceName[]) sandboxes.control(m, 'reset');
  sandboxes.control('ozon', 'configure', { applyDelayMs: 0 });
  sandboxes.clock.set(Date.parse('2026-11-22T09:00:00Z'));
  const ids = Array.from({ length: n }, (_, i) => sku(i));
  sandboxes.control('ozon', 'seed', { offers: ids });
  partner.seed(ids);
  const stock = options.stock ?? (() => 10);
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [['Артикул', 'Наименование', 'Склад'], ...ids.map((id, i) => [id, `Товар ${i}`, stock(i)])]);
  book.addSheet('Резервы', [Object.values(RESERVE_HEADERS)]);
  const g = loadBundle({ book, sandboxes });
  const saved = g.fn.saveSettings(pairSettings(partner, options.settings));
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  if (options.connect !== false) {
    g.fn.setCredentials('ozon', OZON_SANDBOX);
    g.fn.setCredentials(String(partner.channel.id), partner.credentials);
  }
  return { g, book, n };
}

export const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

export function rowsOf(book: FakeSpreadsheet, sheet: string): Record<string, unknown>[] {
  const rows = book.sheet(sheet).dump();
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
}

/** «Склад», «Резерв» and «К продаже» of SKU i on «Остатки». */
export function stockRow(book: FakeSpreadsheet, i: number): Record<string, unknown> {
  return rowsOf(book, 'Остатки')[i];
}

/** What Ozon shows for sale of SKU i. */
export const ozonShows = (sandboxes: Sandboxes, i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })?.free_stock;

/** «_Отправлено» of one channel: id → quantity. */
export function ledgerOf(book: FakeSpreadsheet, channelId: string): Record<string, number> {
  const sheet = book.getSheetByName('_Отправлено');
  if (!sheet) return {};
  return Object.fromEntries(
    rowsOf(book, '_Отправлено')
      .filter((r) => String(r.Канал) === channelId)
      .map((r) => [String(r.ID), Number(r['Кол-во'])]),
  );
}
