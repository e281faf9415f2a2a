/**
 * Text from a marketplace written into a cell must stay text (SPEC 7): Sheets would read a leading
 * =, +, - or @ as a formula. A leading apostrophe makes Sheets keep the text as it is (and hide the
 * apostrophe).
 */
export function asPlainText(value: string): string {
  return /^[=+\-@']/.test(value) ? `'${value}` : value;
}

/**
 * A marketplace id as cell text. Sheets keeps 15 significant digits of a number, so a longer id of
 * digits (Avito's order numbers, «50000000000000000» in its spec) would lose its last ones and name
 * another order: it is kept as text. Shorter ones stay as Sheets reads them.
 */
export function asIdText(value: string): string {
  return /^\d{16,}$/.test(value) ? `'${value}` : asPlainText(value);
}
