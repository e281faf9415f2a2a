/**
 * A kit's orders (SPEC 5.7): one reserve row per component, the kit named in «Комментарий» and in the
 * key, written off and freed like any order; double reservation of a kit's drop holds its components.
 * The property at the end runs sequences of kit and component orders through reserves and the
 * recalculation, as the add-on does, and checks that no component is ever reserved beyond its stock.
 */
import fc from 'fast-check';
import type { OrderLine } from '../../src/connectors/common';
import { allocateSheet, type SheetAllocation } from '../../src/core/allocation';
import { ORDER_LEDGER_HEADER, orderLedgerRows, readOrderLedger } from '../../src/core/orderLedger';
import { type Reading, type ReservePlan, reconcileOrders } from '../../src/core/orders';
import { type Settings, validateSettings } from '../../src/core/settings';
import { reserveHeader } from '../fixtures/workedExample';

const now = Date.parse('2026-11-22T10:00:00Z');
const MIN = 60_000;
function settingsOf(over: Record<string, unknown> = {}): Settings {
  const r = validateSettings(
    {
      version: 1,
      reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true },
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
        { id: 'wb', name: 'WB', column: 'WB', marketplace: 'wb', shipFrom: 'sup' },
        { id: 'ym', name: 'Яндекс Маркет', column: 'ЯМ', marketplace: 'yandex' },
      ],
      ...over,
    },
    new Date(now),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}
const settings = settingsOf();
const stock = (): unknown[][] => [
  ['Артикул', 'Склад', 'Поставщик'],
  ['A', 10, 4],
  ['B', 5, 0],
  ['К-1', '', ''],
  ['К-2', '', ''],
];
/** К-1 = 2 A + 1 B; К-2 = 1 A. */
const kits = (): unknown[][] => [
  ['Комплект', 'Артикул', 'Кол-во'],
  ['К-1', 'A', 2],
  ['', 'B', 1],
  ['К-2', 'A', 1],
];
const line = (orderId: string, sku: string, status: OrderLine['status'], quantity = 1, lineId?: string): OrderLine => ({
  orderId,
  itemIds: [sku],
  quantity,
  status,
  rawStatus: status === 'new' ? 'awaiting_packaging' : status === 'shipped' ? 'delivering' : 'cancelled',
  createdAt: '2026-11-22T09:00:00Z',
  ...(lineId ? { lineId } : {}),
});
const asRead = (rows: unknown[][] | null): unknown[][] | null =>
  rows?.map((r) => r.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v))) ?? null;

/** One orders pass over the state a previous one left (its reserves, stock and «_Заказы»). */
function pass(
  orders: { channel: string; lines: OrderLine[] }[],
  before?: ReservePlan,
  extra: { readings?: Reading[]; kitSheet?: unknown[][]; stock?: unknown[][]; ledger?: unknown[][] | null } = {},
): ReservePlan {
  return reconcileOrders({
    settings,
    now,
    reserves: before?.reserves ?? [reserveHeader],
    stock: extra.stock ?? before?.stock ?? stock(),
    kits: extra.kitSheet ?? kits(),
    orders: orders.map((o) => ({ channel: settings.channels.find((c) => c.id === o.channel)!, lines: o.lines })),
    orderLedger: extra.ledger !== undefined ? extra.ledger : before ? asRead(before.orderLedger) : null,
    readings: extra.readings,
    date: (ms) => new Date(ms),
  });
}
/** «Резервы» rows as (channel, order, SKU, qty, warehouse, type, status, comment). */
const rowsOf = (plan: ReservePlan) => plan.reserves.slice(1).map((r) => [...r.slice(1, 8), r[10]]);

describe('a kit order', () => {
  it('reserves each component: one row each, kits × «Кол-во», the kit named in «Комментарий»', () => {
    const plan = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 2)] }]);
    expect(rowsOf(plan)).toEqual([
      ['Ozon', 'P1', 'A', 4, 'Склад', 'Заказ', 'Активен', 'комплект К-1 ×2; ожидает сборки'],
      ['Ozon', 'P1', 'B', 2, 'Склад', 'Заказ', 'Активен', 'комплект К-1 ×2; ожидает сборки'],
    ]);
    expect(plan.events).toEqual([
      expect.objectContaining({ channel: 'Ozon', details: expect.stringContaining('новых резервов 2') }),
    ]);
    expect(asRead(plan.orderLedger)?.slice(1)).toEqual([
      ['ozon', 'P1', 'A', 4, '2026-11-22T10:00:00.000Z', '', '', '2026-11-22T09:00:00.000Z', 'К-1'],
      ['ozon', 'P1', 'B', 2, '2026-11-22T10:00:00.000Z', '', '', '2026-11-22T09:00:00.000Z', 'К-1'],
    ]);
    // The allocation of the same run sees the components held and lowers the kit with them.
    const r = allocateSheet(settings, plan.stock, plan.reserves, now, undefined, kits()) as SheetAllocation;
    expect(r.rows.map((x) => [x.sku, x.reserve, x.forSale])).toEqual([
      ['A', 4, 10],
      ['B', 2, 3],
      ['К-1', 0, 3],
      ['К-2', 0, 10],
    ]);
  });

  it('pulled again reserves nothing more', () => {
    const first = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 2)] }]);
    const again = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 2)] }], first);
    expect(again.append).toEqual([]);
    expect(again.reserveCells).toEqual([]);
    expect(again.events).toEqual([]);
  });

  it('shipped, writes off each component from the hand-kept warehouse: one «Списание» row each', () => {
    const first = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 2)] }]);
    const shipped = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'shipped', 2)] }], first);
    expect(rowsOf(shipped).map((r) => r[6])).toEqual(['Списан', 'Списан']);
    expect(shipped.stockCells).toEqual([
      { row: 2, column: 2, value: 6 },
      { row: 3, column: 2, value: 3 },
    ]);
    expect(shipped.events.filter((e) => e.status === 'Списание')).toEqual([
      { channel: 'Ozon', status: 'Списание', items: 4, details: 'заказ P1, A (комплект К-1 ×2): «Склад» 10 → 6' },
      { channel: 'Ozon', status: 'Списание', items: 2, details: 'заказ P1, B (комплект К-1 ×2): «Склад» 5 → 3' },
    ]);
    const twice = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'shipped', 2)] }], shipped);
    expect(twice.stockCells).toEqual([]);
  });

  it('shipped before it was seen, is recorded and written off all the same', () => {
    const shipped = pass([{ channel: 'ozon', lines: [line('P9', 'К-1', 'shipped', 1)] }]);
    expect(rowsOf(shipped)).toEqual([
      ['Ozon', 'P9', 'A', 2, 'Склад', 'Заказ', 'Списан', 'комплект К-1 ×1'],
      ['Ozon', 'P9', 'B', 1, 'Склад', 'Заказ', 'Списан', 'комплект К-1 ×1'],
    ]);
    expect(shipped.stockCells).toHaveLength(2);
  });

  it('cancelled, frees every component and changes no stock', () => {
    const first = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 2)] }]);
    const cancelled = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'cancelled', 2)] }], first);
    expect(rowsOf(cancelled).map((r) => r[6])).toEqual(['Снят', 'Снят']);
    expect(cancelled.stockCells).toEqual([]);
    expect(cancelled.events[0].details).toContain('отменено 2');
  });

  it('a component ordered alone and in kits in the same order: a reserve row for each, each written off', () => {
    const lines = [line('P2', 'A', 'new', 1), line('P2', 'К-1', 'new', 1), line('P2', 'К-2', 'new', 3)];
    const first = pass([{ channel: 'ozon', lines }]);
    expect(rowsOf(first).map((r) => [r[2], r[3], r[7]])).toEqual([
      ['A', 1, 'ожидает сборки'],
      ['A', 2, 'комплект К-1 ×1; ожидает сборки'],
      ['B', 1, 'комплект К-1 ×1; ожидает сборки'],
      ['A', 3, 'комплект К-2 ×3; ожидает сборки'],
    ]);
    const again = pass([{ channel: 'ozon', lines }], first);
    expect(again.append).toEqual([]);
    const shipped = pass([{ channel: 'ozon', lines: lines.map((l) => ({ ...l, status: 'shipped' as const })) }], first);
    expect(rowsOf(shipped).map((r) => r[6])).toEqual(['Списан', 'Списан', 'Списан', 'Списан']);
    // 10 − 1 − 2 − 3 = 4 on «Склад»; the last write-off names the cell as it stood after the earlier ones.
    expect(shipped.stock[1][1]).toBe(4);
    expect(shipped.events.filter((e) => e.status === 'Списание').map((e) => e.details)).toEqual([
      'заказ P2, A: «Склад» 10 → 9',
      'заказ P2, A (комплект К-1 ×1): «Склад» 9 → 7',
      'заказ P2, B (комплект К-1 ×1): «Склад» 5 → 4',
      'заказ P2, A (комплект К-2 ×3): «Склад» 7 → 4',
    ]);
  });

  it('two lines of the same kit in one order add up', () => {
    const plan = pass([
      { channel: 'ozon', lines: [line('P3', 'К-1', 'new', 1, '1'), line('P3', 'К-1', 'new', 2, '2')] },
    ]);
    expect(rowsOf(plan).map((r) => [r[2], r[3], r[7]])).toEqual([
      ['A', 6, 'комплект К-1 ×3; ожидает сборки'],
      ['B', 3, 'комплект К-1 ×3; ожидает сборки'],
    ]);
  });

  it('a row a person deleted is neither reserved nor written off twice («_Заказы» knows the kit)', () => {
    const first = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 1)] }]);
    const tidied = { ...first, reserves: [reserveHeader] };
    const again = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 1)] }], tidied);
    expect(again.append).toEqual([]);
  });

  it('a sheet without «_Заказы» learns the kit rows from «Комментарий»', () => {
    const first = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 1)] }]);
    const learnt = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 1)] }], first, { ledger: null });
    expect(learnt.append).toEqual([]);
    expect(
      asRead(learnt.orderLedger)
        ?.slice(1)
        .map((r) => [r[2], r[8]]),
    ).toEqual([
      ['A', 'К-1'],
      ['B', 'К-1'],
    ]);
    const shipped = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'shipped', 1)] }], first, { ledger: null });
    expect(rowsOf(shipped).map((r) => r[6])).toEqual(['Списан', 'Списан']);
  });

  it('shipped from a source-fed warehouse, keeps holding until the import, the kit still named', () => {
    const first = pass([{ channel: 'wb', lines: [line('9', 'К-2', 'new', 1)] }]);
    expect(rowsOf(first)[0].slice(2, 5)).toEqual(['A', 1, 'Поставщик']);
    const shipped = pass([{ channel: 'wb', lines: [line('9', 'К-2', 'shipped', 1)] }], first);
    expect(rowsOf(shipped)[0].slice(6)).toEqual([
      'Активен',
      'отгружен: закроется после импорта склада «Поставщик»; комплект К-2 ×1',
    ]);
    expect(shipped.stockCells).toEqual([]);
    const next = pass([{ channel: 'wb', lines: [line('9', 'К-2', 'shipped', 1)] }], shipped, { ledger: null });
    expect(next.append).toEqual([]);
    expect(next.events).toEqual([]);
  });

  it('a component taken out of the kit after the order: its reserve is still written off', () => {
    const first = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 1)] }]);
    const smaller = [
      ['Комплект', 'Артикул', 'Кол-во'],
      ['К-1', 'A', 2],
    ];
    const shipped = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'shipped', 1)] }], first, {
      kitSheet: smaller,
    });
    expect(rowsOf(shipped).map((r) => [r[2], r[6]])).toEqual([
      ['A', 'Списан'],
      ['B', 'Списан'],
    ]);
    expect(shipped.stockCells).toEqual([
      { row: 2, column: 2, value: 8 },
      { row: 3, column: 2, value: 4 },
    ]);
  });

  it('an order reserved as a product before its SKU became a kit goes on on its own row', () => {
    const asProduct = pass([{ channel: 'ozon', lines: [line('P5', 'К-2', 'new', 1)] }], undefined, {
      kitSheet: [['Комплект', 'Артикул', 'Кол-во']],
    });
    expect(rowsOf(asProduct).map((r) => r[2])).toEqual(['К-2']);
    const shipped = pass([{ channel: 'ozon', lines: [line('P5', 'К-2', 'shipped', 1)] }], asProduct);
    expect(rowsOf(shipped).map((r) => [r[2], r[6]])).toEqual([['К-2', 'Списан']]);
    expect(shipped.stockCells).toEqual([]);
    expect(shipped.events.find((e) => e.status === 'Списание')?.details).toBe(
      'заказ P5, К-2: «К-2» теперь комплект, его склады пусты — не списано, спишите компоненты вручную',
    );
  });
});

describe('«_Заказы» of older sheets: «Продано не позже» and «Комплект» found by their headers', () => {
  const base = ['Канал', 'Заказ', 'Артикул', 'Кол-во', 'Зарезервирован', 'Списан', 'Снят'];
  const at = '2026-11-22T10:00:00.000Z';
  const sold = '2026-11-22T09:00:00.000Z';
  const lines = (values: unknown[][]) =>
    [...readOrderLedger(values).lines.entries()].map(([key, l]) => [key, l.soldBy, l.kit ?? '']);

  it('reads seven columns, eight with either, and nine, and writes all nine', () => {
    expect(ORDER_LEDGER_HEADER).toEqual([...base, 'Продано не позже', 'Комплект']);
    expect(lines([base, ['ozon', 'P1', 'A', 2, at, '', '']])).toEqual([['ozon|P1|A', '', '']]);
    expect(
      lines([
        [...base, 'Продано не позже'],
        ['ozon', 'P1', 'A', 2, at, '', '', sold],
      ]),
    ).toEqual([['ozon|P1|A', sold, '']]);
    expect(
      lines([
        [...base, 'Комплект'],
        ['ozon', 'P1', 'A', 2, at, '', '', 'К-1'],
      ]),
    ).toEqual([['ozon|P1|A|К-1', '', 'К-1']]);
    const nine = [ORDER_LEDGER_HEADER, ['ozon', 'P1', 'A', 2, at, '', '', sold, 'К-1']];
    expect(lines(nine)).toEqual([['ozon|P1|A|К-1', sold, 'К-1']]);
    expect(asRead(orderLedgerRows(readOrderLedger(nine)))).toEqual(nine);
  });

  it('a kit order recorded on an eight-column sheet with «Комплект» is neither reserved again nor lost', () => {
    const first = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 1)] }]);
    const eight = asRead(first.orderLedger)?.map((r) => [...r.slice(0, 7), r[8]]) ?? null;
    expect(eight?.[0]).toEqual([...base, 'Комплект']);
    const again = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'new', 1)] }], first, { ledger: eight });
    expect(again.append).toEqual([]);
    const shipped = pass([{ channel: 'ozon', lines: [line('P1', 'К-1', 'shipped', 1)] }], first, { ledger: eight });
    expect(rowsOf(shipped).map((r) => r[6])).toEqual(['Списан', 'Списан']);
    // Written back with all nine columns, the kit where it now belongs.
    expect(
      asRead(shipped.orderLedger)
        ?.slice(1)
        .map((r) => [r[2], r[7], r[8]]),
    ).toEqual([
      ['A', '', 'К-1'],
      ['B', '', 'К-1'],
    ]);
  });
});

describe('double reservation of a kit', () => {
  // Pushed at 08:30, before the orders of these tests (09:00): their sales are not in the number pushed.
  const reading = (id: string, shown: number, lastAccepted: number, pushedMinAgo = 90): Reading => ({
    channelId: 'ozon',
    id,
    shown,
    lastAccepted,
    lastAt: new Date(now - pushedMinAgo * MIN).toISOString(),
  });

  it('a kit a channel shows fewer of: «По остатку» on the kit, which holds its components', () => {
    const plan = pass([], undefined, { readings: [reading('К-1', 2, 3)] });
    expect(rowsOf(plan)).toEqual([
      ['Ozon', '', 'К-1', 1, 'Склад', 'По остатку', 'Активен', 'Ozon показывает 2 вместо 3: ждём заказ'],
    ]);
    const r = allocateSheet(settings, plan.stock, plan.reserves, now, undefined, kits()) as SheetAllocation;
    expect(r.rows.map((x) => [x.sku, x.reserve])).toEqual([
      ['A', 2],
      ['B', 1],
      ['К-1', 0],
      ['К-2', 0],
    ]);
  });

  it('the kit order takes its place: no double count, and its reserves explain the drop', () => {
    const pending = pass([], undefined, { readings: [reading('К-1', 2, 3)] });
    const ordered = pass([{ channel: 'ozon', lines: [line('P7', 'К-1', 'new', 1)] }], pending, {
      readings: [reading('К-1', 2, 3)],
    });
    expect(rowsOf(ordered).map((r) => [r[2], r[3], r[5], r[6]])).toEqual([
      ['К-1', 1, 'По остатку', 'Снят'],
      ['A', 2, 'Заказ', 'Активен'],
      ['B', 1, 'Заказ', 'Активен'],
    ]);
  });

  it('a kit order sold before the last push explains no drop: the push already set the number without it', () => {
    const ordered = pass([{ channel: 'ozon', lines: [line('P7', 'К-1', 'new', 1)] }], undefined, {
      readings: [reading('К-1', 2, 3, 30)],
    });
    expect(rowsOf(ordered).filter((r) => r[5] === 'По остатку')).toEqual([
      ['Ozon', '', 'К-1', 1, 'Склад', 'По остатку', 'Активен', 'Ozon показывает 2 вместо 3: ждём заказ'],
    ]);
  });

  it('a kit order does not explain a drop of its component sold alone on the same channel', () => {
    const ordered = pass([{ channel: 'ozon', lines: [line('P7', 'К-1', 'new', 1)] }], undefined, {
      readings: [reading('A', 9, 10), reading('К-1', 2, 3)],
    });
    expect(rowsOf(ordered).filter((r) => r[5] === 'По остатку')).toEqual([
      ['Ozon', '', 'A', 1, 'Склад', 'По остатку', 'Активен', 'Ozon показывает 9 вместо 10: ждём заказ'],
    ]);
  });
});

/**
 * The model. One warehouse kept by hand; components A and B, kits К-1 (2 A + 1 B) and К-2 (1 A); three
 * channels, each showing 100 % of everything (every channel lists every kit and component at once:
 * they share availability). A run is what the add-on does on each new order: reserve (reconcileOrders),
 * then recalculate (allocateSheet) — the numbers every channel shows until the next run. Between two
 * runs, one thing happens: a buyer orders one item on one channel, at most what that channel shows now;
 * or an open order ships (its stock written off) or is cancelled. Each run sees every order with its
 * status now, as an overlapping window lists them again. After every run, the units the active reserves
 * hold of each component are at most the units its warehouse cell holds.
 */
describe('kit and component orders never reserve a component beyond its stock', () => {
  const shareSettings = settingsOf({
    warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
    channels: ['ozon', 'wb', 'ym'].map((id) => ({
      id,
      name: id,
      column: id,
      marketplace: id === 'ym' ? 'yandex' : id,
      rule: { type: 'share', percent: 100 },
    })),
  });
  const SKUS = ['A', 'B', 'К-1', 'К-2'];
  const step = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('order' as const),
        channel: fc.constantFrom('ozon', 'wb', 'ym'),
        sku: fc.constantFrom(...SKUS),
        qty: fc.integer({ min: 1, max: 3 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('ship' as const, 'cancel' as const), pick: fc.nat() }) },
  );

  type Order = { channel: string; line: OrderLine };
  /** Units of each component one unit of an item takes. */
  const PARTS: Record<string, Record<string, number>> = {
    A: { A: 1 },
    B: { B: 1 },
    'К-1': { A: 2, B: 1 },
    'К-2': { A: 1 },
  };

  function reserved(plan: ReservePlan): Map<string, number> {
    const held = new Map<string, number>();
    for (const r of plan.reserves.slice(1))
      if (r[7] === 'Активен') held.set(String(r[3]), (held.get(String(r[3])) ?? 0) + Number(r[4]));
    return held;
  }

  it('for any sequence of orders, shipments and cancellations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(step, { minLength: 8, maxLength: 30 }),
        (a, b, steps) => {
          let plan: ReservePlan | undefined;
          let st: unknown[][] = [
            ['Артикул', 'Склад'],
            ['A', a],
            ['B', b],
            ['К-1', ''],
            ['К-2', ''],
          ];
          const orders: Order[] = [];
          let ledger: unknown[][] | null = null;
          const shown = () => {
            const r = allocateSheet(shareSettings, st, plan?.reserves ?? null, now, undefined, kits());
            if (!r.ok) throw new Error(r.error);
            return r;
          };
          let view = shown();
          for (const [k, s] of steps.entries()) {
            if (s.kind === 'order') {
              const c = shareSettings.channels.findIndex((ch) => ch.id === s.channel);
              const row = view.rows.find((x) => x.sku === s.sku);
              if (!row?.valid || (row.quantities[c] ?? 0) < s.qty) continue; // the channel does not show that many
              orders.push({ channel: s.channel, line: line(`O${k}`, s.sku, 'new', s.qty) });
            } else {
              const open = orders.filter((o) => o.line.status === 'new');
              if (!open.length) continue;
              open[s.pick % open.length].line.status = s.kind === 'ship' ? 'shipped' : 'cancelled';
            }
            plan = reconcileOrders({
              settings: shareSettings,
              now,
              reserves: plan?.reserves ?? [reserveHeader],
              stock: st,
              kits: kits(),
              orders: shareSettings.channels.map((channel) => ({
                channel,
                lines: orders.filter((o) => o.channel === channel.id).map((o) => ({ ...o.line })),
              })),
              orderLedger: ledger,
              date: (ms) => new Date(ms),
            });
            ledger = asRead(plan.orderLedger) ?? ledger;
            st = plan.stock;
            view = shown();
            const held = reserved(plan);
            expect(held.get('A') ?? 0).toBeLessThanOrEqual(Number(st[1][1]));
            expect(held.get('B') ?? 0).toBeLessThanOrEqual(Number(st[2][1]));
            // And they are exactly what the open orders take, and shipped ones were written off.
            const units = (status: OrderLine['status'], sku: string) =>
              orders
                .filter((o) => o.line.status === status)
                .reduce((sum, o) => sum + o.line.quantity * (PARTS[o.line.itemIds[0]][sku] ?? 0), 0);
            expect([held.get('A') ?? 0, held.get('B') ?? 0]).toEqual([units('new', 'A'), units('new', 'B')]);
            expect([st[1][1], st[2][1]]).toEqual([a - units('shipped', 'A'), b - units('shipped', 'B')]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
