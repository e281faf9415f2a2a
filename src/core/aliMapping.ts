/**
 * The AliExpress sku_code → product mapping as it is built: one pass over the seller's product list,
 * page after page from the last product id read, possibly across several runs (the pass state and its
 * progress text are the WB mapping's, src/core/wbMapping.ts). Until a pass ends, the SKUs of the last
 * complete pass still serve; a finished pass keeps only what it found.
 */
import type { AliSku } from '../connectors/aliexpress';
import type { MappingPass } from './wbMapping';

/** A SKU with the start of the pass that found it. */
export interface StampedSku {
  sku: AliSku;
  stamp: string;
}

/**
 * The rows after this run's pages: the older pass's SKUs first, then this pass's (a code that moved
 * names its new product); a finished pass drops the SKUs it did not find (deleted products).
 */
export function mergeSkuPass(
  rows: readonly StampedSku[],
  pass: MappingPass<string>,
  fetched: readonly AliSku[],
  finished: boolean,
): StampedSku[] {
  const bySku = new Map<string, StampedSku>();
  for (const r of rows) if (r.stamp !== pass.startedAt) bySku.set(r.sku.skuId, r);
  for (const r of rows) if (r.stamp === pass.startedAt) bySku.set(r.sku.skuId, r);
  for (const sku of fetched) {
    bySku.delete(sku.skuId);
    bySku.set(sku.skuId, { sku, stamp: pass.startedAt });
  }
  const merged = [...bySku.values()];
  return finished ? merged.filter((r) => r.stamp === pass.startedAt) : merged;
}
