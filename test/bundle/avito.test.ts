/**
 * Avito through dist/Code.js beside Ozon (issue 15): keys kept in the user's properties only, the
 * check's one target, a push per listing with the token kept in the user's CacheService cache, and
 * an Avito buyer's order that reserves stock, lowers Ozon in the same run, is written off when
 * shipped and freed when cancelled.
 */
import { AVITO_SANDBOX } from '../../dev/sandbox/avito';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { avitoListing, journal, openShop, type Shop, shopSettings, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});
afterEach(() => {
  expect(sandboxes.control('avito', 'violations')).toEqual([]);
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const MINUTE = 60_000;
const TOKEN_KEY = `avito.token.${AVITO_SANDBOX.clientId}`;

const AVITO_CHANNEL = {
  id: 'avito',
  name: 'Авито',
  column: 'Авито',
  marketplace: 'avito',
  idHeader: 'Авито ID',
  rule: { type: 'share', percent: 100 },
};

/** The shop's Ozon channel and an Avito one, its listings in «Авито ID»; reserves on when asked. */
function avitoShop(n: number, options: { reserves?: boolean; connect?: boolean } = {}): Shop {
  const shop = openShop(sandboxes, n, { avito: true });
  const base = shopSettings(
    options.reserves ? { reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } } : {},
  ) as { channels: unknown[] };
  const saved = shop.g.fn.saveSettings({ ...base, channels: [base.channels[0], AVITO_CHANNEL] });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  if (options.connect !== false) shop.g.fn.setCredentials('avito', AVITO_SANDBOX);
  return shop;
}

const avitoStock = (i: number) => sandboxes.control('avito', 'stock', { itemId: avitoListing(i) });
const ozonStock = (i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: OZON_WAREHOUSES[0].warehouse_id })?.present;
const tokenRequests = () =>
  (sandboxes.control('avito', 'log') as { path: string }[]).filter((e) => e.path === '/token').length;

function reserveRows(shop: Shop): Record<string, unknown>[] {
  const rows = shop.book.sheet('Резервы').dump();
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
}

function stockRow(shop: Shop, i: number): Record<string, unknown> {
  const rows = shop.book.sheet('Остатки').dump();
  return Object.fromEntries(rows[0].map((h, k) => [String(h), rows[i + 1][k]]));
}

it('keys: bad ones are refused in Russian and nothing is kept; good ones only in the user’s properties', () => {
  const { g } = avitoShop(3, { connect: false });
  expect(plain(g.fn.setCredentials('avito', { clientId: AVITO_SANDBOX.clientId }))).toEqual({
    ok: false,
    error: 'Авито: Введите Client Secret (кабинет Авито: avito.ru/professionals/api), без пробелов',
  });
  expect(plain(g.fn.setCredentials('avito', { clientId: 'клиент', clientSecret: 'secret-0123456789' }))).toEqual({
    ok: false,
    error: expect.stringMatching(/^Авито: Ключ содержит символы, которые нельзя передать площадке/),
  });
  expect(g.properties.getUserProperties().getProperty('credentials.avito')).toBeNull();
  const set = plain(
    g.fn.setCredentials('avito', { ...AVITO_SANDBOX, clientSecret: ` ${AVITO_SANDBOX.clientSecret} ` }),
  );
  expect(set).toEqual({
    ok: true,
    connection: {
      channelId: 'avito',
      status: 'connected',
      check: 'unchecked',
      text: 'ключ сохранён, не проверен (…6789); остатки по объявлениям',
    },
  });
  expect(JSON.parse(g.properties.getUserProperties().getProperty('credentials.avito') as string)).toEqual(
    AVITO_SANDBOX,
  );
  expect(JSON.stringify([...g.properties.document.data])).not.toContain(AVITO_SANDBOX.clientSecret);
});

it('«Проверить подключение» gets a token and names the one target: Avito has no warehouses', () => {
  const { g } = avitoShop(3);
  const check = plain(g.fn.testConnection('avito'));
  expect(check).toEqual({
    ok: true,
    channelId: 'avito',
    targets: [
      {
        id: 'listings',
        name: 'Авито: остатки по объявлениям',
        note: 'складов у Авито нет: остаток задаётся каждому объявлению, номер объявления — в столбце ID канала',
      },
    ],
  });
  expect(plain(g.fn.getState()).connections.find((c: { channelId: string }) => c.channelId === 'avito')).toMatchObject({
    check: 'ok',
  });
  g.fn.setCredentials('avito', { ...AVITO_SANDBOX, clientSecret: 'not-the-secret-4321' });
  const wrong = plain(g.fn.testConnection('avito'));
  expect(wrong).toEqual({
    ok: false,
    channelId: 'avito',
    reason: 'refused',
    error: expect.stringContaining('неверный Client ID или Client Secret'),
  });
  expect(JSON.stringify(wrong)).not.toContain('not-the-secret');
});

it('sends each listing its stock; one token serves the runs, kept in the user’s cache for 6 hours at most', () => {
  const shop = avitoShop(5);
  const { g, book } = shop;
  sandboxes.control('avito', 'clear-log');
  expect(plain(g.fn.sendStocks('sidebar'))).toMatchObject({ ok: true, status: 'done' });
  expect([0, 1, 2, 3, 4].map((i) => avitoStock(i).quantity)).toEqual([10, 11, 12, 13, 14]);
  expect(journal(book).find((r) => r.Канал === 'Авито')).toMatchObject({ Статус: 'Выполнено', Позиций: 5, Принято: 5 });
  const cache = g.cache.getUserCache();
  expect(cache.puts).toEqual([{ key: TOKEN_KEY, seconds: 21_600 }]);
  expect(tokenRequests()).toBe(1);
  // An edit an hour later: the cached token, no new one.
  sandboxes.clock.advance(60 * MINUTE);
  book.sheet('Остатки').put(2, 3, 3);
  g.fn.onEditInstalled({ range: { getSheet: () => ({ getName: () => 'Остатки' }) } });
  expect(avitoStock(0).quantity).toBe(3);
  expect(tokenRequests()).toBe(1);
  // Google may drop the entry early; 6 hours on it is gone anyway: either way the next run asks again.
  cache.evict();
  book.sheet('Остатки').put(2, 3, 4);
  g.fn.onEditInstalled({ range: { getSheet: () => ({ getName: () => 'Остатки' }) } });
  expect(tokenRequests()).toBe(2);
  sandboxes.clock.advance(6 * 60 * MINUTE);
  book.sheet('Остатки').put(2, 3, 5);
  g.fn.onEditInstalled({ range: { getSheet: () => ({ getName: () => 'Остатки' }) } });
  expect(tokenRequests()).toBe(3);
  expect(avitoStock(0).quantity).toBe(5);
  // The token is never kept where an editor could read it.
  const token = JSON.parse(cache.get(TOKEN_KEY) as string).value;
  expect(JSON.stringify([...g.properties.document.data])).not.toContain(token);
  expect(JSON.stringify(book.sheet('Журнал').dump())).not.toContain(token);
});

describe('an Avito buyer’s order', () => {
  function orderedShop(i: number, quantity: number) {
    const shop = avitoShop(5, { reserves: true });
    shop.g.fn.sendStocks('sidebar');
    sandboxes.clock.advance(MINUTE);
    const { orderId } = sandboxes.control('avito', 'buyer-order', { id: avitoListing(i), quantity });
    // Avito lists it 30 s after the buyer placed it.
    sandboxes.clock.advance(MINUTE);
    expect(plain(shop.g.fn.runScheduledSync()).status).toBe('done');
    return { shop, orderId: String(orderId) };
  }

  it('reserves its units and lowers Ozon and Avito in the same run', () => {
    const { shop, orderId } = orderedShop(0, 2);
    expect(reserveRows(shop)).toEqual([
      expect.objectContaining({
        Канал: 'Авито',
        Заказ: orderId,
        Артикул: sku(0),
        'Кол-во': 2,
        Тип: 'Заказ',
        Статус: 'Активен',
        Комментарий: expect.stringContaining('ожидает подтверждения'),
      }),
    ]);
    expect(stockRow(shop, 0)).toMatchObject({ Склад: 10, Резерв: 2, 'К продаже': 8 });
    expect(ozonStock(0)).toBe(8);
    // Avito holds what was pushed; it shows it less its own booking (AVITO_VERIFY: «минус бронь»).
    expect(avitoStock(0)).toMatchObject({ quantity: 8, reserved: 2 });
    expect(journal(shop.book).find((r) => r.Статус === 'Заказы')).toMatchObject({
      Канал: 'Авито',
      Подробности: expect.stringContaining('новых резервов 1'),
    });
  });

  it('shipped: the warehouse cell is written off once, the reserve closed, Ozon stays right', () => {
    const { shop, orderId } = orderedShop(1, 3);
    sandboxes.control('avito', 'ship', { orderId });
    for (let k = 0; k < 2; k++) {
      sandboxes.clock.advance(MINUTE);
      shop.g.fn.runScheduledSync();
    }
    expect(stockRow(shop, 1)).toMatchObject({ Склад: 8, Резерв: 0, 'К продаже': 8 });
    expect(reserveRows(shop)).toEqual([expect.objectContaining({ Заказ: orderId, Статус: 'Списан' })]);
    expect(ozonStock(1)).toBe(8);
    expect(journal(shop.book).filter((r) => r.Статус === 'Списание')).toEqual([
      expect.objectContaining({ Канал: 'Авито', Подробности: `заказ ${orderId}, ${sku(1)}: «Склад» 11 → 8` }),
    ]);
  });

  it('cancelled: the reserve is taken off and the units are for sale everywhere again', () => {
    const { shop, orderId } = orderedShop(2, 1);
    expect(ozonStock(2)).toBe(11);
    sandboxes.control('avito', 'cancel', { orderId });
    sandboxes.clock.advance(MINUTE);
    shop.g.fn.runScheduledSync();
    expect(reserveRows(shop)).toEqual([expect.objectContaining({ Заказ: orderId, Статус: 'Снят' })]);
    expect(stockRow(shop, 2)).toMatchObject({ Склад: 12, Резерв: 0, 'К продаже': 12 });
    expect(ozonStock(2)).toBe(12);
    expect(avitoStock(2)).toMatchObject({ quantity: 12, reserved: 0, shown: 12 });
  });
});
