/**
 * The Wildberries barcode / vendor code → chrtId mapping as it is built: one pass over the cards
 * list, page after page from a cursor, possibly across several runs. Until a pass ends, the sizes
 * of the last complete pass (if any) still serve; a finished pass keeps only what it found.
 */

/** The last card read: the cards list is sorted by `updatedAt`, then `nmID`. */
export interface MappingCursor {
  updatedAt: string;
  nmID: number;
}

export interface MappedSize {
  chrtId: number;
  nmId: number;
  vendorCode: string;
  barcodes: string[];
}

/** A size with the start of the pass that found it. */
export interface StampedSize {
  size: MappedSize;
  stamp: string;
}

/**
 * A pass under way: when it began, where it goes on, how many sizes it has found, how many are expected.
 * The cursor is the marketplace's own (AliExpress: the last product id read).
 */
export interface MappingPass<C = MappingCursor> {
  startedAt: string;
  cursor?: C;
  read: number;
  expected: number;
}

/** Small enough for a document property: the growing mapping itself lives in a hidden sheet. */
export interface MappingState<C = MappingCursor> {
  /** When the last complete pass began. */
  refreshedAt?: string;
  /** Sizes (AliExpress: SKUs) the last complete pass found. */
  sizes?: number;
  pass?: MappingPass<C>;
}

export const MAPPING_REFRESH_MS = 24 * 3600 * 1000;

/** The stored state; the older format was the last refresh's time alone. */
export function parseMappingState<C = MappingCursor>(raw: string | undefined): MappingState<C> {
  if (!raw) return {};
  if (!raw.startsWith('{')) return Number.isFinite(Date.parse(raw)) ? { refreshedAt: raw } : {};
  try {
    const json = JSON.parse(raw);
    return json && typeof json === 'object' ? (json as MappingState<C>) : {};
  } catch {
    return {};
  }
}

/** The cached mapping serves as it is: no pass under way, and the last one began less than a day ago. */
export function isFresh(state: MappingState<unknown>, hasRows: boolean, now: number): boolean {
  const last = Date.parse(state.refreshedAt ?? '');
  return !state.pass && hasRows && Number.isFinite(last) && now - last < MAPPING_REFRESH_MS;
}

export function startPass<C = MappingCursor>(state: MappingState<unknown>, now: number, expected = 0): MappingPass<C> {
  return { startedAt: new Date(now).toISOString(), read: 0, expected: Math.max(state.sizes ?? 0, expected) };
}

/**
 * The rows after this run's pages: the older pass's sizes first, then this pass's (a barcode that
 * moved names its new size); a finished pass drops the sizes it did not find (deleted cards).
 */
export function mergePass(
  rows: readonly StampedSize[],
  pass: MappingPass,
  fetched: readonly MappedSize[],
  finished: boolean,
): StampedSize[] {
  const byChrt = new Map<number, StampedSize>();
  for (const r of rows) if (r.stamp !== pass.startedAt) byChrt.set(r.size.chrtId, r);
  for (const r of rows) if (r.stamp === pass.startedAt) byChrt.set(r.size.chrtId, r);
  for (const size of fetched) {
    byChrt.delete(size.chrtId);
    byChrt.set(size.chrtId, { size, stamp: pass.startedAt });
  }
  const merged = [...byChrt.values()];
  return finished ? merged.filter((r) => r.stamp === pass.startedAt) : merged;
}

const count = (n: number) => n.toLocaleString('ru-RU');

/** «сопоставление карточек — 23 000 из ~60 000» (without an estimate: «— прочитано 23 000»). */
export function passProgress(pass: MappingPass<unknown>): string {
  return pass.expected > 0
    ? `сопоставление карточек — ${count(pass.read)} из ~${count(Math.max(pass.expected, pass.read))}`
    : `сопоставление карточек — прочитано ${count(pass.read)}`;
}
