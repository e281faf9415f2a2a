import {
  allowedByWhitelist,
  detectDelimiter,
  feedRows,
  importDetails,
  planImport,
  tableRows,
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

  it('sets matched SKUs, zeroes SKUs the source lacks, lists extras, never touches rows without SKU', () => {
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
      undefined,
    );
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.column).toEqual([12, 0, 'заметка', 0]);
    expect(plan.stock[1]).toEqual(['A', 1, 12]);
    expect([plan.rows, plan.matched, plan.missing, plan.extras, plan.badQuantities]).toEqual([3, 1, 2, ['Z'], ['C']]);
    expect(importDetails(plan)).toBe(
      'строк в источнике 3; найдено в таблице 1; нет в источнике 2 — поставлен 0; нет в таблице 1: Z; количество не число у 1: C',
    );
  });

  it("refuses a source with fewer than half of last import's rows: the warehouse stays as it is", () => {
    expect(planImport(stock(), 'Поставщик', { ok: true, rows: [{ keys: ['A'], qty: 1 }] }, 10)).toEqual({
      ok: false,
      reason: 'строк в источнике: 1 — меньше половины прошлого раза (10); похоже на сбой, склад не изменён',
    });
    expect(planImport(stock(), 'Нет такого', { ok: true, rows: [{ keys: ['A'], qty: 1 }] }, undefined)).toEqual({
      ok: false,
      reason: 'на листе «Остатки» нет столбца «Нет такого»',
    });
  });

  it('reads YML offers by id, vendorCode or barcode with count, quantity, stock or available', () => {
    const read = feedRows([
      { id: '1', vendorCode: 'A', barcodes: [], values: { count: '5' } },
      { id: '2', barcodes: ['460'], values: { quantity: '3' } },
      { id: '3', barcodes: [], values: { available: 'false' } },
      { barcodes: [], values: { count: '1' } },
    ]);
    expect(read).toEqual({
      ok: true,
      rows: [
        { keys: ['1', 'A'], qty: '5' },
        { keys: ['2', '460'], qty: '3' },
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
});
