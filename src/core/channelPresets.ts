/**
 * What a new channel of each marketplace starts with, in one place: the sidebar's «Добавить канал»
 * fills a channel from it, the column detection guesses a marketplace from its keywords, and the
 * sidebar says from here what each marketplace needs and cannot do (the checklist, the «Площадки» card).
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
  /**
   * Abbreviations that mean this marketplace only in capitals, as whole words: «ММ» is MegaMarket,
   * but «мм» in «Диаметр, мм» is millimetres.
   */
  abbreviations?: string[];
  /** What the channel needs before its stock can go out, and where the seller finds it. */
  needs: string;
  /**
   * What the channel points at on the marketplace: a warehouse, a Yandex campaign, or nothing at all
   * (MegaMarket and AliExpress take the shop's token as a whole; Avito has no warehouses).
   */
  target: 'warehouse' | 'campaign' | 'none' | 'manual';
  /** Whether the marketplace's API shows its stock: without it no double reservation, no «channel» source. */
  readsStock: boolean;
  /** What a seller must know about the marketplace before relying on it, said beside its channel and key. */
  caveat?: string;
  /** Where the seller gets the key (the «Площадки» card), for marketplaces the README does not walk through. */
  keyHelp?: string;
}

export const CHANNEL_PRESETS: readonly ChannelPreset[] = [
  {
    marketplace: 'ozon',
    label: 'Ozon',
    name: 'Ozon',
    column: 'Ozon',
    keywords: ['ozon', 'озон'],
    needs: 'Нужен склад Ozon: вкладка «Площадки» → ключ → «Проверить подключение» → выберите склад.',
    target: 'warehouse',
    readsStock: true,
  },
  {
    marketplace: 'wb',
    label: 'Wildberries',
    name: 'Wildberries',
    column: 'WB',
    keywords: ['wb', 'вб', 'wildberries', 'вайлдберриз', 'валдберис', 'nmid', 'chrtid', 'баркод'],
    needs:
      'Нужен склад продавца на Wildberries: вкладка «Площадки» → токен → «Проверить подключение» → выберите склад.',
    target: 'warehouse',
    readsStock: true,
  },
  {
    marketplace: 'yandex',
    label: 'Яндекс Маркет',
    name: 'Яндекс Маркет',
    column: 'Яндекс Маркет',
    keywords: ['ym', 'ям', 'yandex', 'яндекс', 'market', 'маркет'],
    needs: 'Нужен магазин (кампания) Маркета: вкладка «Площадки» → ключ → «Проверить подключение» → выберите магазин.',
    target: 'campaign',
    readsStock: true,
  },
  {
    marketplace: 'megamarket',
    label: 'Мегамаркет',
    name: 'Мегамаркет',
    column: 'Мегамаркет',
    keywords: ['мегамаркет', 'megamarket', 'сбермегамаркет', 'sbermegamarket', 'сбер', 'sber'],
    abbreviations: ['ММ', 'MM'],
    needs:
      'Склад выбирать не нужно: токен подключает магазин целиком. Вкладка «Площадки» → токен → «Проверить подключение».',
    target: 'none',
    readsStock: false,
    caveat:
      'Мегамаркет не показывает остатки через API: двойного резервирования и проверки отправленного чтением для него нет, и источником «что показывает канал» он быть не может. Принятое проверяйте в кабинете Мегамаркета.',
    keyHelp:
      'Токен — в личном кабинете продавца Мегамаркета: «Настройки → API». Обновление остатков по API включает поддержка Мегамаркета; вместе с XML-фидом остатков оно не работает.',
  },
  {
    marketplace: 'aliexpress',
    label: 'AliExpress',
    name: 'AliExpress',
    column: 'AliExpress',
    keywords: ['aliexpress', 'алиэкспресс', 'алиэкспрес', 'али', 'ali'],
    needs:
      'Склад выбирать не нужно: токен подключает магазин целиком. Вкладка «Площадки» → токен → «Проверить подключение».',
    target: 'none',
    readsStock: true,
    caveat:
      'AliExpress отвечает на отправку не сразу: пока ответа нет, позиции «ждут ответа площадки» (видно в «Последних задачах»), а отправленными считаются, только когда AliExpress подтвердит — в том же запуске или в следующем.',
    keyHelp:
      'Токен — в кабинете продавца AliExpress, в разделе токенов API (как его выпустить — https://business.ru.laliexpress.com/docs). ID товара — артикул SKU из карточек AliExpress.',
  },
  {
    marketplace: 'avito',
    label: 'Авито',
    name: 'Авито',
    column: 'Авито',
    keywords: ['avito', 'авито'],
    needs:
      'Склад выбирать не нужно: у Авито складов нет, остаток задаётся каждому объявлению. Вкладка «Площадки» → Client ID и Client Secret → «Проверить подключение».',
    target: 'none',
    readsStock: true,
    caveat:
      'Авито принимает остаток по номеру объявления, не по артикулу: в «Столбец ID товара» укажите столбец с номерами объявлений (номер — цифры в конце ссылки на объявление).',
    keyHelp:
      'Client ID и Client Secret — в кабинете Авито: https://www.avito.ru/professionals/api. Заказы Авито (резервы по ним) доступны только продавцам с Авито Доставкой (B2C).',
  },
  {
    marketplace: 'manual',
    label: 'Свой канал (без API)',
    name: 'Новый канал',
    column: 'Новый канал',
    keywords: [],
    needs: 'Площадка не нужна: канал только считается в таблице, ничего не отправляется.',
    target: 'manual',
    readsStock: false,
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

/** Whole words of a header as written: «Остаток ММ» → [«Остаток», «ММ»]. */
const wordsAsWritten = (header: string) => header.split(/[^A-Za-zА-Яа-яЁё0-9]+/).filter(Boolean);

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
  const written = wordsAsWritten(header);
  let best: { marketplace: Marketplace; word: string } | null = null;
  for (const preset of CHANNEL_PRESETS) {
    for (const keyword of preset.keywords)
      if (mentions(words, keyword) && (!best || keyword.length > best.word.length))
        best = { marketplace: preset.marketplace, word: keyword };
    for (const abbreviation of preset.abbreviations ?? [])
      if (written.includes(abbreviation) && !best) best = { marketplace: preset.marketplace, word: abbreviation };
  }
  return best;
}

/** `base`, or `base 2`, `base 3`, … — the first that no taken header is (compared as the sheet compares them). */
export function uniqueHeader(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map(normalizeHeader));
  if (!used.has(normalizeHeader(base))) return base;
  for (let n = 2; ; n++) if (!used.has(normalizeHeader(`${base} ${n}`))) return `${base} ${n}`;
}
