/**
 * E-mail sources through the build with Gmail (build/test-variant): the newest matching mail's
 * attachment, CSV or XLSX, read without Drive — the XLSX retyped as application/zip for
 * Utilities.unzip (whose fake refuses any other type, as Apps Script does) and its parts read with
 * XmlService; a broken or old-format file leaves the warehouse as it was; mass zeros are held.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import type { Gas } from '../fakes/gas';
import { FakeGmailApp } from '../fakes/gmail';
import { zipFiles } from '../fakes/zip';
import { fixture, xlsxEntries } from '../unit/xmlTree';
import { openSupplierShop, supplierColumn, supplierImports, useSupplierSandboxes } from './supplierShop';

jest.setTimeout(120_000);
const started = useSupplierSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started.sandboxes;
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const QUERY = 'from:supplier@example.com has:attachment';
const SKUS = ['КРУЖКА-1', 'КРУЖКА-2', 'ЛОЖКА-3', 'ВИЛКА-4'];
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

type Attachment = { name: string; contentType: string; bytes: Buffer };
function mailShop(
  mails: { date: string; attachments: Attachment[]; thread?: string }[],
  source: Record<string, unknown> = {},
  skus = SKUS,
): Gas {
  const gmail = new FakeGmailApp();
  for (const m of mails)
    gmail.mails.push({ query: QUERY, date: new Date(m.date), attachments: m.attachments, thread: m.thread });
  return openSupplierShop(
    sandboxes,
    skus,
    { kind: 'email', query: QUERY, skuHeader: 'Артикул', qtyHeader: 'Остаток', ...source },
    { supplierFrom: 100, gmail },
  );
}
const imported = (g: Gas) => supplierImports(g).pop();
const onOzon = (sku: string) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku, warehouse_id: OZON_WAREHOUSES[0].warehouse_id })?.present;

it('imports the XLSX attached to the newest mail (openpyxl): the header below a title, a blank quantity kept; Ozon gets it in the same run', () => {
  const g = mailShop([
    {
      date: '2026-11-20T10:00:00Z',
      attachments: [{ name: 'old.csv', contentType: 'text/csv', bytes: Buffer.from('Артикул,Остаток\nКРУЖКА-1,1\n') }],
    },
    {
      date: '2026-11-22T08:00:00Z',
      attachments: [
        { name: 'logo.png', contentType: 'image/png', bytes: Buffer.from([0x89, 0x50]) },
        { name: 'Остатки.xlsx', contentType: XLSX, bytes: fixture('price-openpyxl.xlsx') },
      ],
    },
  ]);
  g.fn.runScheduledSync();
  // КРУЖКА-2's quantity is blank (it keeps 101), ЛОЖКА-3 is not in the file (0), ВИЛКА-4 says «7» as text.
  expect(supplierColumn(g)).toEqual([12, 101, 0, 7]);
  expect(imported(g)).toMatchObject({
    Статус: 'Импорт',
    Позиций: 5,
    Принято: 2,
    Ошибок: 1,
    Подробности:
      'строк в источнике 5; найдено в таблице 3; нет в источнике 1 — поставлен 0; нет в таблице 2: 100500, ЧАЙНИК-9; количество не указано или не число у 1 (оставлено прежнее): КРУЖКА-2',
  });
  expect(onOzon('КРУЖКА-1')).toBe(13);
});

it('reads the sheet the source names, in a file as Excel writes it (XlsxWriter: shared strings, rich text), by other headers', () => {
  const g = mailShop(
    [
      {
        date: '2026-11-22T08:00:00Z',
        attachments: [
          { name: 'stock.xlsx', contentType: 'application/octet-stream', bytes: fixture('stock-xlsxwriter.xlsx') },
        ],
      },
    ],
    { sheet: 'Остатки склада', skuHeader: 'Код', qtyHeader: 'Свободно' },
  );
  g.fn.runScheduledSync();
  // КРУЖКА-1 is written in two runs of different fonts; ВИЛКА-4 says «уточняется» and keeps 103.
  expect(supplierColumn(g)).toEqual([8, 0, 6, 103]);
  expect(plain(g.fn.getState()).settings.warehouses[1].source).toMatchObject({ sheet: 'Остатки склада' });
});

it('passes over a reply without the file in the same thread and reads the supplier’s message before it', () => {
  const book = zipFiles(
    xlsxEntries(
      [
        [
          'Лист1',
          `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>${SKUS.map(
            (_, i) =>
              `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i + 2}</v></c><c r="B${i + 2}"><v>${i + 1}</v></c></row>`,
          ).join('')}`,
        ],
      ],
      ['Артикул', 'Остаток', ...SKUS],
    ),
  );
  const g = mailShop([
    {
      thread: 't',
      date: '2026-11-22T08:00:00Z',
      attachments: [{ name: 'stock.xlsx', contentType: XLSX, bytes: book }],
    },
    { thread: 't', date: '2026-11-22T09:00:00Z', attachments: [] },
  ]);
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([1, 2, 3, 4]);
});

it('a broken XLSX, an old .xls, a missing sheet and a mail without a file leave the warehouse as it was', () => {
  const cases: [Attachment[], Record<string, unknown>, string][] = [
    [
      [{ name: 'stock.xlsx', contentType: XLSX, bytes: Buffer.from('Артикул;Остаток\nКРУЖКА-1;5\n') }],
      {},
      'вложение «stock.xlsx» не распаковывается как XLSX (файл повреждён или защищён паролем): Exception: Could not unzip.',
    ],
    [
      [
        {
          name: 'stock.xlsx',
          contentType: XLSX,
          bytes: zipFiles([{ name: 'xl/workbook.xml', data: '<workbook><sheets>' }]),
        },
      ],
      {},
      'вложение «stock.xlsx» не читается: часть xl/workbook.xml не читается как XML:',
    ],
    [
      [{ name: 'Остатки.xls', contentType: 'application/vnd.ms-excel', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }],
      {},
      'вложение — файл Excel старого формата (.xls), он не читается: попросите поставщика присылать .xlsx или .csv',
    ],
    [
      [{ name: 'stock.xlsx', contentType: XLSX, bytes: fixture('price-openpyxl.xlsx') }],
      { sheet: 'Остатки' },
      'в файле XLSX нет листа «Остатки» (есть: «Прайс», «Склад 2»)',
    ],
    [
      [{ name: 'scan.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF') }],
      {},
      'в письме по запросу нет вложения CSV, XLSX или XML',
    ],
  ];
  for (const [attachments, source, reason] of cases) {
    const g = mailShop([{ date: '2026-11-22T08:00:00Z', attachments }], source);
    g.fn.runScheduledSync();
    expect(supplierColumn(g)).toEqual([100, 101, 102, 103]);
    const row = imported(g);
    expect(row?.Статус).toBe('Ошибка');
    expect(String(row?.Подробности)).toContain(reason);
    expect(String(row?.Подробности)).toMatch(/; склад не изменён$/);
  }
});

it('an XLSX that lists a few SKUs of many holds their zeros until «Подтвердить импорт»', () => {
  const skus = Array.from({ length: 10 }, (_, i) => `S-${i}`);
  const short = zipFiles(
    xlsxEntries(
      [
        [
          'Лист1',
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>50</v></c></row>',
        ],
      ],
      ['Артикул', 'Остаток', 'S-0'],
    ),
  );
  const g = mailShop(
    [{ date: '2026-11-22T08:00:00Z', attachments: [{ name: 'stock.xlsx', contentType: XLSX, bytes: short }] }],
    {},
    skus,
  );
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([50, ...Array.from({ length: 9 }, (_, i) => 101 + i)]);
  expect(plain(g.fn.getState()).heldImports.sup).toMatchObject({ count: 9, base: 10 });
  expect(plain(g.fn.confirmImport('sup')).ok).toBe(true);
  expect(supplierColumn(g)).toEqual([50, ...new Array(9).fill(0)]);
});
