/**
 * Kits (SPEC 5.7): the sheet «Комплекты» lists, per kit, its components and how many of each one kit
 * takes. A kit is a row on «Остатки» with no stock of its own: what it may show follows from its
 * components (allocation.ts computes it after every component row). Read defensively, as everything
 * people type: a wrong line makes its kit invalid and is named by row; nothing here changes a sheet.
 */
import { cellText, describeCell, isBlank, MAX_QUANTITY } from './cells';
import { HEADERS, indexHeaders, normalizeHeader } from './headers';
import type { Problem } from './problems';
import type { AllocationPlan } from './rules';
import type { Channel } from './settings';

export const KITS_SHEET = 'Комплекты';
export const KIT_HEADERS = { kit: 'Комплект', component: 'Артикул', quantity: 'Кол-во' } as const;

type Grid = readonly (readonly unknown[])[];

/**
 * A SKU absent from «Остатки» is often there in other letters («demo-006» for «DEMO-006»): SKUs are
 * told apart by case, so the hint names the one on the sheet. Empty when there is none.
 */
export function caseHint(sku: string, skus: Iterable<string>): string {
  const lower = sku.toLowerCase();
  for (const other of skus)
    if (other !== sku && other.toLowerCase() === lower) return `на листе есть «${other}» — артикулы различают регистр`;
  return '';
}

export interface KitComponent {
  sku: string;
  /** Units of the component one kit takes. */
  qty: number;
  /** Its line on «Комплекты» (1-based). */
  sheetRow: number;
}

export interface Kit {
  sku: string;
  /** Components whose «Кол-во» reads, in sheet order. */
  components: KitComponent[];
  /** The first line on «Комплекты» that names it. */
  sheetRow: number;
  /** A line of it is wrong (a bad «Кол-во», a component twice, a kit inside, a loop): it is never sent. */
  broken: boolean;
}

export interface KitBook {
  kits: Map<string, Kit>;
  /** Every SKU that some kit takes. */
  components: Set<string>;
  problems: Problem[];
}

export type KitsRead = { ok: true; book: KitBook | null } | { ok: false; error: string };

/** A problem on «Комплекты» that keeps its kit from being sent. */
function kitProblem(book: KitBook, kit: Kit, sheetRow: number, column: string, message: string): void {
  kit.broken = true;
  book.problems.push({
    sheet: KITS_SHEET,
    row: sheetRow,
    column,
    message,
    severity: 'error',
    blocks: { sku: kit.sku, until: 'kit' },
  });
}

/**
 * «Комплекты» as read (null: no such sheet, so no kits). Without the «Комплект» column no row of
 * «Остатки» can be told to be a kit — each would go out as a product with no stock — so the
 * recalculation stops; without «Артикул» or «Кол-во» every kit is known but none can be computed.
 */
export function readKits(values: Grid | null): KitsRead {
  if (!values || values.every((row) => row.every(isBlank))) return { ok: true, book: null };
  const headers = indexHeaders(values[0]);
  const kitCol = headers.find(KIT_HEADERS.kit);
  if (kitCol === undefined)
    return {
      ok: false,
      error: `На листе «${KITS_SHEET}» нет столбца «${KIT_HEADERS.kit}». Верните заголовок в первую строку (или удалите лист, если комплектов нет) — пока его нет, пересчёт остановлен, чтобы комплект не ушёл на площадки с нулём.`,
    };
  const book: KitBook = { kits: new Map(), components: new Set(), problems: [] };
  const lines = readLines(
    book,
    values,
    kitCol,
    headers.find(KIT_HEADERS.component),
    headers.find(KIT_HEADERS.quantity),
  );
  for (const line of lines) addLine(book, line);
  checkNesting(book);
  return { ok: true, book };
}

/** One line of «Комплекты»: the kit it belongs to and what it says of one component. */
interface KitLine {
  kit: Kit;
  sheetRow: number;
  component: string;
  qty: number | string;
}

/**
 * The lines, each with its kit: a blank «Комплект» continues the kit above (a kit is often written
 * once over its components). A line that names no kit, and has none above, is named and left out.
 */
function readLines(
  book: KitBook,
  values: Grid,
  kitCol: number,
  componentCol: number | undefined,
  qtyCol: number | undefined,
): KitLine[] {
  const lines: KitLine[] = [];
  let current: Kit | undefined;
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (row.every(isBlank)) continue;
    const named = cellText(row[kitCol]);
    if (named !== '') current = kitNamed(book, named, r + 1);
    if (!current) {
      book.problems.push({
        sheet: KITS_SHEET,
        row: r + 1,
        column: KIT_HEADERS.kit,
        message: 'не указан комплект: строка не учтена',
        severity: 'error',
      });
      continue;
    }
    if (componentCol === undefined || qtyCol === undefined) {
      const missing = componentCol === undefined ? KIT_HEADERS.component : KIT_HEADERS.quantity;
      if (!current.broken)
        kitProblem(book, current, 1, missing, `нет столбца «${missing}»: состав комплекта не прочитан`);
      continue;
    }
    const component = cellText(row[componentCol]);
    lines.push({ kit: current, sheetRow: r + 1, component, qty: kitQuantity(row[qtyCol]) });
  }
  return lines;
}

function kitNamed(book: KitBook, sku: string, sheetRow: number): Kit {
  let kit = book.kits.get(sku);
  if (!kit) {
    kit = { sku, components: [], sheetRow, broken: false };
    book.kits.set(sku, kit);
  }
  return kit;
}

/** «Кол-во» of a line: a whole number of at least 1, or why not. */
function kitQuantity(value: unknown): number | string {
  if (isBlank(value)) return 'не указано количество';
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_QUANTITY)
    return `«${describeCell(value)}» — не целое число больше 0: сколько штук компонента в одном комплекте`;
  return n;
}

function addLine(book: KitBook, line: KitLine): void {
  const { kit, sheetRow, component, qty } = line;
  if (component !== '') book.components.add(component);
  const wrong = lineProblem(line);
  if (wrong) kitProblem(book, kit, sheetRow, wrong.column, wrong.message);
  else kit.components.push({ sku: component, qty: qty as number, sheetRow });
}

/** What keeps a line from counting: no component, a bad «Кол-во», or a component its kit has already. */
function lineProblem({ kit, sheetRow, component, qty }: KitLine): { column: string; message: string } | undefined {
  if (component === '') return { column: KIT_HEADERS.component, message: 'не указан артикул компонента' };
  if (typeof qty === 'string') return { column: KIT_HEADERS.quantity, message: qty };
  const twin = kit.components.find((c) => c.sku === component);
  if (twin)
    return {
      column: KIT_HEADERS.component,
      message: `компонент «${component}» указан в комплекте «${kit.sku}» дважды (строки ${twin.sheetRow}, ${sheetRow}): оставьте одну строку с общим количеством`,
    };
  return undefined;
}

/** A kit among the components of a kit is refused; when it leads back to the kit, the loop is named. */
function checkNesting(book: KitBook): void {
  for (const kit of book.kits.values()) {
    for (const c of kit.components) {
      if (!book.kits.has(c.sku)) continue;
      const loop = pathBack(book, c.sku, kit.sku, new Set());
      const message =
        c.sku === kit.sku
          ? `комплект «${kit.sku}» указан компонентом самого себя`
          : loop
            ? `комплекты входят друг в друга по кругу: ${[kit.sku, ...loop].join(' → ')}`
            : `компонент «${c.sku}» сам комплект: комплект в комплекте не поддерживается — перечислите его компоненты`;
      kitProblem(book, kit, c.sheetRow, KIT_HEADERS.component, message);
    }
  }
}

/** The kits from `from` to `to` through kits' components (both included), or undefined when none leads there. */
function pathBack(book: KitBook, from: string, to: string, seen: Set<string>): string[] | undefined {
  if (from === to) return [to];
  if (seen.has(from)) return undefined;
  seen.add(from);
  for (const c of book.kits.get(from)?.components ?? []) {
    if (!book.kits.has(c.sku)) continue;
    const rest = pathBack(book, c.sku, to, seen);
    if (rest) return [from, ...rest];
  }
  return undefined;
}

/** What a component row gives its kits: e_w per warehouse (reserves taken off), its safety stock, «К продаже». */
export interface ComponentStock {
  effective: readonly number[];
  safety: number;
  forSale: number;
}

/**
 * SPEC 5.7: per channel, min over components of floor(A_c(component) / qty), less the kit's own
 * «Страховой запас»; «К продаже» alike from the components' «К продаже».
 */
export function kitAvailability(
  plan: AllocationPlan,
  parts: readonly { stock: ComponentStock; qty: number }[],
  safety: number,
): { available: number[]; forSale: number } {
  let forSale = Number.POSITIVE_INFINITY;
  const available: number[] = plan.channels.map(() => Number.POSITIVE_INFINITY);
  for (const { stock, qty } of parts) {
    forSale = Math.min(forSale, Math.floor(stock.forSale / qty));
    plan.channels.forEach((c, i) => {
      let sum = 0;
      for (const w of c.sources) sum += stock.effective[w];
      available[i] = Math.min(available[i], Math.floor(Math.max(0, sum - stock.safety) / qty));
    });
  }
  const less = (x: number) => (Number.isFinite(x) ? Math.max(0, x - safety) : 0);
  return { available: available.map(less), forSale: less(forSale) };
}

/** What a kit's order reserve says in «Комментарий»: the kit and how many of it the order holds. */
export function kitComment(kit: string, count: number): string {
  return `комплект ${kit} ×${count}`;
}

const KIT_COMMENT = /(?:^|; )комплект (.+?) ×(\d+)(?=;|$)/;

/** The kit (and how many of it) a reserve's «Комментарий» names, if it names one. */
export function kitOfComment(comment: unknown): { kit: string; count: number } | undefined {
  const text = cellText(comment);
  if (!text.includes('комплект ')) return undefined;
  const m = KIT_COMMENT.exec(text);
  return m ? { kit: m[1], count: Number(m[2]) } : undefined;
}

type HintChannel = Pick<Channel, 'name' | 'marketplace' | 'enabled' | 'idHeader'>;

const namesOf = (channels: readonly HintChannel[]) => {
  const names = [...new Set(channels.map((c) => c.name))];
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} и ${names[names.length - 1]}`;
};

/**
 * What a kit row just added to «Остатки» lacks before the marketplaces take it. A channel keyed by an ID
 * column of its own skips a row whose cell is empty: the columns are named. A channel keyed by «Артикул»
 * sends the kit's SKU, which the marketplace refuses as unknown unless one of its cards has that SKU.
 */
export function newKitRowHints(sku: string, channels: readonly HintChannel[]): string[] {
  const marketplaces = channels.filter((c) => c.marketplace !== 'manual' && c.enabled !== false);
  const ownId = (c: HintChannel) => !!c.idHeader && normalizeHeader(c.idHeader) !== normalizeHeader(HEADERS.sku);
  const byId = marketplaces.filter(ownId);
  const bySku = marketplaces.filter((c) => !ownId(c));
  const lines: string[] = [];
  if (bySku.length)
    lines.push(
      `${namesOf(bySku)} ${bySku.length > 1 ? 'получают' : 'получает'} комплект по артикулу: на площадке нужна карточка комплекта с артикулом «${sku}», иначе она его отклонит («товар не найден»).`,
    );
  if (byId.length) {
    const columns = [...new Set(byId.map((c) => `«${c.idHeader}»`))];
    lines.push(
      `В строке «${sku}» ${columns.length > 1 ? 'пусты столбцы' : 'пуст столбец'} ${columns.join(', ')}: впишите ID карточки комплекта на площадке — пока ячейка пуста, ${namesOf(byId)} комплект не ${byId.length > 1 ? 'получают' : 'получает'}.`,
    );
  }
  if (lines.length) lines.push('Если комплект продаётся не везде, исключите его фильтром канала на вкладке «Каналы».');
  return lines;
}
