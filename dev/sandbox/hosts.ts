/** Production hosts → the sandbox that stands in for them (kept apart: the test thread imports it). */
export type MarketplaceName = 'ozon' | 'wb' | 'yandex' | 'megamarket' | 'aliexpress' | 'avito';

export const HOSTS: Record<string, MarketplaceName> = {
  'api-seller.ozon.ru': 'ozon',
  'marketplace-api.wildberries.ru': 'wb',
  'content-api.wildberries.ru': 'wb',
  'api.partner.market.yandex.ru': 'yandex',
  'api.megamarket.tech': 'megamarket',
  'openapi.ru.laliexpress.com': 'aliexpress',
  'openapi.aliexpress.ru': 'aliexpress',
  'api.avito.ru': 'avito',
};
