/** The fakes must fail where Apps Script fails; these tests pin that behaviour down. */

import { FakeProperties, PROPERTY_VALUE_LIMIT } from './services';
import { FakeSpreadsheet } from './spreadsheet';

describe('FakeSpreadsheet', () => {
  const book = new FakeSpreadsheet();
  const sheet = book.addSheet('Лист', [['a', 1, '', new Date(0), '#REF!']]);

  it('getValues gives "" for blanks, numbers, Date objects and error text', () => {
    const [row] = sheet.getRange(1, 1, 1, 6).getValues();
    expect(row.slice(0, 3)).toEqual(['a', 1, '']);
    expect(Object.prototype.toString.call(row[3])).toBe('[object Date]');
    expect(row[4]).toBe('#REF!');
    expect(row[5]).toBe('');
  });

  it('setValues throws on a shape mismatch', () => {
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([[1, 2, 3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
  });

  it('throws for ranges outside the sheet or with no rows', () => {
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1001, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
  });

  it('refuses to grow past 10,000,000 cells', () => {
    const big = new FakeSpreadsheet();
    const s = big.addSheet('Большой', []);
    s.maxRows = 400_000;
    expect(() => s.insertColumnsAfter(26, 10)).toThrow('above the limit of 10000000 cells');
  });

  it('getDataRange covers A1 on an empty sheet', () => {
    expect(new FakeSpreadsheet().addSheet('Пусто').getDataRange().getValues()).toEqual([['']]);
  });

  it('insertSheet refuses a name in use', () => {
    expect(() => book.insertSheet('Лист')).toThrow('A sheet with the name "Лист" already exists.');
  });
});

describe('FakeProperties', () => {
  it('refuses a value over 9 KB and keeps strings', () => {
    const p = new FakeProperties();
    expect(() => p.setProperty('k', 'я'.repeat(PROPERTY_VALUE_LIMIT / 2 + 1))).toThrow('Argument too large: value');
    expect(p.getProperty('k')).toBeNull();
    p.setProperty('n', 5 as unknown as string);
    expect(p.getProperty('n')).toBe('5');
  });

  it('refuses to grow a store past 500 KB', () => {
    const p = new FakeProperties();
    const chunk = 'x'.repeat(9000);
    expect(() => {
      for (let i = 0; i < 60; i++) p.setProperty(`k${i}`, chunk);
    }).toThrow('exceeded the property storage quota');
  });
});
