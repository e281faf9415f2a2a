/** Marketplace text in cells: a formula-like text stays text, and so does an id too long to be a number. */
import { asIdText, asPlainText } from '../../src/core/plainText';

it('a leading =, +, - or @ keeps its text as text', () => {
  expect(asPlainText('=SUM(A1)')).toBe("'=SUM(A1)");
  expect(asPlainText('P-1')).toBe('P-1');
});

it('an id of more than 15 digits stays text (Sheets would round it into another order’s number)', () => {
  expect(asIdText('50000000000000001')).toBe("'50000000000000001");
  expect(Number('50000000000000001')).toBe(Number('50000000000000000'));
  expect(asIdText('123456789012345')).toBe('123456789012345');
  expect(asIdText('77')).toBe('77');
  expect(asIdText('-5')).toBe("'-5");
});
