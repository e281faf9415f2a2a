/** Builds the three sandboxes with their official specs; used by the worker and the playground. */

import { YM_API } from '../../src/connectors/yandexMarket.api';
import type { VirtualClock } from './clock';
import { contractPath, contractValidator } from './contracts';
import { OzonSandbox } from './ozon';
import { OZON_2026_SPEC } from './ozon2026';
import { WildberriesSandbox } from './wildberries';
import { YandexMarketSandbox } from './yandexMarket';

export type { MarketplaceName } from './hosts';

export async function createSandboxes(clock: VirtualClock) {
  const [ozon, wb, yandex] = await Promise.all([
    contractValidator([OZON_2026_SPEC, contractPath('ozon', 'ozon-seller-swagger-2025-09.json')]),
    contractValidator([
      contractPath('wildberries', '02-items.yaml'),
      contractPath('wildberries', '03-orders-fbs.yaml'),
    ]),
    contractValidator([YM_API], { checkAnswers: true }),
  ]);
  return {
    ozon: new OzonSandbox('ozon', ozon, clock),
    wb: new WildberriesSandbox('wb', wb, clock),
    yandex: new YandexMarketSandbox('yandex', yandex, clock),
  };
}
