/**
 * JSON.parse errors in the seller's words, with the line and column where reading stopped. The engine's
 * message is English and its wording differs between V8 versions (Apps Script, Chrome, Node), so we match
 * its common phrases and read the position from «position N» or «line L column C» when it gives one.
 */

const REASONS: [RegExp, string][] = [
  [
    /double-quoted property name|property name or '}'/i,
    'ожидалось имя поля в двойных кавычках (лишняя запятая или имя без кавычек?)',
  ],
  [/':' after property name/i, 'после имени поля нужно двоеточие'],
  [/',' or '}' after property value/i, 'после значения нужна запятая или закрывающая скобка «}»'],
  [/',' or ']' after array element/i, 'после элемента списка нужна запятая или закрывающая скобка «]»'],
  [/unexpected end of json input|unexpected end/i, 'текст оборвался: не хватает закрывающей скобки или кавычки'],
  [/non-whitespace character after json/i, 'после конца настроек есть лишний текст'],
  [/unterminated string/i, 'строка не закрыта кавычкой'],
  [
    /bad control character|bad escaped character/i,
    'в строке недопустимый символ (перевод строки или «\\» внутри кавычек)',
  ],
  [/unexpected number/i, 'число записано неверно'],
  [/unexpected string/i, 'лишняя строка: не хватает запятой или двоеточия перед ней'],
];

/** 1-based line and column of a 0-based character offset in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Where the engine stopped reading, if its message says so. */
function positionOf(text: string, message: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/i.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/i.exec(message);
  if (position) return lineAndColumn(text, Number(position[1]));
  if (/unexpected end/i.test(message)) return lineAndColumn(text, text.length);
  return undefined;
}

/** The reason in Russian: a known phrase, or the unexpected character the engine names. */
function reasonOf(message: string): string {
  for (const [pattern, reason] of REASONS) if (pattern.test(message)) return reason;
  const token = /unexpected token '?(.)'?/i.exec(message);
  if (token) return `неожиданный символ «${token[1]}»`;
  return 'текст не читается как JSON';
}

/** «Ошибка в JSON, строка 3, позиция 5: …» for the text JSON.parse refused with `error`. */
export function jsonErrorText(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = positionOf(text, message);
  const where = at ? `, строка ${at.line}, позиция ${at.column}` : '';
  return `Ошибка в JSON${where}: ${reasonOf(message)}`;
}
