/**
 * The site feed through the built bundle (SPEC 5.8): doGet with the channel's token answers YML whose offers are
 * the channel's column as the last recalculation wrote it, reading without a single Spreadsheet or property
 * write; a wrong or missing token answers without data; «Новая ссылка» retires the old token.
 */
import { DOMParser } from '@xmldom/xmldom';
import { type Gas, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { reserveHeader } from '../fixtures/workedExample';

const settings = (feed: unknown = true, marketplace = 'manual') => ({
  version: 1,
  sendEnabled: false,
  schedule: { everyMinutes: 60 },
  warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
  channels: [
    { id: 'ozon', name: 'Ozon', column: 'Ozon', marketplace: 'ozon', rule: { type: 'share', percent: 50 } },
    { id: 'site', name: 'Сайт', column: 'Сайт', marketplace, rule: { type: 'share', percent: 100 }, feed },
  ],
});

function shop(installation: 'NONE' | 'WEB_STORE_ADD_ON' = 'NONE'): Gas {
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [
    ['Артикул', 'Наименование', 'Склад', 'Цена'],
    ['A-1', 'Кружка <Люкс>', 5, 390],
    ['A-2', 'Тарелка', 0, 250],
    ['A-3', 'Ложка', 'много', 90],
    ['A-4', 'Вилка', 7, ''],
  ]);
  book.addSheet('Резервы', [reserveHeader]);
  return loadBundle({ book, installation });
}

const feedUrl = (gas: Gas) => gas.fn.getState().feeds[0]?.url as string | null;
const params = (url: string) => Object.fromEntries(new URL(url).searchParams);

function offersOf(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return Array.from(doc.getElementsByTagName('offer')).map((o) => ({
    id: o.getAttribute('id'),
    count: Number(o.getElementsByTagName('count')[0].textContent),
  }));
}

/** The channel's column as the sheet holds it now: what the recalculation wrote. */
function siteColumn(gas: Gas) {
  const [head, ...rows] = gas.book.sheet('Остатки').dump();
  const sku = head.indexOf('Артикул');
  const site = head.indexOf('Сайт');
  return rows.filter((r) => typeof r[site] === 'number').map((r) => ({ id: r[sku], count: r[site] }));
}

describe('doGet', () => {
  let gas: Gas;
  beforeEach(() => {
    gas = shop();
    gas.scriptApp.webAppUrl = 'https://script.google.com/macros/s/DEPLOYMENT/exec';
    expect(gas.fn.saveSettings(settings())).toMatchObject({ ok: true });
  });

  it("with the channel's token answers XML whose offers are the channel's column; nothing is written", () => {
    const url = feedUrl(gas) as string;
    expect(url).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/DEPLOYMENT\/exec\?feed=site&token=[0-9a-f]{32}$/);
    const writes = gas.book.io.writes;
    const logAt = gas.book.io.log.length;
    const propertyWrites = gas.properties.document.writes;
    const cells = JSON.stringify(gas.book.sheets.map((s) => [s.name, s.dump()]));
    const out = gas.fn.doGet({ parameter: params(url), queryString: new URL(url).search.slice(1) });
    expect(out.getMimeType()).toBe('XML');
    const offers = offersOf(out.getContent());
    expect(offers).toEqual(siteColumn(gas));
    // A-3 is invalid («много»): the recalculation left its cell blank, and the feed leaves it out.
    expect(offers.map((o) => o.id)).toEqual(['A-1', 'A-2', 'A-4']);
    expect(out.getContent()).toContain('<name>Кружка &lt;Люкс&gt;</name>');
    expect(gas.book.io.writes).toBe(writes);
    // Only reads: one getValues of «Остатки» (the fake logs every read and write; writes are counted too).
    expect(gas.book.io.log.slice(logAt)).toEqual([expect.stringMatching(/^getValues Остатки!/)]);
    expect(gas.properties.document.writes).toBe(propertyWrites);
    expect(JSON.stringify(gas.book.sheets.map((s) => [s.name, s.dump()]))).toBe(cells);
  });

  it('a later edit shows only after a recalculation: the feed is the last recalculation', () => {
    const url = feedUrl(gas) as string;
    gas.book.sheet('Остатки').put(2, 3, 50);
    expect(offersOf(gas.fn.doGet({ parameter: params(url) }).getContent())[0]).toEqual({ id: 'A-1', count: 5 });
    gas.fn.recalculate();
    expect(offersOf(gas.fn.doGet({ parameter: params(url) }).getContent())[0]).toEqual({ id: 'A-1', count: 50 });
  });

  it('a wrong, missing or other channel’s token answers a short text without any stock', () => {
    const { feed, token } = params(feedUrl(gas) as string);
    const wrong = [
      { feed, token: `${token.slice(0, -1)}0` === token ? `${token.slice(0, -1)}1` : `${token.slice(0, -1)}0` },
      { feed },
      { token },
      { feed: 'ozon', token },
      {},
    ];
    for (const parameter of wrong) {
      const out = gas.fn.doGet({ parameter });
      expect(out.getMimeType()).toBe('TEXT');
      expect(out.getContent()).toMatch(/^Нет доступа к фиду/);
      expect(out.getContent()).not.toMatch(/A-1|Кружка|offer/);
      // Apps Script answers 200 whatever doGet returns: a refusal must not parse as a (sold-out) catalogue.
      expect(out.getContent()).not.toMatch(/yml_catalog|<\?xml|</);
    }
    expect(gas.fn.doGet().getContent()).toMatch(/^Нет доступа к фиду/);
  });

  it('a feed that cannot be built answers plain text, never an empty catalogue that would sell everything out', () => {
    const url = feedUrl(gas) as string;
    const sheet = gas.book.sheet('Остатки');
    sheet.put(1, sheet.dump()[0].indexOf('Сайт') + 1, 'Сайт (старый)');
    const out = gas.fn.doGet({ parameter: params(url) });
    expect(out.getMimeType()).toBe('TEXT');
    expect(out.getContent()).toMatch(/^Фид не собран: На листе «Остатки» нет столбца канала «Сайт»/);
    expect(out.getContent()).not.toMatch(/yml_catalog|</);
  });

  it('«Новая ссылка» issues a new token and the old URL stops working', () => {
    const old = feedUrl(gas) as string;
    const answer = gas.fn.newFeedToken('site');
    expect(answer).toMatchObject({ ok: true, feed: { channelId: 'site', reason: null } });
    expect(answer.feed.url).not.toBe(old);
    expect(feedUrl(gas)).toBe(answer.feed.url);
    expect(gas.fn.doGet({ parameter: params(old) }).getMimeType()).toBe('TEXT');
    expect(gas.fn.doGet({ parameter: params(answer.feed.url) }).getMimeType()).toBe('XML');
  });

  it('newFeedToken refuses in Russian a channel without the feed, and an unknown one', () => {
    expect(gas.fn.newFeedToken('ozon')).toEqual({
      ok: false,
      error:
        'У канала «Ozon» фид не включён: отметьте «Публиковать как YML-фид для сайта» у своего канала и сохраните.',
    });
    expect(gas.fn.newFeedToken('nope')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Канала с кодом «nope» нет/),
    });
  });

  it('turning the feed off retires its URL; turning it on again gives a new one', () => {
    const old = feedUrl(gas) as string;
    expect(gas.fn.saveSettings(settings(false))).toMatchObject({ ok: true });
    expect(gas.fn.getState().feeds).toEqual([]);
    expect(gas.fn.doGet({ parameter: params(old) }).getMimeType()).toBe('TEXT');
    expect(gas.fn.saveSettings(settings(true))).toMatchObject({ ok: true });
    expect(feedUrl(gas)).not.toBe(old);
  });
});

describe('getState and saving', () => {
  it('before the script is deployed as a web app: no URL, and why', () => {
    const gas = shop();
    gas.fn.saveSettings(settings());
    expect(gas.fn.getState().feeds).toEqual([{ channelId: 'site', name: 'Сайт', url: null, reason: 'notDeployed' }]);
  });

  it('a feed on a marketplace channel is refused at save, and nothing is stored', () => {
    const gas = shop();
    const answer = gas.fn.saveSettings(settings(true, 'wb'));
    expect(answer).toMatchObject({ ok: false, errors: [{ path: 'channels.1.feed' }] });
    expect(answer.errors[0].message).toMatch(
      /^Канал 2 «Сайт»: Публиковать как YML-фид для сайта: фид для сайта публикуется только у своего канала/,
    );
    expect(gas.fn.getState().settingsStatus).toBe('none');
  });

  it('an add-on install refuses the feed at save and says why; its web app answers without data', () => {
    const gas = shop('WEB_STORE_ADD_ON');
    const answer = gas.fn.saveSettings(settings());
    expect(answer).toMatchObject({ ok: false, errors: [{ path: 'channels.1.feed' }] });
    expect(answer.errors[0].message).toMatch(/только в скрипте, привязанном к таблице/);
    expect(gas.fn.newFeedToken('site')).toMatchObject({ ok: false });
    expect(gas.fn.doGet({ parameter: { feed: 'site', token: 'x' } }).getMimeType()).toBe('TEXT');
  });
});
