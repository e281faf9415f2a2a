import fc from 'fast-check';
import { allocateSheet, firstFreeColumn, initialHeaderRow, type SheetAllocation } from '../../src/core/allocation';
import { type Settings, validateSettings } from '../../src/core/settings';
import {
  reserveHeader,
  workedExampleExpected,
  workedExampleReserves,
  workedExampleSettings,
  workedExampleStock,
} from '../fixtures/workedExample';

const now = Date.parse('2026-11-22T10:00:00Z');
function settingsOf(input: unknown): Settings {
  const r = validateSettings(input, new Date(now));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}
const worked = settingsOf(workedExampleSettings);
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function allocate(stock: unknown[][], reserves: unknown[][] | null = null, settings = worked): SheetAllocation {
  const r = allocateSheet(settings, stock, reserves, now);
  if (!r.ok) throw new Error(r.error);
  return r;
}

/** Computed values of one data row (0-based among data rows), by header. */
function rowByHeader(r: SheetAllocation, dataRow: number): Record<string, unknown> {
  return Object.fromEntries(r.columns.map((c, k) => [c.header, r.output[dataRow][k]]));
}

describe('allocateSheet', () => {
  it('computes the worked example, creating the computed columns at the right end', () => {
    const r = allocate(workedExampleStock, workedExampleReserves);
    expect(rowByHeader(r, 0)).toEqual(workedExampleExpected);
    expect(r.columns.map((c) => [c.header, c.index, c.isNew])).toEqual([
      ['Резерв', 6, true],
      ['К продаже', 7, true],
      ['Ozon', 8, true],
      ['WB', 9, true],
      ['Яндекс Маркет', 10, true],
      ['Сайт', 11, true],
      ['Не распределено', 12, true],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('finds columns by header whatever their order, case, «ё» and spaces, around user columns', () => {
    const stock = [
      ['Цена', ' брак ', 'КОММЕНТАРИЙ', 'не распределено', 'поставщик', 'артикул', 'Ozon', 'склад', 'страховой  запас'],
      [990, 2, 'новинка', 'старое', 5, 'A-1', 'старое', 12, 1],
    ];
    const r = allocate(stock, workedExampleReserves);
    expect(rowByHeader(r, 0)).toEqual(workedExampleExpected);
    const existing = r.columns.filter((c) => !c.isNew).map((c) => [c.header, c.index]);
    expect(existing).toEqual([
      ['Ozon', 6],
      ['Не распределено', 3],
    ]);
    // new ones go after the last used column, never over «Цена» or «Комментарий»
    expect(r.columns.filter((c) => c.isNew).map((c) => c.index)).toEqual([9, 10, 11, 12, 13]);
  });

  it('stops with a clear error when a warehouse column is missing: never reads it as zeros', () => {
    const stock = [
      ['Артикул', 'Склад', 'Поставщики'],
      ['A-1', 1, 2],
    ];
    const r = allocateSheet(worked, stock, null, now);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('нет столбца «Поставщик» (склад «Поставщик»)') });
  });

  it('stops when «Артикул», a channel id column or a filter column is missing', () => {
    expect(allocateSheet(worked, [['SKU', 'Склад', 'Поставщик', 'Брак']], null, now)).toEqual({
      ok: false,
      error: expect.stringContaining('нет столбца «Артикул»'),
    });
    const s = clone(workedExampleSettings) as any;
    s.channels[0].idHeader = 'Ozon ID';
    s.channels[1].filter = { header: 'Бренд', op: 'notEmpty' };
    const r = allocateSheet(settingsOf(s), [['Артикул', 'Склад', 'Поставщик', 'Брак']], null, now);
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(/нет столбца «Ozon ID».*Других недостающих столбцов: 1\./),
    });
  });

  it('stops when a used header stands twice', () => {
    const r = allocateSheet(worked, [['Артикул', 'Склад', 'Поставщик', 'Брак', 'склад']], null, now);
    expect(r).toEqual({
      ok: false,
      error: 'На листе «Остатки» два столбца «склад»: оставьте один, чтобы не гадать, какой верный.',
    });
  });

  it('works with one header row and no data', () => {
    const r = allocate([workedExampleStock[0]]);
    expect(r.output).toEqual([]);
    expect(r.rows).toEqual([]);
  });

  it('makes a row with a bad cell invalid, names it, and leaves all its computed cells blank', () => {
    const stock = [
      workedExampleStock[0],
      ['A-1', 'Кружка', 'много', 5, 2, 1],
      ['A-2', 'Тарелка', 4, '#REF!', 0, ''],
      ['A-3', 'Ложка', 4, 1, 0, 'два'],
      ['A-4', 'Вилка', 4, 1, 'абв', 0],
      ['A-5', 'Нож', 4, 1, 0, 0],
    ];
    const r = allocate(stock);
    for (const i of [0, 1, 2, 3]) expect(r.output[i].every((v) => v === '')).toBe(true);
    expect(r.output[4].every((v) => typeof v === 'number')).toBe(true);
    expect(r.invalidCount).toBe(4);
    expect(r.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'Склад', '«много» — не число'],
      [3, 'Поставщик', 'ошибка формулы #REF!'],
      [4, 'Страховой запас', '«два» — не число'],
      // a bad cell in a warehouse that is not in sale still makes the row invalid: the sheet is wrong
      [5, 'Брак', '«абв» — не число'],
    ]);
  });

  it('makes both rows of a duplicate «Артикул» invalid', () => {
    const stock = [workedExampleStock[0], ['A-1', '', 1, 1, 0, 0], ['B', '', 1, 1, 0, 0], [' A-1 ', '', 2, 2, 0, 0]];
    const r = allocate(stock);
    expect(r.output[0].every((v) => v === '')).toBe(true);
    expect(r.output[2].every((v) => v === '')).toBe(true);
    expect(r.output[1][1]).toBe(2);
    expect(r.problems.map((p) => p.row)).toEqual([2, 4]);
    expect(r.problems[0].message).toBe('артикул «A-1» повторяется в строках 2, 4');
    expect(r.problems.map((p) => p.blocks)).toEqual([
      { sku: 'A-1', until: 'repeat' },
      { sku: 'A-1', until: 'repeat' },
    ]);
  });

  it('ignores rows without «Артикул» and counts negatives as 0 with a warning', () => {
    const stock = [workedExampleStock[0], ['', 'пусто', 100, 100, 0, 0], ['A-1', '', -4, 5, 0, 0]];
    const r = allocate(stock);
    expect(r.output[0].every((v) => v === '')).toBe(true);
    expect(rowByHeader(r, 1)['К продаже']).toBe(5);
    expect(r.problems).toEqual([
      {
        sheet: 'Остатки',
        row: 3,
        column: 'Склад',
        message: 'отрицательное число -4 считается как 0',
        severity: 'warning',
      },
    ]);
    expect(r.rows).toHaveLength(1);
  });

  it('applies the product filter and an empty id column as «not shown»', () => {
    const s = clone(workedExampleSettings) as any;
    s.channels[0].filter = { header: 'Бренд', op: 'equals', value: 'ACME' };
    s.channels[1].idHeader = 'WB chrtId';
    const stock = [
      ['Артикул', 'Склад', 'Поставщик', 'Брак', 'Бренд', 'WB chrtId'],
      ['A-1', 10, 0, 0, ' acme ', '111; 222'],
      ['A-2', 10, 0, 0, 'Other', ''],
    ];
    const r = allocate(stock, null, settingsOf(s));
    expect(rowByHeader(r, 0).Ozon).toBe(9);
    expect(rowByHeader(r, 1).Ozon).toBe('');
    expect(rowByHeader(r, 1).WB).toBe('');
    expect(r.rows[0].ids[1]).toEqual(['111', '222']);
  });

  it('flags SKUs below «Мин. остаток»', () => {
    const stock = [
      ['Артикул', 'Склад', 'Поставщик', 'Брак', 'Мин. остаток'],
      ['A-1', 2, 0, 0, 5],
      ['A-2', 9, 0, 0, 5],
    ];
    expect(allocate(stock).lowStock).toEqual([{ row: 2, sku: 'A-1', forSale: 2, min: 5 }]);
  });

  it('builds the header row of a new sheet', () => {
    expect(initialHeaderRow(worked)).toEqual([
      'Артикул',
      'Наименование',
      'Склад',
      'Поставщик',
      'Брак',
      'Страховой запас',
      'Мин. остаток',
      'Резерв',
      'К продаже',
      'Ozon',
      'WB',
      'Яндекс Маркет',
      'Сайт',
      'Не распределено',
    ]);
  });
});

describe('reserves on «Резервы»', () => {
  const stock = [workedExampleStock[0], ['A-1', '', 12, 5, 2, 0], ['A-2', '', 10, 0, 0, 0]];
  const reserve = (sku: unknown, qty: unknown, warehouse = '', type = '', status = '', until: unknown = '') => [
    '',
    '',
    '',
    sku,
    qty,
    warehouse,
    type,
    status,
    until,
    '',
    '',
  ];

  it('counts active manual rows (blank type and status mean «Ручной», «Активен») on their warehouse', () => {
    const r = allocate(stock, [
      reserveHeader,
      reserve('A-1', 2),
      reserve('A-1', 1, 'Поставщик'),
      reserve('A-2', 4, 'склад', 'Ручной', 'Активен'),
    ]);
    expect(rowByHeader(r, 0).Резерв).toBe(3);
    expect(rowByHeader(r, 0)['К продаже']).toBe(14);
    expect(rowByHeader(r, 1).Резерв).toBe(4);
    expect(r.activeReserves).toBe(3);
  });

  it('ignores closed and expired reserves', () => {
    const r = allocate(stock, [
      reserveHeader,
      reserve('A-1', 2, '', 'Ручной', 'Снят'),
      reserve('A-1', 2, '', 'Заказ', 'Списан'),
      reserve('A-1', 2, '', 'Ручной', 'Истёк'),
      reserve('A-1', 2, '', 'Ручной', 'Активен', '21.11.2026'),
      reserve('A-1', 1, '', 'Ручной', 'Активен', '23.11.2026 12:00'),
      reserve('A-1', 1, '', 'Ручной', 'Активен', new Date('2026-11-22T09:00:00Z')),
    ]);
    expect(rowByHeader(r, 0).Резерв).toBe(1);
  });

  it('reports malformed rows, does not count them, and never touches them', () => {
    const rows = [
      reserveHeader,
      reserve('A-1', 'два'),
      reserve('НЕТ-ТАКОГО', 1),
      reserve('A-1', 1, 'Подвал'),
      reserve('A-1', 1, '', 'Подарок'),
      reserve('A-1', 1, '', 'Ручной', 'Может быть'),
      reserve('A-1', 1, '', 'Ручной', '', 'завтра'),
      reserve('', 1),
      reserve('A-1', -1),
    ];
    const copy = clone(rows);
    const r = allocate(stock, rows);
    expect(rowByHeader(r, 0).Резерв).toBe(0);
    expect(rows).toEqual(copy);
    expect(r.problems.map((p) => [p.sheet, p.row, p.column, p.message])).toEqual([
      ['Резервы', 2, 'Кол-во', '«два» — не число: резерв не учтён'],
      ['Резервы', 3, 'Артикул', 'артикула «НЕТ-ТАКОГО» нет на листе «Остатки»: резерв не учтён'],
      ['Резервы', 4, 'Склад', 'нет склада со столбцом «Подвал»: резерв не учтён'],
      ['Резервы', 5, 'Тип', 'неизвестный тип «Подарок» (Заказ, По остатку или Ручной): резерв не учтён'],
      ['Резервы', 6, 'Статус', 'неизвестный статус «Может быть» (Активен, Списан, Снят или Истёк): резерв не учтён'],
      ['Резервы', 7, 'Действует до', '«завтра» — не дата (например, 25.11.2026 18:00): резерв не учтён'],
      ['Резервы', 8, 'Артикул', 'не указан артикул: резерв не учтён'],
      ['Резервы', 9, 'Кол-во', 'отрицательное количество: резерв не учтён'],
    ]);
  });
});

describe('sheet-level invariants (property tests)', () => {
  const goodCell = fc.oneof(
    fc.integer({ min: 0, max: 500 }),
    fc.integer({ min: 0, max: 500 }).map(String),
    fc.constant(''),
    fc.integer({ min: -5, max: -1 }),
  );
  const badCell = fc.constantFrom('много', '#REF!', '#N/A', '12 шт', true);
  const cellArb = fc.oneof({ weight: 8, arbitrary: goodCell }, { weight: 1, arbitrary: badCell });
  const rowArb = fc.tuple(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', ''), cellArb, cellArb, cellArb, cellArb);

  it('an invalid SKU never gets a number; every valid one gets integers ≥ 0 in every computed column', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 12 }), (rows) => {
        const stock = [['Артикул', 'Склад', 'Поставщик', 'Брак', 'Страховой запас'], ...rows];
        const r = allocate(stock);
        const counts = new Map<string, number>();
        for (const row of rows) if (row[0]) counts.set(row[0], (counts.get(row[0]) ?? 0) + 1);
        rows.forEach((row, i) => {
          const bad = row
            .slice(1)
            .some((c) => typeof c === 'boolean' || (typeof c === 'string' && c !== '' && !/^\d+$/.test(c)));
          const invalid = row[0] === '' || bad || (counts.get(row[0]) ?? 0) > 1;
          if (invalid) expect(r.output[i].every((v) => v === '')).toBe(true);
          else
            r.output[i].forEach((v) => {
              expect(Number.isInteger(v)).toBe(true);
              expect(v as number).toBeGreaterThanOrEqual(0);
            });
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('where new computed columns go (SPEC 2.1)', () => {
  it('after the last column holding anything in any row, not only after the last header', () => {
    expect(
      firstFreeColumn([
        ['Артикул', 'Склад', '', ''],
        ['A', 1, '', 'заметка'],
        ['B', 2],
      ]),
    ).toBe(4);
    expect(
      firstFreeColumn([
        ['Артикул', 'Склад', '', '   '],
        ['A', 1, ''],
      ]),
    ).toBe(2);
    expect(
      firstFreeColumn([
        ['Артикул', '', 'Цена'],
        ['A', false],
      ]),
    ).toBe(3);
    expect(firstFreeColumn([[]])).toBe(0);
  });
});
