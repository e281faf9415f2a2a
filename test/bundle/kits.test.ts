/**
 * Kits through dist/Code.js against the sandboxes (SPEC 5.7): a kit of two components is pushed with
 * the number its components allow; an Ozon order of the kit reserves both components and lowers them
 * and the kit on the other channels in the same run; its shipment writes them off; a component sold
 * alone lowers the kit; an import of a supplier's file leaves the kit's cells blank.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { barcode, journal, openShop, type Shop, shopSettings, shownOn, sku, useSandboxes } from './sendingSetup';
import { csvSource, openSupplierShop } from './supplierShop';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const shown = (i: number) => shownOn(sandboxes, i);
const KIT = sku(2);

function rowsOf(shop: Shop, sheet: string): Record<string, unknown>[] {
  const rows = shop.book.sheet(sheet).dump();
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
}

/**
 * sku(0): 10 on «Склад», sku(1): 7; sku(2) is the kit «2 × sku(0) + 1 × sku(1)», its «Склад» blank.
 * Reserves on since 2026-11-01; the stock went out once, a minute ago.
 */
function kitShop(reserves: Record<string, unknown> = {}): Shop {
  const shop = openShop(sandboxes, 3, { stock: (i) => [10, 7, 0][i] });
  shop.book.sheet('Остатки').cells[3][2] = '';
  shop.book.addSheet('Комплекты', [
    ['Комплект', 'Артикул', 'Кол-во'],
    [KIT, sku(0), 2],
    ['', sku(1), 1],
  ]);
  const saved = shop.g.fn.saveSettings(
    shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', ...reserves } }),
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  shop.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
  return shop;
}

it('a kit is pushed with what its components allow; its «Резерв» stays blank', () => {
  const shop = kitShop();
  // min(floor(10 / 2), floor(7 / 1)) = 5 on every channel.
  expect(shown(2)).toEqual({ ozon: 5, wb: 5, ym: 5 });
  expect(shown(0)).toEqual({ ozon: 10, wb: 10, ym: 10 });
  expect(rowsOf(shop, 'Остатки')[2]).toMatchObject({
    Артикул: KIT,
    Склад: '',
    Резерв: '',
    'К продаже': 5,
    Ozon: 5,
    WB: 5,
    'Яндекс Маркет': 5,
  });
});

it('an Ozon order of the kit reserves both components and lowers them and the kit everywhere in the same run; shipment writes them off', () => {
  const shop = kitShop();
  sandboxes.control('ozon', 'posting', { posting_number: 'P-K', products: [{ offer_id: KIT, quantity: 2 }] });
  sandboxes.clock.advance(60_000);
  expect(shop.g.fn.runScheduledSync().status).toBe('done');
  expect(rowsOf(shop, 'Резервы')).toEqual([
    expect.objectContaining({
      Канал: 'Ozon',
      Заказ: 'P-K',
      Артикул: sku(0),
      'Кол-во': 4,
      Тип: 'Заказ',
      Статус: 'Активен',
    }),
    expect.objectContaining({
      Канал: 'Ozon',
      Заказ: 'P-K',
      Артикул: sku(1),
      'Кол-во': 2,
      Тип: 'Заказ',
      Статус: 'Активен',
    }),
  ]);
  expect(rowsOf(shop, 'Резервы').map((r) => r.Комментарий)).toEqual([
    expect.stringMatching(new RegExp(`^комплект ${KIT} ×2`)),
    expect.stringMatching(new RegExp(`^комплект ${KIT} ×2`)),
  ]);
  // sku(0): 10 − 4 = 6, sku(1): 7 − 2 = 5, the kit: min(3, 5) = 3 — on the ordering channel too.
  expect(shown(0)).toEqual({ ozon: 6, wb: 6, ym: 6 });
  expect(shown(1)).toEqual({ ozon: 5, wb: 5, ym: 5 });
  expect(shown(2)).toEqual({ ozon: 3, wb: 3, ym: 3 });
  expect(rowsOf(shop, 'Остатки').map((r) => [r.Артикул, r.Резерв, r['К продаже']])).toEqual([
    [sku(0), 4, 6],
    [sku(1), 2, 5],
    [KIT, '', 3],
  ]);

  sandboxes.control('ozon', 'posting', { posting_number: 'P-K', status: 'delivering' });
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  expect(rowsOf(shop, 'Резервы').map((r) => r.Статус)).toEqual(['Списан', 'Списан']);
  expect(rowsOf(shop, 'Остатки').map((r) => [r.Артикул, r.Склад, r.Резерв, r['К продаже']])).toEqual([
    [sku(0), 6, 0, 6],
    [sku(1), 5, 0, 5],
    [KIT, '', '', 3],
  ]);
  expect(journal(shop.book).filter((r) => r.Статус === 'Списание')).toEqual([
    expect.objectContaining({
      Канал: 'Ozon',
      Позиций: 4,
      Подробности: `заказ P-K, ${sku(0)} (комплект ${KIT} ×2): «Склад» 10 → 6`,
    }),
    expect.objectContaining({
      Канал: 'Ozon',
      Позиций: 2,
      Подробности: `заказ P-K, ${sku(1)} (комплект ${KIT} ×2): «Склад» 7 → 5`,
    }),
  ]);
  expect(shown(2)).toEqual({ ozon: 3, wb: 3, ym: 3 });
});

it('double reservation: a kit Ozon shows fewer of holds its components until the order comes', () => {
  const shop = kitShop({ doubleReservation: true, pendingHoldMinutes: 120 });
  sandboxes.control('ozon', 'set-stock', { offer_id: KIT, warehouse_id: OZON_WAREHOUSES[0].warehouse_id, present: 4 });
  sandboxes.clock.advance(6 * 60_000); // past Ozon's settle window (SPEC 5.4)
  shop.g.fn.runScheduledSync();
  expect(rowsOf(shop, 'Резервы')).toEqual([
    expect.objectContaining({ Канал: 'Ozon', Артикул: KIT, 'Кол-во': 1, Тип: 'По остатку', Статус: 'Активен' }),
  ]);
  // One kit held: sku(0) 10 − 2 = 8, sku(1) 7 − 1 = 6, the kit min(4, 6) = 4.
  expect(rowsOf(shop, 'Остатки').map((r) => [r.Артикул, r.Резерв, r['К продаже']])).toEqual([
    [sku(0), 2, 8],
    [sku(1), 1, 6],
    [KIT, '', 4],
  ]);
  expect(shown(0)).toEqual({ ozon: 8, wb: 8, ym: 8 });
  expect(shown(2)).toEqual({ ozon: 4, wb: 4, ym: 4 });
  sandboxes.control('ozon', 'posting', { posting_number: 'P-D', products: [{ offer_id: KIT, quantity: 1 }] });
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  expect(rowsOf(shop, 'Резервы').map((r) => [r.Артикул, r['Кол-во'], r.Тип, r.Статус])).toEqual([
    [KIT, 1, 'По остатку', 'Снят'],
    [sku(0), 2, 'Заказ', 'Активен'],
    [sku(1), 1, 'Заказ', 'Активен'],
  ]);
  expect(shown(2)).toEqual({ ozon: 4, wb: 4, ym: 4 });
});

it('«Показать для выделенной строки» on a kit counts it from its components', () => {
  const shop = kitShop();
  shop.book.sheet('Остатки').getRange(4, 1).activate();
  const draft = shopSettings({ channels: [{ ...shopSettings().channels[0], rule: { type: 'share', percent: 50 } }] });
  expect(JSON.parse(JSON.stringify(shop.g.fn.previewSelection(draft)))).toMatchObject({
    ok: true,
    sku: KIT,
    valid: true,
    forSale: 5,
    channels: [{ id: 'ozon', quantity: 2 }],
  });
});

it('an edit of «Комплекты» sends the kit its new number', () => {
  const shop = kitShop();
  const kits = shop.book.sheet('Комплекты');
  kits.cells[1][2] = 3; // 3 × sku(0) a kit: floor(10 / 3) = 3
  const result = JSON.parse(JSON.stringify(shop.g.fn.onEditInstalled({ range: kits.getRange(2, 3) })));
  expect(result.status).toBe('done');
  expect(shown(2)).toEqual({ ozon: 3, wb: 3, ym: 3 });
});

it('a component sold alone lowers the kit in the same run', () => {
  const shop = kitShop();
  sandboxes.control('wb', 'order', { id: 601, barcode: barcode(0) });
  sandboxes.control('wb', 'order', { id: 602, barcode: barcode(0) });
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  // sku(0): 10 − 2 = 8 → the kit min(4, 7) = 4.
  expect(shown(0)).toEqual({ ozon: 8, wb: 8, ym: 8 });
  expect(shown(2)).toEqual({ ozon: 4, wb: 4, ym: 4 });
  expect(rowsOf(shop, 'Резервы').map((r) => [r.Артикул, r['Кол-во'], r.Комментарий])).toEqual([
    [sku(0), 1, expect.not.stringContaining('комплект')],
    [sku(0), 1, expect.not.stringContaining('комплект')],
  ]);
});

it('an import of a supplier file never writes the kit row, listed in it or not', () => {
  sandboxes.clearFiles();
  sandboxes.setFile('/files/kits.csv', 'Артикул,Остаток\nЧАШКА,6\nБЛЮДЦЕ,4\nНАБОР,9\n', { contentType: 'text/csv' });
  const g = openSupplierShop(sandboxes, ['ЧАШКА', 'БЛЮДЦЕ', 'НАБОР'], csvSource('kits.csv'), { supplierFrom: 0 });
  const cells = g.book.sheet('Остатки').cells;
  cells[3][1] = '';
  cells[3][2] = '';
  g.book.addSheet('Комплекты', [
    ['Комплект', 'Артикул', 'Кол-во'],
    ['НАБОР', 'ЧАШКА', 1],
    ['НАБОР', 'БЛЮДЦЕ', 1],
  ]);
  g.fn.runScheduledSync();
  const rows = g.book.sheet('Остатки').dump();
  // ЧАШКА 1 + 6, БЛЮДЦЕ 1 + 4: the kit min(7, 5) = 5, its warehouse cells still blank.
  expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[rows[0].indexOf('Ozon')]])).toEqual([
    ['ЧАШКА', 1, 6, 7],
    ['БЛЮДЦЕ', 1, 4, 5],
    ['НАБОР', '', '', 5],
  ]);
  sandboxes.clock.advance(60_000); // Ozon shows a push a minute after it took it
  expect(
    sandboxes.control('ozon', 'stock', { offer_id: 'НАБОР', warehouse_id: OZON_WAREHOUSES[0].warehouse_id }).present,
  ).toBe(5);
});
