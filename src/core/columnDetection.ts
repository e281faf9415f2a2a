/**
 * First run (SPEC 8, `detectColumns`): from the top of a seller's sheet — the header row and a sample
 * of rows under it — which column holds the «Артикул», which look like warehouses (whole numbers), and
 * which hold a marketplace's item ids. Every proposal says why in Russian; the seller confirms them.
 */
import { isBlank, isDate, MAX_QUANTITY } from './cells';
import { headerWords, type Marketplace, marketplaceInHeader, presetOf } from './channelPresets';
import { HEADERS, normalizeHeader } from './headers';

/** Headers that mean the seller's SKU (compared without case, spaces, «_» and «-»). */
export const SKU_HEADERS = ['Артикул', 'Артикул продавца', 'SKU', 'Код товара', 'offer_id', 'vendorCode'] as const;
/** How far down the header row may stand (a title or a date above it). */
export const HEADER_SEARCH_ROWS = 10;
/** Rows under the header row that are looked at. */
export const SAMPLE_ROWS = 200;
/** What `detectColumns` reads from the top of a sheet. */
export const DETECTION_READ_ROWS = HEADER_SEARCH_ROWS + SAMPLE_ROWS;

/** Share of the filled cells that must agree for a column to be proposed. */
const WAREHOUSE_SHARE = 0.9;
const ID_SHARE = 0.8;
/** An integer with this many digits is an id, not a quantity (a barcode has 8–14). */
const ID_DIGITS = 6;

export interface ProposedColumn {
  /** 0-based. */
  column: number;
  /** «C». */
  letter: string;
  header: string;
  reason: string;
}

export interface WarehouseProposal extends ProposedColumn {
  type: 'own' | 'supplier';
  /** Whether the sidebar ticks it to begin with. */
  checked: boolean;
  /** Whether its stock is for sale: not for a header that says defects, returns, reserve… (the reason says so). */
  inSale: boolean;
}

export interface IdProposal extends ProposedColumn {
  /** Guessed from the header; null when it names none (the seller picks one). */
  marketplace: Marketplace | null;
  checked: boolean;
}

export interface ColumnDetection {
  /** 1-based; 0 when no row looks like headers. */
  headerRow: number;
  /** Rows with anything in them under the header row that were looked at. */
  sampledRows: number;
  sku: ProposedColumn | null;
  warehouses: WarehouseProposal[];
  idColumns: IdProposal[];
  /** Columns with a header that were not proposed, and why. */
  skipped: ProposedColumn[];
  /** What the seller must know about the sheet as a whole (header row not in row 1, no «Артикул», …). */
  notes: string[];
}

/** What is already set up: such columns are not proposed again. */
export interface KnownColumns {
  warehouses: { column: string }[];
  channels: { name: string; column: string; idHeader?: string }[];
}

export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const skuKey = (text: unknown) => normalizeHeader(text).replace(/[\s_-]/g, '');
const SKU_KEYS = new Set(SKU_HEADERS.map(skuKey));

export function isSkuHeader(text: unknown): boolean {
  return SKU_KEYS.has(skuKey(text));
}

/** A header word, or that word with up to two more letters (Russian endings: «склада», «остатки»). */
function hasWord(header: string, stems: readonly string[]): string | undefined {
  const words = headerWords(header);
  return stems.find((stem) =>
    words.some((w) => (stem.length <= 3 ? w === stem : w.startsWith(stem) && w.length - stem.length <= 2)),
  );
}

// «Номер объявления Авито»: Avito's item id is a listing's number.
const ID_WORDS = [
  'id',
  'ид',
  'sku',
  'код',
  'артикул',
  'баркод',
  'штрихкод',
  'barcode',
  'ean',
  'nmid',
  'chrtid',
  'объявлен',
];
const SUPPLIER_WORDS = ['поставщик', 'supplier', 'дропшиппинг'];
const STOCK_WORDS = ['склад', 'остаток', 'остатки', 'наличие', 'количество', 'stock', 'qty'];
// Whole numbers under these headers are prices, weights or dates, not units on a warehouse.
const NOT_STOCK_WORDS = ['цена', 'цены', 'стоимость', 'сумма', 'руб', 'price', 'cost', 'вес', 'weight', 'ндс'];
const NOT_STOCK_MORE = ['скидка', 'налог', 'дата', 'date', 'год', 'размер', 'длина', 'ширина', 'высота', 'объем'];
/**
 * Beginnings of header words that mean stock kept out of sale (SPEC 5.6: a «Брак» warehouse that is
 * not in sale): such a warehouse is proposed with «В продаже» unticked. Any ending: «бракованный».
 */
const NOT_FOR_SALE_STEMS = [
  'брак',
  'дефект',
  'возврат',
  'резерв',
  'списан',
  'уценк',
  'уценен',
  'ремонт',
  'поврежд',
  'некондиц',
  'карантин',
  'утил',
  'defect',
  'damage',
  'return',
  'reserv',
];

/** The word of the header that keeps its stock out of sale, if any. */
export function notForSaleWord(header: string): string | undefined {
  return headerWords(header).find((w) => NOT_FOR_SALE_STEMS.some((stem) => w.startsWith(stem)));
}

function notForSaleNote(word: string): string {
  return `не в продаже: по заголовку («${word}») это остаток не для продажи — отметьте «В продаже», если его можно продавать`;
}

/** What the cells of one column hold, counted over the sampled rows. */
interface CellCounts {
  filled: number;
  /** Whole numbers 0…99,999 (numbers or text that reads as one). */
  whole: number;
  negative: number;
  fractional: number;
  /** Integers with 6+ digits (or above the largest quantity), each «;»-separated part. */
  longDigits: number;
  /** Of those, 8, 12, 13 or 14 digits: EAN-8, UPC-A, EAN-13, GTIN-14. */
  barcodes: number;
  /** Codes without spaces that hold a digit («A-00012», «12345-XL»). */
  codes: number;
  /** The first cell that is none of the above, to show the seller. */
  firstText?: string;
}

const BARCODE_LENGTHS = [8, 12, 13, 14];

function countDigits(digits: string, counts: CellCounts): void {
  counts.longDigits++;
  if (BARCODE_LENGTHS.includes(digits.length)) counts.barcodes++;
}

function countNumber(value: number, counts: CellCounts): void {
  if (!Number.isInteger(value)) counts.fractional++;
  else if (value < 0) counts.negative++;
  else if (value > MAX_QUANTITY || String(value).length >= ID_DIGITS) countDigits(String(value), counts);
  else counts.whole++;
}

const NUMBER_TEXT = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?$|^[+-]?\d+(?:[.,]\d+)?$/;
const CODE_TEXT = /^[0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё_\-./]{2,63}$/;

function countText(text: string, counts: CellCounts): void {
  const parts = text.split(';').map((p) => p.trim());
  // «4601234567890;4601234567891»: one SKU listed as several cards (SPEC 4, idHeader).
  if (parts.every((p) => /^\d+$/.test(p) && p.length >= ID_DIGITS)) countDigits(parts[0], counts);
  else if (NUMBER_TEXT.test(text)) countNumber(Number(text.replace(/[ \u00a0\u202f]/g, '').replace(',', '.')), counts);
  else if (parts.every((p) => CODE_TEXT.test(p) && /\d/.test(p))) counts.codes++;
  else counts.firstText ??= text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

function countCells(rows: readonly (readonly unknown[])[], column: number): CellCounts {
  const counts: CellCounts = { filled: 0, whole: 0, negative: 0, fractional: 0, longDigits: 0, barcodes: 0, codes: 0 };
  for (const row of rows) {
    const value = row[column];
    if (isBlank(value)) continue;
    counts.filled++;
    if (typeof value === 'number') countNumber(value, counts);
    else if (typeof value === 'string') countText(value.trim(), counts);
    else counts.firstText ??= isDate(value) ? 'дата' : String(value);
  }
  return counts;
}

/** «строк» after a number, Russian style: 1 строка, 2 строки, 5 строк. */
export function rowsWord(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 'строк';
  if (ones === 1) return 'строки';
  return 'строк';
}

const inRows = (count: number, of: number) => `${count} из ${of} ${rowsWord(of)}`;

/** The header row: the first with an «Артикул»-like header, else the first that reads like headers. */
export function findHeaderRow(rows: readonly (readonly unknown[])[]): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) if (rows[i].some(isSkuHeader)) return i;
  for (let i = 0; i < limit; i++) {
    const filled = rows[i].filter((c) => !isBlank(c));
    const words = filled.filter((c) => typeof c === 'string' && !NUMBER_TEXT.test(c.trim()));
    if (filled.length >= 2 && words.length * 2 >= filled.length) return i;
  }
  return -1;
}

type Verdict =
  | { kind: 'warehouse'; type: 'own' | 'supplier'; checked: boolean; inSale: boolean; reason: string }
  | { kind: 'id'; marketplace: Marketplace | null; checked: boolean; reason: string }
  | { kind: 'skip'; reason: string };

/** «длинные числа (ID) в 48 из 50 строк», or null when the values are not ids. */
function idValues(counts: CellCounts, sampled: number): string | null {
  const { filled, longDigits, barcodes, codes } = counts;
  if (barcodes >= filled * ID_SHARE) return `штрихкоды (8–14 цифр) в ${inRows(barcodes, sampled)}`;
  if (longDigits >= filled * ID_SHARE) return `длинные числа (ID) в ${inRows(longDigits, sampled)}`;
  if (longDigits + codes >= filled * ID_SHARE) return `коды товаров в ${inRows(longDigits + codes, sampled)}`;
  return null;
}

function marketplaceNote(marketplace: { marketplace: Marketplace } | null): string {
  return marketplace
    ? `площадка по заголовку — ${presetOf(marketplace.marketplace).label}`
    : 'площадку по заголовку не угадать — выберите её сами';
}

/** An id column: by its values, or by its header when the values are small numbers (a column that is both). */
function idVerdict(header: string, counts: CellCounts, sampled: number): Verdict | null {
  const marketplace = marketplaceInHeader(header);
  const idWord = hasWord(header, ID_WORDS);
  const byValues = idValues(counts, sampled);
  const guess = { marketplace: marketplace?.marketplace ?? null, checked: marketplace !== null };
  // Long digit strings without any hint in the header are ids too: no stock is counted in the millions.
  if (byValues && (idWord || marketplace || counts.longDigits >= counts.filled * ID_SHARE))
    return { kind: 'id', ...guess, reason: `${byValues}; ${marketplaceNote(marketplace)}` };
  if (idWord && marketplace && counts.whole >= counts.filled * WAREHOUSE_SHARE)
    return {
      kind: 'id',
      ...guess,
      reason: `числа в ${inRows(counts.whole, sampled)}, но заголовок говорит об ID товара на площадке ${presetOf(marketplace.marketplace).label}, а не об остатке`,
    };
  return null;
}

function warehouseVerdict(header: string, counts: CellCounts, sampled: number): Verdict {
  const numbers = counts.whole + counts.negative;
  const notStock = hasWord(header, [...NOT_STOCK_WORDS, ...NOT_STOCK_MORE]);
  if (notStock) return { kind: 'skip', reason: 'числа, но по заголовку это не остаток (цена, вес, дата…)' };
  const marketplace = marketplaceInHeader(header);
  const idWord = hasWord(header, ID_WORDS);
  if (idWord && !marketplace) return { kind: 'skip', reason: 'числа, но по заголовку это код или ID, а не остаток' };
  const supplier = hasWord(header, SUPPLIER_WORDS);
  const parts = [`числа в ${inRows(numbers, sampled)}`];
  if (counts.firstText) parts.push(`не число: «${counts.firstText}»`);
  if (counts.negative) parts.push(`отрицательных: ${counts.negative} (считаются как 0)`);
  if (supplier) parts.push('тип «Поставщик» — по заголовку');
  const notForSale = notForSaleWord(header);
  if (notForSale) parts.push(notForSaleNote(notForSale));
  if (marketplace)
    parts.push(
      `но заголовок называет площадку ${presetOf(marketplace.marketplace).label}: отметьте, только если это ваш склад, а не то, что показывает площадка`,
    );
  return {
    kind: 'warehouse',
    type: supplier ? 'supplier' : 'own',
    checked: !marketplace,
    inSale: !notForSale,
    reason: parts.join('; '),
  };
}

function classify(header: string, counts: CellCounts, sampled: number): Verdict {
  if (counts.filled === 0) {
    if (!hasWord(header, STOCK_WORDS)) return { kind: 'skip', reason: 'столбец пуст — нечего проверить' };
    const notForSale = notForSaleWord(header);
    const reason = 'столбец пока пуст, но по заголовку это склад';
    return {
      kind: 'warehouse',
      type: 'own',
      checked: true,
      inSale: !notForSale,
      reason: notForSale ? `${reason}; ${notForSaleNote(notForSale)}` : reason,
    };
  }
  const id = idVerdict(header, counts, sampled);
  if (id) return id;
  const numbers = counts.whole + counts.negative;
  if (numbers >= counts.filled * WAREHOUSE_SHARE) return warehouseVerdict(header, counts, sampled);
  if (numbers + counts.fractional >= counts.filled * WAREHOUSE_SHARE)
    return { kind: 'skip', reason: 'дробные числа — похоже на цену или вес, а остаток — целое число' };
  const text = counts.filled - numbers - counts.fractional;
  return {
    kind: 'skip',
    reason: `текст в ${inRows(text, sampled)}${counts.firstText ? ` («${counts.firstText}»)` : ''} — не остаток и не ID`,
  };
}

/** Headers the add-on reads or writes itself, with what each one is. */
function ownHeaders(known: KnownColumns | null): Map<string, string> {
  const own = new Map<string, string>();
  for (const h of [HEADERS.reserve, HEADERS.forSale, HEADERS.unallocated])
    own.set(normalizeHeader(h), 'его заполняет надстройка');
  own.set(normalizeHeader(HEADERS.name), 'название товара: надстройка его только показывает');
  for (const h of [HEADERS.safetyStock, HEADERS.minStock])
    own.set(normalizeHeader(h), 'служебный столбец: надстройка читает его сама');
  for (const w of known?.warehouses ?? []) own.set(normalizeHeader(w.column), 'уже есть в настройках как склад');
  for (const c of known?.channels ?? []) {
    own.set(normalizeHeader(c.column), `столбец канала «${c.name}»: его заполняет надстройка`);
    if (c.idHeader) own.set(normalizeHeader(c.idHeader), `уже в настройках: ID товаров канала «${c.name}»`);
  }
  return own;
}

/** Headers that stand in more than one column, with the letters of each. */
function duplicateHeaders(header: readonly unknown[]): Map<string, string[]> {
  const letters = new Map<string, string[]>();
  header.forEach((cell, i) => {
    const key = normalizeHeader(cell);
    if (key) letters.set(key, [...(letters.get(key) ?? []), columnLetter(i)]);
  });
  for (const [key, list] of letters) if (list.length < 2) letters.delete(key);
  return letters;
}

function sheetNotes(sheet: string, headerRow: number, detection: ColumnDetection): string[] {
  const notes: string[] = [];
  if (headerRow > 0) {
    const above = headerRow === 1 ? 'строку 1' : `строки 1–${headerRow}`;
    notes.push(
      `Заголовки стоят в строке ${headerRow + 1}, а надстройка читает их только из строки 1: удалите ${above} над ними.`,
    );
  }
  const { sku } = detection;
  // A duplicated «Артикул» has its own note.
  if (!sku && !detection.skipped.some((s) => isSkuHeader(s.header)))
    notes.push(
      'Не нашёл столбец артикулов («Артикул», «Артикул продавца», «SKU», «Код товара»): без него надстройка не знает, какой это товар — назовите его «Артикул».',
    );
  else if (sku && normalizeHeader(sku.header) !== normalizeHeader(HEADERS.sku))
    notes.push(
      `Артикулы — в столбце ${sku.letter} «${sku.header}», а надстройка ищет заголовок «${HEADERS.sku}»: переименуйте его в «${HEADERS.sku}».`,
    );
  if (detection.sampledRows === 0)
    notes.push(`Под заголовками на листе «${sheet}» пока нет товаров: склады предложены только по заголовкам.`);
  return notes;
}

/**
 * The proposals for a sheet, from its top rows as Range.getValues() gives them (at least the header row
 * and up to SAMPLE_ROWS rows under it). `known`: the saved settings, whose columns are not proposed again.
 */
export function detectColumns(
  rows: readonly (readonly unknown[])[],
  options: { sheet: string; known?: KnownColumns | null },
): ColumnDetection {
  const empty = emptyDetection();
  if (!rows.some((r) => r.some((c) => !isBlank(c))))
    return {
      ...empty,
      notes: [`Лист «${options.sheet}» пуст: создайте лист «Остатки» по шаблону или впишите заголовки в строку 1.`],
    };
  const at = findHeaderRow(rows);
  if (at < 0)
    return {
      ...empty,
      notes: [
        `В первых ${HEADER_SEARCH_ROWS} строках листа «${options.sheet}» нет строки заголовков: впишите названия столбцов (Артикул, склады, ID товаров) в строку 1.`,
      ],
    };
  const sample = rows.slice(at + 1, at + 1 + SAMPLE_ROWS).filter((r) => r.some((c) => !isBlank(c)));
  const detection = proposeColumns(rows[at], sample, options.known ?? null);
  return { ...detection, headerRow: at + 1, notes: [...sheetNotes(options.sheet, at, detection), ...detection.notes] };
}

function proposeColumns(
  header: readonly unknown[],
  sample: readonly (readonly unknown[])[],
  known: KnownColumns | null,
): ColumnDetection {
  const result: ColumnDetection = { ...emptyDetection(), sampledRows: sample.length };
  const own = ownHeaders(known);
  const duplicates = duplicateHeaders(header);
  const width = sample.reduce((w, r) => Math.max(w, r.length), header.length);
  const skuColumn = skuColumnOf(header, duplicates);
  for (let column = 0; column < width; column++) {
    const text = isBlank(header[column]) ? '' : String(header[column]).trim();
    const at = { column, letter: columnLetter(column), header: text };
    const key = normalizeHeader(text);
    const counts = countCells(sample, column);
    if (!text) {
      if (counts.filled)
        result.skipped.push({ ...at, reason: 'без заголовка: надстройка читает только столбцы с заголовком' });
    } else if (duplicates.has(key)) {
      const letters = (duplicates.get(key) ?? []).join(', ');
      result.skipped.push({
        ...at,
        reason: `заголовок стоит в нескольких столбцах (${letters}): какой из них нужен, не угадать — переименуйте лишние`,
      });
    } else if (column === skuColumn) result.sku = { ...at, reason: 'заголовок столбца артикулов' };
    else if (own.has(key)) result.skipped.push({ ...at, reason: own.get(key) as string });
    else place(result, at, classify(text, counts, sample.length));
  }
  if ([...duplicates.keys()].some(isSkuHeader))
    result.notes.push('Заголовок артикулов стоит в нескольких столбцах: оставьте один столбец «Артикул».');
  return result;
}

/** «Артикул» itself if it stands once, else the first other SKU header that does; -1 for none. */
function skuColumnOf(header: readonly unknown[], duplicates: Map<string, string[]>): number {
  const single = (i: number) => !duplicates.has(normalizeHeader(header[i]));
  const exact = header.findIndex((h, i) => normalizeHeader(h) === normalizeHeader(HEADERS.sku) && single(i));
  return exact >= 0 ? exact : header.findIndex((h, i) => isSkuHeader(h) && single(i));
}

function emptyDetection(): ColumnDetection {
  return { headerRow: 0, sampledRows: 0, sku: null, warehouses: [], idColumns: [], skipped: [], notes: [] };
}

function place(result: ColumnDetection, at: Omit<ProposedColumn, 'reason'>, verdict: Verdict): void {
  if (verdict.kind === 'warehouse')
    result.warehouses.push({
      ...at,
      type: verdict.type,
      checked: verdict.checked,
      inSale: verdict.inSale,
      reason: verdict.reason,
    });
  else if (verdict.kind === 'id')
    result.idColumns.push({
      ...at,
      marketplace: verdict.marketplace,
      checked: verdict.checked,
      reason: verdict.reason,
    });
  else result.skipped.push({ ...at, reason: verdict.reason });
}

/**
 * The id column a new channel of `marketplace` most likely uses, by the sheet's headers alone: one that
 * names the marketplace and says it holds ids («Ozon ID», «Баркод WB»), and is not `taken`.
 */
export function idHeaderGuess(
  headers: readonly string[],
  marketplace: Marketplace,
  taken: readonly string[],
): string | undefined {
  const used = new Set(taken.map(normalizeHeader));
  return headers.find(
    (h) =>
      !used.has(normalizeHeader(h)) &&
      !isSkuHeader(h) &&
      marketplaceInHeader(h)?.marketplace === marketplace &&
      hasWord(h, ID_WORDS) !== undefined,
  );
}
