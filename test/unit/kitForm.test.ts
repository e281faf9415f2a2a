/**
 * The kits form's core (SPEC 5.7): every wrong field gets a Russian message at its path, and a save's
 * cells, laid on the sheet, make «Комплекты» read exactly as the form said — other kits, other columns
 * and the seller's style (a kit written once over its components) left as they were.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  checkKitEdits,
  holdKitErrors,
  type KitCheckContext,
  type KitEdit,
  kitViews,
  placedKitErrors,
  planKitSheet,
  readKitSheet,
  withoutKit,
} from '../../src/core/kitForm';
import { readKits } from '../../src/core/kits';

const STOCK = new Set(['A', 'B', 'C', 'D', 'E']);

function ctx(sheet: unknown[][] | null, extra: Partial<KitCheckContext> = {}): KitCheckContext {
  const read = readKitSheet(sheet);
  if (!read.ok) throw new Error(read.error);
  return { stockSkus: STOCK, lines: read.lines, ...extra };
}

function errorsOf(kits: unknown, removed: unknown = [], sheet: unknown[][] | null = null, extra = {}) {
  const r = checkKitEdits(kits, removed, ctx(sheet, extra));
  return r.ok ? [] : r.errors;
}

/** The sheet after a save: its cells laid over a copy (a created sheet is its rows). */
function saved(sheet: unknown[][] | null, kits: KitEdit[], removed: string[] = []): unknown[][] {
  const read = readKitSheet(sheet);
  if (!read.ok) throw new Error(read.error);
  const plan = planKitSheet(sheet, read, { kits, removed });
  if (plan.kind === 'create') return plan.rows;
  const out = (sheet ?? []).map((r) => [...r]);
  for (const c of plan.cells) {
    while (out.length < c.row) out.push([]);
    const row = out[c.row - 1];
    while (row.length < c.column) row.push('');
    row[c.column - 1] = c.value;
  }
  return out;
}

function kitsOf(values: unknown[][]): Record<string, [string, number][]> {
  const read = readKits(values);
  if (!read.ok || !read.book) throw new Error('no kits');
  expect(read.book.problems).toEqual([]);
  return Object.fromEntries([...read.book.kits].map(([k, kit]) => [k, kit.components.map((c) => [c.sku, c.qty])]));
}

const HEAD = ['Комплект', 'Артикул', 'Кол-во', 'Заметка'];

describe('checkKitEdits', () => {
  it('names every wrong field in Russian at its path', () => {
    const errors = errorsOf([
      { sku: '', components: [{ sku: 'A', qty: 1 }] },
      { sku: 'K2', components: [] },
      {
        sku: 'K3',
        components: [
          { sku: 'K3', qty: 1 },
          { sku: '', qty: 2 },
          { sku: 'A', qty: '1,5' },
          { sku: 'A', qty: 0 },
        ],
      },
      { sku: 'K4', components: [{ sku: 'Z', qty: '' }] },
      { sku: '=K5', components: [{ sku: '+A', qty: 1 }] },
    ]);
    expect(errors).toEqual([
      { path: 'kits.0.sku', message: 'Артикул комплекта: не указан.' },
      { path: 'kits.1.components', message: 'Добавьте хотя бы один компонент.' },
      { path: 'kits.2.components.1.sku', message: 'Артикул компонента: не указан.' },
      {
        path: 'kits.2.components.2.qty',
        message: 'Кол-во: «1,5» — не целое число больше 0 — сколько штук компонента в одном комплекте.',
      },
      {
        path: 'kits.2.components.3.qty',
        message: 'Кол-во: «0» — не целое число больше 0 — сколько штук компонента в одном комплекте.',
      },
      {
        path: 'kits.3.components.0.qty',
        message: 'Кол-во: не указано — сколько штук компонента в одном комплекте.',
      },
      {
        path: 'kits.4.sku',
        message: 'Артикул не может начинаться с «=», «+», «-» или «@»: таблица прочтёт его как формулу.',
      },
      {
        path: 'kits.4.components.0.sku',
        message: 'Артикул не может начинаться с «=», «+», «-» или «@»: таблица прочтёт его как формулу.',
      },
      { path: 'kits.2.components.0.sku', message: 'Комплект не может входить в себя сам: укажите артикул компонента.' },
      {
        path: 'kits.2.components.3.sku',
        message: 'Компонент «A» уже есть в этом комплекте: оставьте одну строку с общим количеством.',
      },
      {
        path: 'kits.3.components.0.sku',
        message: 'Артикула «Z» нет на листе «Остатки»: сначала добавьте строку этого товара.',
      },
    ]);
  });

  it('names the SKU on «Остатки» that differs only in case: SKUs are told apart by case', () => {
    const extra = { stockSkus: new Set(['DEMO-006', 'A']) };
    expect(errorsOf([{ sku: 'K', components: [{ sku: 'demo-006', qty: 1 }] }], [], null, extra)).toEqual([
      {
        path: 'kits.0.components.0.sku',
        message: 'Артикула «demo-006» нет на листе «Остатки»: на листе есть «DEMO-006» — артикулы различают регистр.',
      },
    ]);
  });

  it('refuses a kit SKU that differs from its «Остатки» row only by case, naming the row as it is written', () => {
    const extra = { stockSkus: new Set(['A', 'B', 'A-00002']) };
    const kit = (sku: string) => [{ sku, components: [{ sku: 'A', qty: 2 }] }];
    expect(errorsOf(kit('a-00002'), [], null, extra)).toEqual([
      {
        path: 'kits.0.sku',
        message: 'На листе «Остатки» есть «A-00002» — артикулы различают регистр: впишите так же, как на листе.',
      },
    ]);
    // Renamed to other letters of a row there: the same; typed as the row is, or a SKU with no row: accepted.
    const sheet = [HEAD, ['K1', 'A', 2]];
    expect(errorsOf([{ ...kit('a-00002')[0], was: 'K1' }], [], sheet, extra)).toHaveLength(1);
    expect(errorsOf(kit('A-00002'), [], null, extra)).toEqual([]);
    expect(errorsOf(kit('A-00003'), [], null, extra)).toEqual([]);
  });

  it('a kit removed and added back under its SKU in one save is saved, and no longer counted as removed', () => {
    const sheet = [HEAD, ['K', 'A', 2], ['', 'B', 1]];
    const again = [{ sku: 'K', components: [{ sku: 'C', qty: 1 }] }];
    expect(checkKitEdits(again, ['K', 'K'], ctx(sheet))).toEqual({ ok: true, kits: again, removed: [] });
    expect(checkKitEdits(again, ['K'], ctx([HEAD, ['K', 'A', 2], ['J', 'B', 1]]))).toEqual({
      ok: true,
      kits: again,
      removed: [],
    });
    expect(checkKitEdits(again, ['J'], ctx([HEAD, ['K', 'A', 2], ['J', 'B', 1]]))).toMatchObject({ ok: false });
  });

  it('refuses a kit in a kit and a loop, also against kits already on the sheet', () => {
    const sheet = [HEAD, ['K1', 'A', 2]];
    expect(errorsOf([{ sku: 'K2', components: [{ sku: 'K1', qty: 1 }] }], [], sheet)).toEqual([
      {
        path: 'kits.0.components.0.sku',
        message: '«K1» — сам комплект: комплект в комплекте не поддерживается — перечислите его компоненты.',
      },
    ]);
    const loop = errorsOf(
      [
        { sku: 'K1', components: [{ sku: 'K2', qty: 1 }] },
        { sku: 'K2', components: [{ sku: 'K1', qty: 1 }] },
      ],
      [],
      sheet,
    );
    expect(loop.map((e) => e.message)).toContain('Комплекты входят друг в друга по кругу: K1 → K2 → K1.');
    // A component that another kit on the sheet takes cannot itself become a kit.
    expect(errorsOf([{ sku: 'A', components: [{ sku: 'B', qty: 1 }] }], [], sheet)).toEqual([
      {
        path: 'kits.0.sku',
        message: '«A» входит в комплект «K1»: комплект в комплекте не поддерживается — перечислите там компоненты «A».',
      },
    ]);
    // Removing K1 in the same save frees A.
    expect(errorsOf([{ sku: 'A', components: [{ sku: 'B', qty: 1 }] }], ['K1'], sheet)).toEqual([]);
  });

  it('refuses a second kit of one SKU and a kit whose row on «Остатки» holds stock', () => {
    const sheet = [HEAD, ['K1', 'A', 2]];
    // A new kit (no `was`) may not take the SKU of one on the sheet; the kit itself, edited, may.
    expect(errorsOf([{ sku: 'K1', components: [{ sku: 'B', qty: 1 }] }], [], sheet)[0]).toEqual({
      path: 'kits.0.sku',
      message: 'Комплект «K1» уже есть: у одного артикула — один состав.',
    });
    expect(errorsOf([{ sku: 'K1', was: 'K1', components: [{ sku: 'B', qty: 1 }] }], [], sheet)).toEqual([]);
    const stocked = new Map([['E', { row: 6, column: 'Склад', value: '4' }]]);
    expect(errorsOf([{ sku: 'E', components: [{ sku: 'A', qty: 1 }] }], [], null, { stockedKitRows: stocked })).toEqual(
      [
        {
          path: 'kits.0.sku',
          message:
            'У «E» на листе «Остатки» (строка 6, столбец «Склад») есть остаток 4: остаток комплекта считается из компонентов — очистите ячейки складов этой строки или выберите другой артикул.',
        },
      ],
    );
  });

  it('accepts a good kit with «Кол-во» typed as text', () => {
    const r = checkKitEdits([{ sku: ' K1 ', components: [{ sku: 'A', qty: ' 2 ' }] }], [], ctx(null));
    expect(r).toEqual({ ok: true, kits: [{ sku: 'K1', components: [{ sku: 'A', qty: 2 }] }], removed: [] });
  });
});

describe('readKitSheet', () => {
  it('names the missing headers; kitViews lists the kits with «Кол-во» as the sheet has it', () => {
    expect(
      readKitSheet([
        ['Комплект', 'Штук'],
        ['K1', 2],
      ]),
    ).toEqual({
      ok: false,
      error:
        'На листе «Комплекты» нет столбцов «Артикул», «Кол-во» в первой строке: верните заголовки, и панель сможет сохранять комплекты.',
    });
    const read = readKitSheet([HEAD, ['K1', 'A', 2], ['', 'B', 'два'], [], ['K2', 'C', 1]]);
    if (!read.ok) throw new Error(read.error);
    expect(kitViews(read.lines, 1)).toEqual({
      list: [
        {
          sku: 'K1',
          row: 2,
          components: [
            { sku: 'A', qty: 2, row: 2 },
            { sku: 'B', qty: 'два', row: 3 },
          ],
        },
      ],
      total: 2,
    });
  });
});

describe('planKitSheet', () => {
  it('creates the sheet with its headers when there is none', () => {
    expect(saved(null, [{ sku: 'K1', components: [{ sku: 'A', qty: 2 }] }])).toEqual([
      ['Комплект', 'Артикул', 'Кол-во'],
      ['K1', 'A', 2],
    ]);
  });

  it('keeps kept lines in their rows with their notes, empties dropped ones, appends new ones with the kit named', () => {
    const sheet = [HEAD, ['K1', 'A', 2, 'кружка'], ['', 'B', 1, 'блюдце'], ['', 'C', 1, 'ложка'], ['K2', 'D', 1, 'x']];
    const after = saved(sheet, [
      {
        sku: 'K1',
        was: 'K1',
        components: [
          { sku: 'B', qty: 3 },
          { sku: 'E', qty: 1 },
        ],
      },
    ]);
    expect(after).toEqual([
      HEAD,
      ['', '', '', ''],
      ['K1', 'B', 3, 'блюдце'],
      ['', '', '', ''],
      ['K2', 'D', 1, 'x'],
      ['K1', 'E', 1],
    ]);
    expect(kitsOf(after)).toEqual({
      K1: [
        ['B', 3],
        ['E', 1],
      ],
      K2: [['D', 1]],
    });
  });

  it('a removed kit leaves, and the kit continued below it is named in its row', () => {
    const sheet = [HEAD, ['K1', 'A', 2], ['K2', 'B', 1], ['', 'C', 1]];
    const after = saved(sheet, [], ['K2']);
    expect(kitsOf(after)).toEqual({ K1: [['A', 2]] });
    const renamed = saved(sheet, [
      {
        sku: 'K3',
        was: 'K2',
        components: [
          { sku: 'B', qty: 1 },
          { sku: 'C', qty: 1 },
        ],
      },
    ]);
    expect(renamed[2]).toEqual(['K3', 'B', 1]);
    expect(kitsOf(renamed)).toEqual({
      K1: [['A', 2]],
      K3: [
        ['B', 1],
        ['C', 1],
      ],
    });
  });

  describe('a kit removed and added back under its SKU in one save (the panel: «Удалить комплект», then «Добавить комплект»)', () => {
    const sheet = [HEAD, ['K', 'A', 2, 'кружки'], ['', 'B', 1, 'блюдце']];
    const readd = (components: { sku: string; qty: number }[]) => {
      const check = checkKitEdits([{ sku: 'K', components }], ['K'], ctx(sheet));
      if (!check.ok) throw new Error(JSON.stringify(check.errors));
      return saved(sheet, check.kits, check.removed);
    };

    it('keeps the components it keeps and adds the new one (2×A, 1×B, 1×C)', () => {
      const after = readd([
        { sku: 'A', qty: 2 },
        { sku: 'B', qty: 1 },
        { sku: 'C', qty: 1 },
      ]);
      expect(kitsOf(after)).toEqual({
        K: [
          ['A', 2],
          ['B', 1],
          ['C', 1],
        ],
      });
      expect(after.slice(1, 3)).toEqual(sheet.slice(1));
    });

    it('stays as it was when the same composition is typed again', () => {
      expect(
        readd([
          { sku: 'A', qty: 2 },
          { sku: 'B', qty: 1 },
        ]),
      ).toEqual(sheet);
    });

    it('also when `removed` still names it and the plan is given it directly: the saved kit wins', () => {
      const after = saved(
        sheet,
        [
          {
            sku: 'K',
            components: [
              { sku: 'B', qty: 3 },
              { sku: 'C', qty: 1 },
            ],
          },
        ],
        ['K'],
      );
      expect(kitsOf(after)).toEqual({
        K: [
          ['B', 3],
          ['C', 1],
        ],
      });
    });
  });

  it('property: after a checked save every kit it names reads as the form said (removed and re-added, renamed), others as they were', () => {
    const skus = fc.constantFrom('A', 'B', 'C', 'D', 'E');
    const names = fc.constantFrom('K1', 'K2', 'K3', 'K4');
    const components = fc.uniqueArray(fc.record({ sku: skus, qty: fc.integer({ min: 1, max: 5 }) }), {
      minLength: 1,
      maxLength: 4,
      selector: (c) => c.sku,
    });
    const before = fc.uniqueArray(fc.record({ sku: names, components }), { maxLength: 4, selector: (k) => k.sku });
    const edit = fc.record(
      { sku: fc.constantFrom('K1', 'K2', 'K3', 'K4', 'K5'), was: names, components },
      { requiredKeys: ['sku', 'components'] },
    );
    const edits = fc.uniqueArray(edit, { maxLength: 4, selector: (k) => k.sku });
    let checked = 0;
    fc.assert(
      fc.property(before, edits, fc.boolean(), fc.array(names, { maxLength: 4 }), (kits, form, once, removed) => {
        const sheet: unknown[][] = [HEAD];
        for (const k of kits)
          for (const [j, c] of k.components.entries())
            sheet.push([j && once ? '' : k.sku, c.sku, c.qty, `${k.sku}/${c.sku}`]);
        const check = checkKitEdits(form, removed, ctx(sheet));
        if (!check.ok) return;
        checked++;
        const after = saved(sheet, check.kits, check.removed);
        // The form's word on every kit it names: removed or renamed away, unless saved again; saved, as typed.
        const want = new Map<string, [string, number][]>(
          kits.map((k) => [k.sku, k.components.map((c) => [c.sku, c.qty])]),
        );
        for (const sku of [...removed, ...form.flatMap((k) => (k.was ? [k.was] : []))]) want.delete(sku);
        for (const k of form)
          want.set(
            k.sku,
            k.components.map((c) => [c.sku, c.qty]),
          );
        const got = after.length > 1 ? kitsOf(after) : {};
        expect(Object.keys(got).sort()).toEqual([...want.keys()].sort());
        for (const [k, parts] of want) expect(new Set(got[k].map(String))).toEqual(new Set(parts.map(String)));
        // A kit the save does not name keeps its lines in their rows, component, «Кол-во» and note.
        const named = new Set<string>([...removed, ...form.flatMap((k) => [k.sku, ...(k.was ? [k.was] : [])])]);
        for (const [r, row] of sheet.entries())
          if (r > 0 && !named.has(kitOwner(sheet, row))) expect(after[r].slice(1)).toEqual(row.slice(1));
        // A line kept keeps its note (written as `kit/component`), its kit renamed or not.
        for (const row of after.slice(1)) {
          if (!row[3]) continue;
          const owner = kitOwner(after, row);
          const from = [owner, ...form.filter((k) => k.sku === owner && k.was).map((k) => k.was)];
          expect(from.map((k) => `${k}/${row[1]}`)).toContain(row[3]);
        }
      }),
      { numRuns: 300 },
    );
    // Most runs are saves the check lets through: the property is about them.
    expect(checked).toBeGreaterThan(100);
  });

  it('property: the sheet after a save reads as the form said (a kit removed and saved again: saved), every other kit as it was', () => {
    const skus = fc.constantFrom('A', 'B', 'C', 'D', 'E');
    const kit = fc.record({
      sku: fc.constantFrom('K1', 'K2', 'K3', 'K4'),
      components: fc.uniqueArray(fc.record({ sku: skus, qty: fc.integer({ min: 1, max: 5 }) }), {
        minLength: 1,
        maxLength: 4,
        selector: (c) => c.sku,
      }),
    });
    const kits = fc.uniqueArray(kit, { maxLength: 4, selector: (k) => k.sku });
    fc.assert(
      fc.property(
        kits,
        kits,
        fc.boolean(),
        fc.array(fc.constantFrom('K1', 'K2', 'K3', 'K4')),
        (before, edits, once, removed) => {
          // The sheet as a seller wrote it: the kit named once over its components, or in every row.
          const sheet: unknown[][] = [HEAD];
          for (const k of before)
            for (const [j, c] of k.components.entries())
              sheet.push([j && once ? '' : k.sku, c.sku, c.qty, `${k.sku}/${c.sku}`]);
          // `removed` may name a kit the form saves too (removed, then added back): the saved kit wins.
          const after = saved(sheet, edits, removed);
          const want: Record<string, [string, number][]> = {};
          for (const k of before) if (!removed.includes(k.sku)) want[k.sku] = k.components.map((c) => [c.sku, c.qty]);
          for (const k of edits) want[k.sku] = k.components.map((c) => [c.sku, c.qty]);
          const got = after.length > 1 ? kitsOf(after) : {};
          expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
          for (const [k, parts] of Object.entries(want))
            expect(new Set(got[k].map(String))).toEqual(new Set(parts.map(String)));
          // A kept line keeps its note.
          for (const row of after.slice(1)) if (row[3]) expect(row[3]).toBe(`${kitOwner(after, row)}/${row[1]}`);
        },
      ),
    );
  });
});

/** The kit a row of the sheet belongs to (the nearest named «Комплект» at or above it). */
function kitOwner(sheet: unknown[][], row: unknown[]): string {
  for (let r = sheet.indexOf(row); r > 0; r--) if (sheet[r][0]) return String(sheet[r][0]);
  return '';
}

describe('README «Комплекты»', () => {
  // The demo's «НАБОР-1» (dev/playground.ts) names its kit once, over its components, as sellers often do;
  // the form writes the kit on every row. Both read the same, and the seller's README says so.
  it('explains the blank «Комплект», which continues the kit above as the sheet is read', () => {
    expect(kitsOf([HEAD, ['K', 'A', 2], ['', 'B', 1]])).toEqual(kitsOf([HEAD, ['K', 'A', 2], ['K', 'B', 1]]));
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const paragraph = readme.split('\n').find((l) => l.startsWith('**«Комплекты»**'));
    expect(paragraph).toContain('строка с пустым «Комплектом» относится к комплекту строкой выше');
    expect(paragraph).toContain('Панель, сохраняя комплект, пишет его артикул в каждой строке');
  });
});

describe('the errors of a refused save, held by their kits', () => {
  type Part = { sku: string; qty: number };
  type Kit = { sku: string; components: Part[] };
  const form = (kits: Kit[]) => kits.map((k) => ({ ref: k, parts: k.components }));
  const sentOf = (kits: Kit[]) => kits.map((k) => ({ ref: k, sku: k.sku, parts: k.components }));

  it('a kit deleted after the save takes its errors and the ones naming it; a kit in the form keeps its own', () => {
    // The trial: НАБОР-1 on the sheet, «набор-3» added holding НАБОР-1 and a component not on «Остатки».
    const one: Kit = { sku: 'НАБОР-1', components: [{ sku: 'A', qty: 2 }] };
    const three: Kit = {
      sku: 'набор-3',
      components: [
        { sku: 'НАБОР-1', qty: 1 },
        { sku: 'НЕТ', qty: 1 },
      ],
    };
    const kits = [one, three];
    const refused = checkKitEdits(
      [
        { sku: 'НАБОР-1', was: 'НАБОР-1', components: [{ sku: 'A', qty: 'два' }] },
        { sku: 'набор-3', components: three.components },
      ],
      [],
      ctx([HEAD, ['НАБОР-1', 'A', 2]]),
    );
    if (refused.ok) throw new Error('saved');
    const held = holdKitErrors(refused.errors, sentOf(kits));
    expect(placedKitErrors(held, form(kits)).map((e) => e.path)).toEqual([
      'kits.0.components.0.qty',
      'kits.0.sku',
      'kits.1.components.0.sku',
      'kits.1.components.1.sku',
    ]);
    expect(placedKitErrors(held, form(kits))[1].message).toMatch(/^«НАБОР-1» входит в комплект «набор-3»/);
    kits.splice(1, 1);
    const left = withoutKit(held, three);
    expect(placedKitErrors(left, form(kits))).toEqual([
      {
        path: 'kits.0.components.0.qty',
        message: 'Кол-во: «два» — не целое число больше 0 — сколько штук компонента в одном комплекте.',
        kit: 0,
        part: 0,
      },
    ]);
    // The kit above it deleted instead: the errors of «набор-3» follow it to its new place.
    const kits2 = [one, three];
    kits2.splice(0, 1);
    expect(placedKitErrors(withoutKit(held, one), form(kits2)).map((e) => e.path)).toEqual(['kits.0.components.1.sku']);
  });

  it('drops what no longer matches the form: a component taken away, a kit gone; the whole form’s error stays', () => {
    const k: Kit = {
      sku: 'K',
      components: [
        { sku: 'A', qty: 0 },
        { sku: 'B', qty: 0 },
      ],
    };
    const held = holdKitErrors(
      [
        { path: 'kits.0.components.0.qty', message: 'a' },
        { path: 'kits.0.components.1.qty', message: 'b' },
        { path: 'kits', message: 'whole' },
        { path: 'kits.7.sku', message: 'nowhere' },
      ],
      sentOf([k]),
    );
    k.components.splice(0, 1);
    expect(placedKitErrors(held, form([k]))).toEqual([
      { path: 'kits.0.components.0.qty', message: 'b', kit: 0, part: 0 },
      { path: 'kits', message: 'whole' },
      { path: 'kits.7.sku', message: 'nowhere' },
    ]);
    expect(placedKitErrors(held, form([]))).toEqual([
      { path: 'kits', message: 'whole' },
      { path: 'kits.7.sku', message: 'nowhere' },
    ]);
  });

  it('a twin under the same SKU loses only «уже есть» with it; a circle through the deleted kit goes', () => {
    const a: Kit = { sku: 'X', components: [{ sku: 'A', qty: 1 }] };
    const b: Kit = { sku: 'X', components: [{ sku: 'Y', qty: 1 }] };
    const y: Kit = { sku: 'Y', components: [{ sku: 'X', qty: 1 }] };
    const kits = [a, b, y];
    const refused = checkKitEdits(kits, [], ctx(null));
    if (refused.ok) throw new Error('saved');
    const held = holdKitErrors(refused.errors, sentOf(kits));
    const before = placedKitErrors(held, form(kits)).map((e) => `${e.path} ${e.message}`);
    expect(before).toContain('kits.1.sku Комплект «X» уже есть: у одного артикула — один состав.');
    expect(
      before.some((e) => e.includes('kits.1.components.0.sku Комплекты входят друг в друга по кругу: X → Y → X.')),
    ).toBe(true);
    const afterA = placedKitErrors(withoutKit(held, a), form([b, y])).map((e) => e.message);
    expect(afterA.some((m) => m.includes('уже есть'))).toBe(false);
    const afterY = placedKitErrors(withoutKit(held, y), form([a, b])).map((e) => `${e.path} ${e.message}`);
    expect(afterY.some((e) => e.includes('по кругу'))).toBe(false);
    expect(afterY).toContain('kits.1.sku Комплект «X» уже есть: у одного артикула — один состав.');
  });
});
