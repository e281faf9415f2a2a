/**
 * The columns of «Остатки» the settings read (warehouses, channels' id columns, filters) that its
 * header row does not have. A missing one stops every recalculation (allocation.ts), so saving
 * refuses a column the seller has just typed that the sheet lacks, and the summary's banner of a
 * stopped run points at the field that names it.
 */
import { HEADERS, indexHeaders, normalizeHeader, STOCK_SHEET } from './headers';

/** The part of the settings that names columns read from the sheet. */
export interface ColumnsRead {
  warehouses: readonly { column: string }[];
  channels: readonly { name: string; column?: string; idHeader?: string; filter?: { header: string } }[];
}

export interface MissingColumn {
  /** The settings path of the field that names the column (the form's error slot). */
  path: string;
  header: string;
  /** Where the field is: the tab of the form. */
  tab: 'warehouses' | 'channels';
  /** «Склад 2 «Поставщик2»», «Канал 1 «Ozon»»: the card the field is on. */
  owner: string;
}

const usesSku = (idHeader: string | undefined) =>
  idHeader === undefined || normalizeHeader(idHeader) === normalizeHeader(HEADERS.sku);

/** Every column the settings read from the sheet, with the field that names it. */
function columnsRead(settings: ColumnsRead): MissingColumn[] {
  const read: MissingColumn[] = [];
  settings.warehouses.forEach((w, i) => {
    read.push({
      path: `warehouses.${i}.column`,
      header: w.column,
      tab: 'warehouses',
      owner: `Склад ${i + 1} «${w.column}»`,
    });
  });
  settings.channels.forEach((c, i) => {
    const owner = `Канал ${i + 1} «${c.name}»`;
    if (!usesSku(c.idHeader))
      read.push({ path: `channels.${i}.idHeader`, header: c.idHeader as string, tab: 'channels', owner });
    if (c.filter?.header)
      read.push({ path: `channels.${i}.filter.header`, header: c.filter.header, tab: 'channels', owner });
  });
  return read;
}

/** Whether a header row names anything: an empty «Остатки» gets the settings' own headers (readGrids). */
export function hasHeaderRow(headerRow: readonly unknown[] | null): headerRow is readonly unknown[] {
  return headerRow?.some((cell) => normalizeHeader(cell) !== '') === true;
}

/** The columns the settings read that the header row lacks; none when there is no header row to judge by. */
export function missingColumns(settings: ColumnsRead, headerRow: readonly unknown[] | null): MissingColumn[] {
  if (!hasHeaderRow(headerRow)) return [];
  const headers = indexHeaders(headerRow);
  return columnsRead(settings).filter((c) => headers.find(c.header) === undefined);
}

/** A few of the sheet's headers nothing uses yet (not the add-on's, not another setting's), to pick a real one from. */
function sheetHeaderList(headerRow: readonly unknown[], settings: ColumnsRead): string {
  const used = new Set(
    [
      ...Object.values(HEADERS),
      ...settings.warehouses.map((w) => w.column),
      ...settings.channels.flatMap((c) => [c.column ?? '', c.idHeader ?? '', c.filter?.header ?? '']),
    ].map(normalizeHeader),
  );
  const names = headerRow.map((h) => String(h ?? '').trim()).filter((h) => h && !used.has(normalizeHeader(h)));
  if (!names.length) return '';
  const shown = names.slice(0, 8).map((n) => `«${n}»`);
  return `: ${shown.join(', ')}${names.length > shown.length ? ' и другие' : ''}`;
}

/**
 * What saving refuses: a column the sheet lacks that these settings name anew — typed or renamed in
 * this save. A column the stored settings already named stays savable even when the sheet lost it
 * meanwhile: then the stop shows in the summary, and other settings (turning sending off, say) can
 * still be saved while the seller restores the header.
 */
export function refusedColumns(
  settings: ColumnsRead,
  stored: ColumnsRead | null,
  headerRow: readonly unknown[] | null,
): { path: string; message: string }[] {
  const before = new Set(stored ? columnsRead(stored).map((c) => `${c.tab}:${normalizeHeader(c.header)}`) : []);
  return missingColumns(settings, headerRow)
    .filter((c) => !before.has(`${c.tab}:${normalizeHeader(c.header)}`))
    .map((c) => ({
      path: c.path,
      message: `${c.owner}: на листе «${STOCK_SHEET}» нет столбца «${c.header}». Впишите этот заголовок в первую строку листа и сохраните снова — или укажите столбец, который на листе есть${sheetHeaderList(headerRow as readonly unknown[], settings)}.`,
    }));
}
