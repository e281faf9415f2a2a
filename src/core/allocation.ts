/**
 * The whole «Остатки» sheet: find the columns by header, check every cell, read reserves, allocate
 * each SKU, and say what to write into the add-on's own columns (SPEC 2.1, 3). Pure: values in,
 * values out; the adapter does the one batched read and the batched write.
 */
import { cellText, parseQuantity, splitIds } from './cells';
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

export function allocateSheet(settings: Settings, stock: Grid, reserveValues: Grid | null, now: number): SheetResult {
  if (stock.length === 0) return { ok: false, error: `Лист «${STOCK_SHEET}» пуст: нет строки заголовков` };
  const headerRow = stock[0];
  const headers = indexHeaders(headerRow);
  const required = (h: string, what: string): number | string => {
    const i = headers.find(h);
    return i === undefined
      ? `На листе «${STOCK_SHEET}» нет столбца «${h}» (${what}). Верните заголовок в первую строку или исправьте настройки — пока его нет, пересчёт остановлен, чтобы не принять пустой столбец за нули.`
      : i;
  };
  const missing: string[] = [];
  const need = (h: string, what: string): number => {
    const r = required(h, what);
    if (typeof r === 'string') {
      missing.push(r);
      return -1;
    }
    return r;
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

  const safetyCol = headers.find(HEADERS.safetyStock);
  const minCol = headers.find(HEADERS.minStock);

  let nextNew = headerRow.length;
  for (let i = headerRow.length - 1; i >= 0 && String(headerRow[i]).trim() === ''; i--) nextNew = i;
  const columns: ComputedColumn[] = computedHeaders(settings).map((header) => {
    const index = headers.find(header);
    return index === undefined ? { header, index: nextNew++, isNew: true } : { header, index, isNew: false };
  });

  // First pass: SKUs, so that duplicates and unknown SKUs on «Резервы» can be named.
  const rowsBySku = new Map<string, number[]>();
  for (let r = 1; r < stock.length; r++) {
    const sku = cellText(stock[r][skuCol]);
    if (sku === '') continue;
    const list = rowsBySku.get(sku);
    if (list) list.push(r);
    else rowsBySku.set(sku, [r]);
  }
  const reserves = readReserves(reserveValues, settings, new Set(rowsBySku.keys()), now);
  const problems: Problem[] = [...reserves.problems];
  const addProblem = (p: Problem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  const plan = compilePlan(settings);
  const filters = settings.channels.map((c, i) => {
    if (!c.filter) return null;
    const value = normalizeHeader(c.filter.value ?? '');
    const column = filterCols[i];
    const op = c.filter.op;
    return (row: readonly unknown[]) => {
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
  });
  const explicitIds = settings.channels.map((_, i) => idCols[i] !== skuCol);
  const blankOutput = (): string[] => new Array(columns.length).fill('');
  const output: (number | string)[][] = [];
  const rows: SkuRow[] = [];
  const lowStock: SheetAllocation['lowStock'] = [];
  let invalidCount = 0;
  const channelCount = settings.channels.length;

  for (let r = 1; r < stock.length; r++) {
    const row = stock[r];
    const sheetRow = r + 1;
    const sku = cellText(row[skuCol]);
    if (sku === '') {
      output.push(blankOutput());
      continue;
    }
    let valid = true;
    const invalid = (column: string, message: string) => {
      valid = false;
      addProblem({ sheet: STOCK_SHEET, row: sheetRow, column, message, severity: 'error' });
    };
    const twins = rowsBySku.get(sku) as number[];
    if (twins.length > 1) {
      invalid(
        HEADERS.sku,
        `артикул «${sku}» повторяется в строках ${twins.map((t) => t + 1).join(', ')}: ни одна из них не отправляется`,
      );
    }
    const readCell = (col: number, header: string): number => {
      const q = parseQuantity(row[col]);
      if (!q.ok) {
        invalid(header, q.reason);
        return 0;
      }
      if (q.negative)
        addProblem({
          sheet: STOCK_SHEET,
          row: sheetRow,
          column: header,
          message: `отрицательное число ${cellText(row[col])} считается как 0`,
          severity: 'warning',
        });
      return q.value;
    };
    const held = reserves.bySku.get(sku);
    const effective = settings.warehouses.map((w, i) => readCell(warehouseCols[i], w.column) - (held ? held[i] : 0));
    const safety = safetyCol === undefined ? 0 : readCell(safetyCol, HEADERS.safetyStock);
    const min = minCol === undefined ? 0 : readCell(minCol, HEADERS.minStock);
    if (!valid) {
      invalidCount++;
      output.push(blankOutput());
      rows.push({
        row: sheetRow,
        sku,
        valid: false,
        reserve: 0,
        forSale: 0,
        quantities: new Array(channelCount).fill(null),
        ids: [],
        unallocated: 0,
      });
      continue;
    }
    const ids = settings.channels.map((_, i) => splitIds(row[idCols[i]]));
    const shows = settings.channels.map(
      (_, i) => (!explicitIds[i] || ids[i].length > 0) && (filters[i] === null || filters[i]?.(row)),
    );
    const result = allocateSku(plan, effective, safety, shows);
    for (const c of result.nonFinite) {
      addProblem({
        sheet: STOCK_SHEET,
        row: sheetRow,
        column: settings.channels[c].column,
        message: 'формула правила дала не число (деление на ноль?): показано 0',
        severity: 'warning',
      });
    }
    const reserve = held ? held.reduce((a, b) => a + b, 0) : 0;
    const out: (number | string)[] = [reserve, result.forSale];
    for (const q of result.quantities) out.push(q === null ? '' : q);
    out.push(result.unallocated);
    output.push(out);
    rows.push({
      row: sheetRow,
      sku,
      valid: true,
      reserve,
      forSale: result.forSale,
      quantities: result.quantities,
      ids,
      unallocated: result.unallocated,
    });
    if (minCol !== undefined && min > 0 && result.forSale < min)
      lowStock.push({ row: sheetRow, sku, forSale: result.forSale, min });
  }
  return { ok: true, columns, output, rows, problems, invalidCount, lowStock, activeReserves: reserves.activeCount };
}
