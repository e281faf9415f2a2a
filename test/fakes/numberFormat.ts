/**
 * How the fake spreadsheet shows a cell (getDisplayValues), for the date-time patterns Sheets documents
 * (developers.google.com/sheets/api/guides/formats): d, dd, m, mm (month, or minutes right after an hour or
 * right before seconds), yyyy, yy, h, hh (24-hour: no am/pm here), s, ss, and literal separators. A Date
 * shows its wall clock in the spreadsheet's time zone, as Sheets does. A pattern outside this subset throws:
 * the fake cannot show it, and a test must not pass on a guess. Its own small code, not src/core/dates.ts:
 * the fake checks the add-on, so it does not borrow the add-on's arithmetic.
 */

/** What Sheets gives a Date written to a cell without a number format (its ru_RU date-time pattern). */
export const AUTO_DATE_TIME = 'dd.mm.yyyy h:mm:ss';

type Token = { kind: 'y' | 'd' | 'M' | 'h' | 'min' | 's'; width: number } | { kind: 'text'; text: string };

const TOKEN = /yyyy|yy|dd|d|hh|h|mm|m|ss|s|[^a-zA-Z]+|[a-zA-Z]/g;

function tokenize(pattern: string): Token[] {
  const raw = pattern.match(TOKEN) ?? [];
  const tokens: Token[] = raw.map((t) => {
    if (!/[a-zA-Z]/.test(t)) return { kind: 'text', text: t };
    if (!/^(y{2}|y{4}|d{1,2}|h{1,2}|m{1,2}|s{1,2})$/.test(t))
      throw new Error(`test fake: number format «${pattern}» is outside what the fake can show («${t}»)`);
    const kind = t[0] === 'm' ? 'M' : (t[0] as 'y' | 'd' | 'h' | 's');
    return { kind, width: t.length };
  });
  // «m» names minutes right after an hour or right before seconds, the month otherwise (Sheets' rule).
  const fields = tokens.filter((t) => t.kind !== 'text') as Extract<Token, { width: number }>[];
  fields.forEach((t, i) => {
    if (t.kind === 'M' && (fields[i - 1]?.kind === 'h' || fields[i + 1]?.kind === 's')) t.kind = 'min';
  });
  return tokens;
}

const checked = new Map<string, Token[]>();

/** The pattern's tokens; throws for a pattern the fake cannot show. */
export function parseNumberFormat(pattern: string): Token[] {
  let found = checked.get(pattern);
  if (!found) {
    found = tokenize(pattern);
    checked.set(pattern, found);
  }
  return found;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(ms: number, timeZone: string): Record<'y' | 'M' | 'd' | 'h' | 'min' | 's', number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: n('year'), M: n('month'), d: n('day'), h: n('hour') % 24, min: n('minute'), s: n('second') };
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** What a cell shows: a Date by its pattern in `timeZone`, a number with the ru_RU decimal comma, text as it is. */
export function displayValue(value: unknown, pattern: string | undefined, timeZone: string): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'boolean') return value ? 'ИСТИНА' : 'ЛОЖЬ';
  if (!isDate(value)) return String(value);
  const wall = wallClock(value.getTime(), timeZone);
  return parseNumberFormat(pattern ?? AUTO_DATE_TIME)
    .map((t) => {
      if (t.kind === 'text') return t.text;
      const n = t.kind === 'y' && t.width === 2 ? wall.y % 100 : wall[t.kind];
      return String(n).padStart(t.width, '0');
    })
    .join('');
}
