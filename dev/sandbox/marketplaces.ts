/** Builds the three sandboxes with their official specs; used by the worker and the playground. */

import { OZON_API } from '../../src/connectors/ozon.api';
import { WB_API } from '../../src/connectors/wildberries.api';
import type { VirtualClock } from './clock';
import { contractPath, contractValidator } from './contracts';
import { OzonSandbox } from './ozon';
import { WildberriesSandbox } from './wildberries';
import { YandexMarketSandbox } from './yandexMarket';

export type { MarketplaceName } from './hosts';

export async function createSandboxes(clock: VirtualClock) {
  const [ozon, wb, yandex] = await Promise.all([
    contractValidator([OZON_API], { checkAnswers: true }),
    contractValidator([WB_API], { checkAnswers: true }),
    contractValidator([contractPath('yandex-market', 'openapi', 'openapi.yaml')]),
  ]);
  return {
    ozon: new OzonSandbox('ozon', ozon, clock),
    wb: new WildberriesSandbox('wb', wb, clock),
    yandex: new YandexMarketSandbox('yandex', yandex, clock),
  };
}
