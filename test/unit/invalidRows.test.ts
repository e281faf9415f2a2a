/**
 * What an invalid row means for sales (SPEC 2.1): it is left out of every push — the first one, a
 * scheduled diff, «Отправить остатки» that sends everything — and its problem says so in those words.
 */
import { allocateSheet, type SheetAllocation } from '../../src/core/allocation';
import { describeProblem } from '../../src/core/problems';
import { itemsToSend, type Ledger, plans, preview } from '../../src/core/sending';
import { type Settings, validateSettings } from '../../src/core/settings';

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
          rule: { type: 'share', percent: 100 },
          target: { warehouseId: '1' },
        },
        { id: 'site', name: 'Сайт', column: 'Сайт', marketplace: 'manual', rule: { type: 'equal' } },
      ],
    },
    new Date(now),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
})();

function allocate(rows: unknown[][]): SheetAllocation {
  const r = allocateSheet(settings, [['Артикул', 'Склад'], ...rows], null, now);
  if (!r.ok) throw new Error(r.error);
  return r;
}

const sheet = allocate([
  ['DEMO-001', 4],
  ['DEMO-002', 6],
  ['DEMO-003', 'много'],
  ['DEMO-004', '#REF!'],
  ['DEMO-005', 2],
  ['DEMO-005', 3],
]);
const ledger: Ledger = new Map([
  ['ozon', new Map(['DEMO-001', 'DEMO-003', 'DEMO-005'].map((id) => [id, { qty: 9, at: '2026-11-22T09:00:00Z' }]))],
]);

describe('an invalid row', () => {
  it('reads what it means for sales: not sent until fixed, the marketplaces keep their number', () => {
    const texts = sheet.problems.map(describeProblem);
    expect(texts).toEqual([
      'Лист «Остатки», строка 4, столбец «Склад»: «много» — не число. DEMO-003 не отправляется, пока ячейка не исправлена; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
      'Лист «Остатки», строка 5, столбец «Склад»: ошибка формулы #REF!. DEMO-004 не отправляется, пока ячейка не исправлена; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
      'Лист «Остатки», строка 6, столбец «Артикул»: артикул «DEMO-005» повторяется в строках 6, 7. DEMO-005 не отправляется, пока артикул повторяется; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
      'Лист «Остатки», строка 7, столбец «Артикул»: артикул «DEMO-005» повторяется в строках 6, 7. DEMO-005 не отправляется, пока артикул повторяется; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
    ]);
  });

  it('a problem that leaves the row valid, or one on «Резервы», says nothing of the kind', () => {
    const negative = allocate([['DEMO-001', -3]]);
    expect(negative.invalidCount).toBe(0);
    expect(negative.problems.map(describeProblem)).toEqual([
      'Лист «Остатки», строка 2, столбец «Склад»: отрицательное число -3 считается как 0',
    ]);
    const reserve = describeProblem({
      sheet: 'Резервы',
      row: 4,
      column: 'Кол-во',
      message: '«пять» — не число: резерв не учтён',
      severity: 'error',
    });
    expect(reserve).not.toContain('не отправляется');
  });

  it('is in no push: not the first (nothing sent yet), not a diff, not «Отправить остатки» that sends everything', () => {
    const [plan] = plans(settings, sheet);
    const invalid = ['DEMO-003', 'DEMO-004', 'DEMO-005'];
    const pushes = {
      first: itemsToSend(plan, new Map(), 'all'),
      diff: itemsToSend(plan, ledger, 'diff'),
      all: itemsToSend(plan, ledger, 'all'),
      continued: itemsToSend(plan, ledger, 'all', '2026-11-22T08:00:00Z'),
    };
    for (const items of Object.values(pushes))
      for (const id of invalid) expect(items.map((i) => i.id)).not.toContain(id);
    expect(pushes.first).toEqual([
      { id: 'DEMO-001', amount: 4 },
      { id: 'DEMO-002', amount: 6 },
    ]);
    // Nothing the run would record touches the invalid rows: «_Отправлено» keeps what the marketplace last took.
    expect(preview(settings, sheet, ledger)[0]).toMatchObject({ items: 2, changed: 2, toZero: 0 });
  });

  it('leaves every column the add-on writes blank, manual channels included', () => {
    const rows = sheet.rows.filter((r) => !r.valid);
    expect(rows.map((r) => r.sku)).toEqual(['DEMO-003', 'DEMO-004', 'DEMO-005', 'DEMO-005']);
    for (const r of rows) expect(sheet.output[r.row - 2].every((v) => v === '')).toBe(true);
  });
});
