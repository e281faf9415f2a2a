/**
 * «Канал» on «Резервы» shows the channel's name (issue 14): rows are matched back by code (older rows), by
 * name (the add-on's and hand-made ones), or by a former name after a rename — so that a renamed channel
 * neither loses nor doubles a reserve.
 */
import type { OrderLine } from '../../src/connectors/common';
import { channelCellText, channelIdOfCell, withFormerNames } from '../../src/core/channelNames';
import { type ReservePlan, reconcileOrders } from '../../src/core/orders';
import { readReserves } from '../../src/core/reserves';
import { type Settings, validateSettings } from '../../src/core/settings';
import { reserveHeader } from '../fixtures/workedExample';

const now = Date.parse('2026-11-22T10:00:00Z');
function settingsOf(names: { ozon?: string; wb?: string } = {}): Settings {
  const r = validateSettings(
    {
      version: 1,
      reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true },
      warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
      channels: [
        { id: 'c1', name: names.ozon ?? 'Ozon', column: 'Ozon', marketplace: 'ozon' },
        { id: 'c2', name: names.wb ?? 'Wildberries', column: 'WB', marketplace: 'wb' },
      ],
    },
    new Date(now),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}
const stock = (): unknown[][] => [
  ['Артикул', 'Склад'],
  ['A', 10],
  ['B', 10],
];
const line = (orderId: string, sku: string, status: OrderLine['status'], quantity = 1): OrderLine => ({
  orderId,
  itemIds: [sku],
  quantity,
  status,
  rawStatus: status,
  createdAt: '2026-11-22T09:00:00Z',
});

function pull(
  settings: Settings,
  reserves: unknown[][],
  orders: Record<string, OrderLine[]>,
  extra: Partial<Parameters<typeof reconcileOrders>[0]> = {},
): ReservePlan {
  return reconcileOrders({
    settings,
    now,
    reserves,
    stock: stock(),
    orders: Object.entries(orders).map(([id, lines]) => ({
      channel: settings.channels.find((c) => c.id === id) as Settings['channels'][number],
      lines,
    })),
    date: (ms) => new Date(ms),
    ...extra,
  });
}

/** The rows as the seller reads them: «Канал», «Заказ», «Артикул», «Кол-во», «Тип», «Статус». */
const rows = (plan: ReservePlan) => plan.reserves.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[6], r[7]]);
/** Units held per SKU, as the recalculation counts them. */
const held = (plan: ReservePlan, settings: Settings) => {
  const book = readReserves(plan.reserves, settings, new Set(['A', 'B']), now);
  return Object.fromEntries([...book.bySku].map(([sku, units]) => [sku, units[0]]));
};

describe('which channel a «Канал» cell names', () => {
  const settings = settingsOf();
  it('by code (rows written before names were), by name in any case and with «ё», by a former name', () => {
    expect(channelIdOfCell('c1', settings)).toBe('c1');
    expect(channelIdOfCell(' ozon ', settings)).toBe('c1');
    expect(channelIdOfCell('WILDBERRIES', settings)).toBe('c2');
    const former = withFormerNames({}, settingsOf({ ozon: 'Озон Ёлка' }), settings) ?? {};
    expect(channelIdOfCell('ОЗОН ЕЛКА', settings, former)).toBe('c1');
    expect(channelIdOfCell('Сайт', settings)).toBe('Сайт');
  });
  it('a current name wins over a former one; a name two channels share names neither, and is written as the code', () => {
    expect(channelIdOfCell('Ozon', settingsOf({ ozon: 'Ozon 2', wb: 'Ozon' }), { ozon: 'c1' })).toBe('c2');
    const twins = settingsOf({ ozon: 'Маркет', wb: 'маркет' });
    expect(channelIdOfCell('Маркет', twins)).toBe('Маркет');
    expect(channelCellText(twins, twins.channels[1])).toBe('c2');
    expect(channelCellText(settings, settings.channels[1])).toBe('Wildberries');
  });
  it('a rename leaves the old name behind; a save that renames nothing changes nothing', () => {
    const renamed = settingsOf({ ozon: 'Ozon — ИП Иванов' });
    expect(withFormerNames({}, settingsOf(), renamed)).toEqual({ ozon: 'c1' });
    expect(withFormerNames({ ozon: 'c1' }, renamed, settingsOf({ ozon: 'Озон' }))).toEqual({
      ozon: 'c1',
      'ozon — ип иванов': 'c1',
    });
    expect(withFormerNames({}, renamed, renamed)).toBeUndefined();
    expect(withFormerNames({}, undefined, renamed)).toBeUndefined();
  });
});

describe('a renamed channel keeps its reserves (SPEC 5.1: key channel + order + SKU)', () => {
  it('writes the name; after a rename the same order reserves nothing twice, and its cancel still frees it', () => {
    const before = settingsOf();
    const first = pull(before, [reserveHeader], { c1: [line('P1', 'A', 'new', 2)], c2: [line('W1', 'B', 'new')] });
    expect(rows(first)).toEqual([
      ['Ozon', 'P1', 'A', 2, 'Заказ', 'Активен'],
      ['Wildberries', 'W1', 'B', 1, 'Заказ', 'Активен'],
    ]);
    const after = settingsOf({ ozon: 'Ozon — ИП Иванов' });
    const formerNames = withFormerNames({}, before, after);
    const ledger = first.orderLedger;
    // The same order listed again by the overlapping window: nothing new, nothing lost.
    const again = pull(
      after,
      first.reserves,
      { c1: [line('P1', 'A', 'new', 2)] },
      { formerNames, orderLedger: ledger },
    );
    expect(again.append).toEqual([]);
    expect(held(again, after)).toEqual({ A: 2, B: 1 });
    // A new order of the renamed channel is written with its new name.
    const next = pull(after, again.reserves, { c1: [line('P2', 'B', 'new')] }, { formerNames, orderLedger: ledger });
    expect(rows(next).slice(2)).toEqual([['Ozon — ИП Иванов', 'P2', 'B', 1, 'Заказ', 'Активен']]);
    // The old row, still saying «Ozon», is the one the cancel closes.
    const cancelled = pull(
      after,
      next.reserves,
      { c1: [line('P1', 'A', 'cancelled', 2)] },
      {
        formerNames,
        orderLedger: next.orderLedger ?? ledger,
      },
    );
    expect(rows(cancelled)[0]).toEqual(['Ozon', 'P1', 'A', 2, 'Заказ', 'Снят']);
    expect(held(cancelled, after)).toEqual({ B: 2 });
  });

  it('without the ledger (deleted) the row itself still stands for its order: no second reserve after a rename', () => {
    const before = settingsOf();
    const first = pull(before, [reserveHeader], { c1: [line('P1', 'A', 'new')] });
    const after = settingsOf({ ozon: 'Озон' });
    const again = pull(
      after,
      first.reserves,
      { c1: [line('P1', 'A', 'new')] },
      {
        formerNames: withFormerNames({}, before, after),
      },
    );
    expect(again.append).toEqual([]);
    expect(held(again, after)).toEqual({ A: 1 });
  });

  it('a «По остатку» reserve under the old name is replaced by the order that explains it, not doubled', () => {
    const before = settingsOf();
    // Pushed at 08:30; the order (09:00) is the sale the drop shows.
    const reading = { channelId: 'c1', id: 'A', shown: 7, lastAccepted: 10, lastAt: '2026-11-22T08:30:00Z' };
    const first = pull(before, [reserveHeader], {}, { readings: [reading] });
    expect(rows(first)).toEqual([['Ozon', '', 'A', 3, 'По остатку', 'Активен']]);
    const after = settingsOf({ ozon: 'Ozon — ИП Иванов' });
    const arrived = pull(
      after,
      first.reserves,
      { c1: [line('P9', 'A', 'new', 3)] },
      {
        formerNames: withFormerNames({}, before, after),
        readings: [{ ...reading, shown: 7 }],
      },
    );
    expect(rows(arrived)).toEqual([
      ['Ozon', '', 'A', 3, 'По остатку', 'Снят'],
      ['Ozon — ИП Иванов', 'P9', 'A', 3, 'Заказ', 'Активен'],
    ]);
    expect(held(arrived, after)).toEqual({ A: 3 });
  });

  it('rows written with codes before this change still count for their channel', () => {
    const settings = settingsOf();
    const old = [reserveHeader, ['', 'c1', 'P1', 'A', 2, 'Склад', 'Заказ', 'Активен', '', '', '']];
    const plan = pull(settings, old, { c1: [line('P1', 'A', 'shipped', 2)] });
    expect(rows(plan)).toEqual([['c1', 'P1', 'A', 2, 'Заказ', 'Списан']]);
    expect(plan.stockCells).toEqual([{ row: 2, column: 2, value: 8 }]);
  });

  it("a «Заказ» row a seller typed with the channel's name is the order's reserve: the pulled order adds none", () => {
    const settings = settingsOf();
    const typed = [reserveHeader, ['', 'wildberries', 'W7', 'B', 1, 'Склад', 'Заказ', 'Активен', '', '', '']];
    const plan = pull(settings, typed, { c2: [line('W7', 'B', 'new')] });
    expect(plan.append).toEqual([]);
    expect(held(plan, settings)).toEqual({ B: 1 });
    const shipped = pull(
      settings,
      plan.reserves,
      { c2: [line('W7', 'B', 'shipped')] },
      { orderLedger: plan.orderLedger },
    );
    expect(rows(shipped)).toEqual([['wildberries', 'W7', 'B', 1, 'Заказ', 'Списан']]);
  });
});
