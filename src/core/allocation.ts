/**
 * The whole «Остатки» sheet: find the columns by header, check every cell, read reserves, allocate
 * each SKU, and say what to write into the add-on's own columns (SPEC 2.1, 3). Pure: values in,
 * values out; the adapter does the one batched read and the batched write.
 */
import { cellText, groupDigits, isBlank, parseQuantity, splitIds } from './cells';
import { HEADERS, indexHeaders, normalizeHeader, STOCK_SHEET } from './headers';
import type { Problem } from './problems';
import { readReserves } from './reserves';
import { allocateSku, compilePlan } from './rules';
import type { Settings } from './settings';

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

/**
 * The first column after everything the sheet holds — a header or any value in any row — so that a
 * column the add-on creates never lands on a seller's unlabelled notes (SPEC 2.1).
 */
export function firstFreeColumn(stock: Grid): number {
  let free = 0;
  for (const row of stock) {
    for (let c = row.length - 1; c >= free; c--) {
      if (!isBlank(row[c])) {
        free = c + 1;
        break;
      }
    }
  }
  return free;
}

/** Where everything the allocation reads and writes stands on «Остатки». */
interface Layout {
  skuCol: number;
  warehouseCols: number[];
  /** Per channel: its id column (the SKU column when it has none of its own). */
  idCols: number[];
  /** Per channel: its filter's column, or -1. */
  filterCols: number[];
  safetyCol?: number;
  minCol?: number;
  columns: ComputedColumn[];
}

/** The columns by header; a missing or doubled one stops the run rather than be read as zeros. */
function findLayout(settings: Settings, stock: Grid): Layout | { ok: false; error: string } {
  const headers = indexHeaders(stock[0]);
  const missing: string[] = [];
  const need = (h: string, what: string): number => {
    const i = headers.find(h);
    if (i !== undefined) return i;
    missing.push(
      `На листе «${STOCK_SHEET}» нет столбца «${h}» (${what}). Верните заголовок в первую строку или исправьте настройки — пока его нет, пересчёт остановлен, чтобы не принять пустой столбец за нули.`,
    );
    return -1;
  };
  const skuCol = need(HEADERS.sku, 'артикулы');
  const warehouseCols = settings.warehouses.map((w) => need(w.column, `склад «${w.column}»`));
  const idCols = settings.channels.map((c) =>
    c.idHeader === undefined || normalizeHeader(c.idHeader) === normalizeHeader(HEADERS.sku)
      ? skuCol
      : need(c.idHeader, `ID товаров канала «${c.name}»`),
  );
  const filterCols = settings.channels.map((c) => (c.filter ? need(c.filter.header, `фильтр канала «${c.name}»`) : -1));
  if (missing.length)
    return {
      ok: false,
      error: missing[0] + (missing.length > 1 ? ` Других недостающих столбцов: ${missing.length - 1}.` : ''),
    };
  const used = [
    HEADERS.sku,
    HEADERS.safetyStock,
    HEADERS.minStock,
    ...settings.warehouses.map((w) => w.column),
    ...computedHeaders(settings),
  ];
  const ambiguous = headers.duplicates.find((d) => used.some((u) => normalizeHeader(u) === normalizeHeader(d)));
  if (ambiguous)
    return {
      ok: false,
      error: `На листе «${STOCK_SHEET}» два столбца «${ambiguous}»: оставьте один, чтобы не гадать, какой верный.`,
    };
  let nextNew = firstFreeColumn(stock);
  const columns: ComputedColumn[] = computedHeaders(settings).map((header) => {
    const index = headers.find(header);
    return index === undefined ? { header, index: nextNew++, isNew: true } : { header, index, isNew: false };
  });
  const safetyCol = headers.find(HEADERS.safetyStock);
  const minCol = headers.find(HEADERS.minStock);
  return { skuCol, warehouseCols, idCols, filterCols, safetyCol, minCol, columns };
}

/** Data rows (0-based grid indexes) by SKU, so that duplicates and unknown SKUs on «Резервы» can be named. */
function rowsBySkuOf(stock: Grid, skuCol: number): Map<string, number[]> {
  const rowsBySku = new Map<string, number[]>();
  for (let r = 1; r < stock.length; r++) {
    const sku = cellText(stock[r][skuCol]);
    if (sku === '') continue;
    const list = rowsBySku.get(sku);
    if (list) list.push(r);
    else rowsBySku.set(sku, [r]);
  }
  return rowsBySku;
}

type RowFilter = (row: readonly unknown[]) => boolean;

function channelFilter(filter: NonNullable<Settings['channels'][number]['filter']>, column: number): RowFilter {
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

/** What one pass over the sheet shares and gathers. */
interface SheetPass {
  settings: Settings;
  layout: Layout;
  plan: ReturnType<typeof compilePlan>;
  reserves: ReturnType<typeof readReserves>;
  rowsBySku: Map<string, number[]>;
  filters: (RowFilter | null)[];
  explicitIds: boolean[];
  problems: Problem[];
  output: (number | string)[][];
  rows: SkuRow[];
  lowStock: SheetAllocation['lowStock'];
  invalidCount: number;
}

function addProblem(pass: SheetPass, p: Problem): void {
  if (pass.problems.length < MAX_PROBLEMS) pass.problems.push(p);
}

export function allocateSheet(settings: Settings, stock: Grid, reserveValues: Grid | null, now: number): SheetResult {
  if (stock.length === 0) return { ok: false, error: `Лист «${STOCK_SHEET}» пуст: нет строки заголовков` };
  const layout = findLayout(settings, stock);
  if ('ok' in layout) return layout;
  const rowsBySku = rowsBySkuOf(stock, layout.skuCol);
  const reserves = readReserves(reserveValues, settings, new Set(rowsBySku.keys()), now);
  const pass: SheetPass = {
    settings,
    layout,
    plan: compilePlan(settings),
    reserves,
    rowsBySku,
    filters: settings.channels.map((c, i) => (c.filter ? channelFilter(c.filter, layout.filterCols[i]) : null)),
    explicitIds: settings.channels.map((_, i) => layout.idCols[i] !== layout.skuCol),
    problems: [...reserves.problems],
    output: [],
    rows: [],
    lowStock: [],
    invalidCount: 0,
  };
  for (let r = 1; r < stock.length; r++) allocateRow(pass, stock[r], r + 1);
  const { columns } = layout;
  const { output, rows, problems, invalidCount, lowStock } = pass;
  return { ok: true, columns, output, rows, problems, invalidCount, lowStock, activeReserves: reserves.activeCount };
}

/** The numbers of one row: per warehouse with its reserves taken off, safety stock and minimum; null if a cell is bad. */
function readRowNumbers(
  pass: SheetPass,
  row: readonly unknown[],
  sheetRow: number,
  sku: string,
): { effective: number[]; safety: number; min: number } | null {
  const { settings, layout } = pass;
  let valid = true;
  const invalid = (column: string, message: string) => {
    valid = false;
    addProblem(pass, { sheet: STOCK_SHEET, row: sheetRow, column, message, severity: 'error' });
  };
  const twins = pass.rowsBySku.get(sku) as number[];
  if (twins.length > 1)
    invalid(
      HEADERS.sku,
      `артикул «${sku}» повторяется в строках ${twins.map((t) => t + 1).join(', ')}: ни одна из них не отправляется`,
    );
  const readCell = (col: number, header: string): number => {
    const q = parseQuantity(row[col]);
    if (!q.ok) {
      invalid(header, q.reason);
      return 0;
    }
    if (q.negative)
      addProblem(pass, {
        sheet: STOCK_SHEET,
        row: sheetRow,
        column: header,
        message: `отрицательное число ${cellText(row[col])} считается как 0`,
        severity: 'warning',
      });
    return q.value;
  };
  const held = pass.reserves.bySku.get(sku);
  const effective = settings.warehouses.map(
    (w, i) => readCell(layout.warehouseCols[i], w.column) - (held ? held[i] : 0),
  );
  const safety = layout.safetyCol === undefined ? 0 : readCell(layout.safetyCol, HEADERS.safetyStock);
  const min = layout.minCol === undefined ? 0 : readCell(layout.minCol, HEADERS.minStock);
  return valid ? { effective, safety, min } : null;
}

/** One row of «Остатки»: its computed cells, its SKU for sending, its problems. */
function allocateRow(pass: SheetPass, row: readonly unknown[], sheetRow: number): void {
  const { settings, layout } = pass;
  const blankOutput = (): string[] => new Array(layout.columns.length).fill('');
  const sku = cellText(row[layout.skuCol]);
  if (sku === '') {
    pass.output.push(blankOutput());
    return;
  }
  const numbers = readRowNumbers(pass, row, sheetRow, sku);
  if (!numbers) {
    pass.invalidCount++;
    pass.output.push(blankOutput());
    const quantities = new Array(settings.channels.length).fill(null);
    pass.rows.push({ row: sheetRow, sku, valid: false, reserve: 0, forSale: 0, quantities, ids: [], unallocated: 0 });
    return;
  }
  const ids = settings.channels.map((_, i) => splitIds(row[layout.idCols[i]]));
  const shows = settings.channels.map(
    (_, i) => (!pass.explicitIds[i] || ids[i].length > 0) && (pass.filters[i] === null || pass.filters[i]?.(row)),
  );
  const result = allocateSku(pass.plan, numbers.effective, numbers.safety, shows);
  reportRuleOutcomes(pass, sheetRow, result);
  const held = pass.reserves.bySku.get(sku);
  const reserve = held ? held.reduce((a, b) => a + b, 0) : 0;
  const out: (number | string)[] = [reserve, result.forSale];
  for (const q of result.quantities) out.push(q === null ? '' : q);
  out.push(result.unallocated);
  pass.output.push(out);
  const { forSale, quantities, unallocated } = result;
  pass.rows.push({ row: sheetRow, sku, valid: true, reserve, forSale, quantities, ids, unallocated });
  if (layout.minCol !== undefined && numbers.min > 0 && forSale < numbers.min)
    pass.lowStock.push({ row: sheetRow, sku, forSale, min: numbers.min });
}

/** A formula that gave no number, and a value above its marketplace's maximum: shown as said, and reported. */
function reportRuleOutcomes(pass: SheetPass, sheetRow: number, result: ReturnType<typeof allocateSku>): void {
  const { channels } = pass.settings;
  for (const c of result.nonFinite)
    addProblem(pass, {
      sheet: STOCK_SHEET,
      row: sheetRow,
      column: channels[c].column,
      message: 'формула правила дала не число (деление на ноль?): показано 0',
      severity: 'warning',
    });
  for (const { channel, wanted } of result.capped) {
    const c = channels[channel];
    const most = groupDigits(result.quantities[channel] as number);
    addProblem(pass, {
      sheet: STOCK_SHEET,
      row: sheetRow,
      column: c.column,
      message: `${MARKETPLACE_NAMES[c.marketplace] ?? c.name} принимает не больше ${most} шт.: показано и отправлено ${most} из ${groupDigits(wanted)}`,
      severity: 'warning',
    });
  }
}
