import {
  columnLetter,
  detectColumns,
  idHeaderGuess,
  notForSaleWord,
  rowsWord,
  SAMPLE_ROWS,
} from '../../src/core/columnDetection';

/** A sheet: the header row, then `n` rows made by `row(i)`. */
function sheet(header: unknown[], n: number, row: (i: number) => unknown[]): unknown[][] {
  return [header, ...Array.from({ length: n }, (_, i) => row(i))];
}

const detect = (rows: unknown[][], known?: Parameters<typeof detectColumns>[1]['known']) =>
  detectColumns(rows, { sheet: 'Остатки', known });

const headersOf = (list: { header: string }[]) => list.map((p) => p.header);

describe('column detection: the seller sheet of the first run', () => {
  const shop = sheet(['Артикул', 'Наименование', 'Москва', 'Поставщик', 'Ozon ID', 'Баркод WB'], 50, (i) => [
    `A-${i}`,
    `Товар ${i}`,
    i % 7,
    String(i % 3),
    123_456_700 + i,
    4_601_234_567_000 + i,
  ]);

  it('finds «Артикул», two warehouses and two id columns with their marketplaces, and says why', () => {
    const d = detect(shop);
    expect(d.headerRow).toBe(1);
    expect(d.sampledRows).toBe(50);
    expect(d.sku).toMatchObject({ column: 0, letter: 'A', header: 'Артикул' });
    expect(d.warehouses).toEqual([
      {
        column: 2,
        letter: 'C',
        header: 'Москва',
        type: 'own',
        checked: true,
        inSale: true,
        reason: 'числа в 50 из 50 строк',
      },
      {
        column: 3,
        letter: 'D',
        header: 'Поставщик',
        type: 'supplier',
        checked: true,
        inSale: true,
        reason: 'числа в 50 из 50 строк; тип «Поставщик» — по заголовку',
      },
    ]);
    expect(d.idColumns).toEqual([
      {
        column: 4,
        letter: 'E',
        header: 'Ozon ID',
        marketplace: 'ozon',
        checked: true,
        reason: 'длинные числа (ID) в 50 из 50 строк; площадка по заголовку — Ozon',
      },
      {
        column: 5,
        letter: 'F',
        header: 'Баркод WB',
        marketplace: 'wb',
        checked: true,
        reason: 'штрихкоды (8–14 цифр) в 50 из 50 строк; площадка по заголовку — Wildberries',
      },
    ]);
    expect(d.skipped).toEqual([
      expect.objectContaining({ header: 'Наименование', reason: 'название товара: надстройка его только показывает' }),
    ]);
    expect(d.notes).toEqual([]);
  });

  it('counts what is not a number, and still proposes a column that is mostly numbers', () => {
    const rows = sheet(['Артикул', 'Москва'], 50, (i) => [`A-${i}`, i === 4 || i === 9 ? 'много' : i]);
    expect(detect(rows).warehouses[0].reason).toBe('числа в 48 из 50 строк; не число: «много»');
    const worse = sheet(['Артикул', 'Москва'], 10, (i) => [`A-${i}`, i < 5 ? 'много' : i]);
    expect(detect(worse).warehouses).toEqual([]);
    expect(detect(worse).skipped[0].reason).toBe('текст в 5 из 10 строк («много») — не остаток и не ID');
  });

  it('reads numbers written as text, and blanks as no evidence either way', () => {
    const rows = sheet(['Артикул', 'Склад 2'], 4, (i) => [`A-${i}`, ['12', ' 7 ', '', '1 200'][i]]);
    expect(detect(rows).warehouses).toMatchObject([{ header: 'Склад 2', reason: 'числа в 3 из 4 строк' }]);
  });

  it('says «из 1 строки» / «из 21 строки» / «из 11 строк»', () => {
    expect([1, 2, 5, 11, 21, 111].map(rowsWord)).toEqual(['строки', 'строк', 'строк', 'строк', 'строки', 'строк']);
  });

  it('looks at the first 200 rows under the header only', () => {
    const rows = sheet(['Артикул', 'Москва'], 500, (i) => [`A-${i}`, i < SAMPLE_ROWS ? 1 : 'много']);
    const d = detect(rows);
    expect(d.sampledRows).toBe(SAMPLE_ROWS);
    expect(d.warehouses[0].reason).toBe('числа в 200 из 200 строк');
  });
});

describe('column detection: edge cases', () => {
  it('an empty sheet, or one with blank cells only, proposes nothing and says so', () => {
    for (const rows of [
      [],
      [['']],
      [
        ['', '  '],
        ['', ''],
      ],
    ]) {
      const d = detect(rows);
      expect([d.sku, d.warehouses, d.idColumns, d.skipped]).toEqual([null, [], [], []]);
      expect(d.notes).toEqual([
        'Лист «Остатки» пуст: создайте лист «Остатки» по шаблону или впишите заголовки в строку 1.',
      ]);
    }
  });

  it('a header row below row 1 is found, and the seller is told the add-on reads row 1 only', () => {
    const rows = [['Остатки на 01.12.2026'], [], ['Артикул', 'Москва'], ['A-1', 5], ['A-2', 3]];
    const d = detect(rows);
    expect(d.headerRow).toBe(3);
    expect(d.warehouses).toMatchObject([{ header: 'Москва', reason: 'числа в 2 из 2 строк' }]);
    expect(d.notes).toEqual([
      'Заголовки стоят в строке 3, а надстройка читает их только из строки 1: удалите строки 1–2 над ними.',
    ]);
    expect(detect(rows.slice(1)).notes[0]).toBe(
      'Заголовки стоят в строке 2, а надстройка читает их только из строки 1: удалите строку 1 над ними.',
    );
  });

  it('without any «Артикул»-like header, the first row that reads like headers is the header row', () => {
    const rows = [[''], ['Товар', 'Москва'], ['Чашка', 4]];
    const d = detect(rows);
    expect(d.headerRow).toBe(2);
    expect(d.sku).toBeNull();
    expect(d.notes).toContain(
      'Не нашёл столбец артикулов («Артикул», «Артикул продавца», «SKU», «Код товара»): без него надстройка не знает, какой это товар — назовите его «Артикул».',
    );
  });

  it('numbers only, with no header row in the first 10 rows: says where headers go', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [i, i * 2]);
    expect(detect(rows).notes).toEqual([
      'В первых 10 строках листа «Остатки» нет строки заголовков: впишите названия столбцов (Артикул, склады, ID товаров) в строку 1.',
    ]);
  });

  it('a header that stands twice is proposed in neither column, naming both', () => {
    const rows = sheet(['Артикул', 'Москва', 'Ozon', 'москва '], 3, (i) => [`A-${i}`, i, 1, 2]);
    const d = detect(rows);
    expect(headersOf(d.warehouses)).toEqual(['Ozon']);
    expect(d.skipped.filter((s) => s.reason.startsWith('заголовок стоит в нескольких столбцах (B, D)'))).toHaveLength(
      2,
    );
  });

  it('a duplicated «Артикул» gives no SKU column and one note about it', () => {
    const rows = sheet(['Артикул', 'Москва', 'Артикул'], 3, (i) => [`A-${i}`, i, `A-${i}`]);
    const d = detect(rows);
    expect(d.sku).toBeNull();
    expect(d.notes).toEqual(['Заголовок артикулов стоит в нескольких столбцах: оставьте один столбец «Артикул».']);
  });

  it('a column with data but no header is named and left out; an empty one is not mentioned', () => {
    const rows = sheet(['Артикул', '', 'Москва', ''], 3, (i) => [`A-${i}`, 'заметка', i, '']);
    const d = detect(rows);
    expect(d.skipped).toEqual([
      {
        column: 1,
        letter: 'B',
        header: '',
        reason: 'без заголовка: надстройка читает только столбцы с заголовком',
      },
    ]);
    // A value in a column past the header row's end is no column either.
    const wide = [['Артикул'], ['A-1', 5]];
    expect(detect(wide).skipped).toMatchObject([{ letter: 'B', header: '' }]);
  });

  it('a column that is both: small numbers under an id header is an id column, and says so', () => {
    const rows = sheet(['Артикул', 'Ozon ID', 'Склад Ozon', 'Код'], 10, (i) => [`A-${i}`, i + 1, i, i]);
    const d = detect(rows);
    expect(d.idColumns).toEqual([
      expect.objectContaining({
        header: 'Ozon ID',
        marketplace: 'ozon',
        reason: 'числа в 10 из 10 строк, но заголовок говорит об ID товара на площадке Ozon, а не об остатке',
      }),
    ]);
    // Numbers under a marketplace's name may be what the marketplace shows: proposed, but not ticked.
    expect(d.warehouses).toEqual([
      expect.objectContaining({
        header: 'Склад Ozon',
        checked: false,
        reason:
          'числа в 10 из 10 строк; но заголовок называет площадку Ozon: отметьте, только если это ваш склад, а не то, что показывает площадка',
      }),
    ]);
    expect(d.skipped).toEqual([
      expect.objectContaining({ header: 'Код', reason: 'числа, но по заголовку это код или ID, а не остаток' }),
    ]);
  });

  it('the add-on’s own columns and what the settings already have are not proposed', () => {
    const header = ['Артикул', 'К продаже', 'Резерв', 'Не распределено', 'Страховой запас', 'Ozon', 'Склад', 'WB ID'];
    const rows = sheet(header, 5, (i) => [`A-${i}`, 1, 0, 0, 1, 1, 3, 100_000_000 + i]);
    const d = detect(rows, {
      warehouses: [{ column: 'Склад' }],
      channels: [
        { name: 'Ozon', column: 'Ozon' },
        { name: 'WB', column: 'WB', idHeader: 'WB ID' },
      ],
    });
    expect([d.warehouses, d.idColumns]).toEqual([[], []]);
    expect(Object.fromEntries(d.skipped.map((s) => [s.header, s.reason]))).toEqual({
      'К продаже': 'его заполняет надстройка',
      Резерв: 'его заполняет надстройка',
      'Не распределено': 'его заполняет надстройка',
      'Страховой запас': 'служебный столбец: надстройка читает его сама',
      Ozon: 'столбец канала «Ozon»: его заполняет надстройка',
      Склад: 'уже есть в настройках как склад',
      'WB ID': 'уже в настройках: ID товаров канала «WB»',
    });
  });
});

describe('column detection: SKU headers and id columns', () => {
  it('«Артикул» and its usual other names, whatever the case and spacing', () => {
    for (const h of [
      ' артикул ',
      'Артикул  продавца',
      'sku',
      'КОД ТОВАРА',
      'offer_id',
      'Offer ID',
      'vendorCode',
      'vendor code',
    ]) {
      expect(detect(sheet([h, 'Москва'], 2, (i) => [`A-${i}`, i])).sku?.header).toBe(h.trim());
    }
  });

  it('asks to rename an SKU column that is not called «Артикул»', () => {
    const d = detect(sheet(['Москва', 'SKU'], 2, (i) => [i, `A-${i}`]));
    expect(d.notes).toEqual([
      'Артикулы — в столбце B «SKU», а надстройка ищет заголовок «Артикул»: переименуйте его в «Артикул».',
    ]);
  });

  it('prefers «Артикул» to an earlier «SKU», which may be a marketplace’s id column', () => {
    const d = detect(sheet(['SKU Маркет', 'SKU', 'Артикул'], 3, (i) => [`M-${i}0`, `S-${i}0`, `A-${i}`]));
    expect(d.sku?.header).toBe('Артикул');
    expect(d.idColumns.map((c) => [c.header, c.marketplace])).toEqual([
      ['SKU Маркет', 'yandex'],
      ['SKU', null],
    ]);
  });

  it('long digit strings are ids even without a hint in the header; the marketplace is then the seller’s pick', () => {
    const d = detect(sheet(['Артикул', 'Номер'], 5, (i) => [`A-${i}`, String(987_654_321 + i)]));
    expect(d.idColumns).toEqual([
      expect.objectContaining({
        header: 'Номер',
        marketplace: null,
        checked: false,
        reason: 'длинные числа (ID) в 5 из 5 строк; площадку по заголовку не угадать — выберите её сами',
      }),
    ]);
  });

  it('several ids in one cell («;») still read as ids; Yandex Market and WB by their usual headers', () => {
    const d = detect(
      sheet(['Артикул', 'nmID', 'Яндекс Маркет SKU', 'ID маркетплейса'], 3, (i) => [
        `A-${i}`,
        `${1_000_000 + i};${2_000_000 + i}`,
        `ym-${i}00`,
        `${5_000_000 + i}`,
      ]),
    );
    expect(d.idColumns.map((c) => [c.header, c.marketplace])).toEqual([
      ['nmID', 'wb'],
      ['Яндекс Маркет SKU', 'yandex'],
      // «маркетплейс» is no «Маркет».
      ['ID маркетплейса', null],
    ]);
  });

  it('prices, fractions and text are left out with a reason', () => {
    const d = detect(
      sheet(['Артикул', 'Цена, руб', 'Вес', 'Цвет'], 4, (i) => [`A-${i}`, 1990, 0.25 * (i + 1), 'красный']),
    );
    expect(Object.fromEntries(d.skipped.map((s) => [s.header, s.reason]))).toEqual({
      'Цена, руб': 'числа, но по заголовку это не остаток (цена, вес, дата…)',
      Вес: 'дробные числа — похоже на цену или вес, а остаток — целое число',
      Цвет: 'текст в 4 из 4 строк («красный») — не остаток и не ID',
    });
  });

  it('a sheet of headers only proposes warehouses by their header, and says there are no goods yet', () => {
    const d = detect([['Артикул', 'Наименование', 'Склад', 'Остатки Казань', 'Комментарий']]);
    expect(d.warehouses.map((w) => [w.header, w.reason])).toEqual([
      ['Склад', 'столбец пока пуст, но по заголовку это склад'],
      ['Остатки Казань', 'столбец пока пуст, но по заголовку это склад'],
    ]);
    expect(d.notes).toEqual([
      'Под заголовками на листе «Остатки» пока нет товаров: склады предложены только по заголовкам.',
    ]);
  });

  it('dates and booleans are not numbers', () => {
    const d = detect(sheet(['Артикул', 'Поступление'], 2, (i) => [`A-${i}`, new Date(2026, 0, i + 1)]));
    expect(d.skipped[0].reason).toBe('текст в 2 из 2 строк («дата») — не остаток и не ID');
  });

  it('names columns by letter as the sheet does', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
  });
});

describe('column detection: stock that is not for sale', () => {
  it('«Брак», «Дефекты», «ВОЗВРАТЫ», «Резервный», «Уценка» are proposed unticked «В продаже», saying why', () => {
    const headers = ['Артикул', 'Москва', 'Брак', 'Дефекты', 'ВОЗВРАТЫ', 'Склад резервный', 'Уценка', 'Списано'];
    const d = detect(sheet(headers, 10, (i) => [`A-${i}`, i, 1, 2, 0, 3, 1, 0]));
    expect(d.warehouses.map((w) => [w.header, w.checked, w.inSale])).toEqual([
      ['Москва', true, true],
      ['Брак', true, false],
      ['Дефекты', true, false],
      ['ВОЗВРАТЫ', true, false],
      ['Склад резервный', true, false],
      ['Уценка', true, false],
      ['Списано', true, false],
    ]);
    expect(d.warehouses[1].reason).toBe(
      'числа в 10 из 10 строк; не в продаже: по заголовку («брак») это остаток не для продажи — отметьте «В продаже», если его можно продавать',
    );
    expect(d.warehouses[0].reason).toBe('числа в 10 из 10 строк');
  });

  it('an empty column named as such a warehouse is unticked «В продаже» too', () => {
    const d = detect([['Артикул', 'Склад брака', 'Склад']]);
    expect(d.warehouses.map((w) => [w.header, w.inSale])).toEqual([
      ['Склад брака', false],
      ['Склад', true],
    ]);
    expect(d.warehouses[0].reason).toContain('столбец пока пуст, но по заголовку это склад; не в продаже');
  });

  it('finds the word whatever its case and ending, and not inside other words', () => {
    expect(notForSaleWord('БРАКОВАННЫЙ товар')).toBe('бракованный');
    expect(notForSaleWord('На ремонте')).toBe('ремонте');
    expect(notForSaleWord('Returns')).toBe('returns');
    expect(notForSaleWord('Москва')).toBeUndefined();
    expect(notForSaleWord('Склад Казань')).toBeUndefined();
  });
});

describe('idHeaderGuess: the id column a new channel of a marketplace likely uses', () => {
  it('a header that names the marketplace and says it holds ids, not one already taken', () => {
    const headers = ['Артикул', 'Склад Ozon', 'Ozon ID', 'Баркод WB', 'WB'];
    expect(idHeaderGuess(headers, 'ozon', [])).toBe('Ozon ID');
    expect(idHeaderGuess(headers, 'ozon', ['ozon id'])).toBeUndefined();
    expect(idHeaderGuess(headers, 'wb', [])).toBe('Баркод WB');
    expect(idHeaderGuess(headers, 'yandex', [])).toBeUndefined();
    expect(idHeaderGuess(headers, 'manual', [])).toBeUndefined();
  });

  it('MegaMarket, AliExpress and Avito by their names and abbreviations', () => {
    const headers = ['Артикул', 'Склад', 'ID ММ', 'Али SKU', 'Номер объявления Авито', 'Мегамаркет'];
    expect(idHeaderGuess(headers, 'megamarket', [])).toBe('ID ММ');
    expect(idHeaderGuess(headers, 'aliexpress', [])).toBe('Али SKU');
    expect(idHeaderGuess(headers, 'avito', [])).toBe('Номер объявления Авито');
    expect(idHeaderGuess(['Артикул', 'Avito item_id'], 'avito', [])).toBe('Avito item_id');
  });
});

describe('column detection of the newer marketplaces', () => {
  it('Avito listing numbers, MegaMarket and AliExpress ids are id columns of their marketplace', () => {
    const d = detect(
      sheet(['Артикул', 'Склад', 'Авито ID', 'MegaMarket offerId', 'AliExpress SKU', 'Диаметр, мм'], 20, (i) => [
        `A-${i}`,
        i % 5,
        3_000_000_000 + i,
        `MM-${i}0`,
        `ali-${i}0`,
        10 + i,
      ]),
    );
    expect(d.idColumns.map((c) => [c.header, c.marketplace, c.checked])).toEqual([
      ['Авито ID', 'avito', true],
      ['MegaMarket offerId', 'megamarket', true],
      ['AliExpress SKU', 'aliexpress', true],
    ]);
    expect(d.idColumns[0].reason).toContain('площадка по заголовку — Авито');
    // Millimetres are no MegaMarket: the column is a warehouse-like number, named no marketplace.
    expect(d.warehouses.find((w) => w.header === 'Диаметр, мм')).toMatchObject({
      checked: true,
      reason: 'числа в 20 из 20 строк',
    });
  });
});
