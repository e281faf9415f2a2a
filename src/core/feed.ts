/**
 * The YML feed of a manual channel (SPEC 5.8): what the last recalculation wrote in the channel's column
 * of «Остатки», as `yml_catalog/shop/offers/offer`, for a site's CMS (Tilda, InSales, Bitrix) or a
 * marketplace that imports feeds. Pure: it reads the sheet's values and writes nothing.
 *
 * Decisions where the spec is silent:
 * - an offer is published only where the channel's cell holds a number (≥ 0, whole units): a blank cell means
 *   the recalculation did not give that row a number (an invalid row, a filtered one, a kit with a broken
 *   component, a row added since) — it is left out rather than published as 0, so a site keeps its last number
 *   instead of selling out a product that has stock;
 * - the offer's `id` is the channel's id cell («Столбец ID товара», default «Артикул»); a cell with several ids
 *   («;») gives an offer for each, with the same count, as a marketplace channel sends them;
 * - `price`, `currencyId` RUR and `categoryId` only when «Цена» is on the sheet and the row's price is a number
 *   above 0 (a site should never show a product for 0 ₽); otherwise the offer has no price;
 * - `name` is «Наименование», or the SKU where the sheet has no name (YML needs one);
 * - `date` is the time of the last recalculation (what the numbers are), UTC in ISO 8601.
 */
import { cellText, splitIds } from './cells';
import { HEADERS, indexHeaders } from './headers';
import type { Channel } from './settings';

export const PRICE_HEADER = 'Цена';
/** The one category every offer is in: the spec asks for a default category, and sites map it on import. */
export const FEED_CATEGORY = { id: '1', name: 'Товары' } as const;

export interface FeedInput {
  channel: Pick<Channel, 'name' | 'column' | 'idHeader'>;
  /** «Остатки» as getValues gives it: the header row first. */
  stock: readonly (readonly unknown[])[];
  /** When the numbers were computed (the last recalculation), ms since the epoch. */
  at: number;
}

export type FeedResult = { ok: true; xml: string; offers: number } | { ok: false; error: string };

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what XML 1.0 forbids, and what is looked for
const SPECIAL = /[&<>"'\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or an attribute value. */
export function xmlEscape(text: string): string {
  // Most SKUs and names need nothing: one test instead of several replaces.
  if (!SPECIAL.test(text)) return text;
  return (
    text
      .replace(LONE_SURROGATE, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML 1.0 forbids are dropped
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[&<>"']/g, (c) => ENTITIES[c])
  );
}

/** A price cell as a number above 0: a number, or text like «1 290,50»; anything else is no price. */
export function priceOf(value: unknown): number | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
    if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
    n = Number(text);
  } else return undefined;
  return Number.isFinite(n) && n > 0 ? Math.round(n * 100) / 100 : undefined;
}

/** The channel's number in a cell as the recalculation wrote it; undefined: no number, no offer. */
export function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

function header(name: string, at: number): string {
  const shop = xmlEscape(name);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<yml_catalog date="${new Date(at).toISOString().slice(0, 19)}Z">`,
    '<shop>',
    `<name>${shop}</name>`,
    `<company>${shop}</company>`,
    '<currencies><currency id="RUR" rate="1"/></currencies>',
    `<categories><category id="${FEED_CATEGORY.id}">${FEED_CATEGORY.name}</category></categories>`,
    '<offers>',
  ].join('\n');
}

/** Builds the whole feed in one pass over the rows, joined once (50,000 offers in well under a second). */
export function buildFeed(input: FeedInput): FeedResult {
  const { channel, stock } = input;
  const headers = indexHeaders(stock[0] ?? []);
  const skuCol = headers.find(HEADERS.sku);
  const qtyCol = headers.find(channel.column);
  if (skuCol === undefined) return { ok: false, error: `На листе «Остатки» нет столбца «${HEADERS.sku}»` };
  if (qtyCol === undefined)
    return { ok: false, error: `На листе «Остатки» нет столбца канала «${channel.column}»: нажмите «Пересчитать»` };
  const idCol = channel.idHeader ? headers.find(channel.idHeader) : skuCol;
  // A renamed ID column would publish a catalogue without offers, which an importer reads as «sold out».
  if (idCol === undefined)
    return {
      ok: false,
      error: `На листе «Остатки» нет столбца ID товара «${channel.idHeader}» канала «${channel.name}»`,
    };
  const nameCol = headers.find(HEADERS.name);
  const priceCol = headers.find(PRICE_HEADER);
  const parts: string[] = [header(channel.name, input.at)];
  let offers = 0;
  for (let r = 1; r < stock.length; r++) {
    const row = stock[r];
    const sku = cellText(row[skuCol]);
    const count = countOf(row[qtyCol]);
    if (!sku || count === undefined) continue;
    const ids = splitIds(row[idCol]);
    const name = nameCol === undefined ? '' : cellText(row[nameCol]);
    const price = priceCol === undefined ? undefined : priceOf(row[priceCol]);
    const body = [
      `<count>${count}</count>`,
      `<vendorCode>${xmlEscape(sku)}</vendorCode>`,
      `<name>${xmlEscape(name || sku)}</name>`,
      price === undefined
        ? ''
        : `<price>${price}</price><currencyId>RUR</currencyId><categoryId>${FEED_CATEGORY.id}</categoryId>`,
      '</offer>',
    ].join('');
    for (const id of ids) {
      parts.push(`<offer id="${xmlEscape(id)}" available="${count > 0}">${body}`);
      offers++;
    }
  }
  // Nothing to publish is never an empty catalogue either: the site keeps its last numbers instead.
  if (offers === 0) return { ok: false, error: `В столбце «${channel.column}» нет ни одного товара с числом и ID` };
  parts.push('</offers>\n</shop>\n</yml_catalog>\n');
  return { ok: true, xml: parts.join('\n'), offers };
}
