/**
 * What makes an order count once (SPEC 2.2, 5), through dist/Code.js against the sandboxes: the same
 * line listed several times in one answer, people deleting and editing rows of «Резервы», closed rows
 * archived after 30 days, the hidden «_Заказы» pruned after 90, an order cancelled after shipment, and a
 * write-off on a stock cell that holds a formula.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { RESERVE_HEADERS } from '../../src/core/headers';
import { FakeHttpResponse } from '../fakes/urlFetch';
import { barcode, journal, openShopWithReserves, type Shop, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const DAY = 24 * 3600 * 1000;
const RESERVE_HEADER = Object.values(RESERVE_HEADERS);

const shopWithReserves = (n: number): Shop => openShopWithReserves(sandboxes, n);

function rowsOf(shop: Shop, name: string): Record<string, unknown>[] {
  const rows = shop.book.sheet(name).dump();
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
}

const reserveRows = (shop: Shop) => rowsOf(shop, 'Резервы');

function stockRow(shop: Shop, i: number): Record<string, unknown> {
  const rows = shop.book.sheet('Остатки').dump();
  return Object.fromEntries(rows[0].map((h, k) => [String(h), rows[i + 1][k]]));
}

function run(shop: Shop, times = 1): void {
  for (let k = 0; k < times; k++) {
    sandboxes.clock.advance(60_000);
    shop.g.fn.runScheduledSync();
  }
}

/** Ozon's offset paging lists a posting again when its status changes while the list is read: here, three times. */
function repeatOzonPostings(shop: Shop, times: number): void {
  const urlFetch = shop.g.urlFetch!;
  const repeat = (url: string, response: FakeHttpResponse): FakeHttpResponse => {
    if (!url.includes('/v4/posting/fbs/list') || response.getResponseCode() !== 200) return response;
    const json = JSON.parse(response.getContentText());
    json.postings = json.postings.flatMap((p: unknown) => Array.from({ length: times }, () => p));
    return new FakeHttpResponse(200, response.getHeaders(), Buffer.from(JSON.stringify(json), 'utf8'));
  };
  const fetch = urlFetch.fetch.bind(urlFetch);
  const fetchAll = urlFetch.fetchAll.bind(urlFetch);
  urlFetch.fetch = (url, params) => repeat(url, fetch(url, params));
  urlFetch.fetchAll = (requests) => fetchAll(requests).map((r, i) => repeat(requests[i].url, r));
}

describe('the same line listed several times in one pull', () => {
  it('one Ozon posting listed three times in one answer reserves its quantity once', () => {
    const shop = shopWithReserves(5);
    repeatOzonPostings(shop, 3);
    sandboxes.control('ozon', 'posting', { posting_number: 'P-3X', products: [{ offer_id: sku(0), quantity: 2 }] });
    run(shop);
    expect(reserveRows(shop)).toEqual([expect.objectContaining({ Заказ: 'P-3X', 'Кол-во': 2, Статус: 'Активен' })]);
    expect(stockRow(shop, 0)).toMatchObject({ Склад: 10, Резерв: 2, 'К продаже': 8 });
    expect(journal(shop.book).find((r) => r.Канал === 'Ozon' && r.Статус === 'Заказы')?.Подробности).toContain(
      'новых резервов 1',
    );
  });

  it('two lines of one Yandex Market order for the same SKU, and two WB assembly tasks, are not duplicates', () => {
    const shop = shopWithReserves(5);
    sandboxes.control('yandex', 'order', {
      orderId: 555,
      items: [
        { offerId: sku(1), count: 1 },
        { offerId: sku(1), count: 2 },
      ],
    });
    sandboxes.control('wb', 'order', { id: 701, barcode: barcode(2) });
    sandboxes.control('wb', 'order', { id: 702, barcode: barcode(2) });
    run(shop, 2);
    expect(stockRow(shop, 1).Резерв).toBe(3);
    expect(stockRow(shop, 2).Резерв).toBe(2);
    expect(reserveRows(shop).map((r) => [String(r.Заказ), r['Кол-во']])).toEqual([
      ['701', 1],
      ['702', 1],
      ['555', 3],
    ]);
  });
});

describe('«_Заказы» remembers what was reserved and written off', () => {
  it('a deleted reserve row is not made again, and the shipment still writes off once', () => {
    const shop = shopWithReserves(5);
    sandboxes.control('ozon', 'posting', { posting_number: 'P-DEL', products: [{ offer_id: sku(3), quantity: 3 }] });
    run(shop);
    expect(stockRow(shop, 3)).toMatchObject({ Склад: 13, Резерв: 3 });
    // A person tidies «Резервы»: every row but the header goes.
    shop.book.sheet('Резервы').cells.splice(1);
    sandboxes.control('ozon', 'posting', { posting_number: 'P-DEL' }); // touched: listed again
    run(shop, 2);
    expect(reserveRows(shop)).toEqual([]);
    expect(stockRow(shop, 3)).toMatchObject({ Склад: 13, Резерв: 0 });
    sandboxes.control('ozon', 'posting', { posting_number: 'P-DEL', status: 'delivering' });
    run(shop, 3);
    expect(stockRow(shop, 3)).toMatchObject({ Склад: 10, Резерв: 0 });
    expect(journal(shop.book).filter((r) => r.Статус === 'Списание')).toHaveLength(1);
    const ledger = shop.book.sheet('_Заказы');
    expect(ledger.isSheetHidden()).toBe(true);
    expect(rowsOf(shop, '_Заказы')).toEqual([
      expect.objectContaining({ Канал: 'ozon', Заказ: 'P-DEL', Артикул: sku(3), 'Кол-во': 3 }),
    ]);
    const [line] = rowsOf(shop, '_Заказы');
    expect(String(line.Зарезервирован)).toMatch(/^2026-11-22T/);
    expect(String(line.Списан)).toMatch(/^2026-11-22T/);
  });

  it('a written-off row a person sets back to «Активен», or whose order number is edited, writes off nothing again', () => {
    const shop = shopWithReserves(5);
    sandboxes.control('ozon', 'posting', { posting_number: 'P-ED', products: [{ offer_id: sku(4), quantity: 2 }] });
    sandboxes.control('ozon', 'posting', { posting_number: 'P-ED2', products: [{ offer_id: sku(1), quantity: 1 }] });
    run(shop);
    sandboxes.control('ozon', 'posting', { posting_number: 'P-ED', status: 'delivering' });
    sandboxes.control('ozon', 'posting', { posting_number: 'P-ED2', status: 'delivering' });
    run(shop);
    expect(stockRow(shop, 4).Склад).toBe(12);
    expect(stockRow(shop, 1).Склад).toBe(10);
    const sheet = shop.book.sheet('Резервы');
    const header = sheet.dump()[0];
    const rowOf = (order: string) => sheet.dump().findIndex((r) => r[header.indexOf('Заказ')] === order) + 1;
    sheet.put(rowOf('P-ED'), header.indexOf('Статус') + 1, 'Активен');
    sheet.put(rowOf('P-ED2'), header.indexOf('Заказ') + 1, 'P-ED2 (проверить)');
    sandboxes.control('ozon', 'posting', { posting_number: 'P-ED', status: 'delivered' });
    sandboxes.control('ozon', 'posting', { posting_number: 'P-ED2', status: 'delivered' });
    run(shop, 2);
    expect(stockRow(shop, 4).Склад).toBe(12);
    expect(stockRow(shop, 1).Склад).toBe(10);
    expect(reserveRows(shop).filter((r) => String(r.Заказ).startsWith('P-ED'))).toHaveLength(2);
    expect(journal(shop.book).filter((r) => r.Статус === 'Списание')).toHaveLength(2);
  });

  it('closed rows older than 30 days move to «Резервы (архив)»; the order listed again after that counts nothing', () => {
    const shop = shopWithReserves(5);
    const sheet = shop.book.sheet('Резервы');
    // A person's rows: one closed long ago, one still active.
    const old = shop.g.evaluate(`new Date(${Date.parse('2026-10-01T10:00:00Z')})`);
    sheet.put(2, 1, old);
    sheet.put(2, 4, sku(0));
    sheet.put(2, 5, 1);
    sheet.put(2, 7, 'Ручной');
    sheet.put(2, 8, 'Снят');
    sheet.put(3, 1, old);
    sheet.put(3, 4, sku(0));
    sheet.put(3, 5, 2);
    sheet.put(3, 7, 'Ручной');
    sheet.put(3, 8, 'Активен');
    sandboxes.control('ozon', 'posting', { posting_number: 'P-OLD', products: [{ offer_id: sku(2), quantity: 1 }] });
    run(shop);
    sandboxes.control('ozon', 'posting', { posting_number: 'P-OLD', status: 'delivering' });
    run(shop);
    expect(stockRow(shop, 2).Склад).toBe(11);
    // The person's old «Снят» row has gone already; the «Списан» one is too young.
    expect(rowsOf(shop, 'Резервы (архив)')).toEqual([expect.objectContaining({ Тип: 'Ручной', Статус: 'Снят' })]);
    expect(reserveRows(shop).map((r) => [r.Тип, r.Статус])).toEqual([
      ['Ручной', 'Активен'],
      ['Заказ', 'Списан'],
    ]);
    sandboxes.clock.advance(31 * DAY);
    sandboxes.control('ozon', 'posting', { posting_number: 'P-OLD', status: 'delivered' }); // listed again
    run(shop, 2);
    expect(reserveRows(shop).map((r) => [r.Тип, r.Статус])).toEqual([['Ручной', 'Активен']]);
    expect(rowsOf(shop, 'Резервы (архив)').map((r) => [r.Заказ, r.Статус])).toEqual([
      ['', 'Снят'],
      ['P-OLD', 'Списан'],
    ]);
    expect(stockRow(shop, 2).Склад).toBe(11);
    expect(stockRow(shop, 0).Резерв).toBe(2);
    expect(shop.book.sheet('Резервы (архив)').dump()[0]).toEqual(RESERVE_HEADER);
    // 90 days after it closed, the line leaves «_Заказы».
    expect(rowsOf(shop, '_Заказы').map((r) => r.Заказ)).toEqual(['P-OLD']);
    sandboxes.clock.advance(60 * DAY);
    run(shop);
    expect(rowsOf(shop, '_Заказы')).toEqual([]);
  });
});

it('an order cancelled after shipment is journaled once, and the stock stays as it is', () => {
  const shop = shopWithReserves(5);
  sandboxes.control('ozon', 'posting', { posting_number: 'P-RET', products: [{ offer_id: sku(1), quantity: 2 }] });
  run(shop);
  sandboxes.control('ozon', 'posting', { posting_number: 'P-RET', status: 'delivering' });
  run(shop);
  expect(stockRow(shop, 1).Склад).toBe(9);
  sandboxes.control('ozon', 'posting', { posting_number: 'P-RET', status: 'cancelled' });
  run(shop, 3);
  expect(stockRow(shop, 1)).toMatchObject({ Склад: 9, Резерв: 0 });
  const notes = journal(shop.book).filter((r) => String(r.Подробности).includes('отмена после отгрузки'));
  expect(notes).toEqual([
    expect.objectContaining({
      Канал: 'Ozon',
      Подробности: expect.stringContaining(`заказ P-RET, ${sku(1)}: отмена после отгрузки: ждём возврат`),
    }),
  ]);
  expect(reserveRows(shop)).toEqual([expect.objectContaining({ Заказ: 'P-RET', Статус: 'Списан' })]);
});

it('a write-off on a stock cell that holds a formula leaves the formula and asks the seller to adjust it', () => {
  const shop = shopWithReserves(5);
  const stock = shop.book.sheet('Остатки');
  const column = stock.dump()[0].indexOf('Склад') + 1;
  stock.putFormula(4, column, '=10+4', 14); // sku(2)'s row
  sandboxes.control('ozon', 'posting', { posting_number: 'P-F', products: [{ offer_id: sku(2), quantity: 3 }] });
  run(shop);
  sandboxes.control('ozon', 'posting', { posting_number: 'P-F', status: 'delivering' });
  run(shop, 2);
  expect(stock.formulaAt(4, column)).toBe('=10+4');
  expect(stockRow(shop, 2).Склад).toBe(14);
  expect(journal(shop.book).filter((r) => r.Статус === 'Списание')).toEqual([
    expect.objectContaining({
      Канал: 'Ozon',
      Позиций: 3,
      Подробности: `заказ P-F, ${sku(2)}: в ячейке «Склад» формула — не списано, уменьшите её на 3`,
    }),
  ]);
});
