/**
 * Dates as sellers write them (25.11.2026, 25.11.2026 18:00) and as ISO text, read in the spreadsheet's
 * time zone, and moments shown back the same way. The zone's offset comes from Intl.DateTimeFormat,
 * which both Node and Apps Script's V8 runtime carry with the full time zone database.
 */

/** The manifest's zone (appsscript.json), used when a spreadsheet's own zone is unknown. */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

/** The forms a seller may type, for messages. */
export const DATE_FORMS = '25.11.2026 или 25.11.2026 18:00';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than using it. */
function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall clock in `timeZone` at an instant, as the UTC milliseconds of the same fields. */
function wallClockAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  // Some engines write midnight as hour 24 even in h23.
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
}

/** How far `timeZone` is ahead of UTC at an instant, in milliseconds. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  return wallClockAt(Math.floor(ms / 1000) * 1000, timeZone) - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall-clock time (given as UTC fields) names in `timeZone`. */
function instantOfWallClock(wall: number, timeZone: string): number {
  // The offset at the guess, then at the corrected guess: right on both sides of a DST change.
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

/** Fields that name a real day and time (no 31.02, no 25:00), as UTC milliseconds; NaN otherwise. */
function wallClockOf(y: number, m: number, d: number, hh: number, mm: number, ss: number): number {
  const ms = Date.UTC(y, m - 1, d, hh, mm, ss);
  const back = new Date(ms);
  const real = back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
  return real && hh < 24 && mm < 60 && ss < 60 ? ms : Number.NaN;
}

const RUSSIAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A moment from text: «25.11.2026», «25.11.2026 18:00», or ISO. Without a zone of its own the text is
 * read in `timeZone`. NaN when it is none of these.
 */
export function parseSellerDate(text: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const trimmed = text.trim();
  if (ISO_WITH_ZONE.test(trimmed)) return Date.parse(trimmed.replace(' ', 'T'));
  const ru = RUSSIAN.exec(trimmed);
  const iso = ru ? null : ISO.exec(trimmed);
  const [y, m, d, hh, mm, ss] = ru
    ? [ru[3], ru[2], ru[1], ru[4], ru[5], ru[6]]
    : iso
      ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
      : [];
  if (y === undefined) return Number.NaN;
  const wall = wallClockOf(Number(y), Number(m), Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0));
  return Number.isNaN(wall) ? wall : instantOfWallClock(wall, timeZone);
}

/** Whether the text is in a seller's form (25.11.2026 …), rather than ISO. */
export function isRussianDate(text: string): boolean {
  return RUSSIAN.test(text.trim());
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The number format every time the add-on writes to a sheet gets: Sheets shows the Date in the
 * spreadsheet's zone as formatSellerDate does (Sheets' pattern letters: «mm» after the hour is minutes,
 * «hh» without am/pm is 24-hour).
 */
export const SHEET_TIME_FORMAT = 'dd.mm.yyyy hh:mm';

/** «25.11.2026 18:00»: an instant as the spreadsheet shows it in its zone. */
export function formatSellerDate(ms: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const wall = new Date(wallClockAt(ms, timeZone));
  const day = `${pad(wall.getUTCDate())}.${pad(wall.getUTCMonth() + 1)}.${wall.getUTCFullYear()}`;
  return `${day} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}
