/**
 * Builds the sandboxes, each validated by the project's own description of its marketplace's
 * operations (src/connectors/*.api.ts), requests and answers alike; no official spec file is read,
 * so the sandboxes (and everything built on them) run in a clone of the project alone.
 */
import { ALI_API } from '../../src/connectors/aliexpress.api';
import { AVITO_API } from '../../src/connectors/avito.api';
import { MM_API } from '../../src/connectors/megamarket.api';
import { OZON_API } from '../../src/connectors/ozon.api';
import { WB_API } from '../../src/connectors/wildberries.api';
import { YM_API } from '../../src/connectors/yandexMarket.api';
import { AliExpressSandbox } from './aliexpress';
import { AvitoSandbox } from './avito';
import type { VirtualClock } from './clock';
import { contractValidator } from './contracts';
import { MegaMarketSandbox } from './megamarket';
import { OzonSandbox } from './ozon';
import { WildberriesSandbox } from './wildberries';
import { YandexMarketSandbox } from './yandexMarket';

export type { MarketplaceName } from './hosts';

export async function createSandboxes(clock: VirtualClock) {
  const [ozon, wb, yandex, megamarket, aliexpress, avito] = await Promise.all([
    contractValidator([OZON_API], { checkAnswers: true }),
    contractValidator([WB_API], { checkAnswers: true }),
    contractValidator([YM_API], { checkAnswers: true }),
    contractValidator([MM_API], { checkAnswers: true }),
    contractValidator([ALI_API], { checkAnswers: true }),
    contractValidator([AVITO_API], { checkAnswers: true }),
  ]);
  return {
    ozon: new OzonSandbox('ozon', ozon, clock),
    wb: new WildberriesSandbox('wb', wb, clock),
    yandex: new YandexMarketSandbox('yandex', yandex, clock),
    megamarket: new MegaMarketSandbox('megamarket', megamarket, clock),
    aliexpress: new AliExpressSandbox('aliexpress', aliexpress, clock),
    avito: new AvitoSandbox('avito', avito, clock),
  };
}
