/**
 * A supplier's file never silently takes stock away (SPEC 4, Source): a blank or non-numeric
 * quantity is unknown — that SKU keeps its number and the journal counts it; an import applies at
 * once except the SKUs it would take from above 0 to 0, which — when they are more than
 * guard.maxZeroShare of the warehouse's SKUs above 0 and at least guard.minItems — wait on the
 * hidden sheet «_Импорт» until «Подтвердить импорт» (confirmImport).
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import type { Gas } from '../fakes/gas';
import { csvSource, openSupplierShop, supplierColumn, supplierImports, useSupplierSandboxes } from './supplierShop';

jest.setTimeout(120_000);
const started = useSupplierSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started.sandboxes;
});
afterEach(() => {
  expect(sandboxes.control('ozon', 'violations')).toEqual([]);
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const sku = (i: number) => `S-${String(i).padStart(2, '0')}`;

/** A shop of `n` SKUs: «Склад» 1 each, «Поставщик» 10 + i, fed by a CSV; one Ozon channel. */
function shop(n: number): Gas {
  const skus = Array.from({ length: n }, (_, i) => sku(i));
  return openSupplierShop(sandboxes, skus, csvSource('stock.csv'), { supplierFrom: 10 });
}

const supplierFile = (lines: [string, string | number][]) =>
  sandboxes.setFile('/files/stock.csv', `Артикул,Остаток\n${lines.map(([s, q]) => `${s},${q}`).join('\n')}\n`, {
    contentType: 'text/csv',
  });
const onOzon = (i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })?.present;

it('a blank or non-numeric quantity keeps the SKU’s number, and the journal counts those rows', () => {
  const g = shop(4);
  supplierFile([
    [sku(0), ''],
    [sku(1), 'уточняется'],
    [sku(2), 7],
    [sku(3), 0],
  ]);
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([10, 11, 7, 0]);
  expect(supplierImports(g).pop()).toMatchObject({
    Статус: 'Импорт',
    Позиций: 4,
    Принято: 2,
    Ошибок: 2,
    Подробности:
      'строк в источнике 4; найдено в таблице 4; количество не указано или не число у 2 (оставлено прежнее): S-00, S-01',
  });
  expect([onOzon(0), onOzon(1), onOzon(2), onOzon(3)]).toEqual([11, 12, 8, 1]);
});

it('a file cut short holds the zeros it would make until «Подтвердить импорт»; everything else applies at once', () => {
  const g = shop(20);
  // The first 12 SKUs with new numbers (S-11 at 0), S-12…S-19 missing: 9 of 20 SKUs above 0 would go to 0.
  supplierFile(Array.from({ length: 12 }, (_, i): [string, number] => [sku(i), i === 11 ? 0 : 50]));
  g.fn.runScheduledSync();
  const kept = Array.from({ length: 9 }, (_, k) => 21 + k);
  expect(supplierColumn(g)).toEqual([...new Array(11).fill(50), ...kept]);
  expect(onOzon(0)).toBe(51);
  expect(onOzon(15)).toBe(1 + 25);
  expect(supplierImports(g).pop()).toMatchObject({
    Статус: 'Импорт',
    Позиций: 12,
    Принято: 11,
    Подробности:
      'строк в источнике 12; найдено в таблице 12; нет в источнике 8; задержано защитой 9 из 20 с остатком (в 0 ушли бы S-11, S-12, S-13, S-14, S-15…): ждут «Подтвердить импорт»',
  });

  const state = plain(g.fn.getState());
  expect(state.heldImports).toEqual({
    sup: {
      warehouse: 'Поставщик',
      count: 9,
      base: 20,
      at: '2026-11-22T09:00:00.000Z',
      skus: Array.from({ length: 9 }, (_, k) => sku(11 + k)),
    },
  });
  // The held zeros live on a hidden sheet, not in properties (which hold only the journal's first five names).
  const held = g.book.sheet('_Импорт');
  expect(held.isSheetHidden()).toBe(true);
  expect(held.dump()).toHaveLength(10);
  expect(held.dump()[0]).toEqual(['Склад', 'Артикул', 'Было', 'Из', 'Задержано']);
  expect(held.dump()[9]).toEqual(['sup', 'S-19', 29, 20, '2026-11-22T09:00:00.000Z']);
  expect(JSON.stringify([...g.properties.document.data])).not.toContain('S-19');

  // The same short file again: still held, nothing zeroed, the same 9 listed once.
  sandboxes.clock.advance(60_000);
  g.fn.runScheduledSync();
  expect(supplierColumn(g).slice(11)).toEqual(kept);
  expect(g.book.sheet('_Импорт').dump()).toHaveLength(10);

  const confirmed = plain(g.fn.confirmImport('sup'));
  expect(confirmed.ok).toBe(true);
  expect(supplierColumn(g)).toEqual([...new Array(11).fill(50), ...new Array(9).fill(0)]);
  expect(supplierImports(g).pop()).toMatchObject({
    Статус: 'Импорт',
    Запуск: 'Кнопка',
    Позиций: 9,
    Принято: 9,
    Подробности: 'импорт подтверждён: поставлен 0 у 9',
  });
  expect(onOzon(15)).toBe(1);
  expect(plain(g.fn.getState()).heldImports).toEqual({});
  expect(g.book.sheet('_Импорт').dump()).toHaveLength(1);
  expect(plain(g.fn.confirmImport('sup'))).toMatchObject({
    ok: false,
    message: 'Для этого склада нет задержанного импорта',
  });
});

it('a held SKU that comes back in the next file is no longer held; a seller’s edit since is not overwritten', () => {
  const g = shop(10);
  supplierFile([[sku(0), 5]]);
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([5, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  expect(plain(g.fn.getState()).heldImports.sup.count).toBe(9);

  supplierFile([[sku(0), 5], ...Array.from({ length: 4 }, (_, k): [string, number] => [sku(k + 1), 3])]);
  sandboxes.clock.advance(60_000);
  g.fn.runScheduledSync();
  // 5 would go to 0 of 10 above 0: still more than 30 % and at least 5, so those 5 stay held.
  expect(supplierColumn(g)).toEqual([5, 3, 3, 3, 3, 15, 16, 17, 18, 19]);
  expect(plain(g.fn.getState()).heldImports.sup.skus).toEqual([sku(5), sku(6), sku(7), sku(8), sku(9)]);

  // Someone types a number for S-09 before confirming: confirmation zeroes only what still holds the held number.
  g.book.sheet('Остатки').getRange(11, 3).setValue(2);
  expect(plain(g.fn.confirmImport('sup')).ok).toBe(true);
  expect(supplierColumn(g)).toEqual([5, 3, 3, 3, 3, 0, 0, 0, 0, 2]);
  expect(supplierImports(g).pop()?.Подробности).toBe(
    'импорт подтверждён: поставлен 0 у 4; изменено с тех пор, оставлено как есть: 1 (S-09)',
  );
});

it('a small catalogue under guard.minItems takes the zeros at once, as a push would', () => {
  const g = shop(4);
  supplierFile([[sku(0), 9]]);
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([9, 0, 0, 0]);
  expect(plain(g.fn.getState()).heldImports).toEqual({});
});
