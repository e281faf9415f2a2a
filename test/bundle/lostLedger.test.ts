/**
 * A lost «_Отправлено» never lets a mass zero through (SPEC 6): for a channel that has sent before,
 * the add-on first reads what the marketplace shows and guards against that.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { clearLogs, openShop, type Shop, shownOn, stockPushes, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const shown = (i: number) => shownOn(sandboxes, i);

/** The same document without «_Отправлено» (the file copied without it, or the sheet deleted). */
function withoutLedger(shop: Shop): Shop {
  const book = new FakeSpreadsheet();
  for (const sheet of shop.book.getSheets())
    if (sheet.getName() !== '_Отправлено') book.addSheet(sheet.getName(), sheet.dump());
  const g = loadBundle({ book, sandboxes, properties: shop.g.properties });
  return { g, book, n: shop.n };
}

function zeroRows(shop: Shop, from: number, to: number): void {
  for (let i = from; i < to; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
}

it('«_Отправлено» deleted: a mass zero is held against what the marketplaces show; the rest is sent', () => {
  const sent = openShop(sandboxes, 20);
  sent.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
  const shop = withoutLedger(sent);
  zeroRows(shop, 0, 8);
  clearLogs(sandboxes);
  const result = plain(shop.g.fn.runScheduledSync());
  expect(result.channels.map((c: any) => c.status)).toEqual(['Частично', 'Частично', 'Частично']);
  expect(shown(0)).toEqual({ ozon: 10, wb: 10, ym: 10 });
  // With no record of what was accepted, every other item is sent again.
  expect(stockPushes(sandboxes)).toEqual({ ozon: 12, wb: 12, yandex: 12 });
  expect(plain(shop.g.fn.getState()).held.ozon).toMatchObject({ count: 8, base: 20 });
  // The next run still holds them: the baseline of the held items was kept.
  clearLogs(sandboxes);
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  expect(shown(6)).toEqual({ ozon: 16, wb: 16, ym: 16 });
  expect(plain(shop.g.fn.getState()).held.wb).toMatchObject({ count: 8, base: 20 });
});

it('«_Отправлено» emptied to its header: the same', () => {
  const shop = openShop(sandboxes, 20);
  shop.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
  const ledger = shop.book.sheet('_Отправлено');
  ledger.deleteRows(2, ledger.getLastRow() - 1);
  zeroRows(shop, 5, 15);
  clearLogs(sandboxes);
  shop.g.fn.runScheduledSync();
  expect(shown(5)).toEqual({ ozon: 15, wb: 15, ym: 15 });
  expect(stockPushes(sandboxes)).toEqual({ ozon: 10, wb: 10, yandex: 10 });
  expect(plain(shop.g.fn.getState()).held.ym).toMatchObject({ count: 10 });
});

it('a document that never sent has no baseline to read: its first push goes out as it is', () => {
  const shop = openShop(sandboxes, 10, { stock: (i) => (i < 6 ? 0 : 5) });
  clearLogs(sandboxes);
  const result = plain(shop.g.fn.runScheduledSync());
  expect(result.channels.map((c: any) => c.status)).toEqual(['Выполнено', 'Выполнено', 'Выполнено']);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 10, wb: 10, yandex: 10 });
});
