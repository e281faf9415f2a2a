import { allocateSheet } from '../../src/core/allocation';
import { type Ledger, plans, preview } from '../../src/core/sending';
import { validateSettings } from '../../src/core/settings';
import { workedExampleSettings } from '../fixtures/workedExample';

const now = Date.parse('2026-11-22T10:00:00Z');

describe('plans', () => {
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

  it('sends no id that two rows claim, or one row twice, and names the rows', () => {
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
        ['b4', 4],
      ],
      conflicts: [
        { id: 'b1', rows: [2, 3] },
        { id: 'b3', rows: [4, 4] },
      ],
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
