/**
 * 1C's exchange files, CommerceML 2 (SPEC 4, `commerceml` source), pure: offers.xml's «Предложение»
 * elements become source rows. 1C writes the namespace urn:1C.ru:commerceml_2, old exports none; names
 * are read whatever the namespace (xml.ts).
 *
 * An offer is matched by its «Артикул» when it has one, else by its «Ид» — a GUID, «товар#характеристика»
 * for a variant — through import.xml's «Каталог/Товары/Товар» («Ид» → «Артикул»): the full «Ид» first,
 * then the product's part before «#» (variants of one product without their own article then add up to
 * that product's row); the «Ид» itself comes last, for a sheet that keeps 1C's codes as its SKUs.
 */
import type { SourceRead, SourceRows } from './sources';
import { childNamed, childrenNamed, childText, type XmlElement } from './xml';

export const CML_ROOT = 'КоммерческаяИнформация';

/** «5», «5.000», «2,5», «1 200», «-2»: a number as 1C writes it, not yet floored (parts are summed first); null otherwise. */
export function cmlNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const bare = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return /^[+-]?\d+(?:\.\d+)?$/.test(bare) ? Number(bare) : null;
}

/** The sum of the numbers the parts state: undefined when none states one, null when one states something else (a partial sum would undercount). */
function total(texts: readonly (string | undefined)[]): number | null | undefined {
  let sum: number | undefined;
  for (const text of texts) {
    if (text === undefined || text.trim() === '') continue;
    const n = cmlNumber(text);
    if (n === null) return null;
    sum = (sum ?? 0) + n;
  }
  return sum;
}

const under = (el: XmlElement, outer: string, inner: string) => {
  const box = childNamed(el, outer);
  return box ? childrenNamed(box, inner) : [];
};

/** «Остатки/Остаток»: each «Остаток» its own «Количество», or its «Склад» elements' «Количество» added up. */
function restsNumber(offer: XmlElement): number | null | undefined {
  let sum: number | undefined;
  for (const rest of under(offer, 'Остатки', 'Остаток')) {
    const own = childText(rest, 'Количество');
    const n = own ? cmlNumber(own) : total(childrenNamed(rest, 'Склад').map((s) => childText(s, 'Количество')));
    if (n === null) return null;
    if (n !== undefined) sum = (sum ?? 0) + n;
  }
  return sum;
}

/**
 * The forms of an offer's stock, in the order they are read; the first that states a number wins:
 *   1. «Количество» — the offer's total, as 1C itself added it up;
 *   2. «Остатки/Остаток/Количество» or «Остатки/Остаток/Склад/Количество» — CommerceML 2.08 and later;
 *   3. «КоличествоНаСкладах/КоличествоНаСкладе/Количество» — per warehouse, older exports;
 *   4. «Склад» elements' attribute «КоличествоНаСкладе» — per warehouse, the oldest form.
 * Per-warehouse forms are summed over every warehouse the file lists. None of them: unknown (the SKU keeps its number).
 */
const QUANTITY_FORMS: readonly ((offer: XmlElement) => number | null | undefined)[] = [
  (o) => total([childText(o, 'Количество')]),
  restsNumber,
  (o) => total(under(o, 'КоличествоНаСкладах', 'КоличествоНаСкладе').map((s) => childText(s, 'Количество'))),
  (o) => total(childrenNamed(o, 'Склад').map((s) => s.attr('КоличествоНаСкладе'))),
];

/** The offer's stock before flooring (negative left as 1C wrote it); null when no form states a number. */
export function offerQuantity(offer: XmlElement): number | null {
  for (const form of QUANTITY_FORMS) {
    const n = form(offer);
    if (typeof n === 'number') return n;
  }
  return null;
}

/** «СодержитТолькоИзменения» as an attribute (2.04 and later) or a child element (2.03). */
function onlyChanges(el: XmlElement): boolean {
  const flag = el.attr('СодержитТолькоИзменения') ?? childText(el, 'СодержитТолькоИзменения') ?? '';
  return flag.trim().toLowerCase() === 'true';
}

/** What import.xml says: «Артикул» by «Ид» of each «Товар», and whether it lists only changed goods. */
export interface Catalogue {
  articles: Map<string, string>;
  partial: boolean;
}

export const NOT_CML = 'это не файл обмена 1С (CommerceML): в нём нет «КоммерческаяИнформация»';

/** The goods of a file's «Каталог»; null when it has none. */
function catalogueIn(doc: XmlElement): Catalogue | null {
  const catalogue = childNamed(doc, 'Каталог');
  const goods = catalogue ? under(catalogue, 'Товары', 'Товар') : [];
  if (!catalogue || !goods.length) return null;
  const articles = new Map<string, string>();
  for (const item of goods) {
    const id = childText(item, 'Ид');
    const article = childText(item, 'Артикул');
    if (id && article && !articles.has(id)) articles.set(id, article);
  }
  return { articles, partial: onlyChanges(catalogue) };
}

/** import.xml given by its own address: it must be 1C's file with goods in it. */
export function readCatalogue(doc: XmlElement): { ok: true; catalogue: Catalogue } | { ok: false; reason: string } {
  if (doc.name !== CML_ROOT) return { ok: false, reason: NOT_CML };
  const catalogue = catalogueIn(doc);
  if (!catalogue)
    return { ok: false, reason: 'в файле нет товаров («Каталог» → «Товары» → «Товар»): это не import.xml' };
  return { ok: true, catalogue };
}

function offerKeys(offer: XmlElement, articles: ReadonlyMap<string, string>): string[] {
  const id = childText(offer, 'Ид') ?? '';
  const product = id.includes('#') ? id.slice(0, id.indexOf('#')).trim() : '';
  const keys = [
    childText(offer, 'Артикул'),
    articles.get(id),
    product ? articles.get(product) : undefined,
    id,
    product,
  ];
  return [...new Set(keys.filter((k): k is string => !!k))];
}

/** A file none of whose offers is on the sheet is a wrong file or a missing import.xml, not a sell-out. */
export const NONE_MATCHED = 'ни одно предложение offers.xml не нашлось в таблице по «Артикул»';
export const NONE_MATCHED_NO_ARTICLES =
  'ни одно предложение offers.xml не нашлось в таблице: у предложений нет «Артикул» — укажите адрес import.xml, по нему «Ид» сопоставляется с артикулом';

export const NO_QUANTITY_IN_OFFERS =
  'ни у одного предложения offers.xml не читается количество («Количество», «Остатки», «КоличествоНаСкладах» или «Склад» с «КоличествоНаСкладе»)';

/**
 * The rows of offers.xml. `catalogues`: import.xml and any other file with a «Каталог» (a single-file
 * export carries both). A package or a catalogue of «only changes» makes the read partial: an SKU the
 * file does not list keeps its number.
 */
export function commercemlRows(offers: XmlElement, catalogues: readonly Catalogue[] = []): SourceRead {
  if (offers.name !== CML_ROOT) return { ok: false, reason: NOT_CML };
  const pack = childNamed(offers, 'ПакетПредложений');
  if (!pack)
    return { ok: false, reason: 'в файле нет «ПакетПредложений»: это не offers.xml (может быть, указан import.xml)' };
  const own = catalogueIn(offers);
  const all = own ? [own, ...catalogues] : catalogues;
  const articles = new Map<string, string>();
  for (const c of all) for (const [id, article] of c.articles) if (!articles.has(id)) articles.set(id, article);
  const partial = onlyChanges(pack) || all.some((c) => c.partial);
  const rows: SourceRows[] = [];
  let readable = 0;
  let withArticle = false;
  for (const offer of under(pack, 'Предложения', 'Предложение')) {
    const keys = offerKeys(offer, articles);
    withArticle ||= !!childText(offer, 'Артикул');
    if (!keys.length) continue;
    const qty = offerQuantity(offer);
    if (qty !== null) readable++;
    rows.push({ keys, qty: qty ?? '' });
  }
  if (!rows.length && !partial)
    return { ok: false, reason: 'в offers.xml нет ни одного предложения с «Ид» или «Артикул»' };
  if (rows.length && !readable) return { ok: false, reason: NO_QUANTITY_IN_OFFERS };
  const noneMatched = articles.size || withArticle ? NONE_MATCHED : NONE_MATCHED_NO_ARTICLES;
  return partial ? { ok: true, rows, partial, noneMatched } : { ok: true, rows, noneMatched };
}

/** Files attached to one mail: offers.xml (the first file with «ПакетПредложений») with every catalogue among them. */
export function commercemlMailRows(docs: readonly XmlElement[]): SourceRead {
  const cml = docs.filter((d) => d.name === CML_ROOT);
  const offers = cml.find((d) => childNamed(d, 'ПакетПредложений'));
  if (!offers)
    return { ok: false, reason: 'во вложенных XML нет предложений 1С («ПакетПредложений»): нужен offers.xml' };
  const catalogues = cml.filter((d) => d !== offers).flatMap((d) => catalogueIn(d) ?? []);
  return commercemlRows(offers, catalogues);
}
