/**
 * Kits on «Остатки» (SPEC 5.7): a kit row's numbers come from its components' rows, after reserves,
 * in the same recalculation; every wrong line of «Комплекты» or of a kit row is named by row and keeps
 * the kit from being sent.
 */
import fc from 'fast-check';
import { allocateSheet, type SheetAllocation } from '../../src/core/allocation';
import { readKits } from '../../src/core/kits';
import { describeProblem } from '../../src/core/problems';
import { type Settings, validateSettings } from '../../src/core/settings';
import { planImport } from '../../src/core/sources';
import { reserveHeader, workedExampleSettings } from '../fixtures/workedExample';

const now = Date.parse('2026-11-22T10:00:00Z');
function settingsOf(input: unknown): Settings {
  const r = validateSettings(input, new Date(now));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}
/** Склад and Поставщик in sale, Брак not; Ozon 90 %, WB «x > 10 → 10», Яндекс Маркет and Сайт equal over Склад. */
const worked = settingsOf(workedExampleSettings);
const HEADER = ['Артикул', 'Склад', 'Поставщик', 'Брак', 'Страховой запас'];
const KITS_HEADER = ['Комплект', 'Артикул', 'Кол-во'];

function allocate(
  stock: unknown[][],
  kits: unknown[][] | null,
  reserves: unknown[][] | null = null,
  settings = worked,
): SheetAllocation {
  const r = allocateSheet(settings, stock, reserves, now, undefined, kits);
  if (!r.ok) throw new Error(r.error);
  return r;
}

/** Computed cells of the row whose «Артикул» is `sku`, by header. */
function cellsOf(r: SheetAllocation, stock: unknown[][], sku: string): Record<string, unknown> {
  const k = stock.findIndex((row, i) => i > 0 && row[0] === sku);
  return Object.fromEntries(r.columns.map((c, j) => [c.header, r.output[k - 1][j]]));
}

const texts = (r: SheetAllocation) => r.problems.map(describeProblem);

/** A (Склад 10, Поставщик 3) and B (Склад 4); КОМПЛ-1 takes 2 A and 1 B. */
const stock = (): unknown[][] => [HEADER, ['A', 10, 3, 1, ''], ['B', 4, '', '', ''], ['КОМПЛ-1', '', '', '', '']];
const kits = (): unknown[][] => [KITS_HEADER, ['КОМПЛ-1', 'A', 2], ['КОМПЛ-1', 'B', 1]];

describe('a kit row', () => {
  it('shows per channel the minimum over its components of floor(A_c / qty), then its own rule', () => {
    const s = stock();
    const r = allocate(s, kits());
    // Ozon: min(floor(13/2), 4) = 4 → 90 % = 3; WB: 4; Склад only: min(floor(10/2), 4) = 4 → 2 and 2.
    expect(cellsOf(r, s, 'КОМПЛ-1')).toEqual({
      Резерв: '',
      'К продаже': 4,
      Ozon: 3,
      WB: 4,
      'Яндекс Маркет': 2,
      Сайт: 2,
      'Не распределено': 0,
    });
    expect(r.rows[2]).toMatchObject({ sku: 'КОМПЛ-1', valid: true, kit: true, quantities: [3, 4, 2, 2] });
    // The components go on as usual.
    expect(cellsOf(r, s, 'A')).toMatchObject({ 'К продаже': 13, Ozon: 11, WB: 10 });
    expect(r.problems).toEqual([]);
  });

  it('takes its own «Страховой запас» off its availability and its «К продаже»', () => {
    const s = stock();
    s[3][4] = 1;
    const r = allocate(s, kits());
    // 4 − 1 = 3 everywhere: Ozon floor(2.7) = 2, WB 3, Склад 3 → 2 and 1; «Не распределено» 3 − max(2, 3, 3) = 0.
    expect(cellsOf(r, s, 'КОМПЛ-1')).toMatchObject({ 'К продаже': 3, Ozon: 2, WB: 3, 'Яндекс Маркет': 2, Сайт: 1 });
  });

  it('counts each component after its own «Страховой запас» and reserves', () => {
    const s = stock();
    s[1][4] = 3; // A: 13 − 3 = 10 for sale → 5 kits; Склад only 10 − 3 = 7 → 3 kits
    const reserves = [reserveHeader, ['', '', '', 'B', 1, 'Склад', 'Ручной', 'Активен', '', '', '']];
    const r = allocate(s, kits(), reserves);
    // B: 4 − 1 = 3 → 3 kits everywhere.
    expect(cellsOf(r, s, 'КОМПЛ-1')).toMatchObject({ 'К продаже': 3, Ozon: 2, WB: 3, 'Яндекс Маркет': 2, Сайт: 1 });
    expect(cellsOf(r, s, 'B')).toMatchObject({ Резерв: 1, 'К продаже': 3 });
  });

  it('is lowered in the same recalculation by a component sold alone (its order reserve)', () => {
    const s = stock();
    const before = cellsOf(allocate(s, kits()), s, 'КОМПЛ-1');
    const reserves = [reserveHeader, ['', 'ozon', 'P1', 'B', 3, 'Склад', 'Заказ', 'Активен', '', '', '']];
    const after = cellsOf(allocate(s, kits(), reserves), s, 'КОМПЛ-1');
    expect(before).toMatchObject({ 'К продаже': 4, WB: 4 });
    expect(after).toMatchObject({ 'К продаже': 1, Ozon: 0, WB: 1, 'Яндекс Маркет': 1, Сайт: 0 });
  });

  it('is computed wherever it stands, above its components too', () => {
    const s = [HEADER, ['КОМПЛ-1', '', '', '', ''], ['A', 10, 3, 1, ''], ['B', 4, '', '', '']];
    const r = allocate(s, kits());
    expect(cellsOf(r, s, 'КОМПЛ-1')).toMatchObject({ 'К продаже': 4, Ozon: 3 });
    expect(r.rows.map((row) => row.sku)).toEqual(['КОМПЛ-1', 'A', 'B']);
  });

  it('takes a component on a channel that does not show that component (its filter or id)', () => {
    const settings = settingsOf({
      ...workedExampleSettings,
      channels: workedExampleSettings.channels.map((c) =>
        c.id === 'wb' ? { ...c, filter: { header: 'Бренд', op: 'equals', value: 'ACME' } } : c,
      ),
    });
    const s = [
      [...HEADER, 'Бренд'],
      ['A', 10, 3, 1, '', 'ACME'],
      ['B', 4, '', '', '', ''],
      ['КОМПЛ-1', '', '', '', '', 'ACME'],
    ];
    const r = allocate(s, kits(), null, settings);
    expect(cellsOf(r, s, 'B').WB).toBe('');
    expect(cellsOf(r, s, 'КОМПЛ-1').WB).toBe(4);
  });

  it('is shown only where its own filter lets it through', () => {
    const settings = settingsOf({
      ...workedExampleSettings,
      channels: workedExampleSettings.channels.map((c) =>
        c.id === 'ozon' ? { ...c, filter: { header: 'Бренд', op: 'notEmpty' } } : c,
      ),
    });
    const s = [
      [...HEADER, 'Бренд'],
      ['A', 10, 3, 1, '', 'ACME'],
      ['B', 4, '', '', '', 'ACME'],
      ['КОМПЛ-1', '', '', '', '', ''],
    ];
    const r = allocate(s, kits(), null, settings);
    expect(cellsOf(r, s, 'КОМПЛ-1')).toMatchObject({ Ozon: '', WB: 4 });
  });

  it('is listed as running low by its own «Мин. остаток»', () => {
    const s = [
      [...HEADER, 'Мин. остаток'],
      ['A', 10, 3, 1, '', ''],
      ['B', 4, '', '', '', ''],
      ['КОМПЛ-1', '', '', '', '', 5],
    ];
    expect(allocate(s, kits()).lowStock).toEqual([{ row: 4, sku: 'КОМПЛ-1', forSale: 4, min: 5 }]);
  });

  it('a reserve of the kit itself («По остатку», «Ручной») holds its components', () => {
    const s = stock();
    const reserves = [reserveHeader, ['', 'ozon', '', 'КОМПЛ-1', 1, 'Склад', 'По остатку', 'Активен', '', '', '']];
    const r = allocate(s, kits(), reserves);
    expect(cellsOf(r, s, 'A')).toMatchObject({ Резерв: 2, 'К продаже': 11 });
    expect(cellsOf(r, s, 'B')).toMatchObject({ Резерв: 1, 'К продаже': 3 });
    expect(cellsOf(r, s, 'КОМПЛ-1')).toMatchObject({ Резерв: '', 'К продаже': 3 });
    expect(r.activeReserves).toBe(1);
  });

  it('without «Комплекты», or with only its header, every row is an ordinary product', () => {
    const s = stock();
    for (const sheet of [null, [KITS_HEADER], [['', '', '']]]) {
      const r = allocate(s, sheet);
      expect(cellsOf(r, s, 'КОМПЛ-1')).toMatchObject({ Резерв: 0, 'К продаже': 0 });
      expect(r.rows[2].kit).toBeUndefined();
    }
  });

  it('reads «Комплекты» by header, whatever the order, and a blank «Комплект» continues the kit above', () => {
    const s = stock();
    const sheet = [
      ['кол-во', 'Примечание', 'артикул', ' КОМПЛЕКТ '],
      [2, 'кружки', 'A', 'КОМПЛ-1'],
      ['1', '', 'B', ''],
    ];
    expect(cellsOf(allocate(s, sheet), s, 'КОМПЛ-1')).toMatchObject({ 'К продаже': 4, Ozon: 3 });
  });
});

describe('a kit row is invalid, named by row, and never sent', () => {
  function invalidKit(s: unknown[][], sheet: unknown[][], reserves: unknown[][] | null = null) {
    const r = allocate(s, sheet, reserves);
    const k = r.rows.find((row) => row.sku === 'КОМПЛ-1');
    expect(k).toMatchObject({ valid: false, quantities: [null, null, null, null] });
    expect(Object.values(cellsOf(r, s, 'КОМПЛ-1')).every((v) => v === '')).toBe(true);
    return r;
  }

  it('when its warehouse cell holds a number, 0 included', () => {
    for (const value of [3, 0, 'много']) {
      const s = stock();
      s[3][3] = value;
      const r = invalidKit(s, kits());
      expect(texts(r)).toEqual([
        expect.stringMatching(
          /^Лист «Остатки», строка 4, столбец «Брак»: «КОМПЛ-1» — комплект \(лист «Комплекты»\): его остаток считается из компонентов, ячейку склада оставьте пустой\. КОМПЛ-1 не отправляется, пока ячейка не исправлена/,
        ),
      ]);
      expect(r.invalidCount).toBe(1);
    }
  });

  it('when a component is not on «Остатки»', () => {
    const r = invalidKit(stock(), [...kits(), ['КОМПЛ-1', 'C-404', 1]]);
    expect(texts(r)).toEqual([
      'Лист «Комплекты», строка 4, столбец «Артикул»: компонента «C-404» нет на листе «Остатки». КОМПЛ-1 не отправляется, пока состав комплекта на листе «Комплекты» не исправлен; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
    ]);
  });

  it('when a component is on «Остатки» only in other letters: the row there is named', () => {
    const r = invalidKit(stock(), [...kits(), ['КОМПЛ-1', 'a', 1]]);
    expect(texts(r)).toEqual([
      'Лист «Комплекты», строка 4, столбец «Артикул»: компонента «a» нет на листе «Остатки»: на листе есть «A» — артикулы различают регистр. КОМПЛ-1 не отправляется, пока состав комплекта на листе «Комплекты» не исправлен; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
    ]);
  });

  it('when a component row has an error (a bad cell, a repeated «Артикул»)', () => {
    const s = stock();
    s[2][1] = 'много';
    const r = invalidKit(s, kits());
    expect(texts(r)).toContain(
      'Лист «Остатки», строка 4, столбец «Артикул»: в строке 3 компонента «B» ошибка: комплект без него не считается. КОМПЛ-1 не отправляется, пока строка компонента с ошибкой; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
    );
    const twice = [...stock(), ['A', 1, '', '', '']];
    expect(texts(invalidKit(twice, kits()))).toContain(
      'Лист «Остатки», строка 4, столбец «Артикул»: в строках 2, 5 компонента «A» ошибка: комплект без него не считается. КОМПЛ-1 не отправляется, пока строка компонента с ошибкой; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
    );
  });

  it('when «Кол-во» is not a whole number of at least 1', () => {
    for (const [value, shown] of [
      [0, '«0»'],
      [-1, '«-1»'],
      [1.5, '«1.5»'],
      ['1,5', '«1,5»'],
      ['два', '«два»'],
    ] as const) {
      const r = invalidKit(stock(), [KITS_HEADER, ['КОМПЛ-1', 'A', value], ['КОМПЛ-1', 'B', 1]]);
      expect(texts(r)).toEqual([
        expect.stringContaining(
          `Лист «Комплекты», строка 2, столбец «Кол-во»: ${shown} — не целое число больше 0: сколько штук компонента в одном комплекте. КОМПЛ-1 не отправляется`,
        ),
      ]);
    }
    const blank = invalidKit(stock(), [KITS_HEADER, ['КОМПЛ-1', 'A', ''], ['КОМПЛ-1', 'B', 1]]);
    expect(texts(blank)[0]).toContain('строка 2, столбец «Кол-во»: не указано количество');
  });

  it('when a component is listed twice in it', () => {
    const r = invalidKit(stock(), [...kits(), ['КОМПЛ-1', 'A', 1]]);
    expect(texts(r)[0]).toContain(
      'Лист «Комплекты», строка 4, столбец «Артикул»: компонент «A» указан в комплекте «КОМПЛ-1» дважды (строки 2, 4): оставьте одну строку с общим количеством',
    );
  });

  it('when a kit stands inside it', () => {
    const s = [...stock(), ['КОМПЛ-2', '', '', '', '']];
    const r = invalidKit(s, [...kits(), ['КОМПЛ-2', 'A', 1], ['КОМПЛ-1', 'КОМПЛ-2', 1]]);
    expect(texts(r)).toEqual([
      expect.stringContaining(
        'Лист «Комплекты», строка 5, столбец «Артикул»: компонент «КОМПЛ-2» сам комплект: комплект в комплекте не поддерживается — перечислите его компоненты. КОМПЛ-1 не отправляется',
      ),
    ]);
    // The inner kit itself is fine.
    expect(cellsOf(r, s, 'КОМПЛ-2')).toMatchObject({ 'К продаже': 13 });
  });

  it('when kits take each other in a loop, or a kit takes itself', () => {
    const s = [...stock(), ['КОМПЛ-2', '', '', '', ''], ['КОМПЛ-3', '', '', '', '']];
    const sheet = [
      KITS_HEADER,
      ['КОМПЛ-1', 'КОМПЛ-2', 1],
      ['КОМПЛ-2', 'КОМПЛ-3', 1],
      ['КОМПЛ-3', 'КОМПЛ-1', 2],
      ['КОМПЛ-4', 'КОМПЛ-4', 1],
    ];
    const r = invalidKit([...s, ['КОМПЛ-4', '', '', '', '']], sheet);
    expect(texts(r)).toEqual([
      expect.stringContaining(
        'строка 2, столбец «Артикул»: комплекты входят друг в друга по кругу: КОМПЛ-1 → КОМПЛ-2 → КОМПЛ-3 → КОМПЛ-1',
      ),
      expect.stringContaining(
        'строка 3, столбец «Артикул»: комплекты входят друг в друга по кругу: КОМПЛ-2 → КОМПЛ-3 → КОМПЛ-1 → КОМПЛ-2',
      ),
      expect.stringContaining(
        'строка 4, столбец «Артикул»: комплекты входят друг в друга по кругу: КОМПЛ-3 → КОМПЛ-1 → КОМПЛ-2 → КОМПЛ-3',
      ),
      expect.stringContaining('строка 5, столбец «Артикул»: комплект «КОМПЛ-4» указан компонентом самого себя'),
    ]);
    expect(r.rows.filter((row) => row.valid).map((row) => row.sku)).toEqual(['A', 'B']);
  });

  it('when «Кол-во» or «Артикул» is missing from «Комплекты»', () => {
    const r = invalidKit(stock(), [
      ['Комплект', 'Артикул'],
      ['КОМПЛ-1', 'A'],
    ]);
    expect(texts(r)[0]).toContain(
      'Лист «Комплекты», строка 1, столбец «Кол-во»: нет столбца «Кол-во»: состав комплекта не прочитан',
    );
  });
});

describe('«Комплекты» as a whole', () => {
  it('without a «Комплект» column the recalculation stops: a kit must never go out as a product with no stock', () => {
    const r = allocateSheet(worked, stock(), null, now, undefined, [
      ['Набор', 'Артикул', 'Кол-во'],
      ['КОМПЛ-1', 'A', 2],
    ]);
    expect(r).toEqual({
      ok: false,
      error: expect.stringContaining('На листе «Комплекты» нет столбца «Комплект»'),
    });
  });

  it('names a kit that is not on «Остатки», and a line that names no kit', () => {
    const r = allocate(stock(), [KITS_HEADER, ['', 'A', 1], ...kits().slice(1), ['КОМПЛ-9', 'A', 1]]);
    expect(texts(r)).toEqual([
      'Лист «Комплекты», строка 2, столбец «Комплект»: не указан комплект: строка не учтена',
      'Лист «Комплекты», строка 5, столбец «Комплект»: комплекта «КОМПЛ-9» нет на листе «Остатки»: добавьте строку с этим артикулом, чтобы он отправлялся',
    ]);
    expect(r.problems.map((p) => p.severity)).toEqual(['error', 'warning']);
  });

  it('knows every component, and the kits with their lines', () => {
    const read = readKits([KITS_HEADER, ['К', 'A', 2], ['', 'B', '3'], [], ['L', 'A', 1]]);
    if (!read.ok || !read.book) throw new Error('not read');
    expect([...read.book.components]).toEqual(['A', 'B']);
    expect(read.book.kits.get('К')).toEqual({
      sku: 'К',
      sheetRow: 2,
      broken: false,
      components: [
        { sku: 'A', qty: 2, sheetRow: 2 },
        { sku: 'B', qty: 3, sheetRow: 3 },
      ],
    });
  });
});

describe('an import of a warehouse', () => {
  it('never writes a kit row, whether the file lists the kit or not', () => {
    const read = {
      ok: true as const,
      rows: [
        { keys: ['A'], qty: 8 },
        { keys: ['КОМПЛ-1'], qty: 5 },
      ],
    };
    const plan = planImport(stock(), 'Склад', read, { maxZeroShare: 1, minItems: 100 }, new Set(['КОМПЛ-1']));
    if (!plan.ok) throw new Error(plan.reason);
    // A from the file, B not in it → 0, the kit left blank.
    expect(plan.column).toEqual([8, 0, '']);
    expect([plan.matched, plan.missing, plan.extras]).toEqual([1, 1, []]);
  });
});

describe('kit properties', () => {
  const channelSources = [[0, 1], [0, 1], [0], [0]];
  const rules = fc.constantFrom(
    { type: 'share', percent: 100 },
    { type: 'share', percent: 37 },
    { type: 'equal' },
    { type: 'conditions', conditions: [{ op: '>', value: 3, then: 'x + 5' }], otherwise: 'x * 2' },
  );
  const component = fc.record({
    sklad: fc.integer({ min: 0, max: 40 }),
    supplier: fc.integer({ min: 0, max: 40 }),
    safety: fc.integer({ min: 0, max: 5 }),
    reserved: fc.integer({ min: 0, max: 12 }),
    qty: fc.integer({ min: 1, max: 4 }),
  });

  it('a kit never shows more than its scarcest component allows, on every channel', () => {
    fc.assert(
      fc.property(
        fc.array(component, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(rules, { minLength: 4, maxLength: 4 }),
        (parts, kitSafety, channelRules) => {
          const settings = settingsOf({
            ...workedExampleSettings,
            channels: workedExampleSettings.channels.map((c, i) => ({ ...c, rule: channelRules[i] })),
          });
          const s: unknown[][] = [HEADER, ...parts.map((p, i) => [`C${i}`, p.sklad, p.supplier, 0, p.safety])];
          s.push(['KIT', '', '', '', kitSafety]);
          const reserves = [
            reserveHeader,
            ...parts.map((p, i) => ['', '', '', `C${i}`, p.reserved, 'Склад', 'Ручной', 'Активен', '', '', '']),
          ];
          const sheet = [KITS_HEADER, ...parts.map((p, i) => ['KIT', `C${i}`, p.qty])];
          const r = allocate(s, sheet, reserves, settings);
          const kit = r.rows[r.rows.length - 1];
          expect(kit.valid).toBe(true);
          channelSources.forEach((sources, c) => {
            const allows = Math.min(
              ...parts.map((p) => {
                const e = [p.sklad - p.reserved, p.supplier];
                const a = Math.max(0, sources.reduce((sum, w) => sum + e[w], 0) - p.safety);
                return Math.floor(a / p.qty);
              }),
            );
            expect(kit.quantities[c]).toBeLessThanOrEqual(Math.max(0, allows - kitSafety));
          });
          const forSale = Math.min(
            ...parts.map((p) => Math.floor(Math.max(0, p.sklad - p.reserved + p.supplier - p.safety) / p.qty)),
          );
          expect(kit.forSale).toBe(Math.max(0, forSale - kitSafety));
        },
      ),
    );
  });
});
