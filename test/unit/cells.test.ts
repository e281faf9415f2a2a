import { cellText, parseQuantity } from '../../src/core/cells';

describe('parseQuantity (SPEC 3 cell values)', () => {
  it.each([
    [12, 12],
    [3.9, 3],
    ['12', 12],
    [' 7 ', 7],
    ['3,0', 3],
    ['3.7', 3],
    ['1 200', 1200],
    ['1\u00a0200', 1200],
    ['', 0],
    [null, 0],
    ['   ', 0],
    [0, 0],
  ])('%p reads as %p', (cell, expected) => {
    expect(parseQuantity(cell)).toEqual({ ok: true, value: expected, negative: false });
  });

  it.each([[-3], ['-3'], [-0.5]])('negative %p counts as 0 and is flagged', (cell) => {
    expect(parseQuantity(cell)).toEqual({ ok: true, value: 0, negative: true });
  });

  it.each([
    ['много', '«много» — не число'],
    ['#REF!', 'ошибка формулы #REF!'],
    ['#N/A', 'ошибка формулы #N/A'],
    ['#DIV/0!', 'ошибка формулы #DIV/0!'],
    ['12 шт', '«12 шт» — не число'],
    ['1,2,3', '«1,2,3» — не число'],
    [true, 'логическое значение TRUE вместо числа'],
    [new Date(2026, 0, 1), 'дата вместо числа'],
  ])('%p makes the SKU invalid', (cell, reason) => {
    expect(parseQuantity(cell)).toEqual({ ok: false, reason });
  });

  it('recognises a Date from another realm', () => {
    const foreign = require('node:vm').runInNewContext('new Date(0)');
    expect(parseQuantity(foreign)).toEqual({ ok: false, reason: 'дата вместо числа' });
  });

  it('reads SKU text trimmed, numbers as written', () => {
    expect(cellText('  A-1 ')).toBe('A-1');
    expect(cellText(12345)).toBe('12345');
    expect(cellText('')).toBe('');
  });
});
