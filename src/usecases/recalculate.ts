/**
 * «Пересчитать»: one read of «Остатки», one of «Резервы», the core's allocation, and one write per
 * contiguous group of the add-on's columns (one in the layout the add-on creates).
 */
import { allocateSheet, initialHeaderRow, type SheetAllocation } from '../core/allocation';
import { isBlank } from '../core/cells';
import { RESERVE_HEADERS, RESERVES_SHEET, STOCK_SHEET } from '../core/headers';
import { KITS_SHEET } from '../core/kits';
import { describeProblem } from '../core/problems';
import type { Settings } from '../core/settings';
import { loadJson, saveJson } from './jsonStore';
import type { Clock, ColumnBlock, KeyValueStore, SpreadsheetPort, Values } from './ports';
import { clearStop, recordStop } from './runStop';

const LAST_RECALC = 'state.recalc';
/** Problems kept for the sidebar; the count says how many there were in all. */
const KEPT_PROBLEMS = 50;

export interface ChannelSummary {
  id: string;
  name: string;
  column: string;
  items: number;
  units: number;
}

export interface RecalcSummary {
  at: string;
  skuCount: number;
  invalidCount: number;
  problemCount: number;
  problems: { sheet: string; row: number; column: string; severity: 'error' | 'warning'; text: string }[];
  lowStockCount: number;
  lowStock: { row: number; sku: string; forSale: number; min: number }[];
  /** Rows with a number above 0 in «Мин. остаток» (absent in summaries stored before it was counted). */
  minCount?: number;
  activeReserves: number;
  channels: ChannelSummary[];
}

export type RecalcResult =
  | { ok: true; summary: RecalcSummary; allocation: SheetAllocation }
  | { ok: false; error: string };

export interface RecalcDeps {
  sheets: SpreadsheetPort;
  properties: KeyValueStore;
  clock: Clock;
}

function isEmptySheet(values: Values): boolean {
  return values.length === 0 || (values.length === 1 && values[0].every(isBlank));
}

/**
 * The values of a run of computed columns (k: their places in the output rows), row 2 on. When the run
 * is the whole output row in order, as in the layout the add-on creates, the output rows are written
 * as they are: no copy of 50,000 rows.
 */
function runRows(output: (number | string)[][], ks: number[]): (number | string)[][] {
  const width = output.length ? output[0].length : 0;
  if (ks.length === width && ks.every((k, i) => k === i)) return output;
  return output.map((out) => ks.map((k) => out[k]));
}

/** Groups the computed columns into runs of adjacent columns: each run is one setValues. */
export function columnBlocks(allocation: SheetAllocation, headerRow: readonly unknown[]): ColumnBlock[] {
  const order = allocation.columns.map((c, k) => ({ ...c, k })).sort((a, b) => a.index - b.index);
  const blocks: ColumnBlock[] = [];
  let run: typeof order = [];
  const flush = () => {
    if (!run.length) return;
    const header = run.map((c) => (c.isNew ? c.header : String(headerRow[c.index])));
    const rows = runRows(
      allocation.output,
      run.map((c) => c.k),
    );
    blocks.push({ column: run[0].index, values: [header, ...rows] });
    run = [];
  };
  for (const c of order) {
    if (run.length && c.index !== run[run.length - 1].index + 1) flush();
    run.push(c);
  }
  flush();
  return blocks;
}

/** Per channel: how many valid SKUs it shows and how many units, in one pass over the rows. */
function channelTotals(settings: Settings, allocation: SheetAllocation): ChannelSummary[] {
  const items: number[] = new Array(settings.channels.length).fill(0);
  const units: number[] = new Array(settings.channels.length).fill(0);
  for (const r of allocation.rows) {
    if (!r.valid) continue;
    for (let i = 0; i < r.quantities.length; i++) {
      const q = r.quantities[i];
      if (q === null) continue;
      items[i]++;
      units[i] += q;
    }
  }
  return settings.channels.map((c, i) => ({
    id: c.id,
    name: c.name,
    column: c.column,
    items: items[i],
    units: units[i],
  }));
}

export function summarize(settings: Settings, allocation: SheetAllocation, at: number): RecalcSummary {
  const channels = channelTotals(settings, allocation);
  const ordered = [...allocation.problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return {
    at: new Date(at).toISOString(),
    skuCount: allocation.rows.length,
    invalidCount: allocation.invalidCount,
    problemCount: allocation.problems.length,
    problems: ordered
      .slice(0, KEPT_PROBLEMS)
      .map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, severity: p.severity, text: describeProblem(p) })),
    lowStockCount: allocation.lowStock.length,
    lowStock: allocation.lowStock.slice(0, 20),
    minCount: allocation.minCount,
    activeReserves: allocation.activeReserves,
    channels,
  };
}

/** What a recalculation reads: «Остатки», «Резервы» and «Комплекты» (null: no kits, SPEC 5.7). */
export interface Grids {
  stock: Values;
  reserves: Values;
  kits?: Values | null;
}

/**
 * Reads «Остатки» and «Резервы» (creating them on a new spreadsheet) and «Комплекты» when there is
 * one, in one read each.
 */
export function readGrids(deps: RecalcDeps, settings: Settings): Grids {
  let stock = deps.sheets.readSheet(STOCK_SHEET);
  if (stock === null) {
    deps.sheets.createSheet(STOCK_SHEET, initialHeaderRow(settings));
    stock = [initialHeaderRow(settings)];
  } else if (isEmptySheet(stock)) {
    const header = initialHeaderRow(settings);
    deps.sheets.writeColumns(STOCK_SHEET, [{ column: 0, values: [header] }], header.length);
    stock = [header];
  }
  let reserves = deps.sheets.readSheet(RESERVES_SHEET);
  if (reserves === null) {
    deps.sheets.createSheet(RESERVES_SHEET, Object.values(RESERVE_HEADERS));
    reserves = [Object.values(RESERVE_HEADERS)];
  }
  return { stock, reserves, kits: deps.sheets.readSheet(KITS_SHEET) };
}

/** «Пересчитать»; `grids` are given when the caller has read (and maybe changed) them already. */
export function recalculateSheet(deps: RecalcDeps, settings: Settings, grids?: Grids): RecalcResult {
  const now = deps.clock.now();
  const { stock, reserves, kits } = grids ?? readGrids(deps, settings);
  const allocation = allocateSheet(settings, stock, reserves, now, deps.sheets.timeZone?.(), kits ?? null);
  if (!allocation.ok) {
    // The summary says so until a recalculation goes through (runStop.ts).
    recordStop(deps.properties, { at: new Date(now).toISOString(), error: allocation.error });
    return allocation;
  }
  const blocks = columnBlocks(allocation, stock[0]);
  const width = allocation.columns.reduce((w, c) => Math.max(w, c.index + 1), 0);
  const needsWrite = stock.length > 1 || allocation.columns.some((c) => c.isNew);
  if (needsWrite) deps.sheets.writeColumns(STOCK_SHEET, blocks, width);
  const summary = summarize(settings, allocation, now);
  const all = deps.properties.getAll();
  saveJson(deps.properties, LAST_RECALC, summary, all);
  clearStop(deps.properties, all);
  return { ok: true, summary, allocation };
}

export function lastRecalc(all: Record<string, string>): RecalcSummary | null {
  return (loadJson(all, LAST_RECALC) as RecalcSummary | undefined) ?? null;
}
