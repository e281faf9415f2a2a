/**
 * dist/Code.js: what a seller reads is Russian (issue 14, point 4). The «Резервы» comment of an order
 * names its marketplace status in words, and «Сохранить» with broken JSON text says where and what.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { workedExampleStock } from '../fixtures/workedExample';
import { barcode, openShopWithReserves, type Shop, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

function commentOf(shop: Shop, order: string): unknown {
  const rows = shop.book.sheet('Резервы').dump();
  const at = (name: string) => rows[0].indexOf(name);
  return rows.slice(1).find((r) => String(r[at('Заказ')]) === order)?.[at('Комментарий')];
}

describe('«Резервы» → «Комментарий» after an order', () => {
  it.each([
    [
      'Ozon',
      'P-14',
      () =>
        sandboxes.control('ozon', 'posting', { posting_number: 'P-14', products: [{ offer_id: sku(0), quantity: 1 }] }),
      'ожидает сборки',
    ],
    [
      'Wildberries',
      '1401',
      () => sandboxes.control('wb', 'order', { id: 1401, barcode: barcode(1) }),
      'новое сборочное задание, Wildberries: в работе',
    ],
    [
      'Yandex Market',
      '1402',
      () => sandboxes.control('yandex', 'order', { orderId: 1402, items: [{ offerId: sku(2), count: 1 }] }),
      'в обработке',
    ],
  ])('%s: the status in Russian', (_name, order, place, expected) => {
    const shop = openShopWithReserves(sandboxes, 10);
    place();
    sandboxes.clock.advance(60_000);
    shop.g.fn.runScheduledSync();
    expect(commentOf(shop, order)).toBe(expected);
  });
});

describe('saveSettings with broken JSON text', () => {
  it('answers in Russian with the line and column, and stores nothing', () => {
    const book = new FakeSpreadsheet();
    book.addSheet('Остатки', workedExampleStock);
    const g = loadBundle({ book });
    const result = JSON.parse(JSON.stringify(g.fn.saveSettings('{\n  "version": 1,\n}')));
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message:
            'Настройки не читаются: Ошибка в JSON, строка 3, позиция 1: ожидалось имя поля в двойных кавычках (лишняя запятая или имя без кавычек?)',
        },
      ],
    });
    expect(g.properties.document.data.size).toBe(0);
  });

  it('names a missing section by its label, not by its JSON key', () => {
    const book = new FakeSpreadsheet();
    book.addSheet('Остатки', workedExampleStock);
    const g = loadBundle({ book });
    const result = JSON.parse(JSON.stringify(g.fn.saveSettings('{"version": 1, "warehouses": ["x"]}')));
    expect(result.errors.map((e: { message: string }) => e.message)).toEqual([
      'Склад 1: неверный тип, нужен объект { … }',
      'Каналы: не заполнено',
    ]);
  });
});
