/**
 * The preview after «Пересчитать» / «Сохранить» holds what the push from the panel holds (SPEC 6):
 * zeros that reserves explain go out at once and are not counted as held, in the preview as in the push.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { openShopWithReserves, type Shop, shownOn, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

/** Manual reserves that take the whole stock of SKUs `from`…`to − 1` (openShop gives SKU i 10 + i % 7). */
function reserveAll(shop: Shop, from: number, to: number): void {
  const sheet = shop.book.sheet('Резервы');
  const row = ['', '', '', '', 0, 'Склад', 'Ручной', 'Активен', '', '', 'самовывоз'];
  for (let i = from; i < to; i++) {
    row[3] = sku(i);
    row[4] = 10 + (i % 7);
    row.forEach((v, c) => {
      sheet.put(2 + i - from, c + 1, v);
    });
  }
}

type Row = { channelId: string; name: string; toZero: number; held: number; explained: number; wouldHold: boolean };

/** Per channel: what the preview said of the guard, and what the push from the panel then did. */
function previewThenPush(shop: Shop) {
  const recalc = plain(shop.g.fn.recalculate());
  expect(recalc.ok).toBe(true);
  const preview: Row[] = recalc.preview;
  sandboxes.clock.advance(60_000);
  const sent = plain(shop.g.fn.sendStocks('sidebar'));
  const held = plain(shop.g.fn.getState()).held;
  return preview.map((p) => {
    const row = sent.channels.find((c: { channel: string }) => c.channel === p.name);
    return {
      channel: p.channelId,
      preview: { wouldHold: p.wouldHold, held: p.held, toZero: p.toZero, explained: p.explained },
      push: {
        held: String(row.details).includes('задержано защитой') || row.status === 'Задержано защитой',
        count: held[p.channelId]?.count ?? 0,
      },
    };
  });
}

it('zeros that reserves explain: the preview says nothing is held, and the push holds nothing and sends them', () => {
  const shop = openShopWithReserves(sandboxes, 20);
  // 8 of 20 items go to 0 — past the guard's 30 % — but every one of them because reserves took its stock.
  reserveAll(shop, 0, 8);
  const outcome = previewThenPush(shop);
  expect(outcome.map((o) => o.channel)).toEqual(['ozon', 'wb', 'ym']);
  for (const o of outcome) {
    expect(o.preview).toEqual({ wouldHold: false, held: 0, toZero: 8, explained: 8 });
    expect(o.push).toEqual({ held: o.preview.wouldHold, count: o.preview.held });
  }
  expect(shownOn(sandboxes, 0)).toEqual({ ozon: 0, wb: 0, ym: 0 });
  expect(shownOn(sandboxes, 7)).toEqual({ ozon: 0, wb: 0, ym: 0 });
});

it('explained and unexplained zeros in one push: the preview holds exactly the unexplained ones, as the push does', () => {
  const shop = openShopWithReserves(sandboxes, 20);
  reserveAll(shop, 0, 8);
  // And 8 rows cut to 0 by hand: nothing explains these.
  for (let i = 8; i < 16; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
  const outcome = previewThenPush(shop);
  for (const o of outcome) {
    expect(o.preview).toEqual({ wouldHold: true, held: 8, toZero: 16, explained: 8 });
    expect(o.push).toEqual({ held: o.preview.wouldHold, count: o.preview.held });
  }
  const held = shop.book
    .sheet('_Задержано')
    .dump()
    .slice(1)
    .filter((r) => r[0] === 'ozon')
    .map((r) => r[1]);
  expect(held).toEqual(Array.from({ length: 8 }, (_, k) => sku(8 + k)));
  expect(shownOn(sandboxes, 0)).toEqual({ ozon: 0, wb: 0, ym: 0 });
  expect(shownOn(sandboxes, 8)).toEqual({ ozon: 10 + (8 % 7), wb: 10 + (8 % 7), ym: 10 + (8 % 7) });
});

it("«Показать для выделенной строки» counts the row's reserves, as «Пересчитать» writes it", () => {
  const shop = openShopWithReserves(sandboxes, 5);
  const sheet = shop.book.sheet('Резервы');
  ['', '', '', sku(2), 3, 'Склад', 'Ручной', 'Активен', '', '', 'самовывоз'].forEach((v, c) => {
    sheet.put(2, c + 1, v);
  });
  expect(plain(shop.g.fn.recalculate()).ok).toBe(true);
  const stock = shop.book.sheet('Остатки').dump();
  const forSale = stock[0].indexOf('К продаже');
  shop.book.sheet('Остатки').getRange(4, 1).activate();
  const preview = plain(shop.g.fn.previewSelection(plain(shop.g.fn.getState()).settings));
  // SKU 2 has 10 + 2 = 12, of which 3 are reserved.
  expect(preview).toMatchObject({ ok: true, sku: sku(2), forSale: 9 });
  expect(preview.forSale).toBe(stock[3][forSale]);
});
