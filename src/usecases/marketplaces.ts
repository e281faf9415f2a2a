/**
 * Connectors wired to a channel: its credentials, its target, and for Wildberries the barcode /
 * vendor code → chrtId mapping, cached on the hidden sheet «_WB chrtId» and refreshed daily.
 */

import { type AliCredentials, AliExpressConnector, type AliSkuIndex } from '../connectors/aliexpress';
import { AvitoConnector, type AvitoCredentials } from '../connectors/avito';
import type { Connector, Target } from '../connectors/common';
import { ConnectorError, type HttpClient, type Timer } from '../connectors/http';
import { MegaMarketConnector, type MmCredentials } from '../connectors/megamarket';
import { OzonConnector, type OzonCredentials } from '../connectors/ozon';
import {
  buildChrtIndex,
  type ChrtIndex,
  type WbCardSize,
  type WbCredentials,
  WildberriesConnector,
} from '../connectors/wildberries';
import { YandexMarketConnector, type YmCredentials } from '../connectors/yandexMarket';
import { splitIds } from '../core/cells';
import { DEFAULT_TIME_ZONE, formatSellerDate } from '../core/dates';
import type { Channel } from '../core/settings';
import {
  isFresh,
  type MappingCursor,
  type MappingPass,
  type MappingState,
  mergePass,
  parseMappingState,
  passProgress,
  type StampedSize,
  startPass,
} from '../core/wbMapping';
import { aliSkuIndex } from './aliexpress';
import { type Credentials, loadCredentials } from './credentials';
import type { CachePort, KeyValueStore, SpreadsheetPort } from './ports';

export const WB_CACHE_SHEET = '_WB chrtId';
const WB_CACHE_HEADER = ['Канал', 'chrtId', 'nmID', 'Артикул продавца', 'Баркоды', 'Обновлено'];
/** Time a run keeps after the mapping for its pushes (WB's own, read back, and the channels after it). */
const MAPPING_RESERVE_MS = 60_000;
/** Without a run's deadline (the sidebar's «Проверить подключение»): within one Apps Script call. */
const MAPPING_ALONE_MS = 4 * 60_000;
const refreshKey = (channelId: string) => `wbcards.${channelId}`;

export interface MarketDeps {
  http: HttpClient;
  timer: Timer;
  sheets: SpreadsheetPort;
  /** Document properties. */
  properties: KeyValueStore;
  /** The current user's properties (credentials). */
  user: KeyValueStore;
  /** The current user's cache (Avito's token); absent, a connector keeps its token only while it lives. */
  cache?: CachePort;
  /** No request starts after this moment (timer's clock). */
  deadline?: number;
}

/** The marketplace ports of a run's wider set (a sync's or the lane's), with the run's deadline. */
export function marketDepsOf(deps: Omit<MarketDeps, 'deadline'>, deadline: number): MarketDeps {
  const { http, timer, sheets, properties, user, cache } = deps;
  return { http, timer, sheets, properties, user, cache, deadline };
}

export function connectorFor(
  channel: Channel,
  credentials: Credentials,
  deps: MarketDeps,
  /** The channel's id mapping: Wildberries' chrtIds, AliExpress' products. */
  index?: ChrtIndex | AliSkuIndex,
): Connector {
  const target = channel.target ?? {};
  switch (channel.marketplace) {
    case 'ozon':
      return new OzonConnector(
        {
          channel: channel.name,
          credentials: credentials as OzonCredentials,
          warehouseId: target.warehouseId,
          deadline: deps.deadline,
        },
        deps.http,
        deps.timer,
      );
    case 'wb':
      return new WildberriesConnector(
        {
          channel: channel.name,
          credentials: credentials as WbCredentials,
          warehouseId: target.warehouseId,
          index: index as ChrtIndex | undefined,
          deadline: deps.deadline,
        },
        deps.http,
        deps.timer,
      );
    case 'yandex':
      return new YandexMarketConnector(
        {
          channel: channel.name,
          credentials: credentials as YmCredentials,
          campaignId: target.campaignId,
          businessId: target.businessId,
          deadline: deps.deadline,
        },
        deps.http,
        deps.timer,
      );
    case 'megamarket':
      return new MegaMarketConnector(
        { channel: channel.name, credentials: credentials as MmCredentials, deadline: deps.deadline },
        deps.http,
        deps.timer,
      );
    case 'aliexpress':
      return new AliExpressConnector(
        {
          channel: channel.name,
          credentials: credentials as AliCredentials,
          index: index as AliSkuIndex | undefined,
          deadline: deps.deadline,
        },
        deps.http,
        deps.timer,
      );
    case 'avito':
      return new AvitoConnector(
        {
          channel: channel.name,
          credentials: credentials as AvitoCredentials,
          cache: deps.cache,
          deadline: deps.deadline,
        },
        deps.http,
        deps.timer,
      );
    default:
      throw new ConnectorError('config', `${channel.name}: ручной канал никуда не отправляется`);
  }
}

/** This channel's cached sizes with the pass that found each, and the other channels' rows as they are. */
function cacheRows(
  values: unknown[][] | null,
  channelId: string,
): { mine: StampedSize[]; others: (string | number)[][] } {
  const mine: StampedSize[] = [];
  const others: (string | number)[][] = [];
  for (const row of (values ?? []).slice(1)) {
    if (String(row[0]) === channelId) {
      mine.push({
        size: { chrtId: Number(row[1]), nmId: Number(row[2]), vendorCode: String(row[3]), barcodes: splitIds(row[4]) },
        stamp: String(row[5] ?? ''),
      });
    } else if (String(row[0]).trim() !== '') {
      others.push(row.map((v) => (typeof v === 'number' ? v : `'${String(v)}`)));
    }
  }
  return { mine, others };
}

/** The mapping a channel's pushes, orders and readings use, and what the journal should say of it. */
export interface WbMapping {
  index: ChrtIndex;
  /** This call read the cards list. */
  refreshed: boolean;
  /** Sizes the mapping holds. */
  sizes: number;
  /** False while a first pass is under way: an id it does not name yet may be on a page still to read. */
  complete: boolean;
  /** The cards list failed this time (the message), whatever was cached still serves. */
  failure?: string;
  /** For the channel's journal row: the pass's progress, or that the mapping is the cached one. */
  note?: string;
}

/**
 * The chrtId mapping of a Wildberries channel: from the cache, or (once a day, or until a pass
 * that did not fit one run is done) from the cards list, as many pages as the run's time leaves
 * after `MAPPING_RESERVE_MS` for the pushes. A failure of the cards list keeps the cached mapping.
 */
export function wbChrtIndex(
  channel: Channel,
  credentials: WbCredentials,
  deps: MarketDeps,
  force = false,
  expected?: number,
): WbMapping {
  const cached = cacheRows(deps.sheets.readSheet(WB_CACHE_SHEET), channel.id);
  const state = parseMappingState(deps.properties.getAll()[refreshKey(channel.id)]);
  const now = deps.timer.now();
  if (!force && isFresh(state, cached.mine.length > 0, now)) return servedFromCache(cached.mine);
  const pass = state.pass ?? startPass(state, now, expected);
  if (expected !== undefined) pass.expected = Math.max(pass.expected, expected);
  const read = readCardPages(channel, credentials, deps, pass);
  const rows = mergePass(cached.mine, pass, read.sizes, read.finished);
  pass.read = rows.filter((r) => r.stamp === pass.startedAt).length;
  if (read.failure && !rows.length) throw read.failure;
  if (read.sizes.length || read.finished) writeCache(deps, channel, cached.others, rows);
  const next: MappingState = read.finished
    ? { refreshedAt: pass.startedAt, sizes: rows.length }
    : { ...state, pass: { ...pass, cursor: read.cursor } };
  deps.properties.setMany({ [refreshKey(channel.id)]: JSON.stringify(next) });
  const complete = read.finished || rows.some((r) => r.stamp !== pass.startedAt);
  return {
    index: buildChrtIndex(rows.map((r) => r.size)),
    refreshed: read.sizes.length > 0,
    sizes: rows.length,
    complete,
    ...(read.failure ? { failure: read.failure.message } : {}),
    ...mappingNote(state, pass, read, complete, deps.sheets),
  };
}

function servedFromCache(mine: readonly StampedSize[]): WbMapping {
  const sizes = mine.map((r) => r.size);
  return { index: buildChrtIndex(sizes), refreshed: false, sizes: sizes.length, complete: true };
}

/** Pages from the pass's cursor until the last one, the time left for the mapping, or a failure. */
function readCardPages(
  channel: Channel,
  credentials: WbCredentials,
  deps: MarketDeps,
  pass: MappingPass,
): { sizes: WbCardSize[]; cursor?: MappingCursor; finished: boolean; failure?: ConnectorError } {
  const now = deps.timer.now();
  const until = (deps.deadline ?? now + MAPPING_ALONE_MS) - MAPPING_RESERVE_MS;
  const connector = connectorFor(channel, credentials, { ...deps, deadline: until }) as WildberriesConnector;
  const sizes: WbCardSize[] = [];
  let cursor = pass.cursor;
  try {
    while (deps.timer.now() < until) {
      const got = connector.fetchCardsPage(cursor);
      if (!got) break;
      for (const s of got.sizes) sizes.push(s);
      if (!got.next) return { sizes, finished: true };
      cursor = got.next;
    }
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    return { sizes, cursor, finished: false, failure: error };
  }
  return { sizes, cursor, finished: false };
}

/** Vendor codes and barcodes come from the marketplace: written as text, never as formulas or numbers. */
function writeCache(
  deps: MarketDeps,
  channel: Channel,
  others: (string | number)[][],
  rows: readonly StampedSize[],
): void {
  const values = rows.map(({ size: s, stamp }) => [
    `'${channel.id}`,
    s.chrtId,
    s.nmId,
    `'${s.vendorCode}`,
    `'${s.barcodes.join('; ')}`,
    `'${stamp}`,
  ]);
  deps.sheets.replaceSheet(WB_CACHE_SHEET, [WB_CACHE_HEADER, ...others, ...values], true);
}

/** What the channel's journal row says of the mapping: nothing when it is whole and current. */
function mappingNote(
  state: MappingState,
  pass: MappingPass,
  { finished, failure }: { finished: boolean; failure?: ConnectorError },
  complete: boolean,
  sheets: SpreadsheetPort,
): { note?: string } {
  if (finished) return {};
  const why = failure ? `обновить не удалось (${failure.message})` : '';
  if (complete) {
    if (!failure) return {};
    // The journal names the cache's time as the sheet shows times: in the spreadsheet's zone.
    const zone = sheets.timeZone?.() ?? DEFAULT_TIME_ZONE;
    const since = state.refreshedAt ? ` от ${formatSellerDate(Date.parse(state.refreshedAt), zone)}` : '';
    return { note: `сопоставление карточек — из кэша${since}: ${why}; повторим в следующий запуск` };
  }
  return {
    note: failure
      ? `${passProgress(pass)}: ${why}; остальные позиции ждут следующего запуска`
      : `${passProgress(pass)}: остальные позиции уйдут, когда их карточки будут прочитаны`,
  };
}

/** A long job the sidebar shows: a first or daily pass over the cards list still under way. */
export interface LongJob {
  channelId: string;
  kind: 'wbMapping' | 'aliMapping';
  done: number;
  expected: number;
  text: string;
}

export function wbMappingJobs(all: Record<string, string>, channels: readonly Channel[]): LongJob[] {
  const jobs: LongJob[] = [];
  for (const c of channels) {
    const pass = c.marketplace === 'wb' ? parseMappingState(all[refreshKey(c.id)]).pass : undefined;
    if (!pass) continue;
    const expected = Math.max(pass.expected, pass.read);
    jobs.push({
      channelId: c.id,
      kind: 'wbMapping',
      done: pass.read,
      expected,
      text: `${c.name}: ${passProgress(pass)}`,
    });
  }
  return jobs;
}

/**
 * Items a first pass cannot name yet wait for it (the run's continuation sends them); when the cards
 * list failed they are refused for this run instead, so that a broken list never loops continuations.
 */
export function waitForMapping<T extends { id: string }>(
  items: readonly T[],
  mapping: { complete: boolean; index: { byId: ReadonlyMap<string, unknown> } },
): { ready: T[]; waiting: T[] } {
  if (mapping.complete) return { ready: [...items], waiting: [] };
  const ready: T[] = [];
  const waiting: T[] = [];
  for (const item of items) (mapping.index.byId.has(item.id) ? ready : waiting).push(item);
  return { ready, waiting };
}

/** What «Проверить подключение» says of an AliExpress channel: the product list read, or why not. */
function aliNote(mapping: ReturnType<typeof aliSkuIndex>): string {
  if (mapping.failure)
    return `список товаров AliExpress не прочитан (${mapping.failure}); служит сопоставление из кэша, SKU: ${mapping.skus}`;
  return mapping.complete
    ? `склад выбирать не нужно; товаров AliExpress (SKU): ${mapping.skus}`
    : `склад выбирать не нужно; SKU AliExpress прочитано ${mapping.skus}, остальные прочитаются при следующих запусках`;
}

/**
 * The id mapping a channel's connector needs to set or read stock (Wildberries' chrtIds, AliExpress'
 * products), from its cache or its marketplace; none for the others.
 */
export function mappingOf(
  channel: Channel,
  credentials: Credentials,
  deps: MarketDeps,
): ChrtIndex | AliSkuIndex | undefined {
  if (channel.marketplace === 'wb') return wbChrtIndex(channel, credentials as WbCredentials, deps).index;
  if (channel.marketplace === 'aliexpress') return aliSkuIndex(channel, credentials as AliCredentials, deps).index;
  return undefined;
}

/** What «Проверить подключение» says of a MegaMarket channel: its API sets stock but never shows it. */
const MM_NOTE =
  'токен принят; склад выбирать не нужно. Мегамаркет не показывает остатки через API: двойного резервирования для него нет, и источником «другой канал» он быть не может';

/** A WB check that read the whole cards list and found none: nothing to send stock to. */
const WB_NO_CARDS =
  'Карточек нет: в кабинете Wildberries ещё нет карточек товаров, или токен не того типа — нужен «Базовый» с категорией «Контент» (тестовый токен видит только песочницу). Пока карточек нет, отправлять на Wildberries нечего.';

/**
 * `saved`: a key typed in the card was stored by this check. `reason` of a failure: `key` — the typed key
 * itself is malformed (said under its field); `refused` — the marketplace refused the key; `unreachable` —
 * the marketplace could not be asked or did not answer (timeout, 5xx, limit), which says nothing of the key.
 * `warning`: the connection works, but what it found means nothing can be sent yet (amber in the sidebar).
 */
export type TestConnectionResult =
  | { ok: true; channelId: string; targets: Target[]; note?: string; warning?: string; saved?: boolean }
  | { ok: false; channelId: string; error: string; reason?: 'key' | 'refused' | 'unreachable'; saved?: boolean };

/** `given`: a key to check before it is stored (the card's fields); without it, the stored one. */
export function testConnection(channel: Channel, deps: MarketDeps, given?: Credentials): TestConnectionResult {
  const credentials = given ?? loadCredentials(deps.user.getAll(), channel.id);
  if (channel.marketplace === 'manual')
    return { ok: false, channelId: channel.id, error: `${channel.name}: ручной канал не подключается к площадке` };
  if (!credentials)
    return {
      ok: false,
      channelId: channel.id,
      reason: 'key',
      error: `${channel.name}: ключ ещё не сохранён — введите его в карточке канала и нажмите «Проверить подключение»`,
    };
  try {
    const targets = connectorFor(channel, credentials, deps).listTargets();
    let note: string | undefined;
    let warning: string | undefined;
    if (channel.marketplace === 'wb') {
      const mapping = wbChrtIndex(channel, credentials as WbCredentials, deps, true);
      if (!mapping.failure && mapping.complete && mapping.sizes === 0) warning = WB_NO_CARDS;
      note = mapping.failure
        ? `карточки Wildberries не прочитаны (${mapping.failure}); служит сопоставление из кэша, размеров: ${mapping.sizes}`
        : mapping.complete
          ? `карточек Wildberries (размеров): ${mapping.sizes}`
          : `карточек Wildberries (размеров) прочитано ${mapping.sizes}, остальные прочитаются при следующих запусках`;
    }
    if (channel.marketplace === 'megamarket') note = MM_NOTE;
    if (channel.marketplace === 'aliexpress')
      note = aliNote(aliSkuIndex(channel, credentials as AliCredentials, deps, true));
    return { ok: true, channelId: channel.id, targets, ...(note ? { note } : {}), ...(warning ? { warning } : {}) };
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    const reason = error.kind === 'auth' ? 'refused' : 'unreachable';
    return { ok: false, channelId: channel.id, error: error.message, reason };
  }
}
