/**
 * First run: what the seller confirmed of the column detection, turned into warehouses and channels
 * of a settings draft. The draft is then saved like any other («Сохранить», saveSettings): this only
 * builds it. New channels start from their marketplace's preset (channelPresets.ts).
 */
import { type Marketplace, presetOf, uniqueHeader } from './channelPresets';
import { HEADERS, normalizeHeader } from './headers';

export interface PickedProposals {
  /** `inSale`: «В продаже» as the seller left it (true when not said). */
  warehouses: { header: string; type: 'own' | 'supplier'; inSale?: boolean }[];
  /** An id column and the marketplace it belongs to: one new channel each. */
  channels: { idHeader: string; marketplace: Marketplace }[];
}

interface DraftWarehouse {
  id: string;
  column: string;
  type: 'own' | 'supplier';
  inSale: boolean;
}

interface DraftChannel {
  id: string;
  name: string;
  column: string;
  marketplace: Marketplace;
  idHeader?: string;
}

export interface DraftShape {
  warehouses: DraftWarehouse[];
  channels: DraftChannel[];
}

/** The first free id of the form `${prefix}1`, `${prefix}2`, … */
export function freeId(prefix: string, taken: readonly string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** A new channel of `marketplace` as its preset has it; its name and column are numbered when taken. */
export function presetChannel(
  marketplace: Marketplace,
  draft: DraftShape,
  sheetHeaders: readonly string[],
  idHeader?: string,
) {
  const preset = presetOf(marketplace);
  // The channel's column is written by the add-on: never one the sheet or the settings already use.
  const taken = [
    ...sheetHeaders,
    ...draft.warehouses.map((w) => w.column),
    ...draft.channels.flatMap((c) => [c.column, c.idHeader ?? '']),
    HEADERS.sku,
    HEADERS.name,
    HEADERS.safetyStock,
    HEADERS.minStock,
    HEADERS.reserve,
    HEADERS.forSale,
    HEADERS.unallocated,
  ];
  const column = uniqueHeader(preset.column, taken);
  const name = uniqueHeader(
    preset.name,
    draft.channels.map((c) => c.name),
  );
  return {
    id: freeId(
      'c',
      draft.channels.map((c) => c.id),
    ),
    name,
    column,
    marketplace,
    enabled: true,
    target: {},
    rule: { type: 'share' as const, percent: 100 },
    // «Артикул» is the default: no need to name it.
    ...(idHeader && normalizeHeader(idHeader) !== normalizeHeader(HEADERS.sku) ? { idHeader } : {}),
  };
}

/**
 * A copy of `draft` with the picked warehouses and channels added. `replaceWarehouses`: nothing was
 * saved yet, so the default «Склад» gives way to the warehouses the sheet really has.
 */
export function withProposals<D extends DraftShape>(
  draft: D,
  picked: PickedProposals,
  options: { replaceWarehouses: boolean; sheetHeaders: readonly string[] },
): D {
  const next: D = JSON.parse(JSON.stringify(draft));
  if (options.replaceWarehouses && picked.warehouses.length) next.warehouses = [];
  for (const w of picked.warehouses) {
    if (next.warehouses.some((x) => normalizeHeader(x.column) === normalizeHeader(w.header))) continue;
    next.warehouses.push({
      id: freeId(
        'w',
        next.warehouses.map((x) => x.id),
      ),
      column: w.header,
      type: w.type,
      inSale: w.inSale !== false,
    });
  }
  for (const c of picked.channels)
    next.channels.push(presetChannel(c.marketplace, next, options.sheetHeaders, c.idHeader));
  return next;
}
