/**
 * Stock sources through a build that allows the test supplier host (build/test-variant):
 * CSV in Windows-1251, a YML feed of 10,000 offers, another spreadsheet, mail, another channel;
 * broken and empty sources leave their warehouse as it was.
 */
import * as iconv from 'iconv-lite';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { WB_SANDBOX, WB_WAREHOUSES } from '../../dev/sandbox/wildberries';
import type { Gas } from '../fakes/gas';
import { FakeGmailApp } from '../fakes/gmail';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { csvSource, openSupplierShop } from './supplierShop';

jest.setTimeout(120_000);
let sandboxes: Sandboxes;
beforeAll(async () => {
  sandboxes = await startSandboxes();
}, 60_000);
afterAll(async () => {
  await sandboxes?.stop();
});
beforeEach(() => {
  sandboxes.clearFiles();
  for (const m of ['ozon', 'wb', 'yandex'] as const) sandboxes.control(m, 'reset');
});
const files = {
  files: {
    set: (p: string, f: { status?: number; body: Buffer | string; contentType?: string }) =>
      sandboxes.setFile(p, f.body, { status: f.status, contentType: f.contentType }),
  },
};

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const SKUS = ['КРУЖКА-1', 'КРУЖКА-2', 'ЛОЖКА-3', 'ВИЛКА-4'];

function shop(
  source: Record<string, unknown>,
  options: {
    otherBooks?: Record<string, FakeSpreadsheet>;
    gmail?: FakeGmailApp;
    skus?: string[];
    channels?: unknown[];
  } = {},
): Gas {
  return openSupplierShop(sandboxes, options.skus ?? SKUS, source, { supplierFrom: 100, ...options });
}

const column = (g: Gas, header = 'Поставщик') => {
  const rows = g.book.sheet('Остатки').dump();
  const c = rows[0].indexOf(header);
  return rows.slice(1).map((r) => r[c]);
};
const journalRows = (g: Gas) => {
  const rows = g.book.sheet('Журнал').dump();
  return rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
};

it('imports a supplier CSV in Windows-1251 with «;»: missing SKUs get 0, extras are listed, Ozon gets the numbers in the same run', () => {
  files.files.set('/files/price.csv', {
    body: iconv.encode(
      'Артикул;Наименование;Остаток\r\nКРУЖКА-1;Кружка;"1 200"\r\nЛОЖКА-3;Ложка;7\r\nЧАЙНИК-9;Чайник;5\r\n',
      'win1251',
    ),
    contentType: 'text/csv',
  });
  const g = shop(csvSource('price.csv'));
  const result = plain(g.fn.runScheduledSync());
  expect(column(g)).toEqual([1200, 0, 7, 0]);
  const imported = journalRows(g).find((r) => r.Канал === 'склад «Поставщик»');
  expect(imported).toMatchObject({
    Статус: 'Импорт',
    Позиций: 3,
    Принято: 2,
    Подробности: 'строк в источнике 3; найдено в таблице 2; нет в источнике 2 — поставлен 0; нет в таблице 1: ЧАЙНИК-9',
  });
  expect(result.channels.find((c: any) => c.channel === 'Ozon')).toMatchObject({ status: 'Выполнено', items: 4 });
  sandboxes.clock.advance(60_000); // Ozon shows a push a minute after it took it
  expect(
    sandboxes.control('ozon', 'stock', { offer_id: 'КРУЖКА-1', warehouse_id: OZON_WAREHOUSES[0].warehouse_id }).present,
  ).toBe(1201);
});

it('a broken source (HTTP 500), an empty file and a file without the SKU column leave the warehouse unchanged', () => {
  const cases: [string, { status?: number; body: string }, string][] = [
    ['broken.csv', { status: 500, body: 'oops' }, 'сервер не отдал файл (HTTP 500); склад не изменён'],
    ['empty.csv', { body: '' }, 'файл пуст; склад не изменён'],
    ['nosku.csv', { body: 'Код,Остаток\nКРУЖКА-1,5\n' }, 'в источнике нет столбца «Артикул»; склад не изменён'],
  ];
  for (const [name, file, reason] of cases) {
    files.files.set(`/files/${name}`, file);
    const g = shop(csvSource(name));
    g.fn.runScheduledSync();
    expect(column(g)).toEqual([100, 101, 102, 103]);
    expect(journalRows(g).find((r) => r.Канал === 'склад «Поставщик»')).toMatchObject({
      Статус: 'Ошибка',
      Подробности: reason,
    });
  }
  // A file cut short is no longer refused as a whole: its zeros are held (test/bundle/sourceSafety.test.ts).
});

it('explains a source whose host the build does not allow, and fetches nothing', () => {
  const g = shop({
    kind: 'csv',
    url: 'https://other-supplier.example/price.csv',
    skuHeader: 'Артикул',
    qtyHeader: 'Остаток',
  });
  g.fn.runScheduledSync();
  expect(journalRows(g).find((r) => r.Канал === 'склад «Поставщик»')?.Подробности).toBe(
    'адрес https://other-supplier.example/price.csv не разрешён для загрузки: его нужно разрешить при сборке (как — в README, раздел «Источники остатков»); склад не изменён',
  );
  expect(plain(g.fn.getState()).fetchWhitelist).toContain('https://supplier.test/files/');
});

it('imports a YML feed of 10,000 offers by id, vendorCode or barcode', () => {
  const skus = Array.from({ length: 10_000 }, (_, i) => `SKU-${i}`);
  const offers = skus
    .map((s, i) =>
      i % 3 === 0
        ? `<offer id="${s}" available="true"><name>Товар ${i}</name><count>${i % 50}</count></offer>`
        : i % 3 === 1
          ? `<offer id="x${i}"><vendorCode>${s}</vendorCode><quantity>${i % 50}</quantity></offer>`
          : `<offer id="y${i}" available="false"><barcode>000${i}</barcode><barcode>${s}</barcode><stock>${i % 50}</stock></offer>`,
    )
    .join('');
  files.files.set('/files/feed.xml', {
    body: `<?xml version="1.0" encoding="UTF-8"?><yml_catalog date="2026-11-22"><shop><name>Поставщик</name><offers>${offers}</offers></shop></yml_catalog>`,
    contentType: 'application/xml',
  });
  const g = shop({ kind: 'yml', url: 'https://supplier.test/files/feed.xml' }, { skus, channels: [] });
  g.fn.runScheduledSync();
  const values = column(g);
  expect(values).toHaveLength(10_000);
  expect(values.every((v, i) => v === i % 50)).toBe(true);
  expect(journalRows(g)[0]).toMatchObject({ Статус: 'Импорт', Позиций: 10_000, Принято: 10_000 });
});

it('imports a windows-1251 YML feed in the forms suppliers write: outlets, params, stock_quantity, available; an unreadable offer keeps its number', () => {
  const skus = ['КРУЖКА-1', 'КРУЖКА-2', 'ЛОЖКА-3', 'ВИЛКА-4', 'ТАРЕЛКА-5', 'НОЖ-6'];
  const feed = `<?xml version="1.0" encoding="windows-1251"?>
<yml_catalog date="2026-11-22 10:00">
  <shop>
    <name>ООО «Посуда»</name>
    <currencies><currency id="RUR" rate="1"/></currencies>
    <categories><category id="1">Посуда</category></categories>
    <offers>
      <offer id="КРУЖКА-1" available="true">
        <name>Кружка «Утро», 300 мл</name><price>450</price><currencyId>RUR</currencyId><categoryId>1</categoryId>
        <outlets><outlet id="0" instock="7" booking="true"/><outlet id="1" instock="3"/></outlets>
      </offer>
      <offer id="1002" available="true">
        <name>Кружка «Вечер»</name><vendorCode>КРУЖКА-2</vendorCode><price>480</price>
        <param name="Цвет">синий</param><param name="Остаток" unit="шт">9 шт.</param>
      </offer>
      <offer id="ЛОЖКА-3"><name>Ложка</name><stock_quantity>4</stock_quantity><param name="В наличии">да</param></offer>
      <offer id="ВИЛКА-4" available="true"><name>Вилка</name><param name="В наличии">да</param></offer>
      <offer id="ТАРЕЛКА-5" available="false"><name>Тарелка</name></offer>
      <offer id="НОЖ-6"><name>Нож</name><param name="Наличие">нет</param></offer>
      <offer id="ЧАЙНИК-9"><name>Чайник</name><count>5</count></offer>
    </offers>
  </shop>
</yml_catalog>`;
  files.files.set('/files/feed-1251.xml', {
    body: iconv.encode(feed, 'win1251'),
    contentType: 'application/xml',
  });
  const g = shop({ kind: 'yml', url: 'https://supplier.test/files/feed-1251.xml' }, { skus, channels: [] });
  g.fn.runScheduledSync();
  // «Поставщик» was 100 + i: ВИЛКА-4 says only «да», so it keeps its 103.
  expect(column(g)).toEqual([10, 9, 4, 103, 0, 0]);
  expect(journalRows(g).find((r) => r.Канал === 'склад «Поставщик»')).toMatchObject({
    Статус: 'Импорт',
    Позиций: 7,
    Принято: 5,
    Ошибок: 1,
    Подробности:
      'строк в источнике 7; найдено в таблице 6; нет в таблице 1: ЧАЙНИК-9; количество не указано или не число у 1 (оставлено прежнее): ВИЛКА-4',
  });
});

it('decodes a feed in the charset its XML declaration names (KOI8-R here, which a guess would misread as Windows-1251)', () => {
  files.files.set('/files/feed-koi8.xml', {
    body: iconv.encode(
      `<?xml version="1.0" encoding="KOI8-R"?><yml_catalog><shop><offers>
        <offer id="КРУЖКА-1"><count>6</count></offer><offer id="ВИЛКА-4"><param name="Остаток">2</param></offer>
      </offers></shop></yml_catalog>`,
      'koi8-r',
    ),
    contentType: 'application/xml',
  });
  const g = shop({ kind: 'yml', url: 'https://supplier.test/files/feed-koi8.xml' }, { channels: [] });
  g.fn.runScheduledSync();
  expect(column(g)).toEqual([6, 0, 0, 2]);
});

it('a YML feed where no offer states a number leaves the warehouse as it is', () => {
  files.files.set('/files/feed-flags.xml', {
    body: iconv.encode(
      `<?xml version="1.0" encoding="windows-1251"?><yml_catalog><shop><offers>
        <offer id="КРУЖКА-1" available="true"><param name="В наличии">да</param></offer>
        <offer id="КРУЖКА-2"><count>уточняйте</count></offer>
      </offers></shop></yml_catalog>`,
      'win1251',
    ),
    contentType: 'application/xml',
  });
  const g = shop({ kind: 'yml', url: 'https://supplier.test/files/feed-flags.xml' }, { channels: [] });
  g.fn.runScheduledSync();
  expect(column(g)).toEqual([100, 101, 102, 103]);
  expect(journalRows(g).find((r) => r.Канал === 'склад «Поставщик»')).toMatchObject({
    Статус: 'Ошибка',
    Подробности:
      'ни у одного предложения фида не читается количество (count, quantity, stock, stock_quantity, outlet instock, param «Остаток», «Количество», «В наличии» или «Наличие»); склад не изменён',
  });
});

it('imports another spreadsheet by URL, sheet name and headers', () => {
  const partner = new FakeSpreadsheet();
  partner.addSheet('Прайс', [
    ['Код товара', 'Свободно'],
    ['КРУЖКА-2', 4],
    ['ВИЛКА-4', '2'],
  ]);
  const url = 'https://docs.google.com/spreadsheets/d/partner/edit';
  const g = shop(
    { kind: 'sheet', spreadsheetUrl: url, sheet: 'Прайс', skuHeader: 'Код товара', qtyHeader: 'Свободно' },
    { otherBooks: { [url]: partner } },
  );
  g.fn.runScheduledSync();
  expect(column(g)).toEqual([0, 4, 0, 2]);
  expect(partner.io.reads).toBe(1);
});

it("imports the newest mail's CSV attachment", () => {
  const gmail = new FakeGmailApp();
  gmail.mails.push({
    query: 'from:supplier@example.com',
    date: new Date('2026-11-20T10:00:00Z'),
    attachments: [{ name: 'old.csv', contentType: 'text/csv', bytes: Buffer.from('Артикул,Остаток\nКРУЖКА-1,1\n') }],
  });
  gmail.mails.push({
    query: 'from:supplier@example.com',
    date: new Date('2026-11-22T08:00:00Z'),
    attachments: [
      {
        name: 'stock.csv',
        contentType: 'text/csv',
        bytes: iconv.encode('Артикул;Остаток\nКРУЖКА-1;8\nКРУЖКА-2;9\nЛОЖКА-3;1\nВИЛКА-4;0\n', 'win1251'),
      },
    ],
  });
  const g = shop(
    { kind: 'email', query: 'from:supplier@example.com', skuHeader: 'Артикул', qtyHeader: 'Остаток' },
    { gmail },
  );
  g.fn.runScheduledSync();
  expect(column(g)).toEqual([8, 9, 1, 0]);
});

it('feeds a warehouse from what another channel shows («другой склад»)', () => {
  sandboxes.control('wb', 'seed', {
    items: SKUS.map((vendorCode, i) => ({ vendorCode, sizes: [[`46000000000${i}`]] })),
  });
  SKUS.forEach((_, i) => {
    sandboxes.control('wb', 'set-stock', {
      warehouseId: WB_WAREHOUSES[0].id,
      chrtId: (300_000 + i) * 10,
      amount: 10 + i,
    });
  });
  const g = shop(
    { kind: 'channel', channelId: 'wb' },
    {
      channels: [
        {
          id: 'wb',
          name: 'WB',
          column: 'WB',
          marketplace: 'wb',
          enabled: false,
          sources: ['main'],
          target: { warehouseId: String(WB_WAREHOUSES[0].id) },
        },
      ],
    },
  );
  g.fn.setCredentials('wb', WB_SANDBOX);
  g.fn.runScheduledSync();
  expect(column(g)).toEqual([10, 11, 12, 13]);
});

it('keeps a shipped order reserve on a source-fed warehouse until the next import, then closes it', () => {
  files.files.set('/files/p.csv', { body: `Артикул,Остаток\n${SKUS.map((s) => `${s},5`).join('\n')}\n` });
  const g = shop(csvSource('p.csv'), {
    channels: [
      {
        id: 'ozon',
        name: 'Ozon',
        column: 'Ozon',
        marketplace: 'ozon',
        shipFrom: 'sup',
        target: { warehouseId: String(OZON_WAREHOUSES[0].warehouse_id) },
      },
    ],
  });
  const settings = plain(g.fn.getState()).settings;
  settings.reserves = { ...settings.reserves, enabled: true, activeFrom: '2026-11-01T00:00:00Z' };
  expect(g.fn.saveSettings(settings).ok).toBe(true);
  g.fn.runScheduledSync();
  sandboxes.control('ozon', 'posting', { posting_number: 'S-1', products: [{ offer_id: 'КРУЖКА-1', quantity: 2 }] });
  sandboxes.clock.advance(60_000);
  g.fn.runScheduledSync();
  sandboxes.control('ozon', 'posting', { posting_number: 'S-1', status: 'delivering' });
  sandboxes.clock.advance(60_000);
  g.fn.runScheduledSync();
  const reserve = () => {
    const rows = g.book.sheet('Резервы').dump();
    return Object.fromEntries(rows[0].map((h, i) => [String(h), rows[1][i]]));
  };
  expect(reserve()).toMatchObject({
    Статус: 'Активен',
    Комментарий: 'отгружен: закроется после импорта склада «Поставщик»',
  });
  expect(column(g)).toEqual([5, 5, 5, 5]);
  // The supplier's next file already counts the shipped units out: the reserve stops counting.
  files.files.set('/files/p.csv', {
    body: `Артикул,Остаток\nКРУЖКА-1,3\n${SKUS.slice(1)
      .map((s) => `${s},5`)
      .join('\n')}\n`,
  });
  sandboxes.clock.advance(60_000);
  g.fn.runScheduledSync();
  expect(reserve().Статус).toBe('Списан');
  const rows = g.book.sheet('Остатки').dump();
  expect(rows[1][rows[0].indexOf('К продаже')]).toBe(4); // Склад 1 + Поставщик 3, no reserve left
});
