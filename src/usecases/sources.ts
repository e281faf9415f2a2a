/**
 * Imports every warehouse that has a source (SPEC 4; scheduled runs and «Синхронизировать
 * сейчас»): one read of the source, one write of the warehouse column, one «Импорт» journal row.
 * A source that fails leaves its warehouse as it is and journals «Ошибка» with the reason.
 */
import { ConnectorError } from '../connectors/http';
import type { WbCredentials } from '../connectors/wildberries';
import { cellText } from '../core/cells';
import { indexHeaders, normalizeHeader, RESERVE_HEADERS, RESERVES_SHEET, STOCK_SHEET } from '../core/headers';
import { idIndex } from '../core/orders';
import type { Settings, Source, Warehouse } from '../core/settings';
import {
  allowedByWhitelist,
  detectDelimiter,
  feedRows,
  importDetails,
  planImport,
  type SourceRead,
  tableRows,
} from '../core/sources';
import { loadCredentials } from './credentials';
import { connectorFor, type MarketDeps, wbChrtIndex } from './marketplaces';
import type { SourcePort, Values } from './ports';

const LAST_ROWS = (warehouseId: string) => `import.rows.${warehouseId}`;
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
  const notAllowed = (url: string) => ({
    ok: false as const,
    reason: `адрес ${url} не разрешён для загрузки: добавьте его хост в сборку (OSTATKI_EXTRA_FETCH_HOSTS, см. README)`,
  });
  switch (source.kind) {
    case 'csv': {
      if (!allowedByWhitelist(source.url, sources.whitelist)) return notAllowed(source.url);
      const file = sources.fetchFile(source.url);
      if (!file.ok) return file;
      if (!file.text.trim()) return { ok: false, reason: 'файл пуст' };
      return tableRows(sources.parseCsv(file.text, detectDelimiter(file.text)), source.skuHeader, source.qtyHeader);
    }
    case 'yml': {
      if (!allowedByWhitelist(source.url, sources.whitelist)) return notAllowed(source.url);
      const file = sources.fetchFile(source.url);
      if (!file.ok) return file;
      if (!file.text.trim()) return { ok: false, reason: 'файл пуст' };
      const feed = sources.parseFeed(file.text);
      return feed.ok ? feedRows(feed.offers) : feed;
    }
    case 'sheet': {
      const table = sources.readSpreadsheet(source.spreadsheetUrl, source.sheet);
      return table.ok ? tableRows(table.values, source.skuHeader, source.qtyHeader) : table;
    }
    case 'email': {
      const mail = sources.newestMailCsv(source.query);
      if (!mail.ok) return mail;
      return tableRows(sources.parseCsv(mail.text, detectDelimiter(mail.text)), source.skuHeader, source.qtyHeader);
    }
    case 'channel': {
      const channel = settings.channels.find((c) => c.id === source.channelId);
      if (!channel || channel.marketplace === 'manual')
        return { ok: false, reason: 'канал-источник не найден или без площадки' };
      const credentials = loadCredentials(market.user.getAll(), channel.id);
      if (!credentials) return { ok: false, reason: `канал «${channel.name}» не подключен` };
      const ids = idIndex(settings, stock).get(channel.id) ?? new Map();
      try {
        const index =
          channel.marketplace === 'wb' ? wbChrtIndex(channel, credentials as WbCredentials, market).index : undefined;
        const shown = connectorFor(channel, credentials, market, index).readStocks([...ids.keys()]);
        const bySku = new Map<string, number>();
        for (const [id, qty] of shown) {
          const hit = ids.get(id);
          if (hit && !bySku.has(hit.sku)) bySku.set(hit.sku, qty);
        }
        if (!bySku.size)
          return { ok: false, reason: `площадка «${channel.name}» не показала ни одного товара таблицы` };
        return { ok: true, rows: [...bySku].map(([sku, qty]) => ({ keys: [sku], qty })) };
      } catch (error) {
        if (error instanceof ConnectorError) return { ok: false, reason: error.message };
        throw error;
      }
    }
  }
}

export function importSources(
  settings: Settings,
  grids: { stock: Values; reserves: Values },
  deps: { sources: SourcePort; market: MarketDeps; now: number },
): { stock: Values; reserves: Values; events: ImportEvent[] } {
  let stock = grids.stock;
  const reserves = grids.reserves.map((r) => [...r]);
  const events: ImportEvent[] = [];
  const docAll = deps.market.properties.getAll();
  const headers = indexHeaders(stock[0] ?? []);
  for (const w of settings.warehouses) {
    if (!w.source) continue;
    const name = `склад «${w.column}»`;
    const last = Number(docAll[LAST_ROWS(w.id)]);
    const plan = planImport(
      stock,
      w.column,
      readSource(w.source, settings, stock, deps.sources, deps.market),
      Number.isFinite(last) && last > 0 ? last : undefined,
    );
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
    const col = headers.find(w.column) as number;
    deps.market.sheets.writeColumns(
      STOCK_SHEET,
      [{ column: col, values: [[String(stock[0][col])], ...plan.column.map((v) => [v as string | number])] }],
      col + 1,
    );
    deps.market.properties.setMany({ [LAST_ROWS(w.id)]: String(plan.rows) });
    stock = plan.stock;
    events.push({
      warehouse: name,
      ok: true,
      items: plan.rows,
      accepted: plan.matched,
      errors: plan.badQuantities.length,
      details: importDetails(plan),
    });
    closeShippedReserves(reserves, w, deps);
  }
  return { stock, reserves, events };
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
