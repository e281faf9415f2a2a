import { AVITO_LIMITS } from '../../src/connectors/avito';
import { WB_LIMITS } from '../../src/connectors/wildberries';
import { YM_LIMITS } from '../../src/connectors/yandexMarket';
import { orderStatusText } from '../../src/core/orderStatusText';

/** A code left untranslated: Latin letters other than the marketplace's own name. */
const latin = /[A-Za-z_]/;
const words = (text: string) => text.replace('Wildberries', '');

describe('order statuses in the seller’s words', () => {
  it('names the usual statuses of each marketplace in Russian', () => {
    expect(orderStatusText('ozon', 'awaiting_packaging')).toBe('ожидает сборки');
    expect(orderStatusText('ozon', 'delivering')).toBe('доставляется');
    expect(orderStatusText('ozon', 'cancelled')).toBe('отменён');
    expect(orderStatusText('wb', 'new/waiting')).toBe('новое сборочное задание, Wildberries: в работе');
    expect(orderStatusText('wb', 'complete/sorted')).toBe('передан в доставку, Wildberries: отсортирован');
    expect(orderStatusText('yandex', 'PROCESSING')).toBe('в обработке');
    expect(orderStatusText('yandex', 'DELIVERY')).toBe('передан в доставку');
    expect(orderStatusText('yandex', 'CANCELLED')).toBe('отменён');
    expect(orderStatusText('avito', 'on_confirmation')).toBe('ожидает подтверждения');
    expect(orderStatusText('avito', 'in_transit')).toBe('в пути');
    expect(orderStatusText('avito', 'canceled')).toBe('отменён');
    expect(orderStatusText('avito', 'confirming')).toBe('статус площадки «confirming»');
  });

  it('has a Russian label for every status the connectors read', () => {
    const ozon = ['awaiting_packaging', 'awaiting_deliver', 'delivering', 'delivered', 'cancelled', 'not_accepted'];
    for (const s of ozon) expect(orderStatusText('ozon', s)).not.toMatch(latin);
    for (const s of WB_LIMITS.supplierStatuses) expect(words(orderStatusText('wb', `${s}/waiting`))).not.toMatch(latin);
    for (const s of WB_LIMITS.wbStatuses) expect(words(orderStatusText('wb', `new/${s}`))).not.toMatch(latin);
    for (const list of Object.values(YM_LIMITS.statuses))
      for (const s of list) expect(orderStatusText('yandex', s)).not.toMatch(latin);
    for (const list of Object.values(AVITO_LIMITS.statuses))
      for (const s of list) expect(orderStatusText('avito', s)).not.toMatch(latin);
  });

  it('shows a code it does not know as the marketplace’s own, and nothing for no status', () => {
    expect(orderStatusText('ozon', 'brand_new_status')).toBe('статус площадки «brand_new_status»');
    expect(orderStatusText('wb', 'new')).toBe('новое сборочное задание');
    expect(orderStatusText('yandex', '')).toBe('');
    expect(orderStatusText('ozon', 'constructor')).toBe('статус площадки «constructor»');
  });
});
