/**
 * «Сохранить комплекты» through dist/Code.js (SPEC 5.7): bad input gets Russian messages at its fields
 * and writes nothing; a good kit creates «Комплекты» with its headers, adds the kit's row to «Остатки»
 * with blank warehouse cells, is sent with what its components allow, and an Ozon order of it reserves
 * the components; a later edit keeps the seller’s own column and refuses to write over a formula; a kit
 * removed and added back under its SKU is saved whole; a kit SKU in other letters than its row is refused.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { openShop, type Shop, shopSettings, shownOn, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const KIT = sku(2);

function rowsOf(shop: Shop, sheet: string): Record<string, unknown>[] {
  const rows = shop.book.sheet(sheet).dump();
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
}

/** sku(0): 10 on «Склад», sku(1): 7; sku(2) is listed on the marketplaces but has no row on «Остатки» yet. */
function shopWithoutKit(): Shop {
  const shop = openShop(sandboxes, 3, { stock: (i) => [10, 7, 0][i] });
  shop.book.sheet('Остатки').cells.splice(3, 1);
  const saved = shop.g.fn.saveSettings(
    shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } }),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  return shop;
}

const hasSheet = (shop: Shop, name: string) => shop.book.sheets.some((s) => s.name === name);

it('refuses bad input with Russian messages at its fields and writes nothing', () => {
  const shop = shopWithoutKit();
  const stockBefore = shop.book.sheet('Остатки').dump();
  const result = shop.g.fn.saveKits([
    {
      sku: KIT,
      components: [
        { sku: sku(0), qty: 'два' },
        { sku: 'НЕТ-ТАКОГО', qty: 1 },
        { sku: KIT, qty: 1 },
      ],
    },
    { sku: '', components: [] },
  ]);
  expect(result).toEqual({
    ok: false,
    errors: [
      {
        path: 'kits.0.components.0.qty',
        message: 'Кол-во: «два» — не целое число больше 0 — сколько штук компонента в одном комплекте.',
      },
      { path: 'kits.1.sku', message: 'Артикул комплекта: не указан.' },
      { path: 'kits.1.components', message: 'Добавьте хотя бы один компонент.' },
      {
        path: 'kits.0.components.1.sku',
        message: 'Артикула «НЕТ-ТАКОГО» нет на листе «Остатки»: сначала добавьте строку этого товара.',
      },
      { path: 'kits.0.components.2.sku', message: 'Комплект не может входить в себя сам: укажите артикул компонента.' },
    ],
  });
  expect(hasSheet(shop, 'Комплекты')).toBe(false);
  expect(shop.book.sheet('Остатки').dump()).toEqual(stockBefore);
  expect(shop.g.fn.getState().kits).toEqual({ exists: false, list: [], total: 0 });
});

it('a saved kit creates «Комплекты», gets its row on «Остатки», is sent, and its Ozon order reserves the components', () => {
  const shop = shopWithoutKit();
  shop.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
  const result = shop.g.fn.saveKits([
    {
      sku: KIT,
      components: [
        { sku: sku(0), qty: 2 },
        { sku: sku(1), qty: '1' },
      ],
    },
  ]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.addedRows).toEqual([KIT]);
  // Ozon and Yandex find the kit by its SKU (listed there: sent); WB waits for its barcode, named.
  expect(result.rowHints).toEqual([
    `Ozon и Яндекс Маркет получают комплект по артикулу: на площадке нужна карточка комплекта с артикулом «${KIT}», иначе она его отклонит («товар не найден»).`,
    `В строке «${KIT}» пуст столбец «WB баркод»: впишите ID карточки комплекта на площадке — пока ячейка пуста, Wildberries комплект не получает.`,
    'Если комплект продаётся не везде, исключите его фильтром канала на вкладке «Каналы».',
  ]);
  expect(result.sync).toMatchObject({ ok: true, message: 'Готово.' });
  expect(shop.book.sheet('Комплекты').dump()).toEqual([
    ['Комплект', 'Артикул', 'Кол-во'],
    [KIT, sku(0), 2],
    [KIT, sku(1), 1],
  ]);
  // The kit's row is the last, its «Склад» blank; the run the save started computed and sent it.
  expect(rowsOf(shop, 'Остатки')[2]).toMatchObject({ Артикул: KIT, Склад: '', Резерв: '', 'К продаже': 5, Ozon: 5 });
  // WB finds an item by its barcode: the new row has none until the seller types it (Ozon, Yandex go by «Артикул»).
  expect(shownOn(sandboxes, 2)).toEqual({ ozon: 5, wb: null, ym: 5 });
  expect(shop.g.fn.getState().kits).toEqual({
    exists: true,
    list: [
      {
        sku: KIT,
        row: 2,
        components: [
          { sku: sku(0), qty: 2, row: 2 },
          { sku: sku(1), qty: 1, row: 3 },
        ],
      },
    ],
    total: 1,
  });
  // A kit inside a kit is refused, naming the kit.
  const nested = shop.g.fn.saveKits([{ sku: 'НАБОР-2', components: [{ sku: KIT, qty: 1 }] }]);
  expect(nested).toEqual({
    ok: false,
    errors: [
      {
        path: 'kits.0.components.0.sku',
        message: `«${KIT}» — сам комплект: комплект в комплекте не поддерживается — перечислите его компоненты.`,
      },
    ],
  });
  sandboxes.control('ozon', 'posting', { posting_number: 'P-K', products: [{ offer_id: KIT, quantity: 2 }] });
  sandboxes.clock.advance(60_000);
  expect(shop.g.fn.runScheduledSync().status).toBe('done');
  expect(rowsOf(shop, 'Резервы')).toEqual([
    expect.objectContaining({ Канал: 'Ozon', Заказ: 'P-K', Артикул: sku(0), 'Кол-во': 4, Статус: 'Активен' }),
    expect.objectContaining({ Канал: 'Ozon', Заказ: 'P-K', Артикул: sku(1), 'Кол-во': 2, Статус: 'Активен' }),
  ]);
  // Components lowered on every channel: 10 − 4 and 7 − 2; the kit: min(6 / 2, 5) = 3.
  expect(shownOn(sandboxes, 0)).toEqual({ ozon: 6, wb: 6, ym: 6 });
  expect(shownOn(sandboxes, 1)).toEqual({ ozon: 5, wb: 5, ym: 5 });
  expect(shownOn(sandboxes, 2).ym).toBe(3);
});

it('an edit keeps the seller’s own column and the kit written once; a formula in «Кол-во» is not written over', () => {
  const shop = shopWithoutKit();
  shop.book.sheet('Остатки').put(4, 1, KIT);
  const sheet = shop.book.addSheet('Комплекты', [
    ['Комплект', 'Артикул', 'Кол-во', 'Заметка'],
    [KIT, sku(0), 2, 'кружки'],
    ['', sku(1), 1, 'блюдце'],
  ]);
  const edit = (qty0: number) =>
    shop.g.fn.saveKits([
      {
        sku: KIT,
        was: KIT,
        components: [
          { sku: sku(0), qty: qty0 },
          { sku: sku(1), qty: 1 },
        ],
      },
    ]);
  const result = edit(3);
  expect(result.ok).toBe(true);
  expect(sheet.dump()).toEqual([
    ['Комплект', 'Артикул', 'Кол-во', 'Заметка'],
    [KIT, sku(0), 3, 'кружки'],
    ['', sku(1), 1, 'блюдце'],
  ]);
  sheet.putFormula(2, 3, '=1+2', 3);
  const refused = edit(4);
  expect(refused).toEqual({
    ok: false,
    errors: [
      {
        path: 'kits',
        message:
          'Не сохранено: на листе «Комплекты» в строке 2, столбец «Кол-во», формула — панель формулы не переписывает. Измените эту ячейку на листе (или замените формулу числом) и сохраните снова.',
      },
    ],
  });
  expect(sheet.formulaAt(2, 3)).toBe('=1+2');
});

it('a kit removed and added back under its SKU with one more component is saved whole and limited by all its components', () => {
  // sku(0): 10, sku(1): 7, sku(3): 100 on «Склад»; sku(2), the kit, has no row on «Остатки» yet.
  const shop = openShop(sandboxes, 4, { stock: (i) => [10, 7, 0, 100][i] });
  shop.book.sheet('Остатки').cells.splice(3, 1);
  const settings = shop.g.fn.saveSettings(
    shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } }),
  );
  if (!settings.ok) throw new Error(JSON.stringify(settings.errors));
  const two = [
    { sku: sku(0), qty: 2 },
    { sku: sku(1), qty: 1 },
  ];
  const first = shop.g.fn.saveKits([{ sku: KIT, components: two }]);
  if (!first.ok) throw new Error(JSON.stringify(first.errors));
  expect(shownOn(sandboxes, 2).ozon).toBe(5);
  sandboxes.clock.advance(60_000);
  // The panel: «Удалить комплект» on the kit, then «Добавить комплект» with its SKU — the kit is in `removed` too.
  const again = shop.g.fn.saveKits([{ sku: KIT, components: [...two, { sku: sku(3), qty: 1 }] }], [KIT]);
  if (!again.ok) throw new Error(JSON.stringify(again.errors));
  expect(again.notes).toEqual([]);
  expect(shop.book.sheet('Комплекты').dump()).toEqual([
    ['Комплект', 'Артикул', 'Кол-во'],
    [KIT, sku(0), 2],
    [KIT, sku(1), 1],
    [KIT, sku(3), 1],
  ]);
  // 10 / 2 = 5, 7 / 1 = 7, 100 / 1 = 100: at most 5 kits.
  expect(shownOn(sandboxes, 2).ozon).toBe(5);
});

it('a kit SKU differing from its «Остатки» row only by case is refused under the kit SKU field, and no row is added', () => {
  // sku(2) has its row on «Остатки» (with its marketplace cards), warehouse cells blank: a kit's row.
  const shop = openShop(sandboxes, 3, { stock: (i) => [10, 7, ''][i] as number });
  const settings = shop.g.fn.saveSettings(
    shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } }),
  );
  if (!settings.ok) throw new Error(JSON.stringify(settings.errors));
  const stockBefore = shop.book.sheet('Остатки').dump();
  const result = shop.g.fn.saveKits([
    {
      sku: KIT.toLowerCase(),
      components: [
        { sku: sku(0), qty: 2 },
        { sku: sku(1), qty: 1 },
      ],
    },
  ]);
  expect(result).toEqual({
    ok: false,
    errors: [
      {
        path: 'kits.0.sku',
        message: `На листе «Остатки» есть «${KIT}» — артикулы различают регистр: впишите так же, как на листе.`,
      },
    ],
  });
  expect(shop.book.sheet('Остатки').dump()).toEqual(stockBefore);
  expect(hasSheet(shop, 'Комплекты')).toBe(false);
  // Typed as the row is, the kit is saved on that row and sent with what its components allow.
  const typed = shop.g.fn.saveKits([
    {
      sku: KIT,
      components: [
        { sku: sku(0), qty: 2 },
        { sku: sku(1), qty: 1 },
      ],
    },
  ]);
  if (!typed.ok) throw new Error(JSON.stringify(typed.errors));
  expect(typed.addedRows).toEqual([]);
  expect(shownOn(sandboxes, 2)).toEqual({ ozon: 5, wb: 5, ym: 5 });
});
