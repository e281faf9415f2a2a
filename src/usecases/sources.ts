/**
 * Imports every warehouse that has a source (SPEC 4; scheduled runs and «Синхронизировать
 * сейчас»): one read of the source, one write of the warehouse column, one «Импорт» journal row.
 * A source that fails leaves its warehouse as it is and journals «Ошибка» with the reason.
 */
import { ConnectorError } from '../connectors/http';
import { cellText } from '../core/cells';
import { commercemlMailRows, commercemlRows, readCatalogue } from '../core/commerceml';
import { indexHeaders, normalizeHeader, RESERVE_HEADERS, RESERVES_SHEET, STOCK_SHEET } from '../core/headers';
import { readKits } from '../core/kits';
import { idIndex } from '../core/orders';
import type { Settings, Source, Warehouse } from '../core/settings';
import {
  allowedByWhitelist,
  applyHeldZeros,
  detectDelimiter,
  feedRows,
  HELD_IMPORT_SHEET,
  type HeldImport,
  heldImportRows,
  importDetails,
  planImport,
  readHeldImports,
  type SourceRead,
  tableRows,
} from '../core/sources';
import { xlsxTable } from '../core/xlsx';
import { loadCredentials } from './credentials';
import { connectorFor, type MarketDeps, mappingOf } from './marketplaces';
import type { SourcePort, Values } from './ports';

/** The comment that marks a shipped order reserve on a source-fed warehouse (core/orders.ts). */
const SHIPPED_MARK = 'отгружен:';

export interface ImportEvent {
  warehouse: string;
  ok: boolean;
  items: number;
  accepted: number;
  errors: number;
  details: string;
}

function readSource(
  source: Source,
  settings: Settings,
  stock: Values,
  sources: SourcePort,
  market: MarketDeps,
): SourceRead {
  switch (source.kind) {
    case 'csv': {
      const file = fetchAllowed(sources, source.url);
      if (!file.ok) return file;
      return tableRows(sources.parseCsv(file.text, detectDelimiter(file.text)), source.skuHeader, source.qtyHeader);
    }
    case 'yml': {
      const file = fetchAllowed(sources, source.url);
      if (!file.ok) return file;
      const feed = sources.parseFeed(file.text);
      return feed.ok ? feedRows(feed.offers) : feed;
    }
    case 'sheet': {
      const table = sources.readSpreadsheet(source.spreadsheetUrl, source.sheet);
      return table.ok ? tableRows(table.values, source.skuHeader, source.qtyHeader) : table;
    }
    case 'email':
      return readMail(source, sources);
    case 'commerceml':
      return readCommerceml(source, sources);
    case 'channel':
      return readChannel(source, settings, stock, market);
  }
}

/** A file by URL, once the build's allowlist lets the script fetch it; an empty file is refused. */
function fetchAllowed(sources: SourcePort, url: string): { ok: true; text: string } | { ok: false; reason: string } {
  if (!allowedByWhitelist(url, sources.whitelist))
    return {
      ok: false,
      reason: `адрес ${url} не разрешён для загрузки: его нужно разрешить при сборке (как — в README, раздел «Источники остатков»)`,
    };
  const file = sources.fetchFile(url);
  if (!file.ok) return file;
  if (!file.text.trim()) return { ok: false, reason: 'файл пуст' };
  return file;
}

/** The newest matching mail's attachment: a CSV or an XLSX by its headers, or 1C's offers.xml (with import.xml if attached). */
function readMail(source: Extract<Source, { kind: 'email' }>, sources: SourcePort): SourceRead {
  const mail = sources.newestMailFile(source.query);
  if (!mail.ok) return mail;
  if (mail.kind === 'csv')
    return tableRows(sources.parseCsv(mail.text, detectDelimiter(mail.text)), source.skuHeader, source.qtyHeader);
  if (mail.kind === 'xml') return commercemlMailRows(mail.documents);
  try {
    const sheet = xlsxTable(mail.part, source.sheet);
    return sheet.ok ? tableRows(sheet.table, source.skuHeader, source.qtyHeader) : sheet;
  } catch (error) {
    return {
      ok: false,
      reason: `вложение «${mail.name}» не читается: ${(error as { message?: unknown })?.message ?? error}`,
    };
  }
}

/** 1C's offers.xml by URL and, when given, import.xml, which maps offers' «Ид» to «Артикул». */
function readCommerceml(source: Extract<Source, { kind: 'commerceml' }>, sources: SourcePort): SourceRead {
  const xml = (url: string, file: string) => {
    const fetched = fetchAllowed(sources, url);
    const parsed = fetched.ok ? sources.parseXml(fetched.text) : fetched;
    return parsed.ok ? parsed : { ok: false as const, reason: `${file}: ${parsed.reason}` };
  };
  const offers = xml(source.url, 'offers.xml');
  if (!offers.ok) return offers;
  if (!source.importUrl) return commercemlRows(offers.root);
  const imported = xml(source.importUrl, 'import.xml');
  if (!imported.ok) return imported;
  const catalogue = readCatalogue(imported.root);
  if (!catalogue.ok) return { ok: false, reason: `import.xml: ${catalogue.reason}` };
  return commercemlRows(offers.root, [catalogue.catalogue]);
}

/** What another channel shows now, by the SKUs of this sheet («другой склад»). */
function readChannel(
  source: Extract<Source, { kind: 'channel' }>,
  settings: Settings,
  stock: Values,
  market: MarketDeps,
): SourceRead {
  const channel = settings.channels.find((c) => c.id === source.channelId);
  if (!channel || channel.marketplace === 'manual')
    return { ok: false, reason: 'канал-источник не найден или без площадки' };
  const credentials = loadCredentials(market.user.getAll(), channel.id);
  if (!credentials) return { ok: false, reason: `канал «${channel.name}» не подключен` };
  const ids = idIndex(settings, stock).get(channel.id) ?? new Map();
  try {
    const connector = connectorFor(channel, credentials, market, mappingOf(channel, credentials, market));
    // Refused at save; a document saved before that rule still meets it here.
    if (connector.canReadStocks === false)
      return { ok: false, reason: `площадка канала «${channel.name}» не показывает остатки через API` };
    const shown = connector.readStocks([...ids.keys()]);
    const bySku = new Map<string, number>();
    for (const [id, qty] of shown) {
      const hit = ids.get(id);
      if (hit && !bySku.has(hit.sku)) bySku.set(hit.sku, qty);
    }
    if (!bySku.size) return { ok: false, reason: `площадка «${channel.name}» не показала ни одного товара таблицы` };
    return { ok: true, rows: [...bySku].map(([sku, qty]) => ({ keys: [sku], qty })) };
  } catch (error) {
    if (error instanceof ConnectorError) return { ok: false, reason: error.message };
    throw error;
  }
}

type Grids = { stock: Values; reserves: Values; kits?: Values | null };
type ImportDeps = { sources: SourcePort; market: MarketDeps; now: number };

export function importSources(
  settings: Settings,
  grids: Grids,
  deps: ImportDeps,
): { stock: Values; reserves: Values; events: ImportEvent[] } {
  let stock = grids.stock;
  const reserves = grids.reserves.map((r) => [...r]);
  const events: ImportEvent[] = [];
  const heldBefore = deps.market.sheets.readSheet(HELD_IMPORT_SHEET);
  const held = readHeldImports(heldBefore);
  const kits = kitSkus(grids.kits);
  for (const w of settings.warehouses) {
    if (!w.source) continue;
    const name = `склад «${w.column}»`;
    const read = readSource(w.source, settings, stock, deps.sources, deps.market);
    const plan = planImport(stock, w.column, read, settings.guard, kits);
    if (!plan.ok) {
      events.push({
        warehouse: name,
        ok: false,
        items: 0,
        accepted: 0,
        errors: 0,
        details: `${plan.reason}; склад не изменён`,
      });
      continue;
    }
    writeWarehouseColumn(deps.market, stock, w, plan.column);
    stock = plan.stock;
    // Each import replaces what the last one of this warehouse held: an SKU back in the file is held no more.
    if (plan.held.length) held.set(w.id, { base: plan.base, at: new Date(deps.now).toISOString(), items: plan.held });
    else held.delete(w.id);
    const { rows, applied, unknown } = plan;
    events.push({
      warehouse: name,
      ok: true,
      items: rows,
      accepted: applied,
      errors: unknown.length,
      details: importDetails(plan),
    });
    closeShippedReserves(reserves, w, deps);
  }
  saveHeldImports(deps.market, heldBefore, held);
  return { stock, reserves, events };
}

/** Kits' SKUs (SPEC 5.7): their warehouse cells stay blank, so no import writes them. */
function kitSkus(values: Values | null | undefined): Set<string> {
  const read = readKits(values ?? null);
  return new Set(read.ok && read.book ? read.book.kits.keys() : []);
}

/** The warehouse's column of «Остатки», header included, in one write. */
function writeWarehouseColumn(market: MarketDeps, stock: Values, w: Warehouse, column: unknown[]): void {
  const col = indexHeaders(stock[0] ?? []).find(w.column) as number;
  market.sheets.writeColumns(
    STOCK_SHEET,
    [{ column: col, values: [[String(stock[0][col])], ...column.map((v) => [v as string | number])] }],
    col + 1,
  );
}

/** «_Импорт» is written only when what it holds changed (and never created just to stay empty). */
function saveHeldImports(market: MarketDeps, before: Values | null, held: Map<string, HeldImport>): void {
  const rows = heldImportRows(held);
  if (before === null && rows.length === 1) return;
  const same = heldImportRows(readHeldImports(before));
  if (JSON.stringify(same) === JSON.stringify(rows)) return;
  market.sheets.replaceSheet(HELD_IMPORT_SHEET, rows, true);
}

/** What the sidebar shows of held imports, by warehouse id: the count, the base and the first SKUs. */
export interface HeldImportState {
  warehouse: string;
  count: number;
  base: number;
  at: string;
  skus: string[];
}

export function heldImportsState(settings: Settings, values: Values | null): Record<string, HeldImportState> {
  const out: Record<string, HeldImportState> = {};
  for (const [id, h] of readHeldImports(values)) {
    const w = settings.warehouses.find((x) => x.id === id);
    if (!w) continue;
    out[id] = {
      warehouse: w.column,
      count: h.items.length,
      base: h.base,
      at: h.at,
      skus: h.items.slice(0, 10).map((i) => i.sku),
    };
  }
  return out;
}

export function hasHeldImport(values: Values | null, warehouseId: string): boolean {
  return readHeldImports(values).has(warehouseId);
}

/**
 * «Подтвердить импорт»: the zeros the last import of this warehouse held go into its column (those
 * whose cell still holds the number the import kept), and «_Импорт» forgets them.
 */
export function confirmHeldImport(
  settings: Settings,
  grids: Grids,
  warehouseId: string,
  deps: ImportDeps,
): { stock: Values; reserves: Values; events: ImportEvent[] } {
  const before = deps.market.sheets.readSheet(HELD_IMPORT_SHEET);
  const held = readHeldImports(before);
  const w = settings.warehouses.find((x) => x.id === warehouseId);
  const entry = held.get(warehouseId);
  if (!w || !entry) return { ...grids, events: [] };
  const done = applyHeldZeros(grids.stock, w.column, entry.items);
  const name = `склад «${w.column}»`;
  if (!done) {
    const details = `на листе «${STOCK_SHEET}» нет столбца «${w.column}»; склад не изменён`;
    return { ...grids, events: [{ warehouse: name, ok: false, items: 0, accepted: 0, errors: 0, details }] };
  }
  if (done.zeroed.length) writeWarehouseColumn(deps.market, grids.stock, w, done.column);
  held.delete(warehouseId);
  saveHeldImports(deps.market, before, held);
  const changed = done.changed.length
    ? `; изменено с тех пор, оставлено как есть: ${done.changed.length} (${done.changed.slice(0, 5).join(', ')}${done.changed.length > 5 ? '…' : ''})`
    : '';
  const details = `импорт подтверждён: поставлен 0 у ${done.zeroed.length}${changed}`;
  const event = {
    warehouse: name,
    ok: true,
    items: entry.items.length,
    accepted: done.zeroed.length,
    errors: 0,
    details,
  };
  return { stock: done.stock, reserves: grids.reserves, events: [event] };
}

/** After a successful import, shipped order reserves on that warehouse stop counting (SPEC 5.2). */
function closeShippedReserves(reserves: Values, w: Warehouse, deps: { market: MarketDeps; now: number }): void {
  const h = indexHeaders(reserves[0] ?? []);
  const [warehouse, status, comment, closed] = [
    RESERVE_HEADERS.warehouse,
    RESERVE_HEADERS.status,
    RESERVE_HEADERS.comment,
    RESERVE_HEADERS.closed,
  ].map((x) => h.find(x));
  if (warehouse === undefined || status === undefined || comment === undefined) return;
  const cells: { row: number; column: number; value: unknown }[] = [];
  const stamp = deps.market.sheets.date(deps.now);
  for (let r = 1; r < reserves.length; r++) {
    const row = reserves[r];
    if (
      normalizeHeader(row[warehouse]) !== normalizeHeader(w.column) ||
      normalizeHeader(row[status]) !== 'активен' ||
      !cellText(row[comment]).startsWith(SHIPPED_MARK)
    )
      continue;
    row[status] = 'Списан';
    cells.push({ row: r + 1, column: status + 1, value: 'Списан' });
    if (closed !== undefined) {
      row[closed] = stamp;
      cells.push({ row: r + 1, column: closed + 1, value: stamp });
    }
  }
  deps.market.sheets.setCells(RESERVES_SHEET, cells);
}
