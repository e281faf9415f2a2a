/**
 * Headers are found by name, never by position (SPEC 2): trimmed, case-insensitive, «ё» = «е»,
 * runs of white space folded so that «Мин.  остаток» still matches.
 */
export function normalizeHeader(text: unknown): string {
  return String(text ?? '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е');
}

export const HEADERS = {
  sku: 'Артикул',
  name: 'Наименование',
  safetyStock: 'Страховой запас',
  minStock: 'Мин. остаток',
  reserve: 'Резерв',
  forSale: 'К продаже',
  unallocated: 'Не распределено',
} as const;

export const RESERVE_HEADERS = {
  created: 'Создан',
  channel: 'Канал',
  order: 'Заказ',
  sku: 'Артикул',
  quantity: 'Кол-во',
  warehouse: 'Склад',
  type: 'Тип',
  status: 'Статус',
  validUntil: 'Действует до',
  closed: 'Закрыт',
  comment: 'Комментарий',
} as const;

export const STOCK_SHEET = 'Остатки';
export const RESERVES_SHEET = 'Резервы';

/** Where each header stands in row 1 (0-based), with the headers that stand there twice. */
export interface HeaderIndex {
  find(header: string): number | undefined;
  duplicates: string[];
  width: number;
}

export function indexHeaders(row: readonly unknown[]): HeaderIndex {
  const positions = new Map<string, number>();
  const duplicates: string[] = [];
  row.forEach((cell, i) => {
    const key = normalizeHeader(cell);
    if (key === '') return;
    if (positions.has(key)) {
      if (!duplicates.includes(String(cell).trim())) duplicates.push(String(cell).trim());
      return;
    }
    positions.set(key, i);
  });
  return {
    find: (header) => positions.get(normalizeHeader(header)),
    duplicates,
    width: row.length,
  };
}
