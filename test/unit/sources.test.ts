import {
  allowedByWhitelist,
  applyHeldZeros,
  attachmentKind,
  detectDelimiter,
  feedRows,
  heldImportRows,
  importDetails,
  pickAttachment,
  planImport,
  readHeldImports,
  tableRows,
  XLS_REFUSED,
} from '../../src/core/sources';

const stock = (): unknown[][] => [
  ['Артикул', 'Склад', 'Поставщик'],
  ['A', 1, 5],
  ['B', 2, 7],
  ['', '', 'заметка'],
  ['C', 0, 1],
];

describe('stock sources (core)', () => {
  it('detects «;» or «,» outside quotes', () => {
    expect(detectDelimiter('sku;qty\nA;1')).toBe(';');
    expect(detectDelimiter('"a;b",qty\nA,1')).toBe(',');
  });

  it('reads a table by its headers, and refuses an empty one or one without the columns', () => {
    expect(
      tableRows(
        [
          ['SKU', 'Кол-во'],
          ['A', '3'],
          ['', '9'],
        ],
        'sku',
        'кол-во',
      ),
    ).toEqual({ ok: true, rows: [{ keys: ['A'], qty: '3' }] });
    expect(tableRows([], 'sku', 'qty')).toEqual({ ok: false, reason: 'источник пуст' });
    expect(
      tableRows(
        [
          ['артикул', 'qty'],
          ['A', 1],
        ],
        'sku',
        'qty',
      ),
    ).toEqual({ ok: false, reason: 'в источнике нет столбца «sku»' });
  });

  const GUARD = { maxZeroShare: 0.3, minItems: 5 };

  it('sets matched SKUs, zeroes SKUs the source lacks, lists extras, keeps unknown quantities, never touches rows without SKU', () => {
    const plan = planImport(
      stock(),
      'Поставщик',
      {
        ok: true,
        rows: [
          { keys: ['A'], qty: '12' },
          { keys: ['Z'], qty: 4 },
          { keys: ['C'], qty: 'много' },
        ],
      },
      GUARD,
    );
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.column).toEqual([12, 0, 'заметка', 1]);
    expect(plan.stock[1]).toEqual(['A', 1, 12]);
    expect([plan.rows, plan.matched, plan.applied, plan.missing, plan.extras, plan.unknown]).toEqual([
      3,
      2,
      1,
      1,
      ['Z'],
      ['C'],
    ]);
    expect(importDetails(plan)).toBe(
      'строк в источнике 3; найдено в таблице 2; нет в источнике 1 — поставлен 0; нет в таблице 1: Z; количество не указано или не число у 1 (оставлено прежнее): C',
    );
  });

  it('a blank quantity is unknown too, and one unknown line of an SKU listed twice makes its total unknown', () => {
    const plan = planImport(
      stock(),
      'Поставщик',
      {
        ok: true,
        rows: [
          { keys: ['A'], qty: '' },
          { keys: ['B'], qty: 2 },
          { keys: ['B'], qty: null },
          { keys: ['C'], qty: 3 },
          { keys: ['C'], qty: 4 },
        ],
      },
      GUARD,
    );
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.column).toEqual([5, 7, 'заметка', 7]);
    expect(plan.unknown).toEqual(['A', 'B']);
  });

  it('holds the zeros of an import when they are more than maxZeroShare of the SKUs above 0 and at least minItems', () => {
    const many = (): unknown[][] => [['Артикул', 'Поставщик'], ...Array.from({ length: 10 }, (_, i) => [`S${i}`, i])];
    const read = { ok: true as const, rows: [0, 1, 2, 3].map((i) => ({ keys: [`S${i}`], qty: 9 })) };
    const held = planImport(many(), 'Поставщик', read, GUARD);
    if (!held.ok) throw new Error(held.reason);
    // S0 was 0 already; S4…S9 (6 of 9 above 0) would go to 0: held, they keep their numbers.
    expect(held.column).toEqual([9, 9, 9, 9, 4, 5, 6, 7, 8, 9]);
    expect(held.held).toEqual([4, 5, 6, 7, 8, 9].map((i) => ({ sku: `S${i}`, previous: i })));
    expect([held.base, held.applied, held.missing]).toEqual([9, 4, 6]);
    expect(importDetails(held)).toBe(
      'строк в источнике 4; найдено в таблице 4; нет в источнике 6; задержано защитой 6 из 9 с остатком (в 0 ушли бы S4, S5, S6, S7, S8…): ждут «Подтвердить импорт»',
    );
    // A looser guard lets the same file through.
    const loose = planImport(many(), 'Поставщик', read, { maxZeroShare: 0.7, minItems: 5 });
    expect(loose.ok && [loose.held, loose.column.slice(4)]).toEqual([[], [0, 0, 0, 0, 0, 0]]);
    // Fewer zeros than minItems are no mass zero.
    const few = planImport(many(), 'Поставщик', read, { maxZeroShare: 0.3, minItems: 7 });
    expect(few.ok && few.held).toEqual([]);
  });

  it('confirmation zeroes the held SKUs whose cell still holds the kept number, and leaves changed ones', () => {
    const sheet = [
      ['Артикул', 'Поставщик'],
      ['S1', 4],
      ['S2', 8],
      ['S3', 6],
    ];
    const done = applyHeldZeros(sheet, 'Поставщик', [
      { sku: 'S1', previous: 4 },
      { sku: 'S2', previous: 5 },
      { sku: 'GONE', previous: 1 },
    ]);
    expect(done).toEqual({
      column: [0, 8, 6],
      stock: [
        ['Артикул', 'Поставщик'],
        ['S1', 0],
        ['S2', 8],
        ['S3', 6],
      ],
      zeroed: ['S1'],
      changed: ['S2'],
    });
    expect(applyHeldZeros(sheet, 'Склад', [])).toBeNull();
  });

  it('keeps held zeros as rows of «_Импорт» and reads them back', () => {
    const held = new Map([['sup', { base: 20, at: '2026-11-22T09:00:00.000Z', items: [{ sku: '=A1', previous: 3 }] }]]);
    const rows = heldImportRows(held);
    expect(rows).toEqual([
      ['Склад', 'Артикул', 'Было', 'Из', 'Задержано'],
      ["'sup", "'=A1", 3, 20, "'2026-11-22T09:00:00.000Z"],
    ]);
    // Sheets shows text written with a leading apostrophe without it.
    expect(readHeldImports(rows.map((r) => r.map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c))))).toEqual(
      new Map([['sup', { base: 20, at: '2026-11-22T09:00:00.000Z', items: [{ sku: '=A1', previous: 3 }] }]]),
    );
    expect(readHeldImports(null)).toEqual(new Map());
  });

  it('refuses an import into a column the sheet lacks', () => {
    expect(planImport(stock(), 'Нет такого', { ok: true, rows: [{ keys: ['A'], qty: 1 }] }, GUARD)).toEqual({
      ok: false,
      reason: 'на листе «Остатки» нет столбца «Нет такого»',
    });
  });

  it('reads YML offers by id, vendorCode or barcode with count, quantity or available="false"', () => {
    const read = feedRows([
      { id: '1', vendorCode: 'A', barcodes: [], values: { count: '5' } },
      { id: '2', barcodes: ['460'], values: { quantity: '3' } },
      { id: '3', barcodes: [], values: { available: 'false' } },
      { barcodes: [], values: { count: '1' } },
    ]);
    expect(read).toEqual({
      ok: true,
      rows: [
        { keys: ['1', 'A'], qty: 5 },
        { keys: ['2', '460'], qty: 3 },
        { keys: ['3'], qty: 0 },
      ],
    });
    expect(feedRows([])).toEqual({ ok: false, reason: 'в фиде нет ни одного предложения (offer)' });
  });

  it('knows which URLs the manifest allows', () => {
    const list = ['https://api-seller.ozon.ru/', 'https://*.supplier.ru/feeds/'];
    expect(allowedByWhitelist('https://api-seller.ozon.ru/v2/x', list)).toBe(true);
    expect(allowedByWhitelist('https://b2b.supplier.ru/feeds/a.csv', list)).toBe(true);
    expect(allowedByWhitelist('https://b2b.supplier.ru/other/a.csv', list)).toBe(false);
    expect(allowedByWhitelist('https://evil.example/', list)).toBe(false);
  });

  it('finds the header row below a title, within the first 20 rows, and names the missing column otherwise', () => {
    const titled = [['Прайс на 01.12'], [], ['', 'Артикул', 'Остаток'], ['', 'A', 4]];
    expect(tableRows(titled, 'Артикул', 'Остаток')).toEqual({ ok: true, rows: [{ keys: ['A'], qty: 4 }] });
    const deep = [...Array.from({ length: 20 }, () => ['заметка']), ['Артикул', 'Остаток'], ['A', 4]];
    expect(tableRows(deep, 'Артикул', 'Остаток')).toEqual({ ok: false, reason: 'в источнике нет столбца «Артикул»' });
    // A row with only one of the headers is not the header row.
    expect(tableRows([['Артикул'], ['Артикул', 'Остаток'], ['A', 1]], 'Артикул', 'Остаток')).toEqual({
      ok: true,
      rows: [{ keys: ['A'], qty: 1 }],
    });
  });

  it('tells a mail attachment by its name first, then by its type, and picks the first CSV, XLSX or XML', () => {
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(
      [
        ['Остатки.CSV', 'application/vnd.ms-excel'],
        ['price', XLSX],
        ['offers.xml', 'application/octet-stream'],
        ['выгрузка', 'text/xml'],
        ['old.xls', 'application/octet-stream'],
        ['scan.pdf', 'application/pdf'],
        ['price', 'application/octet-stream'],
      ].map(([name, type]) => attachmentKind(name, type)),
    ).toEqual(['csv', 'xlsx', 'xml', 'xml', 'xls', null, null]);
    const file = (name: string) => ({ name, contentType: 'application/octet-stream' });
    expect(pickAttachment([file('logo.png'), file('old.xls'), file('stock.xlsx'), file('b.csv')])).toEqual({
      ok: true,
      index: 2,
      kind: 'xlsx',
    });
    expect(pickAttachment([file('old.xls')])).toEqual({ ok: false, reason: XLS_REFUSED });
    expect(pickAttachment([file('logo.png')])).toBeNull();
  });

  it('says in the journal that a partial file left the other SKUs as they were', () => {
    const plan = planImport(stock(), 'Поставщик', { ok: true, rows: [{ keys: ['A'], qty: 2 }], partial: true }, GUARD);
    expect(plan.ok && importDetails(plan)).toBe(
      'строк в источнике 1; найдено в таблице 1; в файле только изменения: остальные артикулы не тронуты',
    );
    expect(plan.ok && plan.column).toEqual([2, 7, 'заметка', 1]);
  });
});
