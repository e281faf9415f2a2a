import type { OrderLine } from '../../src/connectors/common';
import { reconcileOrders } from '../../src/core/orders';
import { type Settings, validateSettings } from '../../src/core/settings';
import { reserveHeader } from '../fixtures/workedExample';

const now = Date.parse('2026-11-22T10:00:00Z');
function settingsOf(over: Record<string, unknown> = {}): Settings {
  const r = validateSettings(
    {
      version: 1,
      reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' },
      warehouses: [
        { id: 'main', column: 'Склад', type: 'own', inSale: true },
        {
          id: 'sup',
          column: 'Поставщик',
          type: 'supplier',
          inSale: true,
          source: { kind: 'csv', url: 'https://example.com/a.csv', skuHeader: 'sku', qtyHeader: 'qty' },
        },
      ],
      channels: [
        { id: 'ozon', name: 'Ozon', column: 'Ozon', marketplace: 'ozon' },
        { id: 'wb', name: 'WB', column: 'WB', marketplace: 'wb', idHeader: 'Баркод', shipFrom: 'sup' },
      ],
      ...over,
    },
    new Date(now),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}
const stock = (): unknown[][] => [
  ['Артикул', 'Склад', 'Поставщик', 'Баркод'],
  ['A', 5, 3, '111'],
  ['B', 1, 0, '222'],
];
const line = (
  orderId: string,
  itemIds: string[],
  status: OrderLine['status'],
  quantity = 1,
  createdAt = '2026-11-22T09:00:00Z',
): OrderLine => ({ orderId, itemIds, quantity, status, rawStatus: status, createdAt });
const run = (
  orders: { channel: string; lines: OrderLine[] }[],
  reserves: unknown[][] = [reserveHeader],
  st = stock(),
  settings = settingsOf(),
  extra: Partial<Parameters<typeof reconcileOrders>[0]> = {},
) =>
  reconcileOrders({
    settings,
    now,
    reserves,
    stock: st,
    orders: orders.map((o) => ({ channel: settings.channels.find((c) => c.id === o.channel)!, lines: o.lines })),
    date: (ms) => new Date(ms),
    ...extra,
  });

describe('reconcileOrders', () => {
  it('makes one reserve per channel + order + SKU, summing lines, and none the second time', () => {
    const first = run([{ channel: 'ozon', lines: [line('P1', ['A'], 'new', 1), line('P1', ['A'], 'new', 2)] }]);
    expect(first.append).toHaveLength(1);
    expect(first.append[0].slice(1, 8)).toEqual(['Ozon', 'P1', 'A', 3, 'Склад', 'Заказ', 'Активен']);
    const again = run([{ channel: 'ozon', lines: [line('P1', ['A'], 'new', 3)] }], first.reserves);
    expect(again.append).toEqual([]);
    expect(again.reserveCells).toEqual([]);
  });

  it('writes off a hand-kept warehouse on shipment, once; a shipment seen first is recorded as «Списан»', () => {
    const first = run([{ channel: 'ozon', lines: [line('P2', ['B'], 'shipped', 2)] }]);
    expect(first.append[0].slice(1, 8)).toEqual(['Ozon', 'P2', 'B', 2, 'Склад', 'Заказ', 'Списан']);
    expect(first.stockCells).toEqual([{ row: 3, column: 2, value: 0 }]);
    expect(first.events.find((e) => e.status === 'Списание')?.details).toBe(
      'заказ P2, B: «Склад» 1 → 0 (в ячейке было меньше, чем в заказе)',
    );
    const again = run([{ channel: 'ozon', lines: [line('P2', ['B'], 'shipped', 2)] }], first.reserves, first.stock);
    expect(again.stockCells).toEqual([]);
  });

  it("keeps a source-fed warehouse's reserve active after shipment, marked for its next import", () => {
    const created = run([{ channel: 'wb', lines: [line('9', ['111', 'A'], 'new')] }]);
    const shipped = run([{ channel: 'wb', lines: [line('9', ['111', 'A'], 'shipped')] }], created.reserves);
    expect(shipped.stockCells).toEqual([]);
    const row = shipped.reserves[1];
    expect(row[7]).toBe('Активен');
    expect(row[10]).toBe('отгружен: закроется после импорта склада «Поставщик»');
  });

  it('ignores orders before activeFrom and reports an unknown item once', () => {
    const r = run([
      { channel: 'ozon', lines: [line('OLD', ['A'], 'new', 1, '2026-10-01T00:00:00Z'), line('X', ['ZZZ'], 'new')] },
    ]);
    expect(r.append).toEqual([]);
    expect(r.reported).toEqual(['ozon|X|ZZZ']);
    const again = run(
      [{ channel: 'ozon', lines: [line('X', ['ZZZ'], 'new')] }],
      [reserveHeader],
      stock(),
      settingsOf(),
      { reported: new Set(r.reported) },
    );
    // The item is not named again, and a pull that changes nothing writes no row at all.
    expect(again.events).toEqual([]);
  });

  it('writes order ids that look like formulas as text', () => {
    const r = run([{ channel: 'ozon', lines: [line('=HACK()', ['A'], 'new')] }]);
    expect(r.append[0][2]).toBe("'=HACK()");
  });

  it('makes a «По остатку» reserve for an unexplained drop, and an order takes its place in part', () => {
    const settings = settingsOf({
      reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true, pendingHoldMinutes: 60 },
    });
    const drop = run([], [reserveHeader], stock(), settings, {
      readings: [{ channelId: 'ozon', id: 'A', shown: 2, lastAccepted: 5, lastAt: '2026-11-22T08:00:00.000Z' }],
    });
    expect(drop.append[0].slice(1, 8)).toEqual(['Ozon', '', 'A', 3, 'Склад', 'По остатку', 'Активен']);
    expect((drop.append[0][8] as Date).toISOString()).toBe('2026-11-22T11:00:00.000Z');
    const order = run([{ channel: 'ozon', lines: [line('P5', ['A'], 'new', 2)] }], drop.reserves, stock(), settings);
    expect(order.reserveCells).toEqual([{ row: 2, column: 5, value: 1 }]);
    // Another reading of the same drop adds nothing: the pending 1 and the order's 2 explain it.
    const later = run([], order.reserves, stock(), settings, {
      readings: [{ channelId: 'ozon', id: 'A', shown: 2, lastAccepted: 5, lastAt: '2026-11-22T08:00:00.000Z' }],
    });
    expect(later.append).toEqual([]);
  });

  it('closes an active order reserve on cancellation, once; a cancellation after shipment changes nothing', () => {
    const created = run([{ channel: 'ozon', lines: [line('C1', ['A'], 'new', 2)] }]);
    const cancelled = run([{ channel: 'ozon', lines: [line('C1', ['A'], 'cancelled', 2)] }], created.reserves);
    expect(cancelled.reserveCells).toEqual([
      { row: 2, column: 8, value: 'Снят' },
      { row: 2, column: 10, value: new Date(now) },
    ]);
    expect(cancelled.events[0].details).toBe('строк заказов 1, новых резервов 0, отгружено 0, отменено 1');
    const again = run([{ channel: 'ozon', lines: [line('C1', ['A'], 'cancelled', 2)] }], cancelled.reserves);
    expect(again.reserveCells).toEqual([]);
    const shipped = run([{ channel: 'ozon', lines: [line('C2', ['A'], 'shipped', 1)] }]);
    const late = run([{ channel: 'ozon', lines: [line('C2', ['A'], 'cancelled', 1)] }], shipped.reserves);
    expect(late.reserveCells).toEqual([]);
  });

  it('reports a write-off it cannot make: no warehouse column, or no number in the cell', () => {
    const noColumn = run(
      [{ channel: 'ozon', lines: [line('W1', ['A'], 'shipped', 1)] }],
      [reserveHeader],
      [
        ['Артикул', 'Поставщик'],
        ['A', 3],
      ],
    );
    expect(noColumn.stockCells).toEqual([]);
    expect(noColumn.events[0]).toEqual({
      channel: 'Ozon',
      status: 'Списание',
      items: 1,
      details: 'заказ W1, A: нет столбца «Склад» — не списано',
    });
    const st = stock();
    st[1][1] = 'много';
    const notNumber = run([{ channel: 'ozon', lines: [line('W2', ['A'], 'shipped', 1)] }], [reserveHeader], st);
    expect(notNumber.stockCells).toEqual([]);
    expect(notNumber.events[0].details).toBe(
      'заказ W2, A: в ячейке «Склад» не число («много» — не число) — не списано',
    );
    expect(notNumber.append[0][7]).toBe('Списан');
  });

  it('says which columns «Резервы» lacks and reserves nothing', () => {
    const r = run([{ channel: 'ozon', lines: [line('M1', ['A'], 'new')] }], [reserveHeader.slice(0, 5)]);
    expect(r.append).toEqual([]);
    expect(r.events).toEqual([
      {
        channel: '—',
        status: 'Заказы',
        items: 0,
        details: 'на листе «Резервы» не хватает столбцов: заказы не резервируются',
      },
    ]);
  });

  it('names at most five unknown items and counts the lines older than «резервы с»', () => {
    const unknown = Array.from({ length: 7 }, (_, i) => line(`U${i}`, [`Z${i}`], 'new'));
    const r = run([{ channel: 'ozon', lines: [line('OLD', ['A'], 'shipped', 1, '2026-10-01T00:00:00Z'), ...unknown] }]);
    expect(r.events).toEqual([
      {
        channel: 'Ozon',
        status: 'Заказы',
        items: 8,
        details:
          'строк заказов 8, новых резервов 0, отгружено 0, отменено 0, старше «резервы с» 1, нет в таблице: ' +
          'заказ U0: товар Z0; заказ U1: товар Z1; заказ U2: товар Z2; заказ U3: товар Z3; заказ U4: товар Z4; и ещё 2',
      },
    ]);
    expect(r.stockCells).toEqual([]);
  });

  it('lets a «По остатку» reserve expire, and an order replaces a whole one', () => {
    const settings = settingsOf({
      reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true, pendingHoldMinutes: 30 },
    });
    const pending = (sku: string, qty: number, until: string) => [
      '22.11.2026 12:00',
      'ozon',
      '',
      sku,
      qty,
      'Склад',
      'По остатку',
      'Активен',
      until,
      '',
      '',
    ];
    const reserves = [reserveHeader, pending('A', 2, '22.11.2026 12:30'), pending('B', 1, '22.11.2026 14:00')];
    const r = run([{ channel: 'ozon', lines: [line('P7', ['B'], 'new', 1)] }], reserves, stock(), settings);
    expect(r.reserveCells).toEqual([
      { row: 2, column: 8, value: 'Истёк' },
      { row: 2, column: 10, value: new Date(now) },
      { row: 3, column: 8, value: 'Снят' },
      { row: 3, column: 10, value: new Date(now) },
      { row: 3, column: 11, value: 'заменён заказом P7' },
    ]);
    expect(r.append[0].slice(1, 8)).toEqual(['Ozon', 'P7', 'B', 1, 'Склад', 'Заказ', 'Активен']);
  });

  it('journals the «По остатку» reserves of a channel in one row', () => {
    const settings = settingsOf({
      reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true, pendingHoldMinutes: 60 },
    });
    const reading = (id: string, shown: number, lastAccepted: number) => ({
      channelId: 'ozon',
      id,
      shown,
      lastAccepted,
      lastAt: '2026-11-22T08:00:00.000Z',
    });
    const r = run([], [reserveHeader], stock(), settings, {
      readings: [reading('A', 4, 5), reading('B', 0, 1), reading('NONE', 0, 3), reading('A', 6, 5)],
    });
    expect(r.append.map((row) => [row[3], row[4], row[10]])).toEqual([
      ['A', 1, 'Ozon показывает 4 вместо 5: ждём заказ'],
      ['B', 1, 'Ozon показывает 0 вместо 1: ждём заказ'],
    ]);
    expect(r.events).toEqual([
      {
        channel: 'Ozon',
        status: 'Заказы',
        items: 2,
        details: 'площадка показывает меньше, чем приняла, без заказа: резерв «По остатку» на 60 мин. — A −1, B −1',
      },
    ]);
  });
});

/** What Sheets gives back of written rows: a leading apostrophe only kept the text as text. */
const asRead = (rows: unknown[][] | null): unknown[][] | null =>
  rows?.map((r) => r.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v))) ?? null;
const withLine = (l: OrderLine, lineId: string): OrderLine => ({ ...l, lineId });
const DAY = 24 * 3600 * 1000;

describe('the same line listed twice in one pull', () => {
  it('counts once by the line identity; two lines of one order for the same SKU both count', () => {
    const repeated = withLine(line('P1', ['A'], 'new', 2), '0');
    const r = run([
      { channel: 'ozon', lines: [repeated, repeated, repeated, withLine(line('P1', ['A'], 'new', 1), '1')] },
    ]);
    expect(r.append.map((row) => row[4])).toEqual([3]);
    expect(r.events[0].details).toBe('строк заказов 2, новых резервов 1, отгружено 0, отменено 0');
  });

  it('takes the further status of a line listed as new and as shipped', () => {
    const r = run([
      {
        channel: 'ozon',
        lines: [withLine(line('P2', ['A'], 'shipped', 1), '0'), withLine(line('P2', ['A'], 'new', 1), '0')],
      },
    ]);
    expect(r.append[0][7]).toBe('Списан');
    expect(r.stockCells).toEqual([{ row: 2, column: 2, value: 4 }]);
  });
});

describe('«_Заказы»', () => {
  it('records reserving and writing off; a deleted row neither reserves nor writes off again', () => {
    const created = run([{ channel: 'ozon', lines: [line('L1', ['A'], 'new', 2)] }]);
    expect(asRead(created.orderLedger)).toEqual([
      ['Канал', 'Заказ', 'Артикул', 'Кол-во', 'Зарезервирован', 'Списан', 'Снят', 'Продано не позже', 'Комплект'],
      // Sold by the marketplace's order time: what double reservation compares with (SPEC 5.4).
      ['ozon', 'L1', 'A', 2, '2026-11-22T10:00:00.000Z', '', '', '2026-11-22T09:00:00.000Z', ''],
    ]);
    const ledger = asRead(created.orderLedger);
    const again = run(
      [{ channel: 'ozon', lines: [line('L1', ['A'], 'new', 2)] }],
      [reserveHeader],
      stock(),
      settingsOf(),
      {
        orderLedger: ledger,
      },
    );
    expect(again.append).toEqual([]);
    expect(again.orderLedger).toBeNull();
    const shipped = run(
      [{ channel: 'ozon', lines: [line('L1', ['A'], 'shipped', 2)] }],
      [reserveHeader],
      stock(),
      settingsOf(),
      {
        orderLedger: ledger,
      },
    );
    expect(shipped.append).toEqual([]);
    expect(shipped.stockCells).toEqual([{ row: 2, column: 2, value: 3 }]);
    const twice = run(
      [{ channel: 'ozon', lines: [line('L1', ['A'], 'shipped', 2)] }],
      [reserveHeader],
      shipped.stock,
      settingsOf(),
      {
        orderLedger: asRead(shipped.orderLedger),
      },
    );
    expect(twice.stockCells).toEqual([]);
    expect(twice.events.filter((e) => e.status === 'Списание')).toEqual([]);
  });

  it('learns from the rows of a sheet that had no «_Заказы» yet', () => {
    const shipped = run([{ channel: 'ozon', lines: [line('L2', ['B'], 'shipped', 1)] }]);
    const learnt = run([], shipped.reserves);
    expect(asRead(learnt.orderLedger)?.[1]).toEqual([
      'ozon',
      'L2',
      'B',
      1,
      '2026-11-22T10:00:00.000Z',
      '2026-11-22T10:00:00.000Z',
      '',
      // Not known from a row: its «Создан» stands in.
      '',
      '',
    ]);
  });

  it('counts a shipment waiting for its source import once, not every run', () => {
    const created = run([{ channel: 'wb', lines: [line('9', ['111'], 'new')] }]);
    const opts = (plan: ReturnType<typeof run>) => ({ orderLedger: asRead(plan.orderLedger) });
    const shipped = run(
      [{ channel: 'wb', lines: [line('9', ['111'], 'shipped')] }],
      created.reserves,
      stock(),
      settingsOf(),
      opts(created),
    );
    expect(shipped.events[0].details).toContain('отгружено 1');
    const next = run(
      [{ channel: 'wb', lines: [line('9', ['111'], 'shipped')] }],
      shipped.reserves,
      stock(),
      settingsOf(),
      opts(shipped),
    );
    // Nothing happened this time: no «Заказы» row (SPEC 2.3), so the shipment is not counted again.
    expect(next.events).toEqual([]);
    expect(next.reserveCells).toEqual([]);
  });

  it('journals a cancellation after shipment once, changing no stock', () => {
    const shipped = run([{ channel: 'ozon', lines: [line('R1', ['A'], 'shipped', 1)] }]);
    const cancel = [{ channel: 'ozon', lines: [line('R1', ['A'], 'cancelled', 1)] }];
    const late = run(cancel, shipped.reserves, shipped.stock, settingsOf(), {
      orderLedger: asRead(shipped.orderLedger),
    });
    expect(late.stockCells).toEqual([]);
    expect(late.reserveCells).toEqual([]);
    expect(late.events).toContainEqual({
      channel: 'Ozon',
      status: 'Заказы',
      items: 1,
      details:
        'заказ R1, A: отмена после отгрузки: ждём возврат — остаток не меняется, вернувшийся товар добавьте на склад вручную',
    });
    const again = run(cancel, late.reserves, late.stock, settingsOf(), { orderLedger: asRead(late.orderLedger) });
    expect(again.events.map((e) => e.details).join()).not.toContain('отмена после отгрузки');
  });

  it('prunes lines closed more than 90 days ago, and keeps open ones', () => {
    const old = new Date(now - 91 * DAY).toISOString();
    const ledger = [
      ['Канал', 'Заказ', 'Артикул', 'Кол-во', 'Зарезервирован', 'Списан', 'Снят'],
      ['ozon', 'OLD', 'A', 1, old, old, ''],
      ['ozon', 'OPEN', 'A', 1, old, '', ''],
      ['ozon', 'RECENT', 'A', 1, old, '', new Date(now - 10 * DAY).toISOString()],
    ];
    const r = run([], [reserveHeader], stock(), settingsOf(), { orderLedger: ledger });
    expect(asRead(r.orderLedger)?.map((row) => row[1])).toEqual(['Заказ', 'OPEN', 'RECENT']);
  });
});

describe('«Резервы (архив)»', () => {
  const row = (created: unknown, status: string, closed: unknown, sku = 'A', order = '') => [
    created,
    order ? 'ozon' : '',
    order,
    sku,
    1,
    'Склад',
    order ? 'Заказ' : 'Ручной',
    status,
    '',
    closed,
    '',
  ];
  it('moves closed rows older than 30 days, keeping text as text; active and recent rows stay', () => {
    const old = new Date(now - 40 * DAY);
    const reserves = [
      reserveHeader,
      row(old, 'Снят', ''),
      row(old, 'Активен', ''),
      row(old, 'Списан', new Date(now - DAY), '007', 'P-OLD'),
      row(old, 'Списан', new Date(now - 31 * DAY), '007', 'P-GONE'),
    ];
    const r = run([{ channel: 'ozon', lines: [line('P-NEW', ['A'], 'new', 1)] }], reserves, stock(), settingsOf(), {
      archiveBefore: now - 30 * DAY,
    });
    expect(r.archive?.rows.map((x) => [x[2], x[7]])).toEqual([
      ['', "'Снят"],
      ["'P-GONE", "'Списан"],
    ]);
    expect(r.archive?.reserves.map((x) => x[2])).toEqual(["'Заказ", '', "'P-OLD", 'P-NEW']);
    expect(r.reserves.map((x) => x[7])).toEqual(['Статус', 'Активен', 'Списан', 'Активен']);
    // What the archived order did stays known.
    expect(asRead(r.orderLedger)?.map((x) => x[1])).toEqual(['Заказ', 'P-OLD', 'P-GONE', 'P-NEW']);
  });

  it('moves nothing when not asked to, or when nothing is old enough', () => {
    const reserves = [reserveHeader, row(new Date(now - 40 * DAY), 'Снят', '')];
    expect(run([], reserves).archive).toBeNull();
    expect(run([], reserves, stock(), settingsOf(), { archiveBefore: now - 50 * DAY }).archive).toBeNull();
  });
});

it('leaves a stock cell that holds a formula and asks the seller to adjust it', () => {
  const r = run(
    [{ channel: 'ozon', lines: [line('F1', ['A'], 'shipped', 2)] }],
    [reserveHeader],
    stock(),
    settingsOf(),
    {
      formulaCells: new Set(['2:2']),
    },
  );
  expect(r.stockCells).toEqual([]);
  expect(r.stock[1][1]).toBe(5);
  expect(r.events.find((e) => e.status === 'Списание')?.details).toBe(
    'заказ F1, A: в ячейке «Склад» формула — не списано, уменьшите её на 2',
  );
});
