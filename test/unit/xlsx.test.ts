/**
 * XLSX sheets as tables (core/xlsx.ts): real files written by openpyxl and XlsxWriter
 * (test/fixtures/xlsx/make.py), and small ones built here for what writers vary in — shared and
 * inline strings, rich text, cells and rows left out, references left out, prefixes, relationships.
 */
import { tableRows } from '../../src/core/sources';
import { columnOf, resolvePartPath, xlsxTable } from '../../src/core/xlsx';
import { zipFiles } from '../fakes/zip';
import { fixture, xlsxEntries, xlsxParts } from './xmlTree';

const table = (zip: Buffer, sheet?: string) => {
  const t = xlsxTable(xlsxParts(zip), sheet);
  if (!t.ok) throw new Error(t.reason);
  return t;
};

describe('XLSX (core)', () => {
  it('maps cell references to columns', () => {
    expect(['A1', 'C12', 'Z3', 'AA1', 'AZ9', 'XFD1', '$B$2'].map(columnOf)).toEqual([0, 2, 25, 26, 51, 16_383, 1]);
    expect(['XFE1', '1A', '', 'A-1'].map(columnOf)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('resolves relationship targets relative to the part, or from the root', () => {
    expect(resolvePartPath('xl/', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePartPath('xl/', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePartPath('xl/worksheets/', '../sharedStrings.xml')).toBe('xl/sharedStrings.xml');
    expect(resolvePartPath('', './xl/workbook.xml')).toBe('xl/workbook.xml');
  });

  it('reads an openpyxl file (inline strings, absolute targets): the header below a title, a column left empty, gaps', () => {
    const t = table(fixture('price-openpyxl.xlsx'));
    expect(t.sheet).toBe('Прайс');
    expect(t.table).toEqual([
      ['ООО «Посуда» — остатки на 01.12.2026'],
      ['Артикул', 'Наименование', '', 'Остаток'],
      ['КРУЖКА-1', 'Кружка «Утро»', '', 12],
      ['КРУЖКА-2', 'Кружка «Вечер»'],
      [100500, 'Ложка', '', 3],
      ['ВИЛКА-4', 'Вилка', '', '7'],
      ['ЧАЙНИК-9', 'Чайник', '', 5],
    ]);
    // The header is found below the title; the blank quantity stays unknown; the numeric SKU reads as text.
    expect(tableRows(t.table, 'Артикул', 'Остаток')).toEqual({
      ok: true,
      rows: [
        { keys: ['КРУЖКА-1'], qty: 12 },
        { keys: ['КРУЖКА-2'], qty: undefined },
        { keys: ['100500'], qty: 3 },
        { keys: ['ВИЛКА-4'], qty: '7' },
        { keys: ['ЧАЙНИК-9'], qty: 5 },
      ],
    });
    expect(table(fixture('price-openpyxl.xlsx'), 'склад 2').table).toEqual([
      ['Артикул', 'Остаток'],
      ['КРУЖКА-1', 40],
      ['КРУЖКА-2', 41],
    ]);
  });

  it('reads an XlsxWriter file (shared strings, rich text runs, a formula’s cached result) by the named sheet', () => {
    const t = table(fixture('stock-xlsxwriter.xlsx'), 'Остатки склада');
    expect(t.table).toEqual([
      ['Наименование', 'Код', 'Свободно'],
      ['Кружка «Утро» 300 мл', 'КРУЖКА-1', 8],
      ['Ложка', 'ЛОЖКА-3', 6],
      ['Вилка', 'ВИЛКА-4', 'уточняется'],
    ]);
  });

  it('names the sheets there are when the one asked for is missing', () => {
    expect(xlsxTable(xlsxParts(fixture('price-openpyxl.xlsx')), 'Остатки')).toEqual({
      ok: false,
      reason: 'в файле XLSX нет листа «Остатки» (есть: «Прайс», «Склад 2»)',
    });
  });

  it('places cells without references after the previous one, and rows without references after the previous row', () => {
    const zip = zipFiles(
      xlsxEntries(
        [
          [
            'Лист1',
            '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>' +
              '<row r="5"><c r="B5"><v>4</v></c><c><v>5</v></c><c r="A5" t="s"><v>2</v></c></row>' +
              '<row><c r="C6"><v>1.5</v></c></row>',
          ],
        ],
        ['Артикул', 'Остаток', 'A-1'],
      ),
    );
    // A reference going back (A5 after B5, C5) is taken as written: the sheet says where the cell is.
    expect(table(zip).table).toEqual([
      ['Артикул', 'Остаток'],
      ['A-1', 4, 5],
      ['', '', 1.5],
    ]);
  });

  it('reads inline strings, booleans, errors, formula strings, escapes, phonetic hints and prefixed elements', () => {
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const entries = xlsxEntries([['Лист1', '']]);
    entries[3] = {
      name: 'xl/worksheets/sheet1.xml',
      data: `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1">
        <x:c r="A1" t="inlineStr"><x:is><x:r><x:t>Арти</x:t></x:r><x:r><x:t>кул</x:t></x:r></x:is></x:c>
        <x:c r="B1" t="b"><x:v>1</x:v></x:c><x:c r="C1" t="e"><x:v>#N/A</x:v></x:c>
        <x:c r="D1" t="str"><x:f>A1&amp;"!"</x:f><x:v>Артикул!</x:v></x:c>
        <x:c r="E1" t="inlineStr"><x:is><x:t>строка_x000D_два</x:t><x:rPh sb="0" eb="1"><x:t>ふりがな</x:t></x:rPh></x:is></x:c>
        <x:c r="F1"><x:f>1/0</x:f></x:c></x:row></x:sheetData></x:worksheet>`,
    };
    expect(table(zipFiles(entries)).table).toEqual([['Артикул', true, '#N/A', 'Артикул!', 'строка\rдва']]);
  });

  it('finds the sheet through the relationships, not the part names, and reads no other sheet', () => {
    const entries = xlsxEntries(
      [
        ['Первый', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'],
        ['Второй', '<row r="1"><c r="A1" t="s"><v>1</v></c></row>'],
      ],
      ['первый лист', 'второй лист'],
    );
    // The workbook's rels point its first sheet at sheet2.xml.
    entries[2] = {
      name: 'xl/_rels/workbook.xml.rels',
      data: entries[2].data
        .replace('worksheets/sheet1.xml', 'worksheets/TMP')
        .replace('worksheets/sheet2.xml', 'worksheets/sheet1.xml')
        .replace('worksheets/TMP', 'worksheets/sheet2.xml'),
    };
    const parts = xlsxParts(zipFiles(entries));
    const t = xlsxTable(parts);
    expect(t).toEqual({ ok: true, table: [['второй лист']], sheet: 'Первый' });
    expect(parts.read).not.toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses what is not a workbook, a chart sheet and a sheet whose part is missing', () => {
    expect(xlsxTable(xlsxParts(zipFiles([{ name: 'word/document.xml', data: '<document/>' }])))).toEqual({
      ok: false,
      reason: 'это не таблица Excel: в файле XLSX нет книги (xl/workbook.xml)',
    });
    const chart = xlsxEntries([['Диаграмма', '']]);
    chart[3] = {
      name: 'xl/worksheets/sheet1.xml',
      data: '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    };
    expect(xlsxTable(xlsxParts(zipFiles(chart)))).toEqual({
      ok: false,
      reason: 'лист «Диаграмма» — не таблица (диаграмма или макрос)',
    });
    const missing = xlsxEntries([['Лист1', '']]).filter((e) => !e.name.startsWith('xl/worksheets/'));
    expect(xlsxTable(xlsxParts(zipFiles(missing)))).toEqual({
      ok: false,
      reason: 'в файле XLSX нет данных листа «Лист1»',
    });
  });
});
