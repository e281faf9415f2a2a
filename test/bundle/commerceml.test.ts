/**
 * 1C CommerceML 2 sources through the build that allows the test supplier host (build/test-variant):
 * offers.xml and import.xml by URL from the sandbox's file server, in Windows-1251 as 1C often
 * writes them, or attached to a mail; a broken file never zeroes the warehouse and mass zeros are held.
 */
import * as iconv from 'iconv-lite';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import type { Gas } from '../fakes/gas';
import { FakeGmailApp } from '../fakes/gmail';
import { openSupplierShop, supplierColumn, supplierImports, useSupplierSandboxes } from './supplierShop';

jest.setTimeout(120_000);
const started = useSupplierSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started.sandboxes;
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const SKUS = ['КРУЖКА-1', 'КРУЖКА-2', 'ЛОЖКА-3', 'ВИЛКА-4'];
const OFFERS = 'https://supplier.test/files/1c/offers.xml';
const IMPORT = 'https://supplier.test/files/1c/import.xml';
const G = (n: number) => `a1b2c3d4-0000-11ee-8c90-00000000000${n}`;

/** offers.xml as 1C 8.3 writes it: the namespace, prices, per-warehouse stock, variants as «товар#характеристика». */
const offersXml = (
  offers: string,
  pack = 'СодержитТолькоИзменения="false"',
) => `<?xml version="1.0" encoding="windows-1251"?>
<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" xmlns:xs="http://www.w3.org/2001/XMLSchema" ВерсияСхемы="2.05" ДатаФормирования="2026-11-22T08:00:00">
  <ПакетПредложений ${pack}>
    <Ид>${G(0)}#</Ид><Наименование>Пакет предложений (Основной каталог товаров)</Наименование>
    <ИдКаталога>${G(0)}</ИдКаталога><ИдКлассификатора>${G(0)}</ИдКлассификатора>
    <Владелец><Ид>${G(0)}</Ид><Наименование>ООО «Посуда»</Наименование></Владелец>
    <ТипыЦен><ТипЦены><Ид>${G(9)}</Ид><Наименование>Розничная</Наименование><Валюта>RUB</Валюта></ТипЦены></ТипыЦен>
    <Склады><Склад><Ид>${G(7)}</Ид><Наименование>Основной склад</Наименование></Склад><Склад><Ид>${G(8)}</Ид><Наименование>Магазин</Наименование></Склад></Склады>
    <Предложения>${offers}</Предложения>
  </ПакетПредложений>
</КоммерческаяИнформация>`;
const offer = (id: string, inner: string) =>
  `<Предложение><Ид>${id}</Ид><Наименование>Товар</Наименование><БазоваяЕдиница Код="796" НаименованиеПолное="Штука">шт</БазоваяЕдиница><Цены><Цена><Представление>450 RUB за шт</Представление><ИдТипаЦены>${G(9)}</ИдТипаЦены><ЦенаЗаЕдиницу>450</ЦенаЗаЕдиницу><Валюта>RUB</Валюта><Единица>шт</Единица><Коэффициент>1</Коэффициент></Цена></Цены>${inner}</Предложение>`;
const importXml = (goods: [string, string][]) => `<?xml version="1.0" encoding="windows-1251"?>
<КоммерческаяИнформация xmlns="urn:1C.ru:commerceml_2" ВерсияСхемы="2.05" ДатаФормирования="2026-11-22T08:00:00">
  <Классификатор><Ид>${G(0)}</Ид><Наименование>Классификатор</Наименование></Классификатор>
  <Каталог СодержитТолькоИзменения="false"><Ид>${G(0)}</Ид><ИдКлассификатора>${G(0)}</ИдКлассификатора><Наименование>Основной каталог товаров</Наименование>
    <Товары>${goods
      .map(
        ([id, article]) =>
          `<Товар><Ид>${id}</Ид><Артикул>${article}</Артикул><Наименование>Товар ${article}</Наименование><БазоваяЕдиница Код="796">шт</БазоваяЕдиница><Группы><Ид>${G(5)}</Ид></Группы></Товар>`,
      )
      .join('')}</Товары>
  </Каталог>
</КоммерческаяИнформация>`;
const serve = (path: string, xml: string, options: { status?: number } = {}) =>
  sandboxes.setFile(path, iconv.encode(xml, 'win1251'), { contentType: 'application/xml', ...options });

function shop(source: Record<string, unknown>, options: { skus?: string[]; gmail?: FakeGmailApp } = {}): Gas {
  return openSupplierShop(sandboxes, options.skus ?? SKUS, source, { supplierFrom: 100, gmail: options.gmail });
}
const imported = (g: Gas) => supplierImports(g).pop();

it('imports a Windows-1251 offers.xml by URL, matching «Ид» to «Артикул» through import.xml; Ozon gets it in the same run', () => {
  serve(
    '/files/1c/offers.xml',
    offersXml(
      [
        // The full «Ид» of a variant is in import.xml…
        offer(`${G(1)}#${G(2)}`, `<Количество>12</Количество>`),
        // …this variant's only through its product; the stock per warehouse.
        offer(
          `${G(3)}#${G(4)}`,
          `<Склад ИдСклада="${G(7)}" КоличествоНаСкладе="2"/><Склад ИдСклада="${G(8)}" КоличествоНаСкладе="3"/>`,
        ),
        // Its own «Артикул» wins; the newer «Остатки» form.
        offer(
          G(6),
          `<Артикул>ВИЛКА-4</Артикул><Остатки><Остаток><Склад><Ид>${G(7)}</Ид><Количество>4.000</Количество></Склад></Остаток></Остатки>`,
        ),
        // Not on the sheet.
        offer(G(5), '<Количество>1</Количество>'),
      ].join(''),
    ),
  );
  serve(
    '/files/1c/import.xml',
    importXml([
      [`${G(1)}#${G(2)}`, 'КРУЖКА-1'],
      [G(3), 'ЛОЖКА-3'],
      [G(5), 'ЧАЙНИК-9'],
    ]),
  );
  const g = shop({ kind: 'commerceml', url: OFFERS, importUrl: IMPORT });
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([12, 0, 5, 4]);
  expect(imported(g)).toMatchObject({
    Статус: 'Импорт',
    Позиций: 4,
    Принято: 3,
    Подробности: 'строк в источнике 4; найдено в таблице 3; нет в источнике 1 — поставлен 0; нет в таблице 1: ЧАЙНИК-9',
  });
  expect(
    sandboxes.control('ozon', 'stock', { offer_id: 'КРУЖКА-1', warehouse_id: OZON_WAREHOUSES[0].warehouse_id }).present,
  ).toBe(13);
});

it('reads offers.xml alone when its offers carry «Артикул», with or without the namespace', () => {
  const offers = SKUS.map((s, i) => offer(G(i), `<Артикул>${s}</Артикул><Количество>${i + 1}</Количество>`)).join('');
  for (const xml of [offersXml(offers), offersXml(offers).replace(' xmlns="urn:1C.ru:commerceml_2"', '')]) {
    serve('/files/1c/offers.xml', xml);
    const g = shop({ kind: 'commerceml', url: OFFERS });
    g.fn.runScheduledSync();
    expect(supplierColumn(g)).toEqual([1, 2, 3, 4]);
  }
});

it('a package of only changes updates what it lists and leaves the rest as it is', () => {
  serve(
    '/files/1c/offers.xml',
    offersXml(offer(G(1), '<Артикул>КРУЖКА-2</Артикул><Количество>0</Количество>'), 'СодержитТолькоИзменения="true"'),
  );
  const g = shop({ kind: 'commerceml', url: OFFERS });
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([100, 0, 102, 103]);
  expect(imported(g)?.Подробности).toBe(
    'строк в источнике 1; найдено в таблице 1; в файле только изменения: остальные артикулы не тронуты',
  );
});

it('a broken offers.xml, an import.xml that does not answer, import.xml for offers.xml, offers without numbers or without articles leave the warehouse as it was', () => {
  const cases: [() => void, Record<string, unknown>, string][] = [
    [
      () => serve('/files/1c/offers.xml', offersXml(offer(G(1), '<Количество>1</Количество>')).slice(0, 900)),
      { url: OFFERS },
      'offers.xml: не читается как XML:',
    ],
    [
      () => {
        serve('/files/1c/offers.xml', offersXml(offer(G(1), '<Количество>1</Количество>')));
        serve('/files/1c/import.xml', 'Not found', { status: 404 });
      },
      { url: OFFERS, importUrl: IMPORT },
      'import.xml: сервер не отдал файл (HTTP 404); склад не изменён',
    ],
    [
      () => serve('/files/1c/offers.xml', importXml([[G(1), 'КРУЖКА-1']])),
      { url: OFFERS },
      'в файле нет «ПакетПредложений»: это не offers.xml (может быть, указан import.xml); склад не изменён',
    ],
    [
      () =>
        serve('/files/1c/offers.xml', offersXml(SKUS.map((s, i) => offer(G(i), `<Артикул>${s}</Артикул>`)).join(''))),
      { url: OFFERS },
      'ни у одного предложения offers.xml не читается количество («Количество», «Остатки», «КоличествоНаСкладах» или «Склад» с «КоличествоНаСкладе»); склад не изменён',
    ],
    [
      () =>
        serve(
          '/files/1c/offers.xml',
          offersXml(SKUS.map((_, i) => offer(G(i), '<Количество>5</Количество>')).join('')),
        ),
      { url: OFFERS },
      'ни одно предложение offers.xml не нашлось в таблице: у предложений нет «Артикул» — укажите адрес import.xml, по нему «Ид» сопоставляется с артикулом; склад не изменён',
    ],
    [
      () => serve('/files/1c/offers.xml', offersXml('')),
      { url: OFFERS, importUrl: 'https://other-1c.example/import.xml' },
      'адрес https://other-1c.example/import.xml не разрешён для загрузки',
    ],
  ];
  for (const [setUp, source, reason] of cases) {
    sandboxes.clearFiles();
    setUp();
    const g = shop({ kind: 'commerceml', ...source });
    g.fn.runScheduledSync();
    expect(supplierColumn(g)).toEqual([100, 101, 102, 103]);
    expect(imported(g)?.Статус).toBe('Ошибка');
    expect(String(imported(g)?.Подробности)).toContain(reason);
  }
});

it('an offers.xml that lists a few SKUs of many holds their zeros until «Подтвердить импорт»', () => {
  const skus = Array.from({ length: 10 }, (_, i) => `S-${i}`);
  serve('/files/1c/offers.xml', offersXml(offer(G(1), '<Артикул>S-0</Артикул><Количество>50</Количество>')));
  const g = shop({ kind: 'commerceml', url: OFFERS }, { skus });
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([50, ...Array.from({ length: 9 }, (_, i) => 101 + i)]);
  expect(plain(g.fn.getState()).heldImports.sup).toMatchObject({ count: 9, base: 10 });
  expect(plain(g.fn.confirmImport('sup')).ok).toBe(true);
  expect(supplierColumn(g)).toEqual([50, ...new Array(9).fill(0)]);
});

it('reads offers.xml and import.xml attached to the newest mail', () => {
  const gmail = new FakeGmailApp();
  gmail.mails.push({
    query: 'from:1c@example.com',
    date: new Date('2026-11-22T08:00:00Z'),
    attachments: [
      {
        name: 'import.xml',
        contentType: 'application/xml',
        bytes: iconv.encode(importXml([[G(1), 'ЛОЖКА-3']]), 'win1251'),
      },
      {
        name: 'offers.xml',
        contentType: 'text/xml',
        bytes: iconv.encode(offersXml(offer(G(1), '<Количество>6</Количество>')), 'win1251'),
      },
    ],
  });
  const g = shop(
    { kind: 'email', query: 'from:1c@example.com', skuHeader: 'Артикул', qtyHeader: 'Остаток' },
    { gmail },
  );
  g.fn.runScheduledSync();
  expect(supplierColumn(g)).toEqual([0, 0, 6, 0]);
});

it('refuses a 1C source with wrong addresses in Russian, one error per field', () => {
  const g = shop({ kind: 'commerceml', url: OFFERS });
  const settings = plain(g.fn.getState()).settings;
  settings.warehouses[1].source = { kind: 'commerceml', url: 'ftp://1c/offers.xml', importUrl: 'import.xml' };
  const saved = plain(g.fn.saveSettings(settings));
  expect(saved.ok).toBe(false);
  expect(saved.errors).toEqual([
    {
      path: 'warehouses.1.source.url',
      message: expect.stringContaining('Адрес offers.xml: нужна ссылка, начинающаяся с https://'),
    },
    {
      path: 'warehouses.1.source.importUrl',
      message: expect.stringContaining('Адрес import.xml: нужна ссылка, начинающаяся с https://'),
    },
  ]);
  settings.warehouses[1].source = { kind: 'commerceml', url: `https://supplier.test/files/${'x'.repeat(2000)}.xml` };
  expect(plain(g.fn.saveSettings(settings)).errors).toEqual([
    { path: 'warehouses.1.source.url', message: expect.stringContaining('Адрес offers.xml: длиннее 2000 символов') },
  ]);
  expect(plain(g.fn.getState()).settings.warehouses[1].source).toEqual({ kind: 'commerceml', url: OFFERS });
});
