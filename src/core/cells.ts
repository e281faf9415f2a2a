/**
 * What a cell of «Остатки» means as a quantity (SPEC 3, "Cell values").
 * Cells arrive as Range.getValues() gives them: numbers, "" for blanks, strings,
 * booleans and Date objects (possibly from another realm, so no instanceof).
 */
export type Quantity = { ok: true; value: number; negative: boolean } | { ok: false; reason: string };

const SHEET_ERRORS = /^#(REF!|N\/A|NAME\?|VALUE!|DIV\/0!|NUM!|NULL!|ERROR!|SPILL!|CALC!)$/i;
// «12», « 7 », «3,0», «1 200» (a space or no-break space between digit groups), «-4»
const NUMERIC_TEXT = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?$|^[+-]?\d+(?:[.,]\d+)?$/;

export function isDate(value: unknown): value is Date {
  // The tag check is the slow part: a primitive, which most cells are, never gets that far.
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Date]';
}

export function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Shows a cell's content in a message, shortened so that a long text does not flood the journal. */
export function describeCell(value: unknown): string {
  const text = String(value).trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function parseQuantity(value: unknown): Quantity {
  // Numbers first: nearly every quantity cell holds one.
  if (typeof value === 'number') return wholeQuantity(value);
  if (isBlank(value)) return { ok: true, value: 0, negative: false };
  let numeric: number;
  if (typeof value === 'string') {
    const text = value.trim();
    if (SHEET_ERRORS.test(text)) return { ok: false, reason: `ошибка формулы ${text.toUpperCase()}` };
    if (!NUMERIC_TEXT.test(text)) return { ok: false, reason: `«${describeCell(text)}» — не число` };
    numeric = Number(text.replace(/[ \u00a0\u202f]/g, '').replace(',', '.'));
  } else if (isDate(value)) {
    return { ok: false, reason: 'дата вместо числа' };
  } else if (typeof value === 'boolean') {
    return { ok: false, reason: `логическое значение ${value ? 'TRUE' : 'FALSE'} вместо числа` };
  } else {
    return { ok: false, reason: 'не число' };
  }
  return wholeQuantity(numeric);
}

/** A number as a quantity: whole units, a negative one counted as 0 (and flagged). */
function wholeQuantity(numeric: number): Quantity {
  if (!Number.isFinite(numeric)) return { ok: false, reason: 'не число' };
  // -0.5 floors to -1 but is still a negative entry; both count as 0.
  if (numeric < 0) return { ok: true, value: 0, negative: true };
  return { ok: true, value: Math.floor(numeric), negative: false };
}

/** The SKU text of a cell: numbers as the sheet shows them without formatting, trimmed. */
export function cellText(value: unknown): string {
  // Text and numbers first: the SKU and id columns hold little else.
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '';
  if (isDate(value)) return value.toISOString();
  return String(value).trim();
}

/** The item ids in one id cell: several may stand there, separated by «;» (one SKU, several cards). */
export function splitIds(value: unknown): string[] {
  const text = cellText(value);
  // Most cells hold one id or none: no need to split, trim and filter.
  if (!text.includes(';')) return text === '' ? [] : [text];
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
