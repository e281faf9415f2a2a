import { evaluate, parseFormula } from '../../src/core/formula';

const run = (text: string, x: number) => {
  const parsed = parseFormula(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return evaluate(parsed.expr, x);
};

describe('f(x) formulas', () => {
  it.each([
    ['10', 7, 10],
    ['x', 7, 7],
    ['x - 2', 7, 5],
    ['x*2+1', 3, 7],
    ['2 + 3 * x', 2, 8],
    ['(2 + 3) * x', 2, 10],
    ['x / 2', 7, 3.5],
    ['-x + 10', 4, 6],
    ['--x', 4, 4],
    ['min(x, 5)', 9, 5],
    ['max(x; 5)', 2, 5],
    ['MIN(x,MAX(2,x-1))', 10, 9],
    ['х - 1', 5, 4],
    ['мин(х; 3)', 8, 3],
    ['0.5 * x', 9, 4.5],
    ['.5*x', 4, 2],
    ['x - 2 - 3', 10, 5],
    ['x / 2 / 5', 100, 10],
  ])('%s with x=%p is %p', (text, x, expected) => {
    expect(run(text, x)).toBe(expected);
  });

  it('division by zero gives a non-finite number for the caller to report', () => {
    expect(Number.isFinite(run('x / 0', 5))).toBe(false);
    expect(Number.isNaN(run('0 / (x - x)', 5))).toBe(true);
  });

  it.each([
    ['', 'формула пуста'],
    ['x -', 'ожидалось число, x или «(», а стоит конец формулы (позиция 4)'],
    ['(x + 1', 'ожидалось: закрывающая скобка «)», а стоит конец формулы (позиция 7)'],
    ['x + y', 'неизвестное слово «y» в позиции 5: можно x, min, max'],
    ['3,5', 'неожиданно разделитель аргументов в позиции 2 (десятичный разделитель — точка: 2.5)'],
    ['min(x)', 'ожидалось: второй аргумент min через «,» или «;», а стоит «)» (позиция 6)'],
    ['x ^ 2', 'недопустимый символ «^» в позиции 3'],
    ['alert(1)', 'неизвестное слово «alert» в позиции 1: можно x, min, max'],
    ['x x', 'неожиданно x в позиции 3'],
  ])('%p is rejected: %s', (text, message) => {
    expect(parseFormula(text)).toEqual({ ok: false, message });
  });
});
