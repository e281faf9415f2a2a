import { allocateSheet } from '../../src/core/allocation';
import { plans } from '../../src/core/sending';
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
