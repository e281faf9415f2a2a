/**
 * What a channel's order or reading refers to on «Остатки» (SPEC 2.1, 5.1): the SKU an item id names,
 * and the warehouse the channel ships from.
 */
import { cellText, splitIds } from './cells';
import { HEADERS, indexHeaders } from './headers';
import type { Channel, Settings, Warehouse } from './settings';

/** Per channel id: each item id it may report → the SKU and its row (0-based) on «Остатки». */
export type ItemIndex = Map<string, Map<string, { sku: string; row: number }>>;

export function shipFromOf(settings: Settings, channel: Channel): Warehouse {
  const id = channel.shipFrom ?? channel.sources?.[0];
  return (
    settings.warehouses.find((w) => w.id === id) ?? settings.warehouses.find((w) => w.inSale) ?? settings.warehouses[0]
  );
}

/** Per channel: the ids its id column holds → the SKU and its row on «Остатки». */
export function idIndex(settings: Settings, stock: unknown[][]): ItemIndex {
  const headers = indexHeaders(stock[0] ?? []);
  const skuCol = headers.find(HEADERS.sku);
  const result: ItemIndex = new Map();
  for (const channel of settings.channels) {
    const col = channel.idHeader ? headers.find(channel.idHeader) : skuCol;
    const map = new Map<string, { sku: string; row: number }>();
    if (skuCol !== undefined) {
      for (let r = 1; r < stock.length; r++) {
        const sku = cellText(stock[r][skuCol]);
        if (!sku) continue;
        const ids = col === undefined ? [sku] : splitIds(stock[r][col]);
        for (const id of [...ids, sku]) if (!map.has(id)) map.set(id, { sku, row: r });
      }
    }
    result.set(channel.id, map);
  }
  return result;
}
