/**
 * The whole «Остатки» sheet: find the columns by header, check every cell, read reserves, allocate
 * each SKU, and say what to write into the add-on's own columns (SPEC 2.1, 3). Pure: values in,
 * values out; the adapter does the one batched read and the batched write.
 */
import { cellText, groupDigits, isBlank, parseQuantity, splitIds } from './cells';
import { DEFAULT_TIME_ZONE } from './dates';
import { exampleRowMessage, isExampleSku } from './exampleRows';
import { HEADERS, type HeaderIndex, indexHeaders, normalizeHeader, STOCK_SHEET } from './headers';
import {
  type ComponentStock,
  caseHint,
  KIT_HEADERS,
  KITS_SHEET,
  type Kit,
  type KitBook,
  kitAvailability,
  readKits,
} from './kits';
import type { Problem } from './problems';
import { type ReserveBook, readReserves } from './reserves';
import { type AllocationPlan, allocateAvailable, allocateSku, compilePlan, type SkuAllocation } from './rules';
import type { Channel, Settings } from './settings';

export type Grid = readonly (readonly unknown[])[];

/** One column the add-on writes: where it is (0-based) and whether it must be created. */
export interface ComputedColumn {
  header: string;
  index: number;
  isNew: boolean;
}

export interface SkuRow {
  /** 1-based row number on «Остатки». */
  row: number;
  sku: string;
  valid: boolean;
  reserve: number;
  forSale: number;
  /** Per channel in settings order; null = not shown on / not sent to that channel. */
  quantities: (number | null)[];
  /** Per channel: the marketplace ids from the channel's id column (several separated by «;»). */
  ids: string[][];
  unallocated: number;
  /** A kit (SPEC 5.7): its numbers come from its components, and it holds no reserve of its own. */
  kit?: true;
}

export interface SheetAllocation {
  ok: true;
  columns: ComputedColumn[];
  /** Values of the computed columns for every data row (row 2 on), in the order of `columns`. */
  output: (number | string)[][];
  rows: SkuRow[];
  problems: Problem[];
  invalidCount: number;
  lowStock: { row: number; sku: string; forSale: number; min: number }[];
  /** Valid rows with a minimum above 0 in «Мин. остаток»: none, and alerts have nothing to watch. */
  minCount: number;
  activeReserves: number;
}

export type SheetResult = SheetAllocation | { ok: false; error: string };

const MAX_PROBLEMS = 1000;

/** How a message names a marketplace whose limit a value hit. */
const MARKETPLACE_NAMES: Partial<Record<string, string>> = {
  wb: 'Wildberries',
  yandex: 'Яндекс Маркет',
  avito: 'Авито',
  aliexpress: 'AliExpress',
};

/** Headers the add-on writes, in the order it creates them. */
export function computedHeaders(settings: Settings): string[] {
  return [HEADERS.reserve, HEADERS.forSale, ...settings.channels.map((c) => c.column), HEADERS.unallocated];
}

/** The header row for a new, empty «Остатки». */
export function initialHeaderRow(settings: Settings): string[] {
  const idHeaders = settings.channels
    .map((c) => c.idHeader)
    .filter((h): h is string => h !== undefined && normalizeHeader(h) !== normalizeHeader(HEADERS.sku));
  const unique = (list: string[]) =>
    list.filter((h, i) => list.findIndex((o) => normalizeHeader(o) === normalizeHeader(h)) === i);
  return unique([
    HEADERS.sku,
    HEADERS.name,
    ...settings.warehouses.map((w) => w.column),
    HEADERS.safetyStock,
    HEADERS.minStock,
    ...idHeaders,
    ...computedHeaders(settings),
  ]);
}

/** Where the columns the allocation reads stand on «Остатки» (0-based). */
interface StockColumns {
  sku: number;
  /** Per warehouse, in settings order. */
  warehouses: number[];
  /** The id columns, each once: channels that share one («Артикул», most often) share its parsed ids. */
  idColumns: number[];
  /** Per channel: which of idColumns holds its ids («Артикул» when the channel has none of its own). */
  idColumnOf: number[];
  /** Per channel: whether the ids come from a column of their own, so that an empty one hides the SKU. */
  explicitIds: boolean[];
  /** Per channel: its filter's column, -1 without a filter. */
  filters: number[];
  safety: number | undefined;
  min: number | undefined;
}

type Located = { ok: true; columns: StockColumns } | { ok: false; error: string };

function missingColumnError(header: string, what: string): string {
  return `На листе «${STOCK_SHEET}» нет столбца «${header}» (${what}). Верните заголовок в первую строку или исправьте настройки — пока его нет, пересчёт остановлен, чтобы не принять пустой столбец за нули.`;
}

function usesSkuForIds(channel: Channel): boolean {
  return channel.idHeader === undefined || normalizeHeader(channel.idHeader) === normalizeHeader(HEADERS.sku);
}

/** Finds every column the settings need; a missing one stops the recalculation (never read as zeros). */
function locateColumns(settings: Settings, headers: HeaderIndex): Located {
  const missing: string[] = [];
  const need = (header: string, what: string): number => {
    const index = headers.find(header);
    if (index !== undefined) return index;
    missing.push(missingColumnError(header, what));
    return -1;
  };
  const sku = need(HEADERS.sku, 'артикулы');
  const warehouses = settings.warehouses.map((w) => need(w.column, `склад «${w.column}»`));
  const ids = settings.channels.map((c) =>
    usesSkuForIds(c) ? sku : need(c.idHeader as string, `ID товаров канала «${c.name}»`),
  );
  const filters = settings.channels.map((c) => (c.filter ? need(c.filter.header, `фильтр канала «${c.name}»`) : -1));
  if (missing.length)
    return {
      ok: false,
      error: missing[0] + (missing.length > 1 ? ` Других недостающих столбцов: ${missing.length - 1}.` : ''),
    };
  const idColumns = [...new Set(ids)];
  const columns: StockColumns = {
    sku,
    warehouses,
    idColumns,
    idColumnOf: ids.map((i) => idColumns.indexOf(i)),
    explicitIds: ids.map((i) => i !== sku),
    filters,
    safety: headers.find(HEADERS.safetyStock),
    min: headers.find(HEADERS.minStock),
  };
  return { ok: true, columns };
}

/** A header the allocation reads or writes that stands twice: which one is meant cannot be guessed. */
function ambiguousHeader(settings: Settings, headers: HeaderIndex): string | undefined {
  const used = [
    HEADERS.sku,
    HEADERS.safetyStock,
    HEADERS.minStock,
    ...settings.warehouses.map((w) => w.column),
    ...computedHeaders(settings),
  ];
  return headers.duplicates.find((d) => used.some((u) => normalizeHeader(u) === normalizeHeader(d)));
}

/**
 * The first column after everything the sheet holds — a header or any value in any row — so that a
 * column the add-on creates never lands on a seller's unlabelled notes (SPEC 2.1).
 */
export function firstFreeColumn(stock: Grid): number {
  let free = 0;
  for (const row of stock) {
    // Only the cells right of what is already known to be taken need a look.
    for (let c = row.length - 1; c >= free; c--) {
      if (!isBlank(row[c])) {
        free = c + 1;
        break;
      }
    }
  }
  return free;
}

/** The add-on's columns: found by header, or new ones after the last column holding anything. */
function placeComputedColumns(settings: Settings, stock: Grid, headers: HeaderIndex) {
  let nextNew = firstFreeColumn(stock);
  return computedHeaders(settings).map((header): ComputedColumn => {
    const index = headers.find(header);
    return index === undefined ? { header, index: nextNew++, isNew: true } : { header, index, isNew: false };
  });
}

/** Data rows (0-based in the grid) of each SKU, so that duplicates and unknown SKUs on «Резервы» can be named. */
function rowsBySkuText(stock: Grid, skuColumn: number): Map<string, number[]> {
  const rowsBySku = new Map<string, number[]>();
  for (let r = 1; r < stock.length; r++) {
    const sku = cellText(stock[r][skuColumn]);
    if (sku === '') continue;
    const list = rowsBySku.get(sku);
    if (list) list.push(r);
    else rowsBySku.set(sku, [r]);
  }
  return rowsBySku;
}

type RowFilter = (row: readonly unknown[]) => boolean;

/** A channel's product filter as a test of one row, compared as headers are (case, «ё», spaces). */
function compileFilter(filter: NonNullable<Channel['filter']>, column: number): RowFilter {
  const value = normalizeHeader(filter.value ?? '');
  const op = filter.op;
  return (row) => {
    const cell = normalizeHeader(cellText(row[column]));
    switch (op) {
      case 'equals':
        return cell === value;
      case 'notEquals':
        return cell !== value;
      case 'contains':
        return cell.includes(value);
      case 'empty':
        return cell === '';
      case 'notEmpty':
        return cell !== '';
    }
  };
}

/** What every row of one sheet is allocated with, found once; and what the rows add up to. */
interface SheetPass {
  settings: Settings;
  columns: StockColumns;
  plan: AllocationPlan;
  filters: (RowFilter | null)[];
  reserves: ReserveBook;
  rowsBySku: Map<string, number[]>;
  outputWidth: number;
  problems: Problem[];
  output: (number | string)[][];
  rows: SkuRow[];
  lowStock: SheetAllocation['lowStock'];
  minCount: number;
  invalidCount: number;
  /** «Комплекты» (null: no kits), the numbers of the rows kits take, and the kit rows waiting for them. */
  kits: KitBook | null;
  componentStock: Map<string, ComponentStock>;
  kitRows: KitRow[];
}

/** A kit row read, its computed cells left for after every component row (their indexes in output and rows). */
interface KitRow {
  row: RowRead;
  kit: Kit;
  safety: number;
  min: number;
  outputIndex: number;
  rowsIndex: number;
}

function startPass(
  settings: Settings,
  stock: Grid,
  columns: StockColumns,
  reserves: Grid | null,
  { now, timeZone, kits }: { now: number; timeZone: string; kits: KitBook | null },
) {
  const rowsBySku = rowsBySkuText(stock, columns.sku);
  const book = readReserves(reserves, settings, new Set(rowsBySku.keys()), now, timeZone, kits);
  const pass: SheetPass = {
    settings,
    columns,
    plan: compilePlan(settings),
    filters: settings.channels.map((c, i) => (c.filter ? compileFilter(c.filter, columns.filters[i]) : null)),
    reserves: book,
    rowsBySku,
    outputWidth: computedHeaders(settings).length,
    problems: [...book.problems, ...(kits?.problems ?? [])],
    output: [],
    rows: [],
    lowStock: [],
    minCount: 0,
    invalidCount: 0,
    kits,
    componentStock: new Map(),
    kitRows: [],
  };
  return pass;
}

/** At most MAX_PROBLEMS are kept, so that a sheet broken throughout does not make a list as long as itself. */
function addProblem(pass: SheetPass, problem: Problem): void {
  if (pass.problems.length < MAX_PROBLEMS) pass.problems.push(problem);
}

/** One data row being read: its cells, where it is, and whether every cell it uses was readable. */
interface RowRead {
  cells: readonly unknown[];
  sheetRow: number;
  sku: string;
  valid: boolean;
}

function invalidCell(
  pass: SheetPass,
  row: RowRead,
  column: string,
  message: string,
  until: NonNullable<Problem['blocks']>['until'] | null = 'cell',
): void {
  row.valid = false;
  addProblem(pass, {
    sheet: STOCK_SHEET,
    row: row.sheetRow,
    column,
    message,
    severity: 'error',
    // null: the message itself already says that the row is sent nowhere.
    ...(until ? { blocks: { sku: row.sku, until } } : {}),
  });
}

/** Both rows of a repeated «Артикул» are invalid: which one is right cannot be guessed. */
function checkDuplicateSku(pass: SheetPass, row: RowRead): void {
  const twins = pass.rowsBySku.get(row.sku) as number[];
  if (twins.length > 1)
    invalidCell(
      pass,
      row,
      HEADERS.sku,
      `артикул «${row.sku}» повторяется в строках ${twins.map((t) => t + 1).join(', ')}`,
      'repeat',
    );
}

/** A quantity cell: unreadable makes the row invalid (read as 0 meanwhile), negative counts as 0 with a warning. */
function readQuantityCell(pass: SheetPass, row: RowRead, column: number, header: string): number {
  const q = parseQuantity(row.cells[column]);
  if (!q.ok) {
    invalidCell(pass, row, header, q.reason);
    return 0;
  }
  if (q.negative)
    addProblem(pass, {
      sheet: STOCK_SHEET,
      row: row.sheetRow,
      column: header,
      message: `отрицательное число ${cellText(row.cells[column])} считается как 0`,
      severity: 'warning',
    });
  return q.value;
}

/** e_w per warehouse: the warehouse cell less what reserves hold there. */
function effectiveStock(pass: SheetPass, row: RowRead, held: number[] | undefined): number[] {
  return pass.settings.warehouses.map(
    (w, i) => readQuantityCell(pass, row, pass.columns.warehouses[i], w.column) - (held ? held[i] : 0),
  );
}

function optionalQuantity(pass: SheetPass, row: RowRead, column: number | undefined, header: string): number {
  return column === undefined ? 0 : readQuantityCell(pass, row, column, header);
}

/** Per channel, the ids in its id column: each column is split once per row. */
function channelIds(pass: SheetPass, cells: readonly unknown[]): string[][] {
  const parsed = pass.columns.idColumns.map((c) => splitIds(cells[c]));
  return pass.columns.idColumnOf.map((k) => parsed[k]);
}

/** Per channel: whether it shows this SKU (its own id column is filled, its filter passes). */
function channelsShowing(pass: SheetPass, cells: readonly unknown[], ids: string[][]): boolean[] {
  return pass.settings.channels.map((_, i) => {
    const filter = pass.filters[i];
    return (!pass.columns.explicitIds[i] || ids[i].length > 0) && (filter === null || filter(cells));
  });
}

function reportNonFinite(pass: SheetPass, row: RowRead, result: SkuAllocation): void {
  for (const c of result.nonFinite)
    addProblem(pass, {
      sheet: STOCK_SHEET,
      row: row.sheetRow,
      column: pass.settings.channels[c].column,
      message: 'формула правила дала не число (деление на ноль?): показано 0',
      severity: 'warning',
    });
}

/** A value above its marketplace's maximum is shown and sent as that maximum, and said so on its cell. */
function reportCapped(pass: SheetPass, row: RowRead, result: SkuAllocation): void {
  for (const { channel, wanted } of result.capped) {
    const c = pass.settings.channels[channel];
    const most = groupDigits(result.quantities[channel] as number);
    addProblem(pass, {
      sheet: STOCK_SHEET,
      row: row.sheetRow,
      column: c.column,
      message: `${MARKETPLACE_NAMES[c.marketplace] ?? c.name} принимает не больше ${most} шт.: показано и отправлено ${most} из ${groupDigits(wanted)}`,
      severity: 'warning',
    });
  }
}

/** The computed columns of one row, in the order of computedHeaders: blank where a channel does not show it. */
function outputRow(reserve: number, result: SkuAllocation): (number | string)[] {
  const out: (number | string)[] = [reserve, result.forSale];
  for (const q of result.quantities) out.push(q === null ? '' : q);
  out.push(result.unallocated);
  return out;
}

function blankOutput(pass: SheetPass): string[] {
  return new Array(pass.outputWidth).fill('');
}

/** An invalid row is not sent anywhere: its computed cells stay blank. */
function recordInvalidRow(pass: SheetPass, row: RowRead): void {
  pass.invalidCount++;
  pass.output.push(blankOutput(pass));
  pass.rows.push(invalidSkuRow(pass, row));
}

function invalidSkuRow(pass: SheetPass, row: RowRead): SkuRow {
  return {
    row: row.sheetRow,
    sku: row.sku,
    valid: false,
    reserve: 0,
    forSale: 0,
    quantities: new Array(pass.settings.channels.length).fill(null),
    ids: [],
    unallocated: 0,
  };
}

function allocateValidRow(pass: SheetPass, row: RowRead, effective: number[], safety: number, min: number): void {
  const held = pass.reserves.bySku.get(row.sku);
  const ids = channelIds(pass, row.cells);
  const result = allocateSku(pass.plan, effective, safety, channelsShowing(pass, row.cells, ids));
  reportNonFinite(pass, row, result);
  reportCapped(pass, row, result);
  const reserve = held ? held.reduce((a, b) => a + b, 0) : 0;
  pass.output.push(outputRow(reserve, result));
  pass.rows.push(validRow(row, reserve, result, ids));
  noteLowStock(pass, row, result.forSale, min);
  // A kit is computed after every row, from what its components' rows give (SPEC 5.7).
  if (pass.kits?.components.has(row.sku))
    pass.componentStock.set(row.sku, { effective, safety, forSale: result.forSale });
}

function validRow(row: RowRead, reserve: number, result: SkuAllocation, ids: string[][]): SkuRow {
  return {
    row: row.sheetRow,
    sku: row.sku,
    valid: true,
    reserve,
    forSale: result.forSale,
    quantities: result.quantities,
    ids,
    unallocated: result.unallocated,
  };
}

function noteLowStock(pass: SheetPass, row: RowRead, forSale: number, min: number): void {
  if (pass.columns.min !== undefined && min > 0) pass.minCount++;
  if (pass.columns.min !== undefined && min > 0 && forSale < min)
    pass.lowStock.push({ row: row.sheetRow, sku: row.sku, forSale, min });
}

/** One data row (0-based in the grid): a row without «Артикул» is skipped, its computed cells blank. */
function allocateRow(pass: SheetPass, cells: readonly unknown[], r: number): void {
  const sku = cellText(cells[pass.columns.sku]);
  if (sku === '') {
    pass.output.push(blankOutput(pass));
    return;
  }
  const row: RowRead = { cells, sheetRow: r + 1, sku, valid: true };
  checkDuplicateSku(pass, row);
  // The template's example rows are never sent: a first push must not carry «ПРИМЕР-1» to a marketplace.
  if (isExampleSku(sku)) invalidCell(pass, row, HEADERS.sku, exampleRowMessage(sku), null);
  const kit = pass.kits === null ? undefined : pass.kits.kits.get(sku);
  if (kit !== undefined) {
    readKitRow(pass, row, kit);
    return;
  }
  const effective = effectiveStock(pass, row, pass.reserves.bySku.get(sku));
  const safety = optionalQuantity(pass, row, pass.columns.safety, HEADERS.safetyStock);
  const min = optionalQuantity(pass, row, pass.columns.min, HEADERS.minStock);
  if (row.valid) allocateValidRow(pass, row, effective, safety, min);
  else recordInvalidRow(pass, row);
}

/**
 * A kit row (SPEC 5.7): its warehouse cells stay blank, since its stock is its components'; its
 * computed cells wait for the end of the pass, when every component row has been read.
 */
function readKitRow(pass: SheetPass, row: RowRead, kit: Kit): void {
  pass.settings.warehouses.forEach((w, i) => {
    if (!isBlank(row.cells[pass.columns.warehouses[i]]))
      invalidCell(
        pass,
        row,
        w.column,
        `«${row.sku}» — комплект (лист «${KITS_SHEET}»): его остаток считается из компонентов, ячейку склада оставьте пустой`,
      );
  });
  const safety = optionalQuantity(pass, row, pass.columns.safety, HEADERS.safetyStock);
  const min = optionalQuantity(pass, row, pass.columns.min, HEADERS.minStock);
  pass.kitRows.push({ row, kit, safety, min, outputIndex: pass.output.length, rowsIndex: pass.rows.length });
  pass.output.push(blankOutput(pass));
  pass.rows.push(invalidSkuRow(pass, row));
}

/**
 * The parts a kit is computed from: each component's row, read and valid. A component missing from
 * «Остатки» or whose row has an error makes the kit invalid, named where it can be fixed.
 */
function kitParts(pass: SheetPass, { row, kit }: KitRow): { stock: ComponentStock; qty: number }[] | null {
  const parts: { stock: ComponentStock; qty: number }[] = [];
  for (const c of kit.components) {
    const stock = pass.componentStock.get(c.sku);
    if (stock) {
      parts.push({ stock, qty: c.qty });
      continue;
    }
    row.valid = false;
    const rows = pass.rowsBySku.get(c.sku);
    if (rows === undefined)
      addProblem(pass, {
        sheet: KITS_SHEET,
        row: c.sheetRow,
        column: KIT_HEADERS.component,
        message: [`компонента «${c.sku}» нет на листе «${STOCK_SHEET}»`, caseHint(c.sku, pass.rowsBySku.keys())]
          .filter(Boolean)
          .join(': '),
        severity: 'error',
        blocks: { sku: kit.sku, until: 'kit' },
      });
    else
      invalidCell(
        pass,
        row,
        HEADERS.sku,
        `${rows.length > 1 ? 'в строках' : 'в строке'} ${rows.map((r) => r + 1).join(', ')} компонента «${c.sku}» ошибка: комплект без него не считается`,
        'component',
      );
  }
  return row.valid ? parts : null;
}

/** Every kit row, once the component rows are read: in its own place of the output, in sheet order. */
function allocateKitRows(pass: SheetPass): void {
  for (const kitRow of pass.kitRows) {
    const { row, kit, safety, min } = kitRow;
    const parts = row.valid && !kit.broken ? kitParts(pass, kitRow) : null;
    if (parts === null) {
      pass.invalidCount++;
      continue;
    }
    const ids = channelIds(pass, row.cells);
    const { available, forSale } = kitAvailability(pass.plan, parts, safety);
    const result = allocateAvailable(pass.plan, forSale, available, channelsShowing(pass, row.cells, ids));
    reportNonFinite(pass, row, result);
    reportCapped(pass, row, result);
    // «Резерв» stays blank: a kit's reserves sit on its components.
    const out = outputRow(0, result);
    out[0] = '';
    pass.output[kitRow.outputIndex] = out;
    pass.rows[kitRow.rowsIndex] = { ...validRow(row, 0, result, ids), kit: true };
    noteLowStock(pass, row, forSale, min);
  }
  if (pass.kitRows.length) pass.lowStock.sort((a, b) => a.row - b.row);
  for (const kit of pass.kits?.kits.values() ?? [])
    if (!pass.rowsBySku.has(kit.sku))
      addProblem(pass, {
        sheet: KITS_SHEET,
        row: kit.sheetRow,
        column: KIT_HEADERS.kit,
        message: `комплекта «${kit.sku}» нет на листе «${STOCK_SHEET}»: добавьте строку с этим артикулом, чтобы он отправлялся`,
        severity: 'warning',
      });
}

/**
 * `timeZone`: the spreadsheet's, in which «Действует до» typed as text is read. `kits`: «Комплекты»
 * as read, null without it (SPEC 5.7).
 */
export function allocateSheet(
  settings: Settings,
  stock: Grid,
  reserveValues: Grid | null,
  now: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  kits: Grid | null = null,
): SheetResult {
  if (stock.length === 0) return { ok: false, error: `Лист «${STOCK_SHEET}» пуст: нет строки заголовков` };
  const headers = indexHeaders(stock[0]);
  const located = locateColumns(settings, headers);
  if (!located.ok) return located;
  const ambiguous = ambiguousHeader(settings, headers);
  if (ambiguous)
    return {
      ok: false,
      error: `На листе «${STOCK_SHEET}» два столбца «${ambiguous}»: оставьте один, чтобы не гадать, какой верный.`,
    };
  const kitBook = readKits(kits);
  if (!kitBook.ok) return kitBook;
  const columns = placeComputedColumns(settings, stock, headers);
  const pass = startPass(settings, stock, located.columns, reserveValues, { now, timeZone, kits: kitBook.book });
  for (let r = 1; r < stock.length; r++) allocateRow(pass, stock[r], r);
  if (pass.kits !== null) allocateKitRows(pass);
  const { output, rows, problems, invalidCount, lowStock } = pass;
  return {
    ok: true,
    columns,
    output,
    rows,
    problems,
    invalidCount,
    lowStock,
    minCount: pass.minCount,
    activeReserves: pass.reserves.activeCount,
  };
}
