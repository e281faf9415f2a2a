/**
 * The rule editor's equal-split preview shows what the allocation writes (SPEC 3): the same shares,
 * the remainder to the first channels in settings order, and a row a filter keeps from one channel
 * split among the others.
 */

import { equalPreviewText, equalSplit } from '../../sidebar/src/rulePreview';
import { allocateSheet } from '../../src/core/allocation';
import { validateSettings } from '../../src/core/settings';

const now = Date.parse('2026-11-22T10:00:00Z');
const draft = {
  version: 1,
  warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
  channels: [
    { id: 'ozon', name: 'Ozon', column: 'Ozon', marketplace: 'ozon', rule: { type: 'equal' } },
    { id: 'share', name: 'Доля', column: 'Доля', marketplace: 'manual', rule: { type: 'share', percent: 50 } },
    { id: 'wb', name: 'Wildberries', column: 'WB', marketplace: 'wb', rule: { type: 'equal' } },
    { id: 'ym', name: 'Яндекс Маркет', column: 'ЯМ', marketplace: 'yandex', rule: { type: 'equal' } },
    {
      id: 'site',
      name: 'Сайт',
      column: 'Сайт',
      marketplace: 'manual',
      rule: { type: 'equal' },
      filter: { header: 'Бренд', op: 'equals', value: 'Своя марка' },
    },
  ],
} as const;

/** What allocateSheet writes for one row of `available` units, per equal channel name (blank: null). */
function written(available: number, brand: string): Record<string, number | null> {
  const parsed = validateSettings(draft, new Date(now));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const stock = [
    ['Артикул', 'Склад', 'Бренд'],
    ['A', available, brand],
  ];
  const allocation = allocateSheet(parsed.settings, stock, null, now);
  if (!allocation.ok) throw new Error(allocation.error);
  const row = allocation.rows[0];
  return Object.fromEntries(
    parsed.settings.channels.flatMap((c, i) => (c.rule.type === 'equal' ? [[c.name, row.quantities[i]]] : [])),
  );
}

const asRecord = (split: { name: string; value: number }[]) => Object.fromEntries(split.map((s) => [s.name, s.value]));

describe('equal split preview', () => {
  it.each([13, 14, 15, 16, 3, 1, 0])('%i in stock: the preview numbers are what allocation writes', (available) => {
    // A row every filter lets through: the four equal channels share it.
    expect(asRecord(equalSplit(draft.channels, available))).toEqual(written(available, 'Своя марка'));
    // A row the filter keeps from «Сайт»: the three others share it, «Сайт» gets a blank cell.
    const kept = written(available, 'Другая');
    expect(kept.Сайт).toBeNull();
    const { Сайт: _, ...others } = kept;
    expect(asRecord(equalSplit(draft.channels, available, (c) => !c.filter))).toEqual(others);
  });

  it('says the split and who gets the remainder, and how a row the filter keeps out is split', () => {
    expect(equalPreviewText(draft.channels, 13)).toBe(
      'доступно 13, делится поровну между 4 каналами: Ozon 4, Wildberries 3, Яндекс Маркет 3, Сайт 3. ' +
        'Товар, который не пропускает фильтр канала «Сайт», делят остальные: Ozon 5, Wildberries 4, Яндекс Маркет 4',
    );
    expect(written(13, 'Своя марка')).toEqual({ Ozon: 4, Wildberries: 3, 'Яндекс Маркет': 3, Сайт: 3 });
    expect(written(13, 'Другая')).toEqual({ Ozon: 5, Wildberries: 4, 'Яндекс Маркет': 4, Сайт: null });
  });

  it('a lone equal channel gets everything', () => {
    const lone = draft.channels.filter((c) => c.id !== 'wb' && c.id !== 'ym' && c.id !== 'site');
    expect(equalPreviewText(lone, 13)).toBe('доступно 13, других каналов с равномерным распределением нет: 13 шт.');
  });
});
