import { WB_LIMITS } from '../../src/connectors/wildberries';
import { YM_LIMITS } from '../../src/connectors/yandexMarket';
import { cellText, groupDigits, MARKETPLACE_MAXIMUM, MAX_QUANTITY, parseQuantity } from '../../src/core/cells';

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

describe('numbers out of range (SPEC 3)', () => {
  it('takes 1,000,000 and refuses anything above it as a likely barcode or typo', () => {
    expect(parseQuantity(1_000_000)).toEqual({ ok: true, value: 1_000_000, negative: false });
    expect(parseQuantity('1 000 000,9')).toEqual({ ok: true, value: 1_000_000, negative: false });
    expect(parseQuantity(4_607_001_234_567)).toEqual({
      ok: false,
      reason: '4 607 001 234 567 — больше 1 000 000: похоже на штрихкод или опечатку',
    });
    expect(parseQuantity('1000001')).toEqual({
      ok: false,
      reason: '1 000 001 — больше 1 000 000: похоже на штрихкод или опечатку',
    });
    expect(parseQuantity(1e25)).toMatchObject({ ok: false });
    expect(MAX_QUANTITY).toBe(1_000_000);
  });

  it("keeps each marketplace's maximum as its connector documents it", () => {
    expect(MARKETPLACE_MAXIMUM.wb).toBe(WB_LIMITS.maxAmount);
    expect(MARKETPLACE_MAXIMUM.yandex).toBe(YM_LIMITS.countMax);
    expect(MARKETPLACE_MAXIMUM.ozon).toBeUndefined();
    expect([MARKETPLACE_MAXIMUM.avito, MARKETPLACE_MAXIMUM.aliexpress]).toEqual([999_999, 999_999]);
  });

  it('groups digits with plain spaces', () => {
    expect([groupDigits(7), groupDigits(1000), groupDigits(1e15)]).toEqual(['7', '1 000', '1 000 000 000 000 000']);
  });
});
