/**
 * The example rows of the template «Остатки» (stockTemplate.ts): their «Артикул» says they are
 * examples, and a recalculation treats such a row as an error to fix — it is never sent anywhere.
 */
import { normalizeHeader } from './headers';

export const EXAMPLE_SKUS = ['ПРИМЕР-1', 'ПРИМЕР-2'] as const;

const EXAMPLES = new Set<string>(EXAMPLE_SKUS.map(normalizeHeader));

/** Compared as headers are (case, spaces): «пример-1» typed by hand is the same example. */
export function isExampleSku(sku: string): boolean {
  return EXAMPLES.has(normalizeHeader(sku));
}

export function exampleRowMessage(sku: string): string {
  return `строка-пример из шаблона: впишите вместо «${sku}» свой артикул или удалите строку-пример — пока она есть, её никуда не отправляют`;
}
