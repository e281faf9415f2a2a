/**
 * An AliExpress channel beside an Ozon channel, through dist/Code.js and the sandboxes: the token,
 * «Проверить подключение» with the product list cached on «_AliExpress товары», sending whose result
 * comes asynchronously (within the run, or in a later one — never recorded as sent before AliExpress
 * confirms it), its buyers' orders reserving stock and lowering Ozon in the same run, shipment,
 * cancellation, and double reservation reading what AliExpress shows for sale.
 */

import { ALI_SANDBOX } from '../../dev/sandbox/aliexpress';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { ledgerOf, openPairShop, ozonShows, type Partner, plain, rowsOf, stockRow } from './pairShop';
import { journal, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const MIN = 60_000;
const PUSH = '/api/v1/product/update-sku-stock';
const ALI: Partner = {
  market: 'aliexpress',
  channel: { id: 'ali', name: 'AliExpress', column: 'AliExpress', marketplace: 'aliexpress' },
  credentials: ALI_SANDBOX,
  seed: (ids) => {
    sandboxes.control('aliexpress', 'seed', { codes: ids });
  },
};

const open = (n: number, options: Parameters<typeof openPairShop>[3] = {}) => openPairShop(sandboxes, ALI, n, options);
const aliShows = (i: number) => sandboxes.control('aliexpress', 'stock', { code: sku(i) });
const pushes = () =>
  (sandboxes.control('aliexpress', 'log') as { path: string; items: number }[]).filter((r) => r.path === PUSH);
const channelRow = (result: any) => result.channels.find((c: any) => c.channel === 'AliExpress');

describe('connecting', () => {
  it('setCredentials keeps the token in user properties; testConnection reads the product list into «_AliExpress товары»', () => {
    const shop = open(4, { connect: false });
    expect(plain(shop.g.fn.setCredentials('ali', { token: `Bearer ${ALI_SANDBOX.token}` }))).toEqual({
      ok: true,
      connection: {
        channelId: 'ali',
        status: 'connected',
        check: 'unchecked',
        text: 'ключ сохранён, не проверен (…dXJl); склад выбирать не нужно',
      },
    });
    expect(plain(shop.g.fn.testConnection('ali'))).toEqual({
      ok: true,
      channelId: 'ali',
      targets: [],
      note: 'склад выбирать не нужно; товаров AliExpress (SKU): 4',
    });
    expect(rowsOf(shop.book, '_AliExpress товары')[0]).toEqual({
      Канал: 'ali',
      product_id: '1000001',
      sku_id: '2000001',
      'Артикул (sku_code)': sku(0),
      Обновлено: expect.any(String),
    });
    expect(shop.book.sheet('_AliExpress товары').isSheetHidden()).toBe(true);
  });

  it('a wrong token: the check fails in Russian and the key is not repeated', () => {
    const shop = open(1, { connect: false });
    shop.g.fn.setCredentials('ali', { token: 'wrong-token-0123456789' });
    const result = plain(shop.g.fn.testConnection('ali'));
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining('неверный ключ или нет прав (HTTP 401)'),
    });
    expect(JSON.stringify(plain(shop.g.fn.getState()))).not.toContain('wrong-token-0123456789');
  });
});

describe('sending, asynchronously', () => {
  it('results within the run: both channels «Выполнено», and AliExpress shows the stock', () => {
    const shop = open(5);
    const result = plain(shop.g.fn.sendStocks('sidebar'));
    expect(result.channels.map((c: any) => [c.channel, c.status, c.accepted])).toEqual([
      ['Ozon', 'Выполнено', 5],
      ['AliExpress', 'Выполнено', 5],
    ]);
    expect(aliShows(0)).toEqual({ available: 10, reserved: 0 });
    expect(ledgerOf(shop.book, 'ali')).toMatchObject({ [sku(0)]: 10 });
  });

  it('results only in a later run: nothing recorded as sent until AliExpress tells, nothing pushed twice meanwhile', () => {
    const shop = open(5);
    sandboxes.control('aliexpress', 'configure', { taskDelayMs: 10 * MIN });
    const first = plain(shop.g.fn.sendStocks('sidebar'));
    expect(channelRow(first)).toMatchObject({
      status: 'Частично',
      accepted: 0,
      errors: 0,
      details: expect.stringContaining('ждут ответа площадки: 5'),
    });
    expect(ledgerOf(shop.book, 'ali')).toEqual({});
    expect(rowsOf(shop.book, '_Ожидают ответа')).toHaveLength(5);
    // Two minutes on: still processing. The run asks, and sends nothing again.
    sandboxes.clock.advance(2 * MIN);
    sandboxes.control('aliexpress', 'clear-log');
    const waiting = plain(shop.g.fn.runScheduledSync());
    expect(pushes()).toEqual([]);
    expect(channelRow(waiting)).toMatchObject({ details: expect.stringContaining('ждут ответа площадки: 5') });
    expect(ledgerOf(shop.book, 'ali')).toEqual({});
    // The tasks end: the next run records them, and the sheet of awaiting pushes empties.
    sandboxes.clock.advance(10 * MIN);
    shop.g.fn.runScheduledSync();
    expect(ledgerOf(shop.book, 'ali')).toMatchObject({ [sku(0)]: 10, [sku(4)]: 10 });
    expect(
      journal(shop.book).find((r) => String(r.Подробности).startsWith('результат прошлой отправки')),
    ).toMatchObject({
      Канал: 'AliExpress',
      Статус: 'Выполнено',
      Принято: 5,
      Подробности: 'результат прошлой отправки: принято 5 из 5',
    });
    expect(rowsOf(shop.book, '_Ожидают ответа')).toEqual([]);
    expect(pushes()).toEqual([]);
  });

  it('a change while a push awaits goes out, and the older push no longer counts', () => {
    const shop = open(2);
    sandboxes.control('aliexpress', 'configure', { taskDelayMs: 10 * MIN });
    shop.g.fn.sendStocks('sidebar');
    shop.book.sheet('Остатки').put(2, 3, 4);
    sandboxes.clock.advance(MIN);
    sandboxes.control('aliexpress', 'configure', { taskDelayMs: 0 });
    shop.g.fn.runScheduledSync();
    expect(ledgerOf(shop.book, 'ali')).toMatchObject({ [sku(0)]: 4 });
    expect(rowsOf(shop.book, '_Ожидают ответа').map((r) => [r.ID, r['Кол-во']])).toEqual([[sku(1), 10]]);
  });

  it('refused items keep their reasons and are not recorded: one AliExpress does not list, a refused group', () => {
    const shop = open(3);
    sandboxes.control('aliexpress', 'reset');
    sandboxes.control('aliexpress', 'seed', { codes: [sku(0), sku(1)] });
    const result = plain(shop.g.fn.sendStocks('sidebar'));
    expect(channelRow(result)).toMatchObject({
      status: 'Частично',
      accepted: 2,
      errors: 1,
      details: expect.stringContaining(`«${sku(2)}» не найден в товарах AliExpress`),
    });
    expect(Object.keys(ledgerOf(shop.book, 'ali')).sort()).toEqual([sku(0), sku(1)]);
    shop.book.sheet('Остатки').put(2, 3, 6);
    sandboxes.control('aliexpress', 'fault', { kind: 'status', status: 200, count: 1, path: PUSH });
    sandboxes.clock.advance(MIN);
    const refused = plain(shop.g.fn.runScheduledSync());
    expect(channelRow(refused)).toMatchObject({ accepted: 0, details: expect.stringContaining('AliExpress отказал') });
    expect(ledgerOf(shop.book, 'ali')).toMatchObject({ [sku(0)]: 10 });
  });
});

describe('orders', () => {
  it('an AliExpress order reserves stock and lowers Ozon in the same run; shipment writes off; a cancel frees', () => {
    const shop = open(3);
    shop.g.fn.sendStocks('sidebar');
    sandboxes.clock.advance(MIN);
    const { orderId } = sandboxes.control('aliexpress', 'buyer-order', { id: sku(0), quantity: 2 });
    sandboxes.clock.advance(MIN);
    expect(plain(shop.g.fn.runScheduledSync()).status).toBe('done');
    expect(stockRow(shop.book, 0)).toMatchObject({ Склад: 10, Резерв: 2, 'К продаже': 8 });
    expect(ozonShows(sandboxes, 0)).toBe(8);
    expect(aliShows(0)).toEqual({ available: 8, reserved: 2 });
    expect(rowsOf(shop.book, 'Резервы')).toEqual([
      expect.objectContaining({ Канал: 'AliExpress', Артикул: sku(0), 'Кол-во': 2, Статус: 'Активен' }),
    ]);
    expect(String(rowsOf(shop.book, 'Резервы')[0].Заказ)).toBe(orderId);
    expect(rowsOf(shop.book, 'Резервы')[0].Комментарий).toBe('создан, доставка: ещё не отправлен');
    sandboxes.control('aliexpress', 'ship', { orderId });
    sandboxes.clock.advance(MIN);
    shop.g.fn.runScheduledSync();
    expect(stockRow(shop.book, 0)).toMatchObject({ Склад: 8, Резерв: 0, 'К продаже': 8 });
    expect(rowsOf(shop.book, 'Резервы')[0]).toMatchObject({ Статус: 'Списан' });
    const second = sandboxes.control('aliexpress', 'buyer-order', { id: sku(1), quantity: 3 });
    sandboxes.clock.advance(MIN);
    shop.g.fn.runScheduledSync();
    expect(ozonShows(sandboxes, 1)).toBe(7);
    sandboxes.control('aliexpress', 'cancel', { orderId: second.orderId });
    sandboxes.clock.advance(MIN);
    shop.g.fn.runScheduledSync();
    expect(rowsOf(shop.book, 'Резервы')[1]).toMatchObject({ Статус: 'Снят' });
    expect(ozonShows(sandboxes, 1)).toBe(10);
  });

  it('double reservation reads what AliExpress shows for sale: a drop without an order is held «По остатку»', () => {
    const shop = open(3, {
      settings: { reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true } },
    });
    shop.g.fn.sendStocks('sidebar');
    sandboxes.clock.advance(6 * MIN);
    sandboxes.control('aliexpress', 'set-stock', { code: sku(2), available: 9 });
    shop.g.fn.runScheduledSync();
    expect(rowsOf(shop.book, 'Резервы')).toEqual([
      expect.objectContaining({
        Канал: 'AliExpress',
        Артикул: sku(2),
        'Кол-во': 1,
        Тип: 'По остатку',
        Статус: 'Активен',
      }),
    ]);
    expect(ozonShows(sandboxes, 2)).toBe(9);
  });
});
