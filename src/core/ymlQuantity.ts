/**
 * The stock of one YML/XML offer as suppliers really write it (SPEC 4, `yml` source), pure.
 * Feeds state it in many ways — Yandex's `<count>` or `<outlets><outlet instock>`, shop exports'
 * `<stock_quantity>`, `<quantity>` or `<stock>`, and `<param name="Остаток">` with «7 шт.» — and an
 * offer whose number cannot be read is *unknown* (it keeps its previous number), never 0.
 */
import { parseQuantity } from './cells';

/** An offer of a YML/XML feed, as the adapter read it. */
export interface FeedOffer {
  id?: string;
  vendorCode?: string;
  barcodes: string[];
  /** The first text of each child element by name, and the offer's `available` attribute. */
  values: Record<string, string>;
  /** `<param name="…">…</param>`, in feed order. */
  params?: { name: string; value: string }[];
  /** `instock` of each `<outlets><outlet>`, undefined where an outlet has none. */
  outlets?: (string | undefined)[];
}

/**
 * The forms an offer's stock is read from, most specific first: the first form that holds a number
 * wins; one that is absent or holds no number is passed over.
 *   1. `<stock_quantity>` — names both stock and quantity (WooCommerce and the exports copying it);
 *   2. `<count>` — Yandex YML's own element for the number in stock;
 *   3. `<outlets><outlet instock="…"/>` — Yandex's older per-outlet form, summed over the outlets;
 *   4. `<quantity>`, 5. `<stock>` — common, but in some feeds a pack size or a yes/no flag;
 *   6. `<param>` «Остаток», «Количество», «В наличии», «Наличие», in that order — free-form, so last.
 * No number anywhere: «нет» in «В наличии»/«Наличие», or `available="false"`, is 0; anything else
 * («да», `available="true"`, nothing at all) is unknown.
 */
const ELEMENTS_BEFORE_OUTLETS = ['stock_quantity', 'count'];
const ELEMENTS_AFTER_OUTLETS = ['quantity', 'stock'];
const QUANTITY_PARAMS = ['остаток', 'количество', 'в наличии', 'наличие'];
const PRESENCE_PARAMS = ['в наличии', 'наличие'];
const ABSENT = new Set(['нет', 'нет в наличии', 'отсутствует', 'false']);

// «7 шт.», «7 штук», «7 ед.», «7 pcs»: the unit goes, the number stays.
const UNIT = /\s*(?:шт|штук[аи]?|ед|pcs?)\.?$/i;
// «>10», «более 10», «свыше 10», «10+»: read as 10, the least the supplier promises.
const AT_LEAST = /^(?:>=?|≥|более|больше|свыше)\s*/i;

/** The number a feed's text states, or null: «7», « 1 200 », «7,0», «7 шт.», «более 10». */
export function feedNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const bare = text
    .trim()
    .replace(UNIT, '')
    .replace(AT_LEAST, '')
    .replace(/\s*\+$/, '');
  if (bare === '') return null;
  const q = parseQuantity(bare);
  return q.ok ? q.value : null;
}

/** Text without case, outer spaces or doubled inner spaces: how names and flag values compare. */
function plain(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Sum of the outlets' `instock`; null when none states one or any states something else (a partial sum would undercount). */
function outletsNumber(outlets: readonly (string | undefined)[]): number | null {
  let sum: number | null = null;
  for (const instock of outlets) {
    if (instock === undefined || instock.trim() === '') continue;
    const n = feedNumber(instock);
    if (n === null) return null;
    sum = (sum ?? 0) + n;
  }
  return sum;
}

/** The offer's stock: a whole number, or null when the feed does not say (unknown, never 0). */
export function offerQuantity(offer: FeedOffer): number | null {
  const elements = new Map<string, string>();
  for (const [name, text] of Object.entries(offer.values)) {
    const key = name.toLowerCase();
    if (!elements.has(key)) elements.set(key, text);
  }
  // Of several params with one name, the first: taking the first of, say, per-city lines undercounts, a sum of repeats would overcount.
  const params = new Map<string, string>();
  for (const p of offer.params ?? []) {
    const key = plain(p.name);
    if (!params.has(key)) params.set(key, p.value);
  }
  const forms: (() => number | null)[] = [
    ...ELEMENTS_BEFORE_OUTLETS.map((name) => () => feedNumber(elements.get(name))),
    () => outletsNumber(offer.outlets ?? []),
    ...ELEMENTS_AFTER_OUTLETS.map((name) => () => feedNumber(elements.get(name))),
    ...QUANTITY_PARAMS.map((name) => () => feedNumber(params.get(name))),
  ];
  for (const form of forms) {
    const n = form();
    if (n !== null) return n;
  }
  if (PRESENCE_PARAMS.some((name) => ABSENT.has(plain(params.get(name) ?? '')))) return 0;
  if (plain(elements.get('available') ?? '') === 'false') return 0;
  return null;
}
