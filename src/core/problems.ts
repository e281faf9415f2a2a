/** A bad cell or row, named so that a seller can find it: sheet, row number, column, what is wrong. */
export interface Problem {
  sheet: string;
  /** 1-based row number as the sheet shows it. */
  row: number;
  column: string;
  message: string;
  /** error: the row is not used (invalid SKU, reserve not counted); warning: used, but something was off. */
  severity: 'error' | 'warning';
}

export function describeProblem(p: Problem): string {
  const where = p.column ? `, столбец «${p.column}»` : '';
  return `Лист «${p.sheet}», строка ${p.row}${where}: ${p.message}`;
}
