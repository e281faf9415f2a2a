/**
 * «Резервы» stays small (SPEC 2.2): closed rows («Списан», «Снят», «Истёк») older than 30 days move to
 * «Резервы (архив)». What the orders among them did is in «_Заказы» already, so moving them changes nothing.
 */
import { normalizeHeader } from './headers';
import { cell, type OrderRun } from './orderRun';
import { parseMoment } from './reserves';

export const RESERVES_ARCHIVE_SHEET = 'Резервы (архив)';
export const ARCHIVE_AFTER_MS = 30 * 24 * 3600 * 1000;

const CLOSED = new Set(['списан', 'снят', 'истек']);

/** Rows to append to the archive, and «Резервы» without them, both as they are written (text kept text). */
export interface ReserveArchive {
  rows: unknown[][];
  reserves: unknown[][];
}

/**
 * Takes closed rows that closed (or, with «Закрыт» blank, were created) before `before` out of the working
 * copy. The last step of a run: row numbers change. Undefined when no row is that old.
 */
export function archiveClosedRows(run: OrderRun, before: number): ReserveArchive | undefined {
  const { reserves } = run.plan;
  const moved: unknown[][] = [];
  const kept: unknown[][] = [reserves[0]];
  const written: unknown[][] = [reserves[0].map(asStoredCell)];
  for (let r = 1; r < reserves.length; r++) {
    if (isArchivable(run, r, before)) {
      moved.push(reserves[r].map(asStoredCell));
      continue;
    }
    kept.push(reserves[r]);
    // Rows appended by this run hold what is to be written already; rows read from the sheet hold its values.
    written.push(r < run.sheetRows ? reserves[r].map(asStoredCell) : reserves[r]);
  }
  if (!moved.length) return undefined;
  run.plan.reserves = kept;
  return { rows: moved, reserves: written };
}

function isArchivable(run: OrderRun, r: number, before: number): boolean {
  if (r >= run.sheetRows || !CLOSED.has(normalizeHeader(cell(run, r, 'status')))) return false;
  const closed = parseMoment(cell(run, r, 'closed') ?? '', run.timeZone);
  const at = Number.isNaN(closed) ? parseMoment(cell(run, r, 'created') ?? '', run.timeZone) : closed;
  return !Number.isNaN(at) && at < before;
}

/** A value read from the sheet, to be written back as it was: text stays text (no «00123» → 123, no «=…» formula). */
function asStoredCell(value: unknown): unknown {
  return typeof value === 'string' && value !== '' ? `'${value}` : value;
}
