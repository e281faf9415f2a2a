/**
 * A sheet of an XLSX file as a table, pure (SPEC 4, `email` source): an XLSX is a zip of XML parts,
 * which the adapter unzips and parses; here the workbook names its sheets, its relationships say which
 * part holds each, shared strings give the text cells, and each cell's reference («C12») its column —
 * writers leave out empty cells and rows, and some leave out the references too.
 */
import { normalizeHeader } from './headers';
import { childNamed, childrenNamed, type XmlElement } from './xml';

/** A part of the unzipped file, parsed, by its path in the zip («xl/workbook.xml»); null when absent. */
export type XlsxPart = (path: string) => XmlElement | null;

export type XlsxTable = { ok: true; table: unknown[][]; sheet: string } | { ok: false; reason: string };

/** Excel's last column (XFD) and row: a reference beyond them is not a cell. */
const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;

/** «C12» → 2 (0-based); undefined for anything that is not a cell reference. */
export function columnOf(reference: string): number | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(reference.trim());
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[1].toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= MAX_COLUMNS ? n - 1 : undefined;
}

/** A path in the zip from a relationship's target: absolute («/xl/…») or relative to the part's folder. */
export function resolvePartPath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

interface Relationship {
  id: string;
  type: string;
  path: string;
}

/** The relationships of a part («xl/workbook.xml» → «xl/_rels/workbook.xml.rels»), targets resolved. */
function relationships(part: XlsxPart, of: string): Relationship[] {
  const slash = of.lastIndexOf('/');
  const folder = of.slice(0, slash + 1);
  const rels = part(`${folder}_rels/${of.slice(slash + 1)}.rels`);
  if (!rels) return [];
  return childrenNamed(rels, 'Relationship')
    .filter((r) => r.attr('TargetMode') !== 'External')
    .map((r) => ({
      id: r.attr('Id') ?? '',
      type: r.attr('Type') ?? '',
      path: resolvePartPath(folder, r.attr('Target') ?? ''),
    }));
}

/** The workbook part: the package's officeDocument relationship, «xl/workbook.xml» as Excel names it otherwise. */
function workbookPath(part: XlsxPart): string {
  const main = relationships(part, '').find((r) => r.type.endsWith('/officeDocument'));
  return main?.path ?? 'xl/workbook.xml';
}

/** OOXML writes control characters as `_x000D_`. */
function unescapeOoxml(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** The text of a shared string or an inline string: its `<t>`, or its rich-text runs' `<t>` joined (phonetic hints left out). */
export function stringItem(item: XmlElement | undefined): string {
  if (!item) return '';
  let text = '';
  for (const child of item.children()) {
    if (child.name === 't') text += child.text();
    else if (child.name === 'r') text += childNamed(child, 't')?.text() ?? '';
  }
  return unescapeOoxml(text);
}

export function sharedStrings(sst: XmlElement | null): string[] {
  return sst ? childrenNamed(sst, 'si').map(stringItem) : [];
}

/** One cell's value as a sheet would hold it: a number, text, a boolean, or '' when it holds none. */
export function cellValue(c: XmlElement, strings: readonly string[]): unknown {
  const type = c.attr('t') ?? 'n';
  if (type === 'inlineStr') return stringItem(childNamed(c, 'is'));
  const v = childNamed(c, 'v')?.text();
  if (v === undefined || v === '') return '';
  if (type === 's') return strings[Number(v)] ?? '';
  if (type === 'b') return v.trim() === '1';
  if (type === 'str' || type === 'e' || type === 'd') return unescapeOoxml(v);
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : v;
}

/**
 * The sheet's rows in order, each as dense as its last cell: a cell goes to the column its reference
 * names (the one after the previous cell without one), so a left-out empty cell leaves a blank.
 * Empty rows are left out: the table is read by its headers, never by row numbers.
 */
export function sheetRows(sheet: XmlElement, strings: readonly string[]): unknown[][] {
  const rows: unknown[][] = [];
  let nextRow = 1;
  for (const row of childrenNamed(childNamed(sheet, 'sheetData') ?? sheet, 'row')) {
    const r = Number(row.attr('r'));
    const at = Number.isInteger(r) && r >= nextRow && r <= MAX_ROWS ? r : nextRow;
    nextRow = at + 1;
    const cells: unknown[] = [];
    let nextColumn = 0;
    for (const c of childrenNamed(row, 'c')) {
      const ref = c.attr('r');
      const col = (ref === undefined ? undefined : columnOf(ref)) ?? nextColumn;
      nextColumn = col + 1;
      const value = cellValue(c, strings);
      if (value === '') continue;
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    if (cells.length) rows.push(cells);
  }
  return rows;
}

/** The sheet to read: the one named (case and spaces aside), else the first. */
function pickSheet(sheets: XmlElement[], wanted: string | undefined): XmlElement | string {
  const names = sheets.map((s) => s.attr('name') ?? '');
  if (!sheets.length) return 'в файле XLSX нет ни одного листа';
  if (wanted === undefined || wanted.trim() === '') return sheets[0];
  const exact = names.indexOf(wanted);
  const i = exact >= 0 ? exact : names.findIndex((n) => normalizeHeader(n) === normalizeHeader(wanted));
  if (i < 0) return `в файле XLSX нет листа «${wanted}» (есть: ${names.map((n) => `«${n}»`).join(', ')})`;
  return sheets[i];
}

/** The table of one sheet of an unzipped XLSX: the first sheet, or the one named `sheetName`. */
export function xlsxTable(part: XlsxPart, sheetName?: string): XlsxTable {
  const path = workbookPath(part);
  const workbook = part(path);
  if (workbook?.name !== 'workbook')
    return { ok: false, reason: 'это не таблица Excel: в файле XLSX нет книги (xl/workbook.xml)' };
  const sheet = pickSheet(childrenNamed(childNamed(workbook, 'sheets') ?? workbook, 'sheet'), sheetName);
  if (typeof sheet === 'string') return { ok: false, reason: sheet };
  const name = sheet.attr('name') ?? '';
  const rels = relationships(part, path);
  const target = rels.find((r) => r.id === sheet.anyAttr('id'));
  const data = target ? part(target.path) : null;
  if (!data) return { ok: false, reason: `в файле XLSX нет данных листа «${name}»` };
  if (data.name !== 'worksheet') return { ok: false, reason: `лист «${name}» — не таблица (диаграмма или макрос)` };
  const stringsPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.path ?? 'xl/sharedStrings.xml';
  return { ok: true, table: sheetRows(data, sharedStrings(part(stringsPath))), sheet: name };
}
