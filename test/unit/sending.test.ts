/** The pure side of sending (SPEC 6): plans, the mass-zero guard and what explains a zero, the service sheets. */
import { allocateSheet, type SheetAllocation } from '../../src/core/allocation';
import { RESERVE_HEADERS } from '../../src/core/headers';
import {
  everyRowInvalid,
  guard,
  guardAsRun,
  heldRows,
  idsSignature,
  itemsNotHeld,
  itemsToSend,
  type Ledger,
  ledgerRows,
  plans,
  preview,
  readHeld,
  readLedger,
  zerosExplainedByOrders,
} from '../../src/core/sending';
import { type Settings, validateSettings } from '../../src/core/settings';
import { workedExampleSettings } from '../fixtures/workedExample';

const now = Date.parse('2026-11-22T10:00:00Z');
const settings: Settings = (() => {
  const r = validateSettings(
    {
      version: 1,
      sendEnabled: true,
      warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
      channels: [
        {
          id: 'ozon',
          name: 'Ozon',
          column: 'Ozon',
          marketplace: 'ozon',
          idHeader: 'Ozon ID',
          rule: { type: 'share', percent: 100 },
          target: { warehouseId: '1' },
        },
      ],
      guard: { maxZeroShare: 0.3, minItems: 3 },
    },
    new Date(now),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
})();

const RESERVES = [Object.values(RESERVE_HEADERS)];
function allocate(stock: unknown[][], reserves: unknown[][] | null = null): SheetAllocation {
  const r = allocateSheet(settings, [['Артикул', 'Склад', 'Ozon ID'], ...stock], reserves, now);
  if (!r.ok) throw new Error(r.error);
  return r;
}
const ledgerOf = (entries: Record<string, number>): Ledger =>
  new Map([['ozon', new Map(Object.entries(entries).map(([id, qty]) => [id, { qty, at: '2026-11-22T09:00:00Z' }]))]]);

describe('plans', () => {
  it('one id listed twice in the same cell is one id; two rows claiming an id are a conflict', () => {
    const [plan] = plans(
      settings,
      allocate([
        ['A', 5, 'x; x'],
        ['B', 2, 'y'],
        ['C', 3, 'y'],
      ]),
    );
    expect([...plan.desired]).toEqual([['x', 5]]);
    expect(plan.conflicts).toEqual([{ id: 'y', rows: [3, 4] }]);
  });
});

describe('guard', () => {
  const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`i${i}`, 4]));
  const [plan] = plans(settings, allocate([]));
  const zeros = (ids: string[]) => ids.map((id) => ({ id, amount: 0 }));

  it('holds the zeros of a mass zero and lets every other item go', () => {
    const items = [...zeros(['i0', 'i1', 'i2', 'i3']), { id: 'i9', amount: 7 }];
    const verdict = guard(items, plan, ledgerOf(ten), settings);
    expect(verdict).toEqual({ hold: true, toZero: ['i0', 'i1', 'i2', 'i3'], base: 10 });
    expect(itemsNotHeld(items, verdict)).toEqual([{ id: 'i9', amount: 7 }]);
  });

  it('a zero orders explain, or one a person confirmed, never counts toward the guard', () => {
    const items = zeros(['i0', 'i1', 'i2', 'i3']);
    const explained = guard(items, plan, ledgerOf(ten), settings, { explained: new Set(['i0', 'i1']) });
    expect(explained).toEqual({ hold: false, toZero: ['i2', 'i3'], base: 10 });
    expect(itemsNotHeld(items, explained)).toEqual(items);
    const confirmed = guard(items, plan, ledgerOf(ten), settings, { confirmed: new Set(['i0']) });
    expect(confirmed.toZero).toEqual(['i1', 'i2', 'i3']);
    expect(confirmed.hold).toBe(false); // 3 of 10 is not more than 30 %
  });

  it('below minItems or maxZeroShare nothing is held', () => {
    expect(guard(zeros(['i0', 'i1']), plan, ledgerOf(ten), settings).hold).toBe(false);
    expect(guard(zeros(['i0', 'i1', 'i2']), plan, ledgerOf(ten), settings).hold).toBe(false);
  });

  it('a lost «_Отправлено» of a marketplace that cannot be read holds every zero without a record, however few', () => {
    const lost = guard(zeros(['x']), plan, new Map(), settings, { holdUnrecorded: true });
    expect(lost).toEqual({ hold: true, toZero: ['x'], base: 1, unrecorded: 1 });
    // Recorded zeros keep the usual rule (2 of 10 is not a mass zero); explained and confirmed ones go.
    const items = [...zeros(['i0', 'i1', 'new', 'sold', 'seen']), { id: 'up', amount: 3 }];
    const verdict = guard(items, plan, ledgerOf(ten), settings, {
      holdUnrecorded: true,
      explained: new Set(['sold']),
      confirmed: new Set(['seen']),
    });
    expect(verdict).toEqual({ hold: true, toZero: ['new'], base: 11, unrecorded: 1 });
    expect(itemsNotHeld(items, verdict).map((i) => i.id)).toEqual(['i0', 'i1', 'sold', 'seen', 'up']);
    expect(guard(zeros(['i0']), plan, ledgerOf(ten), settings, { holdUnrecorded: true }).hold).toBe(false);
  });
});

describe('zerosExplainedByOrders', () => {
  it('a SKU whose units are all reserved or written off is explained; one cut to zero on the sheet is not', () => {
    const reserves = [...RESERVES, ['', 'ozon', 'P-1', 'A', 4, '', 'Заказ', 'Активен', '', '', '']];
    const after = allocate(
      [
        ['A', 4, 'a'],
        ['B', 0, 'b'],
        ['C', 0, 'c'],
      ],
      reserves,
    );
    // Before this run's orders: C still had 3 units (written off now); B was cut to 0 by a person.
    const before = allocate([
      ['A', 4, 'a'],
      ['B', 0, 'b'],
      ['C', 3, 'c'],
    ]);
    expect(after.rows.map((r) => r.quantities[0])).toEqual([0, 0, 0]);
    expect([...(zerosExplainedByOrders(settings, after, before).get('ozon') ?? [])]).toEqual(['a', 'c']);
  });
});

describe('preview and the push decide alike', () => {
  // Ten items at 4 each were accepted; four of them show 0 now: two because reserves took every unit, two cut by hand.
  const ids = Array.from({ length: 10 }, (_, i) => `i${i}`);
  const ten = Object.fromEntries(ids.map((id) => [id, 4]));
  const stock = ids.map((id, i) => [id.toUpperCase(), i < 4 && i >= 2 ? 0 : 4, id]);
  const reserves = [
    ...RESERVES,
    ['', 'ozon', 'P-1', 'I0', 4, '', 'Заказ', 'Активен', '', '', ''],
    ['', 'ozon', 'P-2', 'I1', 4, '', 'Заказ', 'Активен', '', '', ''],
  ];
  const allocation = allocate(stock, reserves);
  const explain = () => zerosExplainedByOrders(settings, allocation, allocate(stock));

  /** What a run decides for this push, as syncGuard does it: the plan's items, then guardAsRun. */
  function pushDecision(s: Settings, mode: 'diff' | 'all') {
    const [plan] = plans(s, allocation);
    const items = itemsToSend(plan, ledgerOf(ten), mode);
    const verdict = guardAsRun(items, plan, ledgerOf(ten), s, () => explain().get('ozon'));
    return { wouldHold: verdict.hold, held: verdict.hold ? verdict.toZero.length : 0 };
  }

  it.each([
    ['3 of 10 may go to 0', { maxZeroShare: 0.3, minItems: 3 }, false],
    ['1 of 10 may go to 0', { maxZeroShare: 0.1, minItems: 1 }, true],
  ])('zeros that reserves explain are not counted as held (%s)', (_, guardSettings, holds) => {
    const s = { ...settings, guard: guardSettings };
    const [ozon] = preview(s, allocation, ledgerOf(ten), explain);
    // Four zeros would hold under either guard; two of them reserves explain, and two are too few for the first.
    expect(ozon).toMatchObject({ changed: 4, down: 4, toZero: 4, explained: 2, held: holds ? 2 : 0, wouldHold: holds });
    for (const mode of ['diff', 'all'] as const)
      expect(pushDecision(s, mode)).toEqual({ wouldHold: ozon.wouldHold, held: ozon.held });
  });

  it('without asking orders the same four zeros would hold: the explanation is what sets them free', () => {
    const [ozon] = preview(settings, allocation, ledgerOf(ten));
    expect(ozon).toMatchObject({ toZero: 4, explained: 0, held: 4, wouldHold: true });
  });

  it('orders are asked once for all channels, and only when some push would be held', () => {
    let asked = 0;
    const counting = () => {
      asked++;
      return explain();
    };
    preview(settings, allocation, ledgerOf(ten), counting);
    expect(asked).toBe(1);
    preview(settings, allocate(ids.map((id) => [id.toUpperCase(), 4, id])), ledgerOf(ten), counting);
    expect(asked).toBe(1);
  });
});

describe('service sheets', () => {
  it('«_Задержано» keeps every held id per channel, ids as text', () => {
    const held = new Map([
      ['ozon', ['0012', 'x']],
      ['wb', ['46000000000001']],
    ]);
    const rows = heldRows(held, (c) => `2026-11-22T10:0${c.length}:00Z`);
    expect(rows[1]).toEqual(["'ozon", "'0012", "'2026-11-22T10:04:00Z"]);
    const stored = rows.map((r) => r.map((v) => v.replace(/^'/, '')));
    expect(readHeld(stored)).toEqual(held);
    expect(readHeld(null)).toEqual(new Map());
  });

  it('«_Отправлено» keeps its prev and tried columns through a round trip', () => {
    const ledger: Ledger = new Map([
      [
        'ozon',
        new Map([
          [
            'a',
            {
              qty: 3,
              at: '2026-11-22T10:00:00Z',
              prev: { qty: 5, at: '2026-11-22T09:00:00Z' },
              tried: { qty: 2, at: '2026-11-22T10:05:00Z' },
            },
          ],
        ]),
      ],
    ]);
    const stored = ledgerRows(ledger).map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/^'/, '') : v)));
    expect(readLedger(stored)).toEqual(ledger);
  });

  it('the signature of held ids ignores their order and changes with the set', () => {
    expect(idsSignature(['a', 'b'])).toBe(idsSignature(['b', 'a']));
    expect(idsSignature(['a', 'b'])).not.toBe(idsSignature(['a', 'c']));
    expect(idsSignature(['ab'])).not.toBe(idsSignature(['a', 'b']));
  });
});

describe('everyRowInvalid', () => {
  it('names how many rows and the first one, in Russian plural', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`S${i}`, 'много', `s${i}`]);
    expect(everyRowInvalid(allocate(rows(60)))).toMatch(
      /^60 строк с ошибками, ничего не отправлено: первая — строка 2, столбец «Склад»: /,
    );
    expect(everyRowInvalid(allocate(rows(1)))).toMatch(/^1 строка с ошибками/);
    expect(everyRowInvalid(allocate(rows(3)))).toMatch(/^3 строки с ошибками/);
    expect(everyRowInvalid(allocate(rows(11)))).toMatch(/^11 строк с ошибками/);
    expect(everyRowInvalid(allocate([...rows(3), ['OK', 2, 'ok']]))).toBeNull();
    expect(everyRowInvalid(allocate([]))).toBeNull();
  });
});

describe('plans on the worked example', () => {
  const input = structuredClone(workedExampleSettings) as any;
  input.channels[1].idHeader = 'WB баркод';
  const parsed = validateSettings(input, new Date(now));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const settings = parsed.settings;
  const header = ['Артикул', 'Склад', 'Поставщик', 'Брак', 'WB баркод'];
  const planOf = (stock: unknown[][], channel: string) => {
    const allocation = allocateSheet(settings, stock, null, now);
    if (!allocation.ok) throw new Error(allocation.error);
    const plan = plans(settings, allocation).find((p) => p.channel.id === channel);
    if (!plan) throw new Error(channel);
    return { desired: [...plan.desired], conflicts: plan.conflicts };
  };

  it('wants every id of every shown row, once', () => {
    const stock = [header, ['A-1', 3, 0, 0, 'b1'], ['A-2', 5, 0, 0, 'b2;b3'], ['A-3', 1, 0, 0, '']];
    expect(planOf(stock, 'wb')).toEqual({
      desired: [
        ['b1', 3],
        ['b2', 5],
        ['b3', 5],
      ],
      conflicts: [],
    });
    expect(planOf(stock, 'ozon').desired.map(([id]) => id)).toEqual(['A-1', 'A-2', 'A-3']);
  });

  it('sends no id that two rows claim and names the rows; one id twice in one cell is one id', () => {
    const stock = [
      header,
      ['A-1', 3, 0, 0, 'b1'],
      ['A-2', 5, 0, 0, 'b2;b1'],
      ['A-3', 2, 0, 0, 'b3;b3'],
      ['A-4', 4, 0, 0, 'b4'],
    ];
    expect(planOf(stock, 'wb')).toEqual({
      desired: [
        ['b2', 5],
        ['b3', 2],
        ['b4', 4],
      ],
      conflicts: [{ id: 'b1', rows: [2, 3] }],
    });
    expect(planOf(stock, 'ozon').conflicts).toEqual([]);
  });
});

describe('preview', () => {
  const parsed = validateSettings(workedExampleSettings, new Date(now));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const settings = parsed.settings;
  const header = ['Артикул', 'Склад', 'Поставщик', 'Брак'];
  const at = '2026-11-20T10:00:00.000Z';

  it('counts what a diff run would send: changed, up, down, to zero, and whether the guard would hold it', () => {
    // Ozon shows 90 %: 10 → 9, 4 → 3, 0 → 0, 20 → 18, 1 → 0
    const stock = [header, ['A', 10, 0, 0], ['B', 4, 0, 0], ['C', 0, 0, 0], ['D', 20, 0, 0], ['E', 1, 0, 0]];
    const allocation = allocateSheet(settings, stock, null, now);
    if (!allocation.ok) throw new Error(allocation.error);
    const entry = (qty: number) => ({ qty, at });
    // A as it was, B last 5 (down), C last 2 (to zero), D never sent (up), E last 0 (unchanged)
    const ledger: Ledger = new Map([
      [
        'ozon',
        new Map([
          ['A', entry(9)],
          ['B', entry(5)],
          ['C', entry(2)],
          ['E', entry(0)],
        ]),
      ],
    ]);
    const ozon = preview(settings, allocation, ledger).find((p) => p.channelId === 'ozon');
    expect(ozon).toMatchObject({ items: 5, changed: 3, up: 1, down: 2, toZero: 1, wouldHold: false });
    const strict = { ...settings, guard: { ...settings.guard, minItems: 1, maxZeroShare: 0.2 } };
    // 1 of the 4 items above 0 would go to 0: more than 20 %
    expect(preview(strict, allocation, ledger).find((p) => p.channelId === 'ozon')?.wouldHold).toBe(true);
    expect(preview(settings, allocation, new Map()).find((p) => p.channelId === 'ozon')).toMatchObject({
      items: 5,
      changed: 5,
      up: 5,
      down: 0,
      toZero: 0,
    });
  });
});
