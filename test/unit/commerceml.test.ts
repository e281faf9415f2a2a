/**
 * 1C's CommerceML 2 files (core/commerceml.ts): offers matched by «Артикул» or by «Ид» through import.xml,
 * the quantity forms and their order, files with and without the namespace, «only changes» packages.
 */
import {
  cmlNumber,
  commercemlMailRows,
  commercemlRows,
  NO_QUANTITY_IN_OFFERS,
  NONE_MATCHED,
  NONE_MATCHED_NO_ARTICLES,
  offerQuantity,
  readCatalogue,
} from '../../src/core/commerceml';
import { planImport } from '../../src/core/sources';
import { xml } from './xmlTree';

const NS = 'xmlns="urn:1C.ru:commerceml_2"';
const offers = (inner: string, { ns = NS, pack = '' } = {}) =>
  xml(
    `<КоммерческаяИнформация ${ns} ВерсияСхемы="2.05"><ПакетПредложений ${pack}><Ид>p</Ид><Предложения>${inner}</Предложения></ПакетПредложений></КоммерческаяИнформация>`,
  );
const catalogue = (goods: [string, string][], attrs = '') =>
  xml(
    `<КоммерческаяИнформация ${NS}><Каталог ${attrs}><Ид>c</Ид><Товары>${goods
      .map(([id, art]) => `<Товар><Ид>${id}</Ид><Артикул>${art}</Артикул><Наименование>т</Наименование></Товар>`)
      .join('')}</Товары></Каталог></КоммерческаяИнформация>`,
  );
const quantity = (inner: string) => offerQuantity(xml(`<Предложение ${NS}><Ид>x</Ид>${inner}</Предложение>`));
const unwrap = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

describe('CommerceML 2 (core)', () => {
  it('reads numbers as 1C writes them', () => {
    expect(['5', '5.000', '2,5', '1 200', '-2', ' 7 '].map(cmlNumber)).toEqual([5, 5, 2.5, 1200, -2, 7]);
    expect(['', 'много', '5 шт', undefined].map(cmlNumber)).toEqual([null, null, null, null]);
  });

  it('reads each quantity form, summing the per-warehouse ones', () => {
    expect(quantity('<Количество>7.000</Количество>')).toBe(7);
    expect(quantity('<Остатки><Остаток><Количество>4</Количество></Остаток></Остатки>')).toBe(4);
    expect(
      quantity(
        '<Остатки><Остаток><Склад><Ид>s1</Ид><Количество>3</Количество></Склад></Остаток><Остаток><Склад><Ид>s2</Ид><Количество>2.5</Количество></Склад></Остаток></Остатки>',
      ),
    ).toBe(5.5);
    expect(
      quantity(
        '<КоличествоНаСкладах><КоличествоНаСкладе><ИдСклада>s1</ИдСклада><Количество>6</Количество></КоличествоНаСкладе><КоличествоНаСкладе><ИдСклада>s2</ИдСклада><Количество>1</Количество></КоличествоНаСкладе></КоличествоНаСкладах>',
      ),
    ).toBe(7);
    expect(quantity('<Склад ИдСклада="s1" КоличествоНаСкладе="2"/><Склад ИдСклада="s2" КоличествоНаСкладе="9"/>')).toBe(
      11,
    );
    // No form states a number: unknown, so the SKU keeps its number.
    expect(quantity('<Цены><Цена><ЦенаЗаЕдиницу>100</ЦенаЗаЕдиницу></Цена></Цены>')).toBeNull();
  });

  it('takes the forms in order: «Количество», «Остатки», «КоличествоНаСкладах», «Склад»; a form that is not a number is passed over', () => {
    const all =
      '<Склад ИдСклада="s1" КоличествоНаСкладе="1"/><КоличествоНаСкладах><КоличествоНаСкладе><Количество>2</Количество></КоличествоНаСкладе></КоличествоНаСкладах><Остатки><Остаток><Количество>3</Количество></Остаток></Остатки>';
    expect(quantity(`<Количество>4</Количество>${all}`)).toBe(4);
    expect(quantity(all)).toBe(3);
    expect(quantity(all.replace(/<Остатки>.*<\/Остатки>/, ''))).toBe(2);
    expect(quantity('<Склад ИдСклада="s1" КоличествоНаСкладе="1"/>')).toBe(1);
    expect(quantity(`<Количество>уточняется</Количество>${all}`)).toBe(3);
    // A warehouse that says something else makes its form's sum unknown (it would undercount); one that says nothing is passed over.
    expect(
      quantity('<Склад ИдСклада="s1" КоличествоНаСкладе="5"/><Склад ИдСклада="s2" КоличествоНаСкладе="?"/>'),
    ).toBeNull();
    expect(quantity('<Склад ИдСклада="s1" КоличествоНаСкладе="5"/><Склад ИдСклада="s2"/>')).toBe(5);
  });

  it('matches by «Артикул», else by the full «Ид» through import.xml, else by the product part before «#»', () => {
    const read = unwrap(
      commercemlRows(
        offers(`
          <Предложение><Ид>g1</Ид><Артикул>КРУЖКА-1</Артикул><Количество>1</Количество></Предложение>
          <Предложение><Ид>g2#v1</Ид><Количество>2</Количество></Предложение>
          <Предложение><Ид>g2#v2</Ид><Количество>3</Количество></Предложение>
          <Предложение><Ид>g3#v9</Ид><Количество>4</Количество></Предложение>
          <Предложение><Ид>g4</Ид><Количество>5</Количество></Предложение>`),
        [
          unwrap(
            readCatalogue(
              catalogue([
                ['g1', 'ДРУГОЙ'],
                ['g2#v2', 'ЛОЖКА-3 (синяя)'],
                ['g2', 'ЛОЖКА-3'],
                ['g3', 'ВИЛКА-4'],
              ]),
            ),
          ).catalogue,
        ],
      ),
    );
    expect(read.rows).toEqual([
      { keys: ['КРУЖКА-1', 'ДРУГОЙ', 'g1'], qty: 1 },
      { keys: ['ЛОЖКА-3', 'g2#v1', 'g2'], qty: 2 },
      { keys: ['ЛОЖКА-3 (синяя)', 'ЛОЖКА-3', 'g2#v2', 'g2'], qty: 3 },
      { keys: ['ВИЛКА-4', 'g3#v9', 'g3'], qty: 4 },
      { keys: ['g4'], qty: 5 },
    ]);
    // On the sheet: variants without their own article add up to the product's row; g4 matches nothing.
    const plan = planImport(
      [
        ['Артикул', 'Поставщик'],
        ['КРУЖКА-1', 9],
        ['ЛОЖКА-3', 9],
        ['ВИЛКА-4', 9],
        ['НОЖ-6', 9],
      ],
      'Поставщик',
      read,
      { maxZeroShare: 1, minItems: 100 },
    );
    expect(plan.ok && plan.column).toEqual([1, 5, 4, 0]);
    expect(plan.ok && plan.extras).toEqual(['g4']);
  });

  it('reads a file without the namespace, as old exports write it, and the same with a prefix', () => {
    const plain = commercemlRows(
      offers('<Предложение><Ид>g</Ид><Артикул>A</Артикул><Количество>2</Количество></Предложение>', { ns: '' }),
    );
    expect(plain).toEqual({ ok: true, rows: [{ keys: ['A', 'g'], qty: 2 }], noneMatched: NONE_MATCHED });
    const prefixed = xml(
      '<cml:КоммерческаяИнформация xmlns:cml="urn:1C.ru:commerceml_2"><cml:ПакетПредложений><cml:Предложения><cml:Предложение><cml:Ид>g</cml:Ид><cml:Артикул>A</cml:Артикул><cml:Количество>2</cml:Количество></cml:Предложение></cml:Предложения></cml:ПакетПредложений></cml:КоммерческаяИнформация>',
    );
    expect(commercemlRows(prefixed)).toEqual(plain);
  });

  it('a package of only changes leaves the SKUs it does not list as they are, and so does a catalogue of only changes', () => {
    const stock = [
      ['Артикул', 'Поставщик'],
      ['A', 5],
      ['B', 6],
    ];
    const guard = { maxZeroShare: 1, minItems: 100 };
    const changes = commercemlRows(
      offers('<Предложение><Ид>g</Ид><Артикул>A</Артикул><Количество>1</Количество></Предложение>', {
        pack: 'СодержитТолькоИзменения="true"',
      }),
    );
    expect(changes).toMatchObject({ ok: true, partial: true });
    expect(planImport(stock, 'Поставщик', changes, guard)).toMatchObject({
      ok: true,
      column: [1, 6],
      missing: 0,
      partial: true,
    });
    // 2.03 writes the flag as an element.
    const old = xml(
      `<КоммерческаяИнформация ${NS}><ПакетПредложений><СодержитТолькоИзменения>true</СодержитТолькоИзменения><Предложения/></ПакетПредложений></КоммерческаяИнформация>`,
    );
    expect(commercemlRows(old)).toEqual({ ok: true, rows: [], partial: true, noneMatched: NONE_MATCHED_NO_ARTICLES });
    const partialCatalogue = unwrap(readCatalogue(catalogue([['g', 'A']], 'СодержитТолькоИзменения="true"'))).catalogue;
    expect(
      commercemlRows(offers('<Предложение><Ид>g</Ид><Количество>1</Количество></Предложение>'), [partialCatalogue]),
    ).toMatchObject({
      ok: true,
      partial: true,
    });
    expect(
      planImport(
        stock,
        'Поставщик',
        commercemlRows(offers('<Предложение><Ид>g</Ид><Артикул>A</Артикул><Количество>1</Количество></Предложение>')),
        guard,
      ),
    ).toMatchObject({ column: [1, 0], missing: 1, partial: false });
  });

  it('refuses a file that is not 1C’s, import.xml given as offers.xml, no offers, and offers without any number', () => {
    expect(commercemlRows(xml('<yml_catalog/>'))).toEqual({
      ok: false,
      reason: 'это не файл обмена 1С (CommerceML): в нём нет «КоммерческаяИнформация»',
    });
    expect(commercemlRows(catalogue([['g', 'A']]))).toEqual({
      ok: false,
      reason: 'в файле нет «ПакетПредложений»: это не offers.xml (может быть, указан import.xml)',
    });
    expect(commercemlRows(offers(''))).toEqual({
      ok: false,
      reason: 'в offers.xml нет ни одного предложения с «Ид» или «Артикул»',
    });
    expect(commercemlRows(offers('<Предложение><Ид>g</Ид><Количество>нет</Количество></Предложение>'))).toEqual({
      ok: false,
      reason: NO_QUANTITY_IN_OFFERS,
    });
    expect(readCatalogue(offers(''))).toEqual({
      ok: false,
      reason: 'в файле нет товаров («Каталог» → «Товары» → «Товар»): это не import.xml',
    });
  });

  it('reads mail attachments in any order: offers.xml with the catalogue beside it', () => {
    const read = commercemlMailRows([
      catalogue([['g', 'A']]),
      offers('<Предложение><Ид>g</Ид><Количество>3</Количество></Предложение>'),
    ]);
    expect(read).toEqual({ ok: true, rows: [{ keys: ['A', 'g'], qty: 3 }], noneMatched: NONE_MATCHED });
    expect(commercemlMailRows([catalogue([['g', 'A']])])).toEqual({
      ok: false,
      reason: 'во вложенных XML нет предложений 1С («ПакетПредложений»): нужен offers.xml',
    });
  });

  it('reads a single-file export that carries its own catalogue', () => {
    const both = xml(
      `<КоммерческаяИнформация ${NS}><Каталог><Товары><Товар><Ид>g</Ид><Артикул>A</Артикул></Товар></Товары></Каталог><ПакетПредложений><Предложения><Предложение><Ид>g</Ид><Количество>2</Количество></Предложение></Предложения></ПакетПредложений></КоммерческаяИнформация>`,
    );
    expect(offerQuantity(both.children()[1].children()[0].children()[0])).toBe(2);
    expect(commercemlRows(both)).toEqual({ ok: true, rows: [{ keys: ['A', 'g'], qty: 2 }], noneMatched: NONE_MATCHED });
  });

  it('refuses offers none of which is on the sheet — without articles it asks for import.xml — instead of zeroing the warehouse', () => {
    const stock = [
      ['Артикул', 'Поставщик'],
      ['A', 5],
      ['B', 6],
    ];
    const guard = { maxZeroShare: 1, minItems: 100 };
    const guids = commercemlRows(offers('<Предложение><Ид>g1</Ид><Количество>1</Количество></Предложение>'));
    expect(planImport(stock, 'Поставщик', guids, guard)).toEqual({ ok: false, reason: NONE_MATCHED_NO_ARTICLES });
    const others = commercemlRows(
      offers('<Предложение><Ид>g1</Ид><Артикул>Z</Артикул><Количество>1</Количество></Предложение>'),
    );
    expect(planImport(stock, 'Поставщик', others, guard)).toEqual({ ok: false, reason: NONE_MATCHED });
    // One offer on the sheet is enough: the rest is read as usual.
    const one = commercemlRows(
      offers(
        '<Предложение><Ид>g1</Ид><Количество>1</Количество></Предложение><Предложение><Ид>A</Ид><Количество>2</Количество></Предложение>',
      ),
    );
    expect(planImport(stock, 'Поставщик', one, guard)).toMatchObject({ ok: true, column: [2, 0] });
  });
});
