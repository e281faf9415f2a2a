/**
 * One event, one time everywhere a seller reads it: in a spreadsheet set to Yekaterinburg (UTC+5) the
 * order's «Заказы» row of «Журнал», its reserve's «Создан» on «Резервы» and the sidebar's task list and
 * «Пересчитано» all say 15:15 — not 10:15 UTC, not 13:15 Moscow. The sheets hold real Dates (sortable,
 * readable back) that Sheets shows in the spreadsheet's zone by their number format.
 */
import { formatMoment, showTimesIn } from '../../sidebar/src/time';
import { openShopWithReserves, sku, useSandboxes } from './sendingSetup';

jest.setTimeout(60_000);
const started = useSandboxes();

const isDate = (v: unknown) => Object.prototype.toString.call(v) === '[object Date]';

function column(rows: unknown[][], header: string): number {
  return rows[0].indexOf(header);
}

it('an order pulled at 10:15 UTC reads 22.11.2026 15:15 on «Журнал», «Резервы» and in the sidebar', () => {
  const sandboxes = started();
  const shop = openShopWithReserves(sandboxes, 5);
  shop.book.timeZone = 'Asia/Yekaterinburg';
  sandboxes.clock.set(Date.parse('2026-11-22T10:15:05Z'));
  sandboxes.control('ozon', 'posting', { posting_number: 'P-7', products: [{ offer_id: sku(1), quantity: 1 }] });
  shop.g.fn.runScheduledSync();

  const journal = shop.book.sheet('Журнал');
  const values = journal.dump();
  const row = values.findIndex((r) => r[column(values, 'Статус')] === 'Заказы');
  expect(row).toBeGreaterThan(0);
  expect(isDate(values[row][column(values, 'Время')])).toBe(true);
  expect(journal.display()[row][column(values, 'Время')]).toBe('22.11.2026 15:15');

  const reserves = shop.book.sheet('Резервы');
  const reserveValues = reserves.dump();
  const reserve = reserveValues.findIndex((r) => r[column(reserveValues, 'Заказ')] === 'P-7');
  expect(isDate(reserveValues[reserve][column(reserveValues, 'Создан')])).toBe(true);
  expect(reserves.display()[reserve][column(reserveValues, 'Создан')]).toBe('22.11.2026 15:15');

  const state = JSON.parse(JSON.stringify(shop.g.fn.getState()));
  expect(state.timeZone).toBe('Asia/Yekaterinburg');
  // The sidebar shows times in the zone its state names (server.ts hands it to time.ts).
  showTimesIn(state.timeZone);
  const task = state.tasks.find((t: { status: string }) => t.status === 'Заказы');
  expect(formatMoment(task.at)).toBe('22.11.2026 15:15');
  expect(formatMoment(state.lastRecalc.at)).toBe('22.11.2026 15:15');
});
