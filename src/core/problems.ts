/** A bad cell or row, named so that a seller can find it: sheet, row number, column, what is wrong. */
export interface Problem {
  sheet: string;
  /** 1-based row number as the sheet shows it. */
  row: number;
  column: string;
  message: string;
  /** error: the row is not used (invalid SKU, reserve not counted); warning: used, but something was off. */
  severity: 'error' | 'warning';
  /**
   * The SKU this problem makes invalid (SPEC 2.1), and what makes it valid again: the cell fixed, or
   * the repeated «Артикул» made unique. Such a row is sent nowhere, by no run and no button.
   */
  blocks?: { sku: string; until: 'cell' | 'repeat' | 'kit' | 'component' };
}

const UNTIL: Record<NonNullable<Problem['blocks']>['until'], string> = {
  cell: 'пока ячейка не исправлена',
  repeat: 'пока артикул повторяется',
  kit: 'пока состав комплекта на листе «Комплекты» не исправлен',
  component: 'пока строка компонента с ошибкой',
};

/**
 * What an invalid row means for sales. It is left out of every push (scheduled, after an edit,
 * «Отправить остатки»), so each marketplace keeps the number it shows now — the last one sent, or
 * the cabinet's own before the first push; the add-on's columns of the row stay blank.
 */
export function notSentText(blocks: NonNullable<Problem['blocks']>): string {
  return `${blocks.sku} не отправляется, ${UNTIL[blocks.until]}; на площадках остаётся прежнее число, столбцы каналов в строке пусты`;
}

export function describeProblem(p: Problem): string {
  const where = p.column ? `, столбец «${p.column}»` : '';
  const effect = p.blocks ? `. ${notSentText(p.blocks)}` : '';
  return `Лист «${p.sheet}», строка ${p.row}${where}: ${p.message}${effect}`;
}
