import fc from 'fast-check';
import { groupDigits } from '../../src/core/cells';
import { declaredXmlCharset, type FeedOffer, feedRows, NO_QUANTITY_IN_FEED, planImport } from '../../src/core/sources';
import { feedNumber, offerQuantity } from '../../src/core/ymlQuantity';

const offer = (o: Partial<FeedOffer>): FeedOffer => ({ id: 'A', barcodes: [], values: {}, ...o });
const param = (name: string, value: string) => ({ name, value });

describe('the stock of a YML offer in every common form', () => {
  it.each([
    ['<count>', { values: { count: '7' } }, 7],
    ['<quantity>', { values: { quantity: '7' } }, 7],
    ['<stock>', { values: { stock: '7' } }, 7],
    ['<stock_quantity>', { values: { stock_quantity: '7' } }, 7],
    ['<Count> in another case', { values: { Count: '7' } }, 7],
    ['one outlet', { outlets: ['7'] }, 7],
    ['outlets summed', { outlets: ['7', '3', '0'] }, 10],
    ['an outlet without instock passed over', { outlets: [undefined, '4'] }, 4],
    ['param «Остаток»', { params: [param('Остаток', '9')] }, 9],
    ['param «Количество»', { params: [param('Количество', '9')] }, 9],
    ['param «Наличие» with a number', { params: [param('Наличие', '9')] }, 9],
    ['param «В наличии» with a number', { params: [param('В наличии', '9')] }, 9],
    ['param name in another case and spaced', { params: [param('  в  НАЛИЧИИ ', '9')] }, 9],
    ['«7 шт.»', { params: [param('Остаток', '7 шт.')] }, 7],
    ['«7шт»', { values: { count: '7шт' } }, 7],
    ['«12 штук»', { values: { quantity: '12 штук' } }, 12],
    ['«1 200»', { values: { count: ' 1 200 ' } }, 1200],
    ['«7,0»', { values: { count: '7,0' } }, 7],
    ['«более 100»', { params: [param('Остаток', 'более 100')] }, 100],
    ['«>100»', { params: [param('Остаток', '>100')] }, 100],
    ['«10+»', { values: { stock: '10+' } }, 10],
    ['a negative number', { values: { count: '-3' } }, 0],
    ['«В наличии» «нет»', { params: [param('В наличии', 'нет')] }, 0],
    ['«Наличие» «Нет в наличии»', { params: [param('Наличие', ' Нет в наличии ')] }, 0],
    ['available="false"', { values: { available: 'false' } }, 0],
  ])('%s', (_, o, expected) => {
    expect(offerQuantity(offer(o as Partial<FeedOffer>))).toBe(expected);
  });

  it.each([
    ['nothing', {}],
    ['available="true" alone', { values: { available: 'true' } }],
    ['«В наличии» «да» alone', { params: [param('В наличии', 'да')] }],
    ['«Наличие» «есть» alone', { params: [param('Наличие', 'есть')] }],
    ['words', { values: { count: 'много' } }],
    ['a blank count', { values: { count: '  ' } }],
    ['a barcode-sized number', { values: { count: '4601234567890' } }],
    ['an outlet whose instock is not a number', { outlets: ['5', 'много'] }],
    ['a param of another name', { params: [param('Цвет', '5')] }],
    ['«менее 5»', { params: [param('Остаток', 'менее 5')] }],
  ])('%s is unknown, never 0', (_, o) => {
    expect(offerQuantity(offer(o as Partial<FeedOffer>))).toBeNull();
  });

  it('«да» is unknown unless another form gives the number', () => {
    expect(offerQuantity(offer({ params: [param('В наличии', 'да'), param('Остаток', '4')] }))).toBe(4);
  });

  it('the most specific number wins: stock_quantity, count, outlets, quantity, stock, then the params', () => {
    const all = {
      values: { stock_quantity: '1', count: '2', quantity: '4', stock: '5' },
      outlets: ['3'],
      params: [param('Наличие', '9'), param('В наличии', '8'), param('Количество', '7'), param('Остаток', '6')],
    };
    expect(offerQuantity(offer(all))).toBe(1);
    const { stock_quantity: _, ...noSq } = all.values;
    expect(offerQuantity(offer({ ...all, values: noSq }))).toBe(2);
    expect(offerQuantity(offer({ ...all, values: { quantity: '4', stock: '5' } }))).toBe(3);
    expect(offerQuantity(offer({ ...all, values: { quantity: '4', stock: '5' }, outlets: [] }))).toBe(4);
    expect(offerQuantity(offer({ ...all, values: { stock: '5' }, outlets: [] }))).toBe(5);
    expect(offerQuantity(offer({ params: all.params }))).toBe(6);
    expect(offerQuantity(offer({ params: all.params.slice(0, 3) }))).toBe(7);
    expect(offerQuantity(offer({ params: all.params.slice(0, 2) }))).toBe(8);
  });

  it('a form without a number is passed over for the next one that has one', () => {
    expect(offerQuantity(offer({ values: { count: 'много', stock: 'true' }, params: [param('Остаток', '3')] }))).toBe(
      3,
    );
  });

  it('a number beats «нет» and available="false"; of repeated params the first counts', () => {
    expect(offerQuantity(offer({ values: { available: 'false', count: '6' } }))).toBe(6);
    expect(offerQuantity(offer({ params: [param('В наличии', 'нет'), param('Остаток', '2')] }))).toBe(2);
    expect(offerQuantity(offer({ params: [param('Остаток', '2'), param('Остаток', '5')] }))).toBe(2);
  });

  it('reads the number of a text or says it has none', () => {
    expect(feedNumber('7 ед.')).toBe(7);
    expect(feedNumber('7 pcs')).toBe(7);
    expect(feedNumber('свыше 1 000')).toBe(1000);
    expect(feedNumber(undefined)).toBeNull();
    expect(feedNumber('шт.')).toBeNull();
    expect(feedNumber('7 кг')).toBeNull();
  });
});

// One form at a time, each as the adapter hands it over.
const FORMS: ((text: string) => Partial<FeedOffer>)[] = [
  (t) => ({ values: { count: t } }),
  (t) => ({ values: { quantity: t } }),
  (t) => ({ values: { stock: t } }),
  (t) => ({ values: { stock_quantity: t } }),
  (t) => ({ outlets: [t] }),
  (t) => ({ params: [param('Остаток', t)] }),
  (t) => ({ params: [param('Количество', t)] }),
  (t) => ({ params: [param('Наличие', t)] }),
  (t) => ({ params: [param('В наличии', t)] }),
];
// What the adapter also collects and no form reads: names, prices, other params.
const noise = {
  values: { name: 'Кружка 300 мл', price: '450', currencyId: 'RUR', vendorCode: 'A', available: 'true' },
  params: [param('Цвет', 'синий'), param('Объём', '300')],
};

describe('the stock of a YML offer (property)', () => {
  it('any single form with a readable number yields that number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.nat(FORMS.length - 1),
        fc.constantFrom<(n: number) => string>(String, groupDigits, (n) => `${n},0`),
        fc.constantFrom('', ' ', '  '),
        fc.constantFrom('', ' шт.', 'шт', ' штук', ' ед.'),
        (n, f, written, pad, unit) => {
          const form = FORMS[f](`${pad}${written(n)}${unit}${pad}`);
          const o = offer({
            ...form,
            values: { ...noise.values, ...form.values },
            params: [...noise.params, ...(form.params ?? [])],
          });
          expect(offerQuantity(o)).toBe(n);
        },
      ),
    );
  });

  it('an offer with no number in any form is unknown, never 0', () => {
    const saysNo = /^\s*(нет|нет в наличии|отсутствует|false)\s*$/i;
    const unreadable = fc.oneof(
      fc.constantFrom('', ' ', 'много', 'да', 'есть', 'true', 'под заказ', 'уточняйте', 'N/A', '4601234567890'),
      fc.string().filter((s) => feedNumber(s) === null && !saysNo.test(s)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(FORMS.length - 1), unreadable), { maxLength: 4 }), (picked) => {
        const o = offer({ values: { ...noise.values }, params: [...noise.params], outlets: [] });
        for (const [f, text] of picked) {
          const form = FORMS[f](text);
          Object.assign(o.values, form.values);
          o.params?.push(...(form.params ?? []));
          o.outlets?.push(...(form.outlets ?? []));
        }
        expect(offerQuantity(o)).toBeNull();
      }),
    );
  });
});

describe('a YML feed as a source', () => {
  const stock = () => [
    ['Артикул', 'Поставщик'],
    ['A', 5],
    ['B', 7],
    ['C', 3],
  ];
  const GUARD = { maxZeroShare: 0.3, minItems: 5 };

  it('an unreadable offer keeps its number and is counted; absent SKUs go to 0', () => {
    const read = feedRows([
      offer({ id: 'A', outlets: ['2', '1'] }),
      offer({ id: 'x', vendorCode: 'B', values: { vendorCode: 'B', count: 'много' } }),
    ]);
    const plan = planImport(stock(), 'Поставщик', read, GUARD);
    expect(plan).toMatchObject({ ok: true, column: [3, 7, 0], unknown: ['x'], applied: 1, missing: 1 });
  });

  it('a feed whose offers all lack a readable number is refused, so nothing goes to 0', () => {
    const read = feedRows([offer({ id: 'A' }), offer({ id: 'B', params: [param('В наличии', 'да')] })]);
    expect(read).toEqual({ ok: false, reason: NO_QUANTITY_IN_FEED });
    expect(planImport(stock(), 'Поставщик', read, GUARD)).toEqual(read);
  });

  it('a feed of zeros is readable (a sell-out), and the mass-zero guard still holds it', () => {
    const many = Array.from({ length: 6 }, (_, i) => [`S${i}`, 4]);
    const read = feedRows(many.map(([id]) => offer({ id: String(id), values: { available: 'false' } })));
    const plan = planImport([['Артикул', 'Поставщик'], ...many], 'Поставщик', read, GUARD);
    expect(plan).toMatchObject({ ok: true, column: [4, 4, 4, 4, 4, 4] });
    expect(plan.ok && plan.held).toHaveLength(6);
  });

  it('knows the charset an XML file declares', () => {
    expect(declaredXmlCharset('<?xml version="1.0" encoding="windows-1251"?><yml_catalog/>')).toBe('windows-1251');
    expect(declaredXmlCharset("\uFEFF<?xml version='1.0' encoding='CP1251' ?>")).toBe('cp1251');
    expect(declaredXmlCharset('<?xml version="1.0" encoding="UTF-8"?>')).toBeNull();
    expect(declaredXmlCharset('<?xml version="1.0"?><a encoding="koi8-r"/>')).toBeNull();
    expect(declaredXmlCharset('Артикул;Остаток')).toBeNull();
  });
});
