/**
 * First run (SPEC 8): «Создать лист «Остатки»» from the template, or the seller's own sheet renamed to
 * «Остатки»; and the column detection over «Остатки» (or, while it is missing, the sheet the seller has
 * open). Nothing here ever overwrites a sheet; the proposals are saved by the ordinary saveSettings.
 */
import { type ColumnDetection, DETECTION_READ_ROWS, detectColumns } from '../core/columnDetection';
import { STOCK_SHEET } from '../core/headers';
import { JOURNAL_SHEET } from '../core/journal';
import { RESERVES_ARCHIVE_SHEET } from '../core/reserveArchive';
import { defaultSettings } from '../core/settings';
import { EXAMPLE_SKUS, stockTemplate } from '../core/stockTemplate';
import type { Clock, KeyValueStore, SpreadsheetPort, Values } from './ports';
import { loadSettings } from './settingsService';

export interface SetupDeps {
  sheets: SpreadsheetPort;
  properties: KeyValueStore;
  clock: Clock;
}

export type CreateStockSheetResponse =
  | { ok: true; sheet: string; headers: string[]; examples: number; renamedFrom?: string; message: string }
  | { ok: false; error: string };

export type DetectColumnsResponse =
  | {
      ok: true;
      /** The sheet that was read: «Остатки», or the one the seller has open while «Остатки» is missing. */
      sheet: string;
      isStockSheet: boolean;
      /** The header row as it stands (the detection's header row), for naming new columns apart from it. */
      headers: string[];
      detection: ColumnDetection;
    }
  | { ok: false; error: string };

const ALREADY =
  'Лист «Остатки» уже есть, и надстройка его не перезаписывает: его склады и каналы описываются в настройках.';

/** The add-on's own sheets: never the seller's stock table. */
function isAddOnSheet(name: string): boolean {
  return name.startsWith('_') || ['Резервы', RESERVES_ARCHIVE_SHEET, JOURNAL_SHEET].includes(name);
}

function errorMessage(error: unknown): string {
  return error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error);
}

function savedOrDefault(deps: SetupDeps) {
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  return loaded.kind === 'saved' ? loaded.settings : defaultSettings(new Date(deps.clock.now()));
}

/** `options.fromSheet`: rename that sheet to «Остатки» instead of creating one. */
export function createStockSheetUseCase(deps: SetupDeps, options: unknown): CreateStockSheetResponse {
  const { sheets } = deps;
  if (sheets.readRow(STOCK_SHEET, 1) !== null) return { ok: false, error: ALREADY };
  const from = (options as { fromSheet?: unknown } | null | undefined)?.fromSheet;
  if (from !== undefined) return renameToStockSheet(sheets, from);
  const template = stockTemplate(savedOrDefault(deps));
  try {
    sheets.createSheet(STOCK_SHEET, template.headers, template.rows);
  } catch (error) {
    return { ok: false, error: `Не удалось создать лист «${STOCK_SHEET}»: ${errorMessage(error)}` };
  }
  const columns = template.headers.map((h) => `«${h}»`).join(', ');
  return {
    ok: true,
    sheet: STOCK_SHEET,
    headers: template.headers,
    examples: template.rows.length,
    message: `Создан лист «${STOCK_SHEET}»: столбцы ${columns} и строки-примеры ${EXAMPLE_SKUS.map((s) => `«${s}»`).join(' и ')} — замените их своими товарами (строки-примеры никуда не отправляются).`,
  };
}

function renameToStockSheet(sheets: SpreadsheetPort, from: unknown): CreateStockSheetResponse {
  if (typeof from !== 'string' || !from || sheets.readRow(from, 1) === null)
    return {
      ok: false,
      error: `Листа «${String(from)}» нет: откройте лист с товарами и нажмите «Найти столбцы на открытом листе» ещё раз.`,
    };
  if (isAddOnSheet(from))
    return {
      ok: false,
      error: `Лист «${from}» — служебный лист надстройки, его нельзя сделать листом «${STOCK_SHEET}».`,
    };
  if (!sheets.renameSheet) return { ok: false, error: 'Эта таблица не умеет переименовывать листы.' };
  try {
    sheets.renameSheet(from, STOCK_SHEET);
  } catch (error) {
    return { ok: false, error: `Не удалось переименовать лист «${from}»: ${errorMessage(error)}` };
  }
  const headers = (sheets.readRow(STOCK_SHEET, 1) ?? []).map((h) => String(h));
  return {
    ok: true,
    sheet: STOCK_SHEET,
    headers,
    examples: 0,
    renamedFrom: from,
    message: `Лист «${from}» теперь называется «${STOCK_SHEET}»; его данные не менялись.`,
  };
}

function readTop(sheets: SpreadsheetPort, name: string): Values | null {
  return sheets.readTop
    ? sheets.readTop(name, DETECTION_READ_ROWS)
    : (sheets.readSheet(name)?.slice(0, DETECTION_READ_ROWS) ?? null);
}

/** Which sheet to look at: «Остатки», or while it is missing the one the seller has open. */
function sheetToRead(sheets: SpreadsheetPort): { name: string; values: Values } | { error: string } {
  const stock = readTop(sheets, STOCK_SHEET);
  if (stock !== null) return { name: STOCK_SHEET, values: stock };
  const active = sheets.activeSheetName?.() ?? null;
  if (!active || isAddOnSheet(active))
    return {
      error: `Листа «${STOCK_SHEET}» нет. Откройте лист со своими товарами и нажмите «Найти столбцы на открытом листе» — или создайте лист «${STOCK_SHEET}» по шаблону.`,
    };
  return { name: active, values: readTop(sheets, active) ?? [] };
}

export function detectColumnsUseCase(deps: SetupDeps): DetectColumnsResponse {
  const read = sheetToRead(deps.sheets);
  if ('error' in read) return { ok: false, error: read.error };
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  // Columns of saved settings are not proposed again; the default «Склад» of a first run is no setting yet.
  const known = loaded.kind === 'saved' ? loaded.settings : null;
  const detection = detectColumns(read.values, { sheet: read.name, known });
  const headerRow = detection.headerRow ? (read.values[detection.headerRow - 1] ?? []) : [];
  return {
    ok: true,
    sheet: read.name,
    isStockSheet: read.name === STOCK_SHEET,
    headers: headerRow.map((h) => String(h ?? '').trim()),
    detection,
  };
}

/** Whether «Остатки» exists, and its header row (the sidebar names new columns apart from it). */
export function stockSheetState(sheets: SpreadsheetPort): { exists: boolean; headers: string[] } {
  const header = sheets.readRow(STOCK_SHEET, 1);
  return { exists: header !== null, headers: (header ?? []).map((h) => String(h ?? '').trim()).filter(Boolean) };
}
