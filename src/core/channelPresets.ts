/**
 * What a new channel of each marketplace starts with, in one place: the sidebar's «Добавить канал»
 * fills a channel from it, and the column detection guesses a marketplace from its keywords. A new
 * marketplace (MegaMarket, AliExpress, Avito) is one more entry here once settings accept it.
 */
import { normalizeHeader } from './headers';
import type { Channel } from './settings';

export type Marketplace = Channel['marketplace'];

export interface ChannelPreset {
  marketplace: Marketplace;
  /** How the sidebar names the choice. */
  label: string;
  /** The new channel's name and its column on «Остатки» (numbered when taken: «Ozon 2»). */
  name: string;
  column: string;
  /**
   * Words in a column header that mean this marketplace (lower case, «ё» as «е»). Up to three letters
   * they match a whole word only («wb» in «Баркод WB»); longer ones also with up to two letters more
   * («Озона», «OzonID»), but not inside a longer word («маркет» is not in «маркетплейс»).
   */
  keywords: string[];
  /** What the channel needs before its stock can go out, and where the seller finds it. */
  needs: string;
}

export const CHANNEL_PRESETS: readonly ChannelPreset[] = [
  {
    marketplace: 'ozon',
    label: 'Ozon',
    name: 'Ozon',
    column: 'Ozon',
    keywords: ['ozon', 'озон'],
    needs: 'Нужен склад Ozon: вкладка «Площадки» → ключ → «Проверить подключение» → выберите склад.',
  },
  {
    marketplace: 'wb',
    label: 'Wildberries',
    name: 'Wildberries',
    column: 'WB',
    keywords: ['wb', 'вб', 'wildberries', 'вайлдберриз', 'валдберис', 'nmid', 'chrtid', 'баркод'],
    needs:
      'Нужен склад продавца на Wildberries: вкладка «Площадки» → токен → «Проверить подключение» → выберите склад.',
  },
  {
    marketplace: 'yandex',
    label: 'Яндекс Маркет',
    name: 'Яндекс Маркет',
    column: 'Яндекс Маркет',
    keywords: ['ym', 'ям', 'yandex', 'яндекс', 'market', 'маркет'],
    needs: 'Нужен магазин (кампания) Маркета: вкладка «Площадки» → ключ → «Проверить подключение» → выберите магазин.',
  },
  {
    marketplace: 'manual',
    label: 'Свой канал (без API)',
    name: 'Новый канал',
    column: 'Новый канал',
    keywords: [],
    needs: 'Площадка не нужна: канал только считается в таблице, ничего не отправляется.',
  },
];

export function presetOf(marketplace: Marketplace): ChannelPreset {
  return CHANNEL_PRESETS.find((p) => p.marketplace === marketplace) ?? CHANNEL_PRESETS[CHANNEL_PRESETS.length - 1];
}

/** Whole words of a header, lower case, «ё» as «е»: «Баркод WB» → [«баркод», «wb»]. */
export function headerWords(header: string): string[] {
  return header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^a-zа-я0-9]+/)
    .filter(Boolean);
}

function mentions(words: string[], keyword: string): boolean {
  if (keyword.length <= 3) return words.includes(keyword);
  return words.some((w) => w.startsWith(keyword) && w.length - keyword.length <= 2);
}

/**
 * The marketplace a header names, with the word that says so; the longest matching keyword wins,
 * so that a later «мегамаркет» beats «маркет».
 */
export function marketplaceInHeader(header: string): { marketplace: Marketplace; word: string } | null {
  const words = headerWords(header);
  let best: { marketplace: Marketplace; word: string } | null = null;
  for (const preset of CHANNEL_PRESETS)
    for (const keyword of preset.keywords)
      if (mentions(words, keyword) && (!best || keyword.length > best.word.length))
        best = { marketplace: preset.marketplace, word: keyword };
  return best;
}

/** `base`, or `base 2`, `base 3`, … — the first that no taken header is (compared as the sheet compares them). */
export function uniqueHeader(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map(normalizeHeader));
  if (!used.has(normalizeHeader(base))) return base;
  for (let n = 2; ; n++) if (!used.has(normalizeHeader(`${base} ${n}`))) return `${base} ${n}`;
}
