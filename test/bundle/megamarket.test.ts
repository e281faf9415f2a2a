/**
 * A MegaMarket channel beside an Ozon channel, through dist/Code.js and the sandboxes: the token in the
 * caller's user properties, «Проверить подключение», sending, its buyers' orders reserving stock and
 * lowering Ozon in the same run, shipment and cancellation, nothing recorded as sent that MegaMarket
 * did not confirm, and what a marketplace without a stock read means: no double reservation, no
 * «channel» source, and a lost «_Отправлено» that holds every zero until confirmed.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { MM_SANDBOX } from '../../dev/sandbox/megamarket';
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { ledgerOf, openPairShop, type Partner, pairSettings, plain, rowsOf, stockRow } from './pairShop';
import { journal, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const STOCKS = '/api/merchantIntegration/v1/offerService/stock/update';
const MM: Partner = {
  market: 'megamarket',
  channel: { id: 'mm', name: 'Мегамаркет', column: 'Мегамаркет', marketplace: 'megamarket' },
  credentials: MM_SANDBOX,
  seed: (ids) => {
    sandboxes.control('megamarket', 'seed', { offers: ids });
    sandboxes.control('megamarket', 'configure', { applyDelayMs: 0 });
  },
};

const open = (n: number, options: Parameters<typeof openPairShop>[3] = {}) => openPairShop(sandboxes, MM, n, options);
const mmShows = (i: number) => sandboxes.control('megamarket', 'stock', { offerId: sku(i) });
const ozonShows = (i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: 22254230484000 })?.free_stock;
const mmRequests = () => sandboxes.control('megamarket', 'log') as { path: string; items: number; status: number }[];
const sent = (shop: { book: FakeSpreadsheet }) => ledgerOf(shop.book, 'mm');

describe('connecting', () => {
  it('setCredentials keeps the token in user properties; testConnection checks it and says what MegaMarket cannot do', () => {
    const shop = open(3, { connect: false });
    expect(plain(shop.g.fn.setCredentials('mm', { token: ` ${MM_SANDBOX.token} ` }))).toEqual({
      ok: true,
      connection: {
        channelId: 'mm',
        status: 'connected',
        check: 'unchecked',
        text: 'ключ сохранён, не проверен (…9e41); склад выбирать не нужно',
      },
    });
    const owner = shop.g.properties.users.get('owner@example.com');
    expect(JSON.parse(owner?.data.get('credentials.mm') ?? '{}')).toEqual(MM_SANDBOX);
    expect(plain(shop.g.fn.testConnection('mm'))).toEqual({
      ok: true,
      channelId: 'mm',
      targets: [],
      note: expect.stringContaining('Мегамаркет не показывает остатки через API'),
    });
    expect(plain(shop.g.fn.getState()).connections[1]).toMatchObject({ channelId: 'mm', check: 'ok' });
  });

  it('a wrong token: the check fails in Russian, naming no token', () => {
    const shop = open(3, { connect: false });
    shop.g.fn.setCredentials('mm', { token: 'ffffffff-0000-4000-8000-000000000000' });
    const result = plain(shop.g.fn.testConnection('mm'));
    expect(result).toEqual({
      ok: false,
      channelId: 'mm',
      reason: 'refused',
      error:
        'Мегамаркет: Мегамаркет не принял токен (UNAUTHORIZED Токен не найден или недействителен). Проверьте токен в личном кабинете Мегамаркета.',
    });
    expect(JSON.stringify(plain(shop.g.fn.getState()))).not.toContain('ffffffff-0000-4000-8000-000000000000');
  });

  it('the token is refused with a Russian message when it cannot be sent', () => {
    const shop = open(1, { connect: false });
    expect(plain(shop.g.fn.setCredentials('mm', { token: '' }))).toEqual({
      ok: false,
      error: 'Мегамаркет: Введите токен Мегамаркета',
    });
  });
});

describe('sending and orders', () => {
  it('sends both channels; a MegaMarket order reserves stock and lowers Ozon in the same run; shipment writes off', () => {
    const shop = open(5);
    const first = plain(shop.g.fn.sendStocks('sidebar'));
    expect(first.channels.map((c: any) => [c.channel, c.status, c.accepted])).toEqual([
      ['Ozon', 'Выполнено', 5],
      ['Мегамаркет', 'Выполнено', 5],
    ]);
    expect(mmShows(0)).toEqual({ available: 10, reserved: 0 });
    expect(sent(shop)).toMatchObject({ [sku(0)]: 10 });
    sandboxes.clock.advance(60_000);
    const { orderId } = sandboxes.control('megamarket', 'buyer-order', { id: sku(0), quantity: 2 });
    sandboxes.clock.advance(60_000);
    expect(plain(shop.g.fn.runScheduledSync()).status).toBe('done');
    expect(stockRow(shop.book, 0)).toMatchObject({ Склад: 10, Резерв: 2, 'К продаже': 8 });
    expect(ozonShows(0)).toBe(8);
    expect(mmShows(0)).toEqual({ available: 8, reserved: 2 });
    expect(rowsOf(shop.book, 'Резервы')).toEqual([
      expect.objectContaining({
        Канал: 'Мегамаркет',
        Артикул: sku(0),
        'Кол-во': 2,
        Статус: 'Активен',
        Комментарий: 'новый',
      }),
    ]);
    expect(String(rowsOf(shop.book, 'Резервы')[0].Заказ)).toBe(orderId);
    sandboxes.control('megamarket', 'ship', { orderId });
    sandboxes.clock.advance(60_000);
    shop.g.fn.runScheduledSync();
    expect(stockRow(shop.book, 0)).toMatchObject({ Склад: 8, Резерв: 0, 'К продаже': 8 });
    expect(rowsOf(shop.book, 'Резервы')[0]).toMatchObject({ Статус: 'Списан' });
    expect(journal(shop.book).find((r) => r.Статус === 'Списание')).toMatchObject({ Канал: 'Мегамаркет' });
  });

  it('a cancelled MegaMarket order frees its units on every channel', () => {
    const shop = open(3);
    shop.g.fn.sendStocks('sidebar');
    sandboxes.clock.advance(60_000);
    const { orderId } = sandboxes.control('megamarket', 'buyer-order', { id: sku(1), quantity: 4 });
    sandboxes.clock.advance(60_000);
    shop.g.fn.runScheduledSync();
    expect(ozonShows(1)).toBe(6);
    sandboxes.control('megamarket', 'cancel', { orderId });
    sandboxes.clock.advance(60_000);
    shop.g.fn.runScheduledSync();
    expect(rowsOf(shop.book, 'Резервы')[0]).toMatchObject({ Статус: 'Снят' });
    expect(ozonShows(1)).toBe(10);
    expect(mmShows(1)).toEqual({ available: 10, reserved: 0 });
  });

  it('nothing is recorded as sent that MegaMarket did not confirm: HTTP 200 with error, an unknown offer', () => {
    const shop = open(4);
    sandboxes.control('megamarket', 'fault', { kind: 'status', status: 200, count: 1000, path: STOCKS });
    const refused = plain(shop.g.fn.sendStocks('sidebar'));
    expect(refused.channels[1]).toMatchObject({ channel: 'Мегамаркет', accepted: 0, errors: 4 });
    expect(sent(shop)).toEqual({});
    sandboxes.control('megamarket', 'clear-faults');
    // The catalogue on MegaMarket lacks one SKU: that one is refused with its reason, the rest go.
    sandboxes.control('megamarket', 'reset');
    sandboxes.control('megamarket', 'seed', { offers: [sku(0), sku(1), sku(3)] });
    sandboxes.clock.advance(60_000);
    const partly = plain(shop.g.fn.runScheduledSync());
    expect(partly.channels.find((c: any) => c.channel === 'Мегамаркет')).toMatchObject({
      status: 'Частично',
      accepted: 3,
      errors: 1,
      details: expect.stringContaining(`Оффер ${sku(2)} не найден`),
    });
    expect(Object.keys(sent(shop)).sort()).toEqual([sku(0), sku(1), sku(3)]);
  });
});

describe('a marketplace without a stock read', () => {
  it('double reservation reads nothing from MegaMarket and pretends nothing', () => {
    const shop = open(3, {
      settings: { reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true } },
    });
    shop.g.fn.sendStocks('sidebar');
    sandboxes.clock.advance(20 * 60_000);
    // MegaMarket's own count drops without an order the API lists: nothing can see it.
    sandboxes.control('megamarket', 'set-stock', { offerId: sku(0), available: 7 });
    sandboxes.control('megamarket', 'clear-log');
    expect(plain(shop.g.fn.runScheduledSync()).ok).toBe(true);
    expect(rowsOf(shop.book, 'Резервы')).toEqual([]);
    expect(mmRequests().every((r) => r.path.includes('orderService'))).toBe(true);
    expect(journal(shop.book).filter((r) => r.Статус === 'Ошибка')).toEqual([]);
  });

  it('is refused as a «channel» source at save, in Russian', () => {
    const shop = open(1);
    const result = plain(
      shop.g.fn.saveSettings(
        pairSettings(MM, {
          warehouses: [
            { id: 'main', column: 'Склад', type: 'own', inSale: true },
            {
              id: 'other',
              column: 'Склад ММ',
              type: 'own',
              inSale: false,
              source: { kind: 'channel', channelId: 'mm' },
            },
          ],
        }),
      ),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'warehouses.1.source.channelId',
          message: expect.stringContaining('Мегамаркет не показывает остатки через API'),
        },
      ],
    });
  });

  it('a lost «_Отправлено»: every zero is held until confirmed, even two; Ozon reads its baseline and sends', () => {
    const before = open(10);
    before.g.fn.sendStocks('sidebar');
    sandboxes.clock.advance(60_000);
    // The same document without «_Отправлено».
    const book = new FakeSpreadsheet();
    for (const sheet of before.book.getSheets())
      if (sheet.getName() !== '_Отправлено') book.addSheet(sheet.getName(), sheet.dump());
    const g = loadBundle({ book, sandboxes, properties: before.g.properties });
    book.sheet('Остатки').put(2, 3, 0);
    book.sheet('Остатки').put(3, 3, 0);
    book.sheet('Остатки').put(4, 3, 12);
    const run = plain(g.fn.runScheduledSync());
    const mm = run.channels.find((c: any) => c.channel === 'Мегамаркет');
    expect(mm).toMatchObject({ status: 'Частично', accepted: 8 });
    expect(mm.details).toContain('лист «_Отправлено» потерян, а площадка не показывает свои остатки');
    expect(mmShows(0)).toEqual({ available: 10, reserved: 0 });
    expect(mmShows(2)).toEqual({ available: 12, reserved: 0 });
    // Two zeros of ten are no mass zero for Ozon, whose baseline was read: they went.
    expect(ozonShows(0)).toBe(0);
    expect(plain(g.fn.getState()).held.mm).toMatchObject({ count: 2, toZero: [sku(0), sku(1)], unrecorded: true });
    // The next run still holds them, though «_Отправлено» has MegaMarket's other items again.
    sandboxes.clock.advance(60_000);
    sandboxes.control('megamarket', 'clear-log');
    g.fn.runScheduledSync();
    expect(mmRequests().filter((r) => r.path === STOCKS)).toEqual([]);
    expect(mmShows(1)).toEqual({ available: 10, reserved: 0 });
    // «Подтвердить отправку» sends them, and the hold ends.
    const confirmed = plain(g.fn.confirmHeldSend('mm'));
    expect(confirmed.channels.find((c: any) => c.channel === 'Мегамаркет')).toMatchObject({ accepted: 2 });
    expect(mmShows(0)).toEqual({ available: 0, reserved: 0 });
    expect(plain(g.fn.getState()).held.mm).toBeUndefined();
    expect(ledgerOf(book, 'mm')).toMatchObject({ [sku(0)]: 0, [sku(1)]: 0, [sku(2)]: 12 });
  });
});
