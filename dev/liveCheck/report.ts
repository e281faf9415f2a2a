/**
 * What the live check prints: plain tables for a maintainer, and one way out for every line, so
 * that no key value ever reaches the terminal (a marketplace or a library may echo one back).
 */

export type Cell = string | number | undefined;

const MASK = '***';
/** Shorter values would mask ordinary digits in ids; a real key is far longer. */
const MIN_SECRET_LENGTH = 4;

export class Printer {
  private readonly secrets: string[];

  constructor(secrets: readonly (string | undefined)[]) {
    // Each key also as messages flatten it (whitespace runs as one space), longest first, so
    // that a key containing another is masked whole.
    const variants = secrets.flatMap((s) => (s ? [s, s.trim(), s.replace(/\s+/g, ' ').trim()] : []));
    this.secrets = [...new Set(variants.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort(
      (a, b) => b.length - a.length,
    );
  }

  clean(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return out;
  }

  line(text = ''): void {
    process.stdout.write(`${this.clean(text)}\n`);
  }

  error(text: string): void {
    process.stderr.write(`${this.clean(text)}\n`);
  }

  section(title: string): void {
    this.line();
    this.line(title);
    this.line('='.repeat(title.length));
  }

  table(headers: readonly string[], rows: readonly (readonly Cell[])[]): void {
    if (!rows.length) {
      this.line('(пусто)');
      return;
    }
    for (const text of formatTable(headers, rows)) this.line(text);
  }
}

export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  const cells = [headers.map(String), ...rows.map((r) => headers.map((_, i) => cellText(r[i])))];
  // reduce, not Math.max(...): a table of every SKU of a large catalogue would overflow the call stack.
  const widths = headers.map((_, i) => cells.reduce((w, r) => Math.max(w, r[i].length), 0));
  const render = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [render(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(render)];
}

function cellText(value: Cell): string {
  if (value === undefined) return '';
  return String(value).replace(/\s+/g, ' ');
}

/** «4 мин 05 с», for how long the marketplace took. */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes ? `${minutes} мин ${String(rest).padStart(2, '0')} с` : `${rest} с`;
}

export const UNKNOWN = 'неизвестно';

export function shown(stocks: ReadonlyMap<string, number>, id: string): number | string {
  return stocks.has(id) ? (stocks.get(id) as number) : UNKNOWN;
}
