/**
 * An AliExpress channel's sku_code → product mapping, read from the seller's product list and cached on
 * the hidden sheet «_AliExpress товары», refreshed daily — the pattern of the Wildberries mapping
 * («_WB chrtId», src/usecases/marketplaces.ts): a long list is read across runs, and a failure of the
 * list keeps the cached mapping.
 */
import {
  type AliCredentials,
  AliExpressConnector,
  type AliSku,
  type AliSkuIndex,
  buildSkuIndex,
} from '../connectors/aliexpress';
import { ConnectorError } from '../connectors/http';
import { mergeSkuPass, type StampedSku } from '../core/aliMapping';
import type { Channel } from '../core/settings';
import {
  isFresh,
  type MappingPass,
  type MappingState,
  parseMappingState,
  passProgress,
  startPass,
} from '../core/wbMapping';
import type { LongJob, MarketDeps } from './marketplaces';

export const ALI_CACHE_SHEET = '_AliExpress товары';
const ALI_CACHE_HEADER = ['Канал', 'product_id', 'sku_id', 'Артикул (sku_code)', 'Обновлено'];
/** Time a run keeps after the mapping for its pushes and the channels after it (as for Wildberries). */
const MAPPING_RESERVE_MS = 60_000;
/** Without a run's deadline (the sidebar's «Проверить подключение»): within one Apps Script call. */
const MAPPING_ALONE_MS = 4 * 60_000;
const refreshKey = (channelId: string) => `aliskus.${channelId}`;

/** The mapping a channel's pushes, orders and readings use, and what the journal should say of it. */
export interface AliMapping {
  index: AliSkuIndex;
  /** This call read the product list. */
  refreshed: boolean;
  /** SKUs the mapping holds. */
  skus: number;
  /** False while a first pass is under way: an id it does not name yet may be on a page still to read. */
  complete: boolean;
  /** The product list failed this time (the message); whatever was cached still serves. */
  failure?: string;
  note?: string;
}

function cacheRows(values: unknown[][] | null, channelId: string) {
  const mine: StampedSku[] = [];
  const others: (string | number)[][] = [];
  for (const row of (values ?? []).slice(1)) {
    if (String(row[0]) === channelId)
      mine.push({
        sku: { productId: String(row[1]), skuId: String(row[2]), code: String(row[3] ?? '') },
        stamp: String(row[4] ?? ''),
      });
    else if (String(row[0]).trim() !== '') others.push(row.map((v) => (typeof v === 'number' ? v : `'${String(v)}`)));
  }
  return { mine, others };
}

/**
 * The mapping of an AliExpress channel: from the cache, or (once a day, or until a pass that did not fit
 * one run is done) from the product list, as many pages as the run's time leaves after
 * `MAPPING_RESERVE_MS` for the pushes. A failure of the list keeps the cached mapping.
 */
export function aliSkuIndex(
  channel: Channel,
  credentials: AliCredentials,
  deps: MarketDeps,
  force = false,
  expected?: number,
): AliMapping {
  const cached = cacheRows(deps.sheets.readSheet(ALI_CACHE_SHEET), channel.id);
  const state = parseMappingState<string>(deps.properties.getAll()[refreshKey(channel.id)]);
  const now = deps.timer.now();
  if (!force && isFresh(state, cached.mine.length > 0, now)) return fromCache(cached.mine);
  const pass = state.pass ?? startPass<string>(state, now, expected);
  if (expected !== undefined) pass.expected = Math.max(pass.expected, expected);
  const read = readProductPages(channel, credentials, deps, pass);
  const rows = mergeSkuPass(cached.mine, pass, read.skus, read.finished);
  pass.read = rows.filter((r) => r.stamp === pass.startedAt).length;
  if (read.failure && !rows.length) throw read.failure;
  if (read.skus.length || read.finished) writeCache(deps, channel, cached.others, rows);
  const next: MappingState<string> = read.finished
    ? { refreshedAt: pass.startedAt, sizes: rows.length }
    : { ...state, pass: { ...pass, cursor: read.cursor } };
  deps.properties.setMany({ [refreshKey(channel.id)]: JSON.stringify(next) });
  const complete = read.finished || rows.some((r) => r.stamp !== pass.startedAt);
  return {
    index: buildSkuIndex(rows.map((r) => r.sku)),
    refreshed: read.skus.length > 0,
    skus: rows.length,
    complete,
    ...(read.failure ? { failure: read.failure.message } : {}),
    ...mappingNote(pass, read.finished, complete, read.failure),
  };
}

function fromCache(mine: readonly StampedSku[]): AliMapping {
  return { index: buildSkuIndex(mine.map((r) => r.sku)), refreshed: false, skus: mine.length, complete: true };
}

/** Pages from the pass's cursor until the last one, the time left for the mapping, or a failure. */
function readProductPages(
  channel: Channel,
  credentials: AliCredentials,
  deps: MarketDeps,
  pass: MappingPass<string>,
): { skus: AliSku[]; cursor?: string; finished: boolean; failure?: ConnectorError } {
  const until = (deps.deadline ?? deps.timer.now() + MAPPING_ALONE_MS) - MAPPING_RESERVE_MS;
  const connector = new AliExpressConnector(
    { channel: channel.name, credentials, deadline: until },
    deps.http,
    deps.timer,
  );
  const skus: AliSku[] = [];
  let cursor = pass.cursor;
  try {
    while (deps.timer.now() < until) {
      const got = connector.fetchProductsPage(cursor);
      if (!got) break;
      for (const s of got.skus) skus.push(s);
      if (!got.next) return { skus, finished: true };
      cursor = got.next;
    }
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    return { skus, cursor, finished: false, failure: error };
  }
  return { skus, cursor, finished: false };
}

/** Ids and codes come from the marketplace: written as text, never as formulas or numbers. */
function writeCache(deps: MarketDeps, channel: Channel, others: (string | number)[][], rows: readonly StampedSku[]) {
  const values = rows.map(({ sku, stamp }) => [
    `'${channel.id}`,
    `'${sku.productId}`,
    `'${sku.skuId}`,
    `'${sku.code}`,
    `'${stamp}`,
  ]);
  deps.sheets.replaceSheet(ALI_CACHE_SHEET, [ALI_CACHE_HEADER, ...others, ...values], true);
}

/** What the channel's journal row says of the mapping: nothing when it is whole and current. */
function mappingNote(
  pass: MappingPass<string>,
  finished: boolean,
  complete: boolean,
  failure: ConnectorError | undefined,
): { note?: string } {
  if (finished) return {};
  const progress = passProgress(pass).replace('сопоставление карточек', 'список товаров AliExpress');
  const why = failure ? `обновить не удалось (${failure.message})` : '';
  if (complete)
    return failure ? { note: `список товаров AliExpress — из кэша: ${why}; повторим в следующий запуск` } : {};
  return {
    note: failure
      ? `${progress}: ${why}; остальные позиции ждут следующего запуска`
      : `${progress}: остальные позиции уйдут, когда их товары будут прочитаны`,
  };
}

/** The sidebar's long jobs: a first or daily pass over an AliExpress product list still under way. */
export function aliMappingJobs(all: Record<string, string>, channels: readonly Channel[]): LongJob[] {
  const jobs: LongJob[] = [];
  for (const c of channels) {
    const pass = c.marketplace === 'aliexpress' ? parseMappingState<string>(all[refreshKey(c.id)]).pass : undefined;
    if (!pass) continue;
    const text = passProgress(pass).replace('сопоставление карточек', 'список товаров AliExpress');
    jobs.push({
      channelId: c.id,
      kind: 'aliMapping',
      done: pass.read,
      expected: Math.max(pass.expected, pass.read),
      text: `${c.name}: ${text}`,
    });
  }
  return jobs;
}
