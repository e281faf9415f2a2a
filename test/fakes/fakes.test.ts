/** The fakes must fail where Apps Script fails; these tests pin that behaviour down. */

import { CACHE_MAX_SECONDS, CACHE_VALUE_LIMIT, FakeCacheService } from './cache';
import { fakeContentService } from './content';
import { FakeLockService, FakeProperties, FakeScriptApp, PROPERTY_VALUE_LIMIT } from './services';
import { FakeSpreadsheet } from './spreadsheet';
import { fakeBlob, fakeUnzip } from './urlFetch';
import { fakeXmlService } from './xmlService';
import { zipFiles } from './zip';

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

  it('a new sheet becomes the active one; a sheet cannot be renamed to a name another sheet has', () => {
    const other = new FakeSpreadsheet();
    other.addSheet('Лист1');
    const made = other.insertSheet('Товары');
    expect(other.getActiveSheet()).toBe(made);
    expect(() => made.setName('Лист1')).toThrow('A sheet with the name "Лист1" already exists.');
    expect(made.setName('Остатки').getName()).toBe('Остатки');
    expect(other.getSheetByName('Товары')).toBeNull();
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

  it('inserts 150,000 rows at once, and deletes columns but never all of them', () => {
    const s = new FakeSpreadsheet().addSheet('Лист', [
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    s.insertRowsAfter(1, 150_000);
    expect(s.maxRows).toBe(151_000);
    expect(s.getRange(150_002, 1, 1, 3).getValues()).toEqual([['d', 'e', 'f']]);
    s.deleteColumns(2, 1);
    s.deleteColumns(3, 23);
    expect(s.maxColumns).toBe(2);
    expect(s.getRange(1, 1, 1, 2).getValues()).toEqual([['a', 'c']]);
    expect(() => s.deleteColumns(2, 2)).toThrow('Those columns are out of bounds.');
    expect(() => s.deleteColumns(1, 2)).toThrow("You can't delete all the columns on the sheet.");
  });

  it('getDataRange covers A1 on an empty sheet', () => {
    expect(new FakeSpreadsheet().addSheet('Пусто').getDataRange().getValues()).toEqual([['']]);
  });

  it('showSheet makes a hidden sheet visible and leaves a visible one as it is; activate makes it the active sheet', () => {
    const b = new FakeSpreadsheet();
    b.addSheet('Остатки');
    const list = b.insertSheet('_Задержано').hideSheet();
    b.getSheetByName('Остатки')?.activate();
    expect(list.isSheetHidden()).toBe(true);
    expect(list.showSheet().isSheetHidden()).toBe(false);
    expect(list.showSheet().isSheetHidden()).toBe(false);
    list.getRange(3, 2).activate();
    expect(b.getActiveSheet()).toBe(list);
    expect(b.activeRange?.row).toBe(3);
  });

  it('insertSheet refuses a name in use', () => {
    expect(() => book.insertSheet('Лист')).toThrow('A sheet with the name "Лист" already exists.');
  });

  it('shows a Date in the spreadsheet zone: the locale pattern until a number format is set', () => {
    const b = new FakeSpreadsheet();
    b.timeZone = 'Asia/Yekaterinburg';
    const s = b.addSheet('Даты', [['Когда', 'Сколько']]);
    s.getRange(2, 1, 2, 2).setValues([
      [new Date('2026-11-25T04:05:06Z'), 1.5],
      [new Date('2026-12-31T20:00:00Z'), true],
    ]);
    expect(s.getRange(2, 1, 2, 2).getDisplayValues()).toEqual([
      ['25.11.2026 9:05:06', '1,5'],
      ['01.01.2027 1:00:00', 'ИСТИНА'],
    ]);
    s.getRange(2, 1, 2, 1).setNumberFormat('dd.mm.yyyy hh:mm');
    expect(s.display().map((r) => r[0])).toEqual(['Когда', '25.11.2026 09:05', '01.01.2027 01:00']);
    // «m» right after an hour is minutes, elsewhere the month.
    s.getRange(2, 1).setNumberFormat('m/d/yy h:m');
    expect(s.display()[1][0]).toBe('11/25/26 9:5');
    expect(() => s.getRange(2, 1).setNumberFormat('dd.MM.yyyy')).toThrow('outside what the fake can show');
  });

  it('keeps a number format with its cell as rows and columns move, and through clearContent', () => {
    const s = new FakeSpreadsheet().addSheet('Даты', [
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'z'],
    ]);
    s.getRange(3, 2).setNumberFormat('yyyy');
    s.deleteRows(1, 1);
    s.deleteColumns(1, 1);
    s.getRange(2, 1).clearContent();
    s.getRange(2, 1).setValue(new Date('2026-06-01T00:00:00Z'));
    s.getRange(1, 1).setValue(new Date('2026-06-01T00:00:00Z'));
    expect(s.display()).toEqual([['01.06.2026 3:00:00'], ['2026']]);
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

describe('FakeCacheService', () => {
  let now = 0;
  let user = 'owner@example.com';
  const service = () =>
    new FakeCacheService(
      () => user,
      () => now,
    );

  beforeEach(() => {
    now = 0;
    user = 'owner@example.com';
  });

  it('keeps strings for 600 s unless told otherwise, and 6 hours at most', () => {
    const cache = service().getUserCache();
    cache.put('n', 5);
    expect(cache.get('n')).toBe('5');
    now = 599_999;
    expect(cache.get('n')).toBe('5');
    now = 600_000;
    expect(cache.get('n')).toBeNull();
    cache.put('long', 'v', CACHE_MAX_SECONDS);
    now += CACHE_MAX_SECONDS * 1000 - 1;
    expect(cache.get('long')).toBe('v');
    now += 1;
    expect(cache.get('long')).toBeNull();
    expect(() => cache.put('day', 'v', 86_400)).toThrow('Invalid argument: expirationInSeconds');
    expect(() => cache.put('none', 'v', 0)).toThrow('Invalid argument: expirationInSeconds');
  });

  it('refuses a key over 250 characters and a value over 100 KB', () => {
    const cache = service().getUserCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'я'.repeat(CACHE_VALUE_LIMIT / 2 + 1))).toThrow('Argument too large: value');
    expect(cache.get('k')).toBeNull();
  });

  it('gives each user a cache of their own, which may lose its entries early', () => {
    const caches = service();
    caches.getUserCache().put('token', 'owner-token', 3600);
    user = 'editor@example.com';
    expect(caches.getUserCache().get('token')).toBeNull();
    user = 'owner@example.com';
    const own = caches.getUserCache();
    expect(own.get('token')).toBe('owner-token');
    own.evict();
    expect(own.get('token')).toBeNull();
  });
});

describe('FakeLockService', () => {
  let now = 0;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };

  it('tryLock and waitLock wait on the clock for the holder, then give up', () => {
    const service = new FakeLockService(clock);
    service.holdElsewhere(20_000);
    const a = service.getDocumentLock();
    expect(a.tryLock(5_000)).toBe(false);
    expect(now).toBe(5_000);
    expect(a.tryLock(30_000)).toBe(true);
    expect(now).toBe(20_000);
    // Another execution's lock object: it waits the whole time, and waitLock throws as LockService does.
    const b = service.getDocumentLock();
    expect(b.hasLock()).toBe(false);
    expect(() => b.waitLock(1_000)).toThrow('Lock timeout: another process was holding the lock for too long.');
    expect(now).toBe(21_000);
    b.releaseLock();
    expect(a.hasLock()).toBe(true);
    a.releaseLock();
    expect(b.tryLock(0)).toBe(true);
  });
});

describe('FakeScriptApp', () => {
  it('gives an add-on one time-driven trigger per user and document; a bound script more', () => {
    const addOn = new FakeScriptApp('WEB_STORE_ADD_ON', () => 'owner@example.com');
    addOn.newTrigger('runScheduledSync').timeBased().everyHours(1).create();
    expect(() => addOn.newTrigger('continueSync').timeBased().after(60_000).create()).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account. Try deleting some.',
    );
    const bound = new FakeScriptApp('NONE', () => 'owner@example.com');
    bound.newTrigger('runScheduledSync').timeBased().everyMinutes(5).create();
    bound.newTrigger('continueSync').timeBased().after(60_000).create();
    expect(bound.triggers).toHaveLength(2);
  });
});

describe('XmlService fake', () => {
  const root = fakeXmlService
    .parse(
      '<w xmlns="urn:main" xmlns:r="urn:rel"><s name="Лист" r:id="rId1"><t>a<b>b</b>c</t></s><plain xmlns="">x</plain></w>',
    )
    .getRootElement();

  it('finds a name without a namespace only in no namespace, as JDOM does; with the namespace it finds it', () => {
    expect(root.getName()).toBe('w');
    expect(root.getChildren('s')).toEqual([]);
    expect(root.getChild('s')).toBeNull();
    const main = fakeXmlService.getNamespace('urn:main');
    expect(root.getChildren('s', main)).toHaveLength(1);
    expect(root.getChildren('plain').map((e) => e.getText())).toEqual(['x']);
    expect(root.getChildren().map((e) => e.getName())).toEqual(['s', 'plain']);
  });

  it('reads unprefixed attributes without a namespace, prefixed ones with it; namespace declarations are no attributes', () => {
    const [s] = root.getChildren();
    expect(s.getAttribute('name')?.getValue()).toBe('Лист');
    expect(s.getAttribute('id')).toBeNull();
    expect(s.getAttribute('id', fakeXmlService.getNamespace('r', 'urn:rel'))?.getValue()).toBe('rId1');
    expect(root.getAttributes()).toEqual([]);
    expect(s.getAttributes().map((a) => [a.getName(), a.getNamespace().getURI()])).toEqual([
      ['name', ''],
      ['id', 'urn:rel'],
    ]);
  });

  it('getText is the text directly inside, getValue all text below', () => {
    const [t] = root.getChildren()[0].getChildren();
    expect(t.getText()).toBe('ac');
    expect(t.getValue()).toBe('abc');
  });
});

describe('Utilities.unzip fake', () => {
  const zip = zipFiles([
    { name: 'xl/workbook.xml', data: '<workbook/>' },
    { name: 'xl/media/', data: '' },
    { name: 'a.txt', data: 'текст', store: true },
  ]);

  it('refuses a blob not typed application/zip, as Apps Script does, and unzips it once retyped', () => {
    const blob = fakeBlob(zip, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'price.xlsx');
    expect(() => fakeUnzip(blob)).toThrow('Exception: Invalid argument');
    expect(() => fakeUnzip(fakeBlob(zip, null))).toThrow('Exception: Invalid argument');
    const files = fakeUnzip(blob.copyBlob().setContentType('application/zip'));
    expect(files.map((f) => [f.getName(), f.getDataAsString()])).toEqual([
      ['xl/workbook.xml', '<workbook/>'],
      ['a.txt', 'текст'],
    ]);
    // The original keeps its type: copyBlob gave a blob of its own.
    expect(blob.getContentType()).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('refuses data that is no zip', () => {
    expect(() => fakeUnzip(fakeBlob(Buffer.from('Артикул,Остаток'), 'application/zip'))).toThrow(
      'Exception: Could not unzip.',
    );
  });
});

describe('ContentService and ScriptApp.getService, as a web app has them', () => {
  it('a text output is plain text until setMimeType, which takes only a MimeType', () => {
    const out = fakeContentService.createTextOutput('<a/>');
    expect(out.getMimeType()).toBe('TEXT');
    expect(out.setMimeType(fakeContentService.MimeType.XML).getContent()).toBe('<a/>');
    expect(out.getMimeType()).toBe('XML');
    expect(() => out.setMimeType('application/xml')).toThrow(/setMimeType/);
    expect(fakeContentService.createTextOutput().append('x').getContent()).toBe('x');
  });

  it('getService().getUrl() is null until the script is deployed as a web app', () => {
    const app = new FakeScriptApp('NONE', () => 'owner@example.com');
    expect(app.getService().getUrl()).toBeNull();
    app.webAppUrl = 'https://script.google.com/macros/s/X/exec';
    expect(app.getService().getUrl()).toBe('https://script.google.com/macros/s/X/exec');
  });
});
