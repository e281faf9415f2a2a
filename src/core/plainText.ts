/**
 * Text from a marketplace written into a cell must stay text (SPEC 7): Sheets would read a leading
 * =, +, - or @ as a formula. A leading apostrophe makes Sheets keep the text as it is (and hide the
 * apostrophe).
 */
export function asPlainText(value: string): string {
  return /^[=+\-@']/.test(value) ? `'${value}` : value;
}
