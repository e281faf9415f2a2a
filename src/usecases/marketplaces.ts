/**
 * Connectors wired to a channel: its credentials, its target, and for Wildberries the barcode /
 * vendor code → chrtId mapping, cached on the hidden sheet «_WB chrtId» and refreshed daily.
 */

import type { Connector, Target } from '../connectors/common';
import { ConnectorError, type HttpClient, type Timer } from '../connectors/http';
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
import type { Channel } from '../core/settings';
import { type Credentials, loadCredentials } from './credentials';
import type { KeyValueStore, SpreadsheetPort } from './ports';

export const WB_CACHE_SHEET = '_WB chrtId';
const WB_CACHE_HEADER = ['Канал', 'chrtId', 'nmID', 'Артикул продавца', 'Баркоды', 'Обновлено'];
const WB_REFRESH_MS = 24 * 3600 * 1000;
const refreshKey = (channelId: string) => `wbcards.${channelId}`;

export interface MarketDeps {
  http: HttpClient;
  timer: Timer;
  sheets: SpreadsheetPort;
  /** Document properties. */
  properties: KeyValueStore;
  /** The current user's properties (credentials). */
  user: KeyValueStore;
  /** No request starts after this moment (timer's clock). */
  deadline?: number;
}

export function connectorFor(
  channel: Channel,
  credentials: Credentials,
  deps: MarketDeps,
  index?: ChrtIndex,
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
          index,
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
    default:
      throw new ConnectorError('config', `${channel.name}: ручной канал никуда не отправляется`);
  }
}

function cacheRows(
  values: unknown[][] | null,
  channelId: string,
): { mine: WbCardSize[]; others: (string | number)[][] } {
  const mine: WbCardSize[] = [];
  const others: (string | number)[][] = [];
  for (const row of (values ?? []).slice(1)) {
    if (String(row[0]) === channelId) {
      mine.push({
        chrtId: Number(row[1]),
        nmId: Number(row[2]),
        vendorCode: String(row[3]),
        barcodes: splitIds(row[4]),
      });
    } else if (String(row[0]).trim() !== '') {
      others.push(row.map((v) => (typeof v === 'number' ? v : `'${String(v)}`)));
    }
  }
  return { mine, others };
}

/** The chrtId mapping of a Wildberries channel, from the cache or, once a day, from the cards list. */
export function wbChrtIndex(
  channel: Channel,
  credentials: WbCredentials,
  deps: MarketDeps,
  force = false,
): { index: ChrtIndex; refreshed: boolean; sizes: number } {
  const cached = cacheRows(deps.sheets.readSheet(WB_CACHE_SHEET), channel.id);
  const last = Date.parse(deps.properties.getAll()[refreshKey(channel.id)] ?? '');
  const fresh = !force && cached.mine.length > 0 && Number.isFinite(last) && deps.timer.now() - last < WB_REFRESH_MS;
  if (fresh) return { index: buildChrtIndex(cached.mine), refreshed: false, sizes: cached.mine.length };
  const connector = connectorFor(channel, credentials, deps) as WildberriesConnector;
  const sizes = connector.fetchCardSizes();
  const stamp = new Date(deps.timer.now()).toISOString();
  // Vendor codes and barcodes come from the marketplace: written as text, never as formulas or numbers.
  const rows = sizes.map((s) => [
    `'${channel.id}`,
    s.chrtId,
    s.nmId,
    `'${s.vendorCode}`,
    `'${s.barcodes.join('; ')}`,
    `'${stamp}`,
  ]);
  deps.sheets.replaceSheet(WB_CACHE_SHEET, [WB_CACHE_HEADER, ...cached.others, ...rows], true);
  deps.properties.setMany({ [refreshKey(channel.id)]: stamp });
  return { index: buildChrtIndex(sizes), refreshed: true, sizes: sizes.length };
}

export type TestConnectionResult =
  | { ok: true; channelId: string; targets: Target[]; note?: string }
  | { ok: false; channelId: string; error: string };

export function testConnection(channel: Channel, deps: MarketDeps): TestConnectionResult {
  const credentials = loadCredentials(deps.user.getAll(), channel.id);
  if (channel.marketplace === 'manual')
    return { ok: false, channelId: channel.id, error: `${channel.name}: ручной канал не подключается к площадке` };
  if (!credentials) return { ok: false, channelId: channel.id, error: `${channel.name}: сначала введите ключ доступа` };
  try {
    const targets = connectorFor(channel, credentials, deps).listTargets();
    let note: string | undefined;
    if (channel.marketplace === 'wb') {
      const { sizes } = wbChrtIndex(channel, credentials as WbCredentials, deps, true);
      note = `карточек Wildberries (размеров): ${sizes}`;
    }
    return { ok: true, channelId: channel.id, targets, ...(note ? { note } : {}) };
  } catch (error) {
    if (error instanceof ConnectorError) return { ok: false, channelId: channel.id, error: error.message };
    throw error;
  }
}
