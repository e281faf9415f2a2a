/**
 * Double reservation that never invents a sale (SPEC 5.4), at the core: what a channel shows against what
 * it last accepted, with the settle window after each push, the order that takes a «По остатку» reserve's
 * place, and — through the allocation — the other channels lowered in the same run.
 */
import type { OrderLine } from '../../src/connectors/common';
import { allocateSheet, type SheetAllocation } from '../../src/core/allocation';
import { expectedAtLeast, isSettling, latestPushAt, settleMinutesOf } from '../../src/core/doubleReservation';
import { type Reading, type ReservePlan, reconcileOrders } from '../../src/core/orders';
import { ledgerRows, readLedger } from '../../src/core/sending';
import { type Settings, validateSettings } from '../../src/core/settings';
import { reserveHeader } from '../fixtures/workedExample';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const MIN = 60_000;
const at = (ms: number) => new Date(ms).toISOString();

function settingsOf(reserves: Record<string, unknown> = {}): Settings {
  const r = validateSettings(
    {
      version: 1,
      sendEnabled: true,
      reserves: {
        enabled: true,
        activeFrom: '2026-11-01T00:00:00Z',
        doubleReservation: true,
        pendingHoldMinutes: 120,
        ...reserves,
      },
      warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
      channels: [
        { id: 'ozon', name: 'Ozon', column: 'Ozon', marketplace: 'ozon' },
        { id: 'wb', name: 'Wildberries', column: 'WB', marketplace: 'wb' },
        { id: 'ym', name: 'Яндекс Маркет', column: 'Яндекс Маркет', marketplace: 'yandex' },
      ],
    },
    new Date(T0),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}

const stock = (): unknown[][] => [
  ['Артикул', 'Склад'],
  ['A', 10],
  ['B', 10],
];

/** What `channelId` shows of `id` at the run, having accepted `lastAccepted` at `acceptedAt`. */
const reading = (channelId: string, id: string, shown: number, lastAccepted: number, acceptedAt: number): Reading => ({
  channelId,
  id,
  shown,
  lastAccepted,
  lastAt: at(acceptedAt),
});

const newOrder = (orderId: string, id: string, quantity: number, createdAt: number): OrderLine => ({
  orderId,
  itemIds: [id],
  quantity,
  status: 'new',
  rawStatus: 'awaiting_packaging',
  createdAt: at(createdAt),
});

interface RunInput {
  now: number;
  readings?: Reading[];
  orders?: { channel: string; lines: OrderLine[] }[];
  reserves?: unknown[][];
  settings?: Settings;
  timeZone?: string;
}

function runAt({
  now,
  readings = [],
  orders = [],
  reserves = [reserveHeader],
  settings = settingsOf(),
  timeZone,
}: RunInput) {
  return reconcileOrders({
    settings,
    now,
    reserves,
    stock: stock(),
    orders: orders.map((o) => ({ channel: settings.channels.find((c) => c.id === o.channel)!, lines: o.lines })),
    readings,
    date: (ms) => new Date(ms),
    timeZone,
  });
}

/** [Канал, Заказ, Артикул, Кол-во, Тип, Статус] of every reserve row. */
const rows = (plan: ReservePlan) => plan.reserves.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[6], r[7]]);

/** What the same run then allocates to each channel for SKU `dataRow` (0-based), with «Резерв». */
function allocated(plan: ReservePlan, now: number, dataRow = 0, settings = settingsOf()) {
  const r = allocateSheet(settings, plan.stock, plan.reserves, now);
  if (!r.ok) throw new Error(r.error);
  const byHeader = (a: SheetAllocation) =>
    Object.fromEntries(a.columns.map((c, k) => [c.header, a.output[dataRow][k]]));
  const row = byHeader(r);
  return { Резерв: row.Резерв, Ozon: row.Ozon, WB: row.WB, ЯМ: row['Яндекс Маркет'] };
}

describe('settle window (SPEC 5.4)', () => {
  it('Yandex Market lag after a first push: it still shows 0 of the 10 accepted 3 minutes ago — no reserve', () => {
    const plan = runAt({ now: T0, readings: [reading('ym', 'A', 0, 10, T0 - 3 * MIN)] });
    expect(rows(plan)).toEqual([]);
    expect(allocated(plan, T0)).toEqual({ Резерв: 0, Ozon: 10, WB: 10, ЯМ: 10 });
  });

  it('Yandex Market lag after a raise: accepted 10, still shows the old 4 within 15 minutes — no reserve', () => {
    for (const ago of [1, 10, 14.9]) {
      const plan = runAt({ now: T0, readings: [reading('ym', 'A', 4, 10, T0 - ago * MIN)] });
      expect(rows(plan)).toEqual([]);
    }
  });

  it('the same reading after the window: «По остатку» of the difference', () => {
    for (const ago of [15, 16, 60]) {
      const plan = runAt({ now: T0, readings: [reading('ym', 'A', 4, 10, T0 - ago * MIN)] });
      expect(rows(plan)).toEqual([['Яндекс Маркет', '', 'A', 6, 'По остатку', 'Активен']]);
    }
  });

  it('the window is per item: only the item pushed long ago is evidence', () => {
    const plan = runAt({
      now: T0,
      readings: [reading('ym', 'A', 4, 10, T0 - 5 * MIN), reading('ym', 'B', 8, 10, T0 - 40 * MIN)],
    });
    expect(rows(plan)).toEqual([['Яндекс Маркет', '', 'B', 2, 'По остатку', 'Активен']]);
  });

  it('the window is per channel: a Wildberries push 5 minutes ago has settled, a Yandex Market one has not', () => {
    const plan = runAt({
      now: T0,
      readings: [reading('wb', 'A', 9, 10, T0 - 5 * MIN), reading('ym', 'A', 9, 10, T0 - 5 * MIN)],
    });
    expect(rows(plan)).toEqual([['Wildberries', '', 'A', 1, 'По остатку', 'Активен']]);
  });

  it('a push time that cannot be read never invents a sale', () => {
    const plan = runAt({ now: T0, readings: [{ channelId: 'ozon', id: 'A', shown: 7, lastAccepted: 10, lastAt: '' }] });
    expect(rows(plan)).toEqual([]);
  });

  it('settleMinutes overrides the defaults: yandex 0 reserves at once, ozon 30 ignores a 20-minute-old push', () => {
    const settings = settingsOf({ settleMinutes: { yandex: 0, ozon: 30 } });
    const plan = runAt({
      now: T0,
      settings,
      readings: [reading('ym', 'A', 8, 10, T0 - 1), reading('ozon', 'B', 7, 10, T0 - 20 * MIN)],
    });
    expect(rows(plan)).toEqual([['Яндекс Маркет', '', 'A', 2, 'По остатку', 'Активен']]);
    expect(runAt({ now: T0, settings, readings: [reading('ozon', 'B', 7, 10, T0 - 30 * MIN)] }).append).toHaveLength(1);
  });

  it('defaults: Ozon 5, Wildberries 5, Yandex Market 15, other marketplaces 5', () => {
    const settings = settingsOf();
    expect(['ozon', 'wb', 'yandex', 'avito', 'megamarket'].map((m) => settleMinutesOf(settings, m as any))).toEqual([
      5, 5, 15, 5, 5,
    ]);
    const ym = settings.channels[2];
    expect(isSettling(settings, ym, at(T0 - 15 * MIN + 1), T0)).toBe(true);
    expect(isSettling(settings, ym, at(T0 - 15 * MIN), T0)).toBe(false);
  });

  it('the journal row counts the drops set aside by the window, so a seller sees why nothing was reserved', () => {
    const plan = runAt({
      now: T0,
      readings: [
        reading('ym', 'A', 4, 10, T0 - 2 * MIN),
        reading('ym', 'B', 0, 10, T0 - 2 * MIN),
        reading('ozon', 'A', 10, 10, T0 - 2 * MIN), // no drop: nothing to say
      ],
    });
    expect(plan.events).toEqual([
      {
        channel: 'Яндекс Маркет',
        status: 'Заказы',
        items: 0,
        details:
          'не учтено показаний в окне задержки площадки: 2 (остатки отправлены меньше 15 мин. назад — площадка могла ещё не применить их, это не продажа)',
      },
    ]);
    const both = runAt({
      now: T0,
      readings: [reading('ym', 'A', 4, 10, T0 - 2 * MIN), reading('ym', 'B', 7, 10, T0 - 30 * MIN)],
    });
    expect(both.events.map((e) => [e.items, e.details])).toEqual([
      [
        1,
        'площадка показывает меньше, чем приняла, без заказа: резерв «По остатку» на 120 мин. — B −3; не учтено показаний в окне задержки площадки: 1 (остатки отправлены меньше 15 мин. назад — площадка могла ещё не применить их, это не продажа)',
      ],
    ]);
  });

  it('a drop that reserves already explain is not counted as set aside', () => {
    const plan = runAt({
      now: T0,
      orders: [{ channel: 'ym', lines: [newOrder('Y-1', 'A', 6, T0 - MIN)] }],
      readings: [reading('ym', 'A', 4, 10, T0 - 2 * MIN)],
    });
    expect(rows(plan)).toEqual([['Яндекс Маркет', 'Y-1', 'A', 6, 'Заказ', 'Активен']]);
    expect(plan.events.map((e) => e.details).join(' ')).not.toContain('окне задержки');
  });
});

describe('a sale the API does not list yet', () => {
  it('Ozon, outside the window (accepted 10, shows 7): «По остатку» 3, and every channel lowered in the same run', () => {
    const plan = runAt({ now: T0, readings: [reading('ozon', 'A', 7, 10, T0 - 30 * MIN)] });
    expect(rows(plan)).toEqual([['Ozon', '', 'A', 3, 'По остатку', 'Активен']]);
    expect(allocated(plan, T0)).toEqual({ Резерв: 3, Ozon: 7, WB: 7, ЯМ: 7 });
  });

  it('the posting arrives next run: «Заказ» takes the place of «По остатку», no double count', () => {
    const first = runAt({ now: T0, readings: [reading('ozon', 'A', 7, 10, T0 - 30 * MIN)] });
    // The first run pushed 7 everywhere; ten minutes later Ozon lists the posting and shows 7 − 3 reserved.
    const next = T0 + 10 * MIN;
    const second = runAt({
      now: next,
      reserves: first.reserves,
      orders: [{ channel: 'ozon', lines: [newOrder('P-1', 'A', 3, T0 - 35 * MIN)] }],
      readings: [reading('ozon', 'A', 4, 7, T0)],
    });
    expect(rows(second)).toEqual([
      ['Ozon', '', 'A', 3, 'По остатку', 'Снят'],
      ['Ozon', 'P-1', 'A', 3, 'Заказ', 'Активен'],
    ]);
    expect(second.reserves[1][10]).toBe('заменён заказом P-1');
    expect(allocated(second, next)).toEqual({ Резерв: 3, Ozon: 7, WB: 7, ЯМ: 7 });
    // Had the push of 7 not gone out, the old reading (10 → 7) is explained by the order all the same.
    const unpushed = runAt({
      now: next,
      reserves: first.reserves,
      orders: [{ channel: 'ozon', lines: [newOrder('P-1', 'A', 3, T0 - 35 * MIN)] }],
      readings: [reading('ozon', 'A', 7, 10, T0 - 30 * MIN)],
    });
    expect(allocated(unpushed, next).Резерв).toBe(3);
  });

  it('the posting arriving within the window of the last push: the reading is ignored, the order still reserves', () => {
    const first = runAt({ now: T0, readings: [reading('ozon', 'A', 7, 10, T0 - 30 * MIN)] });
    const next = T0 + 2 * MIN;
    const second = runAt({
      now: next,
      reserves: first.reserves,
      orders: [{ channel: 'ozon', lines: [newOrder('P-1', 'A', 3, T0 - 35 * MIN)] }],
      readings: [reading('ozon', 'A', 10, 7, T0)],
    });
    expect(rows(second).map((r) => [r[4], r[5]])).toEqual([
      ['По остатку', 'Снят'],
      ['Заказ', 'Активен'],
    ]);
    expect(allocated(second, next).Резерв).toBe(3);
  });

  it('Yandex Market, outside its 15 minutes (accepted 10, shows 8): held the same way until its order arrives', () => {
    const first = runAt({ now: T0, readings: [reading('ym', 'B', 8, 10, T0 - 20 * MIN)] });
    expect(rows(first)).toEqual([['Яндекс Маркет', '', 'B', 2, 'По остатку', 'Активен']]);
    expect(allocated(first, T0, 1)).toEqual({ Резерв: 2, Ozon: 8, WB: 8, ЯМ: 8 });
    const next = T0 + 20 * MIN;
    const second = runAt({
      now: next,
      reserves: first.reserves,
      orders: [{ channel: 'ym', lines: [newOrder('777', 'B', 2, T0 - 25 * MIN)] }],
      readings: [reading('ym', 'B', 8, 8, T0)],
    });
    expect(rows(second)).toEqual([
      ['Яндекс Маркет', '', 'B', 2, 'По остатку', 'Снят'],
      ['Яндекс Маркет', '777', 'B', 2, 'Заказ', 'Активен'],
    ]);
    expect(allocated(second, next, 1)).toEqual({ Резерв: 2, Ozon: 8, WB: 8, ЯМ: 8 });
  });

  it('no order in time: «Истёк» after pendingHoldMinutes, and the units are back', () => {
    const first = runAt({ now: T0, readings: [reading('ozon', 'A', 7, 10, T0 - 30 * MIN)] });
    const later = T0 + 121 * MIN;
    const expired = runAt({ now: later, reserves: first.reserves, readings: [reading('ozon', 'A', 7, 7, T0)] });
    expect(rows(expired)).toEqual([['Ozon', '', 'A', 3, 'По остатку', 'Истёк']]);
    expect(allocated(expired, later)).toEqual({ Резерв: 0, Ozon: 10, WB: 10, ЯМ: 10 });
  });

  it('«Действует до» typed as text is read in the spreadsheet zone, as the recalculation reads it', () => {
    // 22.11.2026 15:00 in Yekaterinburg (UTC+5) is 10:00 UTC; read as Moscow time it would hold until 12:00 UTC.
    const typed = [
      reserveHeader,
      ['', 'ozon', '', 'A', 3, 'Склад', 'По остатку', 'Активен', '22.11.2026 15:00', '', ''],
    ];
    const run = (now: number) => rows(runAt({ now, reserves: typed, timeZone: 'Asia/Yekaterinburg' }));
    // A row written before «Канал» held names keeps its code, and still counts for its channel.
    expect(run(T0 - MIN)).toEqual([['ozon', '', 'A', 3, 'По остатку', 'Активен']]);
    expect(run(T0)).toEqual([['ozon', '', 'A', 3, 'По остатку', 'Истёк']]);
  });
});

describe('what a late marketplace may still show is no sale', () => {
  const base: Reading = { channelId: 'ym', id: 'A', shown: 4, lastAccepted: 10, lastAt: at(T0 - 30 * MIN) };

  it('a raise not yet applied: the quantity accepted before is the floor while it is recent', () => {
    const reading = { ...base, prev: { qty: 4, at: at(T0 - 60 * MIN) } };
    expect(expectedAtLeast(reading, T0, 120)).toBe(4);
    expect(expectedAtLeast(reading, T0 + 61 * MIN, 120)).toBe(10);
  });

  it('a push sent but not confirmed: its quantity is the floor, and the window counts from it', () => {
    const reading = { ...base, lastAt: at(T0 - 90 * MIN), tried: { qty: 7, at: at(T0 - 2 * MIN) } };
    expect(expectedAtLeast({ ...reading, shown: 7 }, T0, 120)).toBe(7);
    expect(latestPushAt(reading)).toBe(at(T0 - 2 * MIN));
    expect(isSettling(settingsOf(), settingsOf().channels[2], latestPushAt(reading), T0)).toBe(true);
    expect(latestPushAt({ ...reading, tried: { qty: 7, at: at(T0 - 100 * MIN) } })).toBe(at(T0 - 90 * MIN));
  });

  it('«_Отправлено» keeps both through a read and a write', () => {
    const rows = [
      ['Канал', 'ID', 'Кол-во', 'Когда', 'Прежнее', 'Прежнее когда', 'Попытка', 'Попытка когда'],
      ['ym', 'A', 10, at(T0), 4, at(T0 - MIN), 7, at(T0 + MIN)],
      ['ym', 'B', 3, at(T0), '', '', '', ''],
    ];
    const ledger = readLedger(rows);
    expect(ledger.get('ym')?.get('A')).toEqual({
      qty: 10,
      at: at(T0),
      prev: { qty: 4, at: at(T0 - MIN) },
      tried: { qty: 7, at: at(T0 + MIN) },
    });
    expect(ledger.get('ym')?.get('B')).toEqual({ qty: 3, at: at(T0) });
    expect(
      readLedger(ledgerRows(ledger).map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/^'/, '') : v)))),
    ).toEqual(ledger);
  });
});
