/**
 * The marketplaces as the live check drives them: keys from the environment only, and the
 * project's own connectors built the way the add-on builds them (src/usecases/marketplaces.ts).
 */

import {
  ALI_LIMITS,
  type AliCredentials,
  AliExpressConnector,
  type AliSkuIndex,
  buildSkuIndex,
} from '../../src/connectors/aliexpress';
import { ALI_VERIFY } from '../../src/connectors/aliexpress.api';
import {
  AVITO_LIMITS,
  AVITO_VERIFY,
  AvitoConnector,
  type AvitoCredentials,
  type TokenCache,
} from '../../src/connectors/avito';
import type { Connector, Target } from '../../src/connectors/common';
import type { HttpClient, Timer } from '../../src/connectors/http';
import { MegaMarketConnector, MM_LIMITS, type MmCredentials } from '../../src/connectors/megamarket';
import { MM_VERIFY } from '../../src/connectors/megamarket.api';
import { OZON_LIMITS, OzonConnector, type OzonCredentials } from '../../src/connectors/ozon';
import {
  buildChrtIndex,
  type ChrtIndex,
  WB_LIMITS,
  type WbCredentials,
  WildberriesConnector,
} from '../../src/connectors/wildberries';
import { YandexMarketConnector, YM_LIMITS, type YmCredentials } from '../../src/connectors/yandexMarket';
import { type ChannelName, UsageError } from './options';

export interface ChannelInfo {
  title: string;
  host: string;
  /** What the seller picks, in the tables' words, and the option that picks it. */
  targetWord: string;
  targetOption: string;
  /** The title of the targets' table, when it is not «Склады» or «Магазины». */
  targetsTitle?: string;
  /** SPEC §5.4: a reading within this many minutes of an accepted push is not evidence of a sale. */
  settleMinutes: number;
  /** The environment variables that hold the keys, by credential field. */
  keyVars: Record<string, string>;
  /** No warehouse or campaign to pick: the key names the shop. */
  noTarget?: boolean;
  /**
   * What the connector assumes and no official source confirms (the [verify] list of its
   * description): a fact alone, or with how to check it by hand (Avito's list).
   */
  verify?: readonly (string | { fact: string; check: string })[];
}

export const CHANNEL_INFO: Record<ChannelName, ChannelInfo> = {
  ozon: {
    title: 'Ozon',
    host: new URL(OZON_LIMITS.host).host,
    targetWord: 'склад',
    targetOption: '--warehouse',
    settleMinutes: 5,
    keyVars: { clientId: 'OZON_CLIENT_ID', apiKey: 'OZON_API_KEY' },
  },
  wb: {
    title: 'Wildberries',
    host: new URL(WB_LIMITS.marketplaceHost).host,
    targetWord: 'склад',
    targetOption: '--warehouse',
    settleMinutes: 5,
    keyVars: { token: 'WB_TOKEN' },
  },
  yandex: {
    title: 'Яндекс Маркет',
    host: new URL(YM_LIMITS.host).host,
    targetWord: 'магазин (кампания)',
    targetOption: '--campaign',
    settleMinutes: 15,
    keyVars: { apiKey: 'YM_API_KEY' },
  },
  megamarket: {
    title: 'Мегамаркет',
    host: new URL(MM_LIMITS.host).host,
    targetWord: 'склад',
    targetOption: '',
    settleMinutes: 5,
    keyVars: { token: 'MM_TOKEN' },
    noTarget: true,
    verify: MM_VERIFY,
  },
  aliexpress: {
    title: 'AliExpress',
    host: new URL(ALI_LIMITS.host).host,
    targetWord: 'склад',
    targetOption: '',
    settleMinutes: 5,
    keyVars: { token: 'ALI_TOKEN' },
    noTarget: true,
    verify: ALI_VERIFY,
  },
  avito: {
    title: 'Авито',
    host: new URL(AVITO_LIMITS.host).host,
    targetWord: 'объект',
    targetOption: '',
    targetsTitle: 'Цель (listTargets): складов у Авито нет, остатки — по объявлениям',
    settleMinutes: 5,
    keyVars: { clientId: 'AVITO_CLIENT_ID', clientSecret: 'AVITO_CLIENT_SECRET' },
    verify: AVITO_VERIFY,
  },
};

export type Keys = Record<string, string>;

/** Every key value the environment holds, for any channel: none of them may ever be printed. */
export function secretsIn(env: NodeJS.ProcessEnv): string[] {
  const names = Object.values(CHANNEL_INFO).flatMap((c) => Object.values(c.keyVars));
  return names.map((n) => env[n]).filter((v): v is string => !!v);
}

/**
 * The channel's keys from the environment; in the sandbox its test keys stand in for any that is
 * not set. A missing key stops the check before any request.
 */
export function keysFor(channel: ChannelName, env: NodeJS.ProcessEnv, sandboxKeys?: Keys): Keys {
  const keys: Keys = {};
  const missing: string[] = [];
  for (const [field, name] of Object.entries(CHANNEL_INFO[channel].keyVars)) {
    const value = env[name]?.trim() || sandboxKeys?.[field];
    if (value) keys[field] = value;
    else missing.push(name);
  }
  if (missing.length)
    throw new UsageError(
      `нет ключа ${CHANNEL_INFO[channel].title}: задайте переменн${missing.length > 1 ? 'ые' : 'ую'} окружения ` +
        `${missing.join(' и ')} (ключи берутся только из окружения и никуда не записываются)`,
    );
  return keys;
}

export interface Transport {
  http: HttpClient;
  timer: Timer;
  /** Avito's token between the check's connectors (the add-on keeps it in the user's cache). */
  cache?: TokenCache;
}

/** The connector the add-on would use for this channel and target (none yet: only listTargets works). */
export function connectorFor(
  channel: ChannelName,
  keys: Keys,
  transport: Transport,
  target?: Target,
  index?: ChrtIndex | AliSkuIndex,
): Connector {
  const name = CHANNEL_INFO[channel].title;
  const { http, timer } = transport;
  switch (channel) {
    case 'ozon':
      return new OzonConnector(
        { channel: name, credentials: keys as unknown as OzonCredentials, warehouseId: target?.id },
        http,
        timer,
      );
    case 'wb':
      return new WildberriesConnector(
        {
          channel: name,
          credentials: keys as unknown as WbCredentials,
          warehouseId: target?.id,
          index: index as ChrtIndex | undefined,
        },
        http,
        timer,
      );
    case 'yandex':
      return new YandexMarketConnector(
        {
          channel: name,
          credentials: keys as unknown as YmCredentials,
          campaignId: target?.id,
          businessId: target?.businessId,
        },
        http,
        timer,
      );
    case 'megamarket':
      return new MegaMarketConnector({ channel: name, credentials: keys as unknown as MmCredentials }, http, timer);
    case 'aliexpress':
      return new AliExpressConnector(
        { channel: name, credentials: keys as unknown as AliCredentials, index: index as AliSkuIndex | undefined },
        http,
        timer,
      );
    case 'avito':
      return new AvitoConnector(
        { channel: name, credentials: keys as unknown as AvitoCredentials, cache: transport.cache },
        http,
        timer,
      );
  }
}

/** Wildberries sets stock by chrtId: the seller's barcodes and vendor codes are resolved through the cards. */
export function wbIndex(keys: Keys, transport: Transport): ChrtIndex {
  const connector = connectorFor('wb', keys, transport) as WildberriesConnector;
  return buildChrtIndex(connector.fetchCardSizes());
}

/** AliExpress sets stock by sku_code within its product: the seller's product list, every page. */
export function aliIndex(keys: Keys, transport: Transport): AliSkuIndex {
  const connector = connectorFor('aliexpress', keys, transport) as AliExpressConnector;
  const skus = [];
  let last: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const got = connector.fetchProductsPage(last);
    if (!got) break;
    skus.push(...got.skus);
    if (!got.next) break;
    last = got.next;
  }
  return buildSkuIndex(skus);
}

/** What the WB index makes of an id, for the stock table (why a reading may be unknown). */
export function chrtOf(index: ChrtIndex, id: string): string {
  const chrtId = index.byId.get(id);
  if (chrtId !== undefined) return String(chrtId);
  return index.ambiguous.has(id) ? 'несколько размеров' : 'нет в карточках';
}
