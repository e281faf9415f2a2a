/** Production hosts → the sandbox that stands in for them (kept apart: the test thread imports it). */
export type MarketplaceName = 'ozon' | 'wb' | 'yandex' | 'avito';

export const HOSTS: Record<string, MarketplaceName> = {
  'api-seller.ozon.ru': 'ozon',
  'marketplace-api.wildberries.ru': 'wb',
  'content-api.wildberries.ru': 'wb',
  'api.partner.market.yandex.ru': 'yandex',
  'api.avito.ru': 'avito',
};
