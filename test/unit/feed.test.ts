/** The site feed's YML (SPEC 5.8), the feed flag's validation, and the token comparison. */
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { buildFeed, priceOf, xmlEscape } from '../../src/core/feed';
import { validateSettings } from '../../src/core/settings';
import { sameToken } from '../../src/usecases/feed';
import { workedExampleSettings } from '../fixtures/workedExample';

const AT = Date.parse('2026-11-22T10:00:00Z');
const site = { name: 'Сайт', column: 'Сайт' };

/** Parses as a strict XML reader would: any well-formedness error throws. */
function parse(xml: string) {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
  const offers = Array.from(doc.getElementsByTagName('offer'));
  const text = (o: (typeof offers)[number], name: string) => o.getElementsByTagName(name)[0]?.textContent ?? null;
  return {
    doc,
    offers: offers.map((o) => ({
      id: o.getAttribute('id'),
      available: o.getAttribute('available'),
      count: text(o, 'count'),
      vendorCode: text(o, 'vendorCode'),
      name: text(o, 'name'),
      price: text(o, 'price'),
      currencyId: text(o, 'currencyId'),
      categoryId: text(o, 'categoryId'),
    })),
  };
}

function feedOf(stock: unknown[][], channel: { name: string; column: string; idHeader?: string } = site) {
  const result = buildFeed({ channel, stock, at: AT });
  if (!result.ok) throw new Error(result.error);
  return { ...parse(result.xml), xml: result.xml, count: result.offers };
}

describe('buildFeed', () => {
  it('an offer per row the recalculation gave a number, with the shop, the currency and one category', () => {
    const { doc, offers, count } = feedOf([
      ['Артикул', 'Наименование', 'Склад', 'Сайт', 'Цена'],
      ['A-1', 'Кружка', 5, 4, 390],
      ['A-2', 'Тарелка', 0, 0, '1 290,50'],
      ['A-3', 'Ложка', 'много', '', 100],
      ['', 'без артикула', 1, 1, 1],
      ['A-4', '', 3, 3, 'договорная'],
    ]);
    expect(doc.documentElement?.getAttribute('date')).toBe('2026-11-22T10:00:00Z');
    expect(doc.getElementsByTagName('name')[0].textContent).toBe('Сайт');
    expect(doc.getElementsByTagName('currency')[0].getAttribute('id')).toBe('RUR');
    expect(doc.getElementsByTagName('category')).toHaveLength(1);
    expect(count).toBe(3);
    expect(offers).toEqual([
      {
        id: 'A-1',
        available: 'true',
        count: '4',
        vendorCode: 'A-1',
        name: 'Кружка',
        price: '390',
        currencyId: 'RUR',
        categoryId: '1',
      },
      {
        id: 'A-2',
        available: 'false',
        count: '0',
        vendorCode: 'A-2',
        name: 'Тарелка',
        price: '1290.5',
        currencyId: 'RUR',
        categoryId: '1',
      },
      // No name: the SKU stands in; no price: no price, currency or category.
      {
        id: 'A-4',
        available: 'true',
        count: '3',
        vendorCode: 'A-4',
        name: 'A-4',
        price: null,
        currencyId: null,
        categoryId: null,
      },
    ]);
  });

  it('without «Цена» on the sheet no offer has a price', () => {
    const { offers } = feedOf([
      ['Артикул', 'Сайт'],
      ['A-1', 2],
    ]);
    expect(offers[0]).toMatchObject({ price: null, currencyId: null, categoryId: null, count: '2' });
  });

  it("the channel's id column names the offers; several ids in one cell give an offer each", () => {
    const { offers } = feedOf(
      [
        ['Артикул', 'Сайт', 'ID сайта'],
        ['A-1', 2, '101; 102'],
        ['A-2', 1, ''],
      ],
      { ...site, idHeader: 'ID сайта' },
    );
    expect(offers.map((o) => [o.id, o.vendorCode, o.count])).toEqual([
      ['101', 'A-1', '2'],
      ['102', 'A-1', '2'],
    ]);
  });

  it('escapes what XML would misread, in ids, names and the shop', () => {
    const nasty = `Кружка "Люкс" <b>&'</b>\u0001`;
    const { offers, xml } = feedOf(
      [
        ['Артикул', 'Наименование', 'Сайт'],
        ['A&B<1>"\'', nasty, 1],
      ],
      { name: 'Мой & <сайт>', column: 'Сайт' },
    );
    expect(offers[0].id).toBe('A&B<1>"\'');
    expect(offers[0].name).toBe(`Кружка "Люкс" <b>&'</b>`);
    expect(xml).toContain('<name>Мой &amp; &lt;сайт&gt;</name>');
  });

  it('names a missing column instead of publishing nothing silently', () => {
    expect(buildFeed({ channel: site, stock: [['Артикул', 'Склад']], at: AT })).toEqual({
      ok: false,
      error: 'На листе «Остатки» нет столбца канала «Сайт»: нажмите «Пересчитать»',
    });
    expect(buildFeed({ channel: site, stock: [], at: AT })).toMatchObject({ ok: false });
  });

  it('a renamed ID column of the channel is named, not published as a catalogue without offers', () => {
    const stock = [
      ['Артикул', 'Наименование', 'Сайт', 'Код на сайте'],
      ['A-1', 'Кружка', 4, 'site-1'],
    ];
    expect(buildFeed({ channel: { ...site, idHeader: 'ID сайта' }, stock, at: AT })).toEqual({
      ok: false,
      error: 'На листе «Остатки» нет столбца ID товара «ID сайта» канала «Сайт»',
    });
  });

  it('a column without one number to publish is refused: an empty catalogue would read as «sold out»', () => {
    const stock = [
      ['Артикул', 'Сайт'],
      ['A-1', ''],
      ['', 5],
    ];
    expect(buildFeed({ channel: site, stock, at: AT })).toEqual({
      ok: false,
      error: 'В столбце «Сайт» нет ни одного товара с числом и ID',
    });
  });

  it('property: texts with any XML-special characters give well-formed XML that says them back', () => {
    const char = fc.constantFrom(...'aZ09 -_.<>&"\'ЖёЯ/\\=#%'.split(''));
    const text = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text, fc.oneof(fc.nat(1000), fc.constant(''))), { maxLength: 20 }),
        (rows) => {
          const stock = [['Артикул', 'Наименование', 'Сайт'], ...rows];
          const kept = rows.filter(([sku, , n]) => sku.trim() !== '' && n !== '');
          if (!kept.length) return expect(buildFeed({ channel: site, stock, at: AT }).ok).toBe(false);
          const { offers } = feedOf(stock);
          expect(offers).toEqual(
            kept.map(([sku, name, n]) =>
              expect.objectContaining({
                id: sku.trim(),
                vendorCode: sku.trim(),
                name: name.trim() || sku.trim(),
                count: String(n),
                available: String((n as number) > 0),
              }),
            ),
          );
        },
      ),
    );
  });
});

it('priceOf takes numbers and numeric text above 0 only', () => {
  expect([
    priceOf(10),
    priceOf('1 200'),
    priceOf('99,9'),
    priceOf(0),
    priceOf(-1),
    priceOf('abc'),
    priceOf(''),
  ]).toEqual([10, 1200, 99.9, undefined, undefined, undefined, undefined]);
});

it('sameToken: equal only for the same non-empty text', () => {
  expect(sameToken('abc123', 'abc123')).toBe(true);
  expect(sameToken('abc124', 'abc123')).toBe(false);
  expect(sameToken('abc12', 'abc123')).toBe(false);
  expect(sameToken('abc1234', 'abc123')).toBe(false);
  expect(sameToken('', '')).toBe(false);
});

describe('the feed flag in settings', () => {
  const withFeed = (marketplace: string) => {
    const s = JSON.parse(JSON.stringify(workedExampleSettings));
    const i = s.channels.findIndex((c: any) => c.marketplace === marketplace);
    s.channels[i].feed = true;
    return { s, i, name: s.channels[i].name };
  };

  it('is allowed on a channel of one’s own', () => {
    const { s } = withFeed('manual');
    const result = validateSettings(s, new Date(AT));
    expect(result.ok && result.settings.channels.find((c) => c.marketplace === 'manual')?.feed).toBe(true);
  });

  it('is refused in Russian on a marketplace channel, at its field', () => {
    const { s, i, name } = withFeed('ozon');
    const result = validateSettings(s, new Date(AT));
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: `channels.${i}.feed`,
        message: `Канал ${i + 1} «${name}»: Публиковать как YML-фид для сайта: фид для сайта публикуется только у своего канала (площадка «Свой канал (без API)»); эта площадка получает остатки через свой API`,
      },
    ]);
  });
});

it('xmlEscape: entities for the five specials, control characters and lone surrogates dropped', () => {
  expect(xmlEscape(`a&b<c>"d'\u0001\ud800e\n`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;e\n');
  expect(xmlEscape('Кружка 😀')).toBe('Кружка 😀');
});
