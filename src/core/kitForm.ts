/**
 * The panel's kits form (SPEC 5.7): what «Комплекты» says, kit by kit, for the form to show; the check of
 * what the seller typed (Russian messages at the field's path, nothing invalid is written); and the cells
 * a save changes. A save touches only the kits it names: a line of another kit, a row that is no line, a
 * column the seller added and a formula stay as they are. A line kept keeps its row (and what the seller
 * wrote beside it); a line of a new component goes below the last row, with its kit named in the row, so
 * that sorting the sheet later loses nothing.
 */
import { cellText, isBlank, MAX_QUANTITY } from './cells';
import { indexHeaders, STOCK_SHEET } from './headers';
import { caseHint, KIT_HEADERS, KITS_SHEET } from './kits';

type Grid = readonly (readonly unknown[])[];

/** One line of «Комплекты» as typed: the kit it belongs to (a blank «Комплект» continues the one above). */
export interface KitSheetLine {
  row: number;
  kit: string;
  /** The «Комплект» cell of the row itself is blank: the kit comes from a row above. */
  continued: boolean;
  component: string;
  qty: unknown;
}

export interface KitColumns {
  kit: number;
  component: number;
  quantity: number;
}

export type KitSheetRead =
  | { ok: true; columns: KitColumns | null; lines: KitSheetLine[]; width: number; height: number }
  | { ok: false; error: string };

/** The lines of «Комплекты» (columns null: no sheet, or a blank one, which a save fills with headers). */
export function readKitSheet(values: Grid | null): KitSheetRead {
  if (!values || values.every((row) => row.every(isBlank)))
    return { ok: true, columns: null, lines: [], width: 0, height: values?.length ?? 0 };
  const headers = indexHeaders(values[0]);
  const kit = headers.find(KIT_HEADERS.kit);
  const component = headers.find(KIT_HEADERS.component);
  const quantity = headers.find(KIT_HEADERS.quantity);
  const missing = [
    kit === undefined && KIT_HEADERS.kit,
    component === undefined && KIT_HEADERS.component,
    quantity === undefined && KIT_HEADERS.quantity,
  ].filter((x) => typeof x === 'string');
  if (kit === undefined || component === undefined || quantity === undefined)
    return {
      ok: false,
      error: `На листе «${KITS_SHEET}» нет ${missing.length > 1 ? 'столбцов' : 'столбца'} ${missing.map((m) => `«${m}»`).join(', ')} в первой строке: верните ${missing.length > 1 ? 'заголовки' : 'заголовок'}, и панель сможет сохранять комплекты.`,
    };
  const lines: KitSheetLine[] = [];
  let current = '';
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    if (row.every(isBlank)) continue;
    const named = cellText(row[kit]);
    if (named !== '') current = named;
    if (current === '') continue;
    lines.push({
      row: r + 1,
      kit: current,
      continued: named === '',
      component: cellText(row[component]),
      qty: row[quantity],
    });
  }
  const width = values.reduce((w, row) => Math.max(w, row.length), 0);
  return { ok: true, columns: { kit, component, quantity }, lines, width, height: values.length };
}

/** A kit as the form shows it: its first row and its lines, «Кол-во» as the sheet has it. */
export interface KitView {
  sku: string;
  row: number;
  components: { sku: string; qty: number | string; row: number }[];
}

/** The kits of «Комплекты» in sheet order, at most `limit` of them, and how many there are in all. */
export function kitViews(lines: readonly KitSheetLine[], limit: number): { list: KitView[]; total: number } {
  const byKit = new Map<string, KitView>();
  for (const line of lines) {
    let view = byKit.get(line.kit);
    if (!view) {
      view = { sku: line.kit, row: line.row, components: [] };
      byKit.set(line.kit, view);
    }
    const qty = typeof line.qty === 'number' ? line.qty : cellText(line.qty);
    view.components.push({ sku: line.component, qty, row: line.row });
  }
  const all = [...byKit.values()];
  return { list: all.slice(0, limit), total: all.length };
}

export interface KitFormError {
  path: string;
  message: string;
}

/**
 * A kit the form saves: its SKU, the SKU it had on the sheet when the form read it (`was`; none: a new
 * kit, which may not take the SKU of a kit on the sheet), its components.
 */
export interface KitEdit {
  sku: string;
  was?: string;
  components: { sku: string; qty: number }[];
}

/** What a save checks against: the SKUs of «Остатки» and, per kit SKU, the row where its warehouse cells hold a number. */
export interface KitCheckContext {
  stockSkus: ReadonlySet<string>;
  stockedKitRows?: ReadonlyMap<string, { row: number; column: string; value: string }>;
  /** Every kit on «Комплекты» now, with its components: a save must not make a kit of one that is left. */
  lines: readonly KitSheetLine[];
}

export type KitFormCheck = { ok: true; kits: KitEdit[]; removed: string[] } | { ok: false; errors: KitFormError[] };

/** «Кол-во» as typed: a whole number from 1, or undefined. */
function wholeCount(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_QUANTITY ? n : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A cell written with one of these first is read by the spreadsheet as a formula. */
const FORMULA_START = /^[=+\-@]/;
const LOOP = 'Комплекты входят друг в друга по кругу: ';
const duplicateKitMessage = (sku: string) => `Комплект «${sku}» уже есть: у одного артикула — один состав.`;
const FORMULA_SKU = 'Артикул не может начинаться с «=», «+», «-» или «@»: таблица прочтёт его как формулу.';

/** The kits typed in the form, read field by field; each wrong field is named with its path. */
function readEdits(input: unknown, errors: KitFormError[]): KitEdit[] {
  if (!Array.isArray(input)) {
    errors.push({ path: 'kits', message: 'Не понял список комплектов: обновите панель и попробуйте ещё раз.' });
    return [];
  }
  return input.map((raw, i) => {
    const kit = record(raw) ?? {};
    const sku = cellText(kit.sku);
    const was = cellText(kit.was);
    if (sku === '') errors.push({ path: `kits.${i}.sku`, message: 'Артикул комплекта: не указан.' });
    else if (FORMULA_START.test(sku)) errors.push({ path: `kits.${i}.sku`, message: FORMULA_SKU });
    const parts = Array.isArray(kit.components) ? kit.components : [];
    if (!parts.length) errors.push({ path: `kits.${i}.components`, message: 'Добавьте хотя бы один компонент.' });
    const components = parts.map((part, j) => {
      const c = record(part) ?? {};
      const path = `kits.${i}.components.${j}`;
      const csku = cellText(c.sku);
      if (csku === '') errors.push({ path: `${path}.sku`, message: 'Артикул компонента: не указан.' });
      else if (FORMULA_START.test(csku)) errors.push({ path: `${path}.sku`, message: FORMULA_SKU });
      const qty = wholeCount(c.qty);
      if (qty === undefined)
        errors.push({
          path: `${path}.qty`,
          message: `Кол-во: ${isBlank(c.qty) ? 'не указано' : `«${cellText(c.qty)}» — не целое число больше 0`} — сколько штук компонента в одном комплекте.`,
        });
      return { sku: csku, qty: qty ?? 0 };
    });
    return { sku, ...(was ? { was } : {}), components };
  });
}

/**
 * What the form asks to save, checked whole: `kits` are written (each replaces its kit, or the kit it
 * was renamed from), `removed` are taken off the sheet, every other kit on the sheet stays. A kit both
 * removed and saved (the seller removed it and added it back under its SKU) is replaced by the saved one.
 */
export function checkKitEdits(kitsInput: unknown, removedInput: unknown, ctx: KitCheckContext): KitFormCheck {
  const errors: KitFormError[] = [];
  const kits = readEdits(kitsInput, errors);
  const asked = Array.isArray(removedInput) ? removedInput.map(cellText).filter((s) => s !== '') : [];
  // A kit removed and saved again under its SKU in one go (removed, then added back) is replaced: the saved
  // one wins. A removed kit whose SKU another kit is renamed to stays removed: its lines make way.
  const removed = [...new Set(asked)].filter((sku) => !kits.some((k) => k.sku === sku && (k.was ?? sku) === sku));
  // The kits the sheet will hold after the save: the ones left as they are, then the ones written.
  const book = new Map<string, string[]>();
  const gone = new Set([...asked, ...kits.flatMap((k) => (k.was ? [k.was] : []))]);
  for (const line of ctx.lines)
    if (!gone.has(line.kit)) book.set(line.kit, [...(book.get(line.kit) ?? []), line.component]);
  kits.forEach((kit, i) => {
    if (kit.sku === '') return;
    if (kits.findIndex((k) => k.sku === kit.sku) !== i || book.has(kit.sku))
      errors.push({ path: `kits.${i}.sku`, message: duplicateKitMessage(kit.sku) });
    else
      book.set(
        kit.sku,
        kit.components.map((c) => c.sku),
      );
  });
  kits.forEach((kit, i) => {
    checkKitRow(kit, i, ctx, book, errors);
    kit.components.forEach((_, j) => {
      checkComponent(kit, j, { book, stockSkus: ctx.stockSkus, path: `kits.${i}.components.${j}.sku` }, errors);
    });
  });
  return errors.length ? { ok: false, errors } : { ok: true, kits, removed };
}

/**
 * The kit's own row: not a component of another kit, no stock of its own on «Остатки», and not a row
 * of «Остатки» typed in other letters (a save would add a second row the marketplaces do not know).
 */
function checkKitRow(
  kit: KitEdit,
  i: number,
  ctx: KitCheckContext,
  book: ReadonlyMap<string, string[]>,
  errors: KitFormError[],
): void {
  if (kit.sku === '') return;
  const path = `kits.${i}.sku`;
  const holder = [...book].find(([other, parts]) => other !== kit.sku && parts.includes(kit.sku));
  if (holder)
    errors.push({
      path,
      message: `«${kit.sku}» входит в комплект «${holder[0]}»: комплект в комплекте не поддерживается — перечислите там компоненты «${kit.sku}».`,
    });
  const twin = ctx.stockSkus.has(kit.sku) ? undefined : caseTwin(kit.sku, ctx.stockSkus);
  if (twin)
    errors.push({
      path,
      message: `На листе «${STOCK_SHEET}» есть «${twin}» — артикулы различают регистр: впишите так же, как на листе.`,
    });
  const stocked = ctx.stockedKitRows?.get(kit.sku);
  if (stocked)
    errors.push({
      path,
      message: `У «${kit.sku}» на листе «Остатки» (строка ${stocked.row}, столбец «${stocked.column}») есть остаток ${stocked.value}: остаток комплекта считается из компонентов — очистите ячейки складов этой строки или выберите другой артикул.`,
    });
}

/** The SKU of «Остатки» that differs from `sku` only by letter case, if any. */
function caseTwin(sku: string, skus: ReadonlySet<string>): string | undefined {
  const lower = sku.toLowerCase();
  for (const other of skus) if (other.toLowerCase() === lower) return other;
  return undefined;
}

function checkComponent(
  kit: KitEdit,
  j: number,
  { book, stockSkus, path }: { book: ReadonlyMap<string, string[]>; stockSkus: ReadonlySet<string>; path: string },
  errors: KitFormError[],
): void {
  const c = kit.components[j].sku;
  if (c === '' || FORMULA_START.test(c)) return;
  const message = componentProblem(kit, j, book, stockSkus);
  if (message) errors.push({ path, message });
}

function componentProblem(
  kit: KitEdit,
  j: number,
  book: ReadonlyMap<string, string[]>,
  stockSkus: ReadonlySet<string>,
): string | undefined {
  const c = kit.components[j].sku;
  if (c === kit.sku) return 'Комплект не может входить в себя сам: укажите артикул компонента.';
  if (kit.components.findIndex((x) => x.sku === c) !== j)
    return `Компонент «${c}» уже есть в этом комплекте: оставьте одну строку с общим количеством.`;
  if (book.has(c)) {
    const loop = kit.sku ? pathBack(book, c, kit.sku, new Set()) : undefined;
    return loop
      ? `${LOOP}${[kit.sku, ...loop].join(' → ')}.`
      : `«${c}» — сам комплект: комплект в комплекте не поддерживается — перечислите его компоненты.`;
  }
  if (!stockSkus.has(c)) {
    const twin = caseHint(c, stockSkus);
    return twin
      ? `Артикула «${c}» нет на листе «Остатки»: ${twin}.`
      : `Артикула «${c}» нет на листе «Остатки»: сначала добавьте строку этого товара.`;
  }
  return undefined;
}

function pathBack(
  book: ReadonlyMap<string, string[]>,
  from: string,
  to: string,
  seen: Set<string>,
): string[] | undefined {
  if (from === to) return [to];
  if (seen.has(from)) return undefined;
  seen.add(from);
  for (const c of book.get(from) ?? []) {
    if (!book.has(c)) continue;
    const rest = pathBack(book, c, to, seen);
    if (rest) return [from, ...rest];
  }
  return undefined;
}

/** A cell a save writes (1-based); `owned`: one of the three columns the form fills. */
export interface KitCell {
  row: number;
  column: number;
  value: string | number;
  owned: boolean;
}

export type KitSheetPlan = { kind: 'create'; rows: (string | number)[][] } | { kind: 'cells'; cells: KitCell[] };

/**
 * The cells a save writes on «Комплекты» (`values`: the sheet as it is, read by readKitSheet). A kept
 * line gets its «Кол-во» (and its kit, if renamed or no longer continued from above); a dropped line's
 * row is emptied; a new line goes below the last row. A line a saved kit keeps is kept even if its kit
 * is also in `removed`: the sheet then reads as the form said for every kit the save names.
 */
export function planKitSheet(
  values: Grid | null,
  read: Extract<KitSheetRead, { ok: true }>,
  check: { kits: KitEdit[]; removed: string[] },
): KitSheetPlan {
  const fresh = check.kits.flatMap((k) => k.components.map((c) => [k.sku, c.sku, c.qty]));
  const headers = [KIT_HEADERS.kit, KIT_HEADERS.component, KIT_HEADERS.quantity];
  if (!values || !read.columns) {
    if (!values) return { kind: 'create', rows: [headers, ...fresh] };
    const cells = [headers, ...fresh].flatMap((row, r) =>
      row.map((value, c) => ({ row: r + 1, column: c + 1, value, owned: true })),
    );
    return { kind: 'cells', cells };
  }
  const cols = read.columns;
  const intended = new Map<number, string>();
  const cells: KitCell[] = [];
  const set = (row: number, column: number, value: string | number, owned = true): void => {
    cells.push({ row, column: column + 1, value, owned });
  };
  const byName = new Map(check.kits.map((k) => [k.was ?? k.sku, k]));
  const removed = new Set(check.removed);
  let next = read.height + 1;
  for (const kit of check.kits) {
    const lines = read.lines.filter((l) => l.kit === (kit.was ?? kit.sku));
    for (const c of kit.components) {
      const line = lines.find((l) => l.component === c.sku && !intended.has(l.row));
      if (!line) {
        set(next, cols.kit, kit.sku);
        set(next, cols.component, c.sku);
        set(next, cols.quantity, c.qty);
        next++;
        continue;
      }
      intended.set(line.row, kit.sku);
      if (line.qty !== c.qty) set(line.row, cols.quantity, c.qty);
    }
  }
  for (const line of read.lines) {
    // A line a saved kit keeps stays even if its kit is also removed: removed and saved is replaced.
    const gone = !intended.has(line.row) && (removed.has(line.kit) || byName.has(line.kit));
    if (gone) {
      values[line.row - 1].forEach((v, c) => {
        if (!isBlank(v)) set(line.row, c, '', ownedColumn(cols, c));
      });
    } else if (!intended.has(line.row)) intended.set(line.row, line.kit);
  }
  return { kind: 'cells', cells: [...cells, ...kitCellFixes(values, read, intended, cells)] };
}

function ownedColumn(cols: KitColumns, c: number): boolean {
  return c === cols.kit || c === cols.component || c === cols.quantity;
}

/**
 * After the lines are moved about, each kept line must still read as its kit: its «Комплект» is written
 * where it is blank and the row above (now) belongs to another kit, or where the kit was renamed.
 */
function kitCellFixes(
  values: Grid,
  read: Extract<KitSheetRead, { ok: true }>,
  intended: ReadonlyMap<number, string>,
  written: readonly KitCell[],
): KitCell[] {
  const cols = read.columns as KitColumns;
  const emptied = new Set(written.filter((c) => c.value === '').map((c) => c.row));
  const fixes: KitCell[] = [];
  let current = '';
  for (const line of read.lines) {
    const kit = intended.get(line.row);
    if (kit === undefined || emptied.has(line.row)) continue;
    const own = cellText(values[line.row - 1][cols.kit]);
    if (own !== kit && (own !== '' || current !== kit))
      fixes.push({ row: line.row, column: cols.kit + 1, value: kit, owned: true });
    current = kit;
  }
  return fixes;
}

/**
 * The errors of a refused save, each held by the form against the kit (and the component) it is about,
 * not by its place: the places move as kits and components are removed from the form. `K` and `C` are
 * the form's own kit and component objects.
 */
export interface HeldKitErrors<K, C> {
  /** Each kit sent, with its SKU as sent: the errors name kits by it. */
  sent: ReadonlyMap<K, string>;
  errors: readonly { message: string; kit?: K; part?: C; tail: string }[];
}

interface FormKit<K, C> {
  ref: K;
  parts: readonly C[];
}

const KIT_PATH = /^kits\.(\d+)(?:\.components\.(\d+))?(\..+)?$/;

/** The errors of a refused save (paths into `sent`, the kits in the order they were sent) held by their kits. */
export function holdKitErrors<K, C>(
  errors: readonly KitFormError[],
  sent: readonly (FormKit<K, C> & { sku: string })[],
): HeldKitErrors<K, C> {
  return {
    sent: new Map(sent.map((k) => [k.ref, k.sku.trim()])),
    errors: errors.map((e) => {
      const m = KIT_PATH.exec(e.path);
      const kit = m ? sent[Number(m[1])] : undefined;
      if (!m || !kit) return { message: e.message, tail: e.path };
      const part = m[2] === undefined ? undefined : kit.parts[Number(m[2])];
      if (m[2] !== undefined && part === undefined) return { message: e.message, tail: e.path };
      return { message: e.message, kit: kit.ref, ...(part === undefined ? {} : { part }), tail: m[3] ?? '' };
    }),
  };
}

/**
 * The held errors at their paths in the form as it is now (`kit`, `part`: their places): one about a kit
 * or a component no longer in the form is gone with it; one about the form as a whole stays.
 */
export function placedKitErrors<K, C>(
  held: HeldKitErrors<K, C>,
  form: readonly FormKit<K, C>[],
): { path: string; message: string; kit?: number; part?: number }[] {
  return held.errors.flatMap((e) => {
    if (e.kit === undefined) return [{ path: e.tail, message: e.message }];
    const i = form.findIndex((k) => k.ref === e.kit);
    if (i < 0) return [];
    if (e.part === undefined) return [{ path: `kits.${i}${e.tail}`, message: e.message, kit: i }];
    const j = form[i].parts.indexOf(e.part);
    if (j < 0) return [];
    return [{ path: `kits.${i}.components.${j}${e.tail}`, message: e.message, kit: i, part: j }];
  });
}

/**
 * A kit the seller removed from the form after the refused save: its errors go, and so do the other kits'
 * errors that name it («… входит в комплект «X»», «… — сам комплект», a circle through it). A kit sent
 * under the same SKU keeps its own errors but the one that it had a twin.
 */
export function withoutKit<K, C>(held: HeldKitErrors<K, C>, ref: K): HeldKitErrors<K, C> {
  const sku = held.sent.get(ref) ?? '';
  const names = (e: HeldKitErrors<K, C>['errors'][number]) => {
    if (sku === '' || e.kit === undefined) return false;
    if (held.sent.get(e.kit) === sku) return e.message === duplicateKitMessage(sku);
    const circle = e.message.startsWith(LOOP) && e.message.slice(LOOP.length, -1).split(' → ').includes(sku);
    return circle || e.message.includes(`«${sku}»`);
  };
  return { sent: held.sent, errors: held.errors.filter((e) => e.kit !== ref && !names(e)) };
}
