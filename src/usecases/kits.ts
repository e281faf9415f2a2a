/**
 * The panel's kits form (SPEC 5.7): the kits of «Комплекты» for getState, and «Сохранить комплекты» —
 * checked whole (kitForm.ts), written cell by cell so that what the seller keeps beside the kits stays,
 * the kit's own row added to «Остатки» when it has none, then the run an edit of «Комплекты» starts.
 */
import { cellText, isBlank } from '../core/cells';
import { HEADERS, indexHeaders, STOCK_SHEET } from '../core/headers';
import {
  checkKitEdits,
  type KitCell,
  type KitCheckContext,
  type KitEdit,
  type KitFormError,
  type KitView,
  kitViews,
  planKitSheet,
  readKitSheet,
} from '../core/kitForm';
import { KIT_HEADERS, KITS_SHEET, newKitRowHints } from '../core/kits';
import type { Clock, KeyValueStore, SpreadsheetPort, Values } from './ports';
import { loadSettings } from './settingsService';
import type { SyncResult } from './sync';

/** The kits the panel lists at most; the rest are on the sheet, and a save leaves them as they are. */
export const LISTED_KITS = 100;

export interface KitsState {
  /** «Комплекты» exists. */
  exists: boolean;
  /** Why the panel cannot save kits now (a header is missing), if so. */
  error?: string;
  list: KitView[];
  /** Kits on the sheet in all: more than the list holds when it is cut. */
  total: number;
}

export function kitsState(sheets: SpreadsheetPort): KitsState {
  const values = sheets.readSheet(KITS_SHEET);
  const read = readKitSheet(values);
  if (!read.ok) return { exists: true, error: read.error, list: [], total: 0 };
  return { exists: values !== null, ...kitViews(read.lines, LISTED_KITS) };
}

export type SaveKitsResponse =
  | {
      ok: true;
      sync: SyncResult;
      addedRows: string[];
      /** For the rows added: what each lacks before the marketplaces take it (its card, its ID cells). */
      rowHints: string[];
      notes: string[];
    }
  | { ok: false; errors: KitFormError[] };

export interface KitsDeps {
  sheets: SpreadsheetPort;
  properties: KeyValueStore;
  clock: Clock;
  /** The run an edit of «Комплекты» starts: recalculation, and what changed sent. */
  sync: () => SyncResult;
}

const whole = (message: string): SaveKitsResponse => ({ ok: false, errors: [{ path: 'kits', message }] });

/**
 * «Сохранить комплекты»: `kits` are written (each replaces its kit, or the one it was renamed from),
 * `removed` leave the sheet; nothing is written unless all of it is right.
 */
export function saveKitsUseCase(deps: KitsDeps, kits: unknown, removed: unknown): SaveKitsResponse {
  const { sheets } = deps;
  const stock = sheets.readSheet(STOCK_SHEET);
  const skuCol = stock ? indexHeaders(stock[0] ?? []).find(HEADERS.sku) : undefined;
  if (!stock || skuCol === undefined)
    return whole(
      `Нет листа «${STOCK_SHEET}» со столбцом «${HEADERS.sku}»: комплект собирается из его товаров — сначала создайте лист (вкладка «Сводка»).`,
    );
  const values = sheets.readSheet(KITS_SHEET);
  const read = readKitSheet(values);
  if (!read.ok) return whole(read.error);
  const check = checkKitEdits(kits, removed, contextOf(deps, stock, skuCol, read.lines));
  if (!check.ok) return check;
  const plan = planKitSheet(values, read, check);
  if (plan.kind === 'create') sheets.createSheet(KITS_SHEET, plan.rows[0] as string[], plan.rows.slice(1));
  else {
    const cells = writable(sheets, plan.cells, read.height);
    if (!cells.ok) return whole(cells.error);
    sheets.setCells(KITS_SHEET, cells.cells);
  }
  const { addedRows, notes } = stockRows(sheets, stock, skuCol, check);
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  const channels = loaded.kind === 'saved' ? loaded.settings.channels : [];
  const rowHints = [...new Set(addedRows.flatMap((sku) => newKitRowHints(sku, channels)))];
  return { ok: true, sync: deps.sync(), addedRows, rowHints, notes };
}

/** The SKUs of «Остатки», and the kit rows there whose warehouse cells hold stock (a kit has none). */
function contextOf(deps: KitsDeps, stock: Values, skuCol: number, lines: KitCheckContext['lines']): KitCheckContext {
  const stockSkus = new Set<string>();
  for (let r = 1; r < stock.length; r++) stockSkus.add(cellText(stock[r][skuCol]));
  stockSkus.delete('');
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  const headers = indexHeaders(stock[0]);
  const warehouses =
    loaded.kind === 'saved'
      ? loaded.settings.warehouses.flatMap((w) => {
          const at = headers.find(w.column);
          return at === undefined ? [] : [{ at, column: w.column }];
        })
      : [];
  const stockedKitRows = new Map<string, { row: number; column: string; value: string }>();
  for (let r = stock.length - 1; r >= 1; r--) {
    const full = warehouses.find((w) => !isBlank(stock[r][w.at]));
    if (full)
      stockedKitRows.set(cellText(stock[r][skuCol]), {
        row: r + 1,
        column: full.column,
        value: cellText(stock[r][full.at]),
      });
  }
  return { stockSkus, stockedKitRows, lines };
}

/**
 * The cells of rows that exist, checked for formulas: one of the form's three columns is never written
 * over (the seller changes that formula); a formula beside an emptied line stays.
 */
function writable(
  sheets: SpreadsheetPort,
  cells: KitCell[],
  height: number,
): { ok: true; cells: KitCell[] } | { ok: false; error: string } {
  const existing = cells.filter((c) => c.row <= height);
  const formulas = sheets.formulaCells?.(KITS_SHEET, existing) ?? [];
  const isFormula = (c: KitCell) => formulas.some((f) => f.row === c.row && f.column === c.column);
  const owned = existing.find((c) => c.owned && isFormula(c));
  if (owned) {
    const header = cellText(sheets.readRow(KITS_SHEET, 1)?.[owned.column - 1]) || KIT_HEADERS.kit;
    return {
      ok: false,
      error: `Не сохранено: на листе «${KITS_SHEET}» в строке ${owned.row}, столбец «${header}», формула — панель формулы не переписывает. Измените эту ячейку на листе (или замените формулу числом) и сохраните снова.`,
    };
  }
  return { ok: true, cells: cells.filter((c) => c.owned || !isFormula(c)) };
}

/**
 * A kit that has no row on «Остатки» gets one below the last, with its «Артикул» only (its warehouse
 * cells stay blank); a renamed kit's row takes the new name. A removed kit's row stays, and is named:
 * as a product with no stock it would show 0.
 */
function stockRows(
  sheets: SpreadsheetPort,
  stock: Values,
  skuCol: number,
  check: { kits: KitEdit[]; removed: string[] },
): { addedRows: string[]; notes: string[] } {
  const rowOf = new Map<string, number>();
  for (let r = stock.length - 1; r >= 1; r--) rowOf.set(cellText(stock[r][skuCol]), r + 1);
  const cells: { row: number; column: number; value: string }[] = [];
  const addedRows: string[] = [];
  for (const kit of check.kits) {
    if (rowOf.has(kit.sku)) continue;
    const renamed = kit.was ? rowOf.get(kit.was) : undefined;
    if (renamed) rowOf.delete(kit.was as string);
    else addedRows.push(kit.sku);
    const row = renamed ?? stock.length + addedRows.length;
    rowOf.set(kit.sku, row);
    cells.push({ row, column: skuCol + 1, value: kit.sku });
  }
  if (cells.length) sheets.setCells(STOCK_SHEET, cells);
  const notes = check.removed
    .filter((sku) => rowOf.has(sku) && !check.kits.some((k) => k.sku === sku))
    .map(
      (sku) =>
        `Строка «${sku}» на листе «${STOCK_SHEET}» (строка ${rowOf.get(sku)}) осталась: без комплекта это товар без остатка — площадки получат 0. Удалите строку, если комплект больше не продаётся.`,
    );
  return { addedRows, notes };
}
