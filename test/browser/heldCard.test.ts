/**
 * A held push's card at 300 px: the first held SKUs with «и ещё N», «Открыть список» (the hidden sheet shown),
 * and the card shrinking or going away when «Пересчитать» finds fewer zeros; the schedule line's one period.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { type Shop, sku } from '../bundle/sendingSetup';
import { shootSidebar } from './chromium';
import { closeShopSidebar, openShopSidebar, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let sandboxes: Sandboxes;
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};

beforeAll(async () => {
  ({ sandboxes, shop, page, errors } = await openShopSidebar(20, started));
  shop.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
}, 90_000);

afterAll(() => closeShopSidebar(started));

const stock = (i: number) => 10 + (i % 7);

it('the card names the first 10 held SKUs and how many more, and «Открыть список» shows «_Задержано»', async () => {
  for (let i = 0; i < 12; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
  shop.g.fn.runScheduledSync();
  await page.reload();
  const card = page.locator('[data-held="ozon"]');
  await card.waitFor();
  const first10 = Array.from({ length: 10 }, (_, i) => sku(i)).join(', ');
  expect(await card.locator('p').first().textContent()).toBe(
    `В 0 ушли бы 12 из 20 позиций с остатком: ${first10} и ещё 2. Остальные изменения канала уже отправлены. Если обнуление верно — подтвердите.`,
  );
  expect(shop.book.sheet('_Задержано').hidden).toBe(true);
  await card.getByRole('button', { name: 'Открыть список' }).click();
  await card.getByText('Лист «_Задержано» открыт в таблице: в нём все задержанные позиции.').waitFor();
  expect(shop.book.sheet('_Задержано').hidden).toBe(false);
  expect(shop.book.activeSheet?.name).toBe('_Задержано');
  expect(shop.book.activeRange?.row).toBe(2);
  // The task row says how many of how many went: the 12 held count among its items.
  expect(await page.locator('#tasks li').first().textContent()).toMatch(/Ozon · Задержано защитой · 0 из 12 — /);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-held-list.png'));
  expect(errors).toEqual([]);
});

it('«Пересчитать» after fixing part of the sheet: the card names only the zeros that would still go, and how many it was', async () => {
  for (let i = 0; i < 4; i++) shop.book.sheet('Остатки').put(2 + i, 3, stock(i));
  await page.getByRole('button', { name: 'Пересчитать' }).click();
  const notice = page.locator('[data-feedback="recalc"]');
  await notice
    .getByText('Ozon: из 12 задержанных обнулений после пересчёта остались 8 — они и ждут подтверждения.')
    .waitFor();
  const card = page.locator('[data-held="ozon"]');
  const eight = Array.from({ length: 8 }, (_, i) => sku(4 + i)).join(', ');
  expect(await card.locator('p').first().textContent()).toBe(
    `После пересчёта в 0 ушли бы уже не 12, а 8 из 20 позиций с остатком: ${eight}. Остальные изменения канала уже отправлены. Если обнуление верно — подтвердите.`,
  );
  for (let i = 4; i < 12; i++) shop.book.sheet('Остатки').put(2 + i, 3, stock(i));
  await page.getByRole('button', { name: 'Пересчитать' }).click();
  await notice
    .getByText('Ozon: задержанная отправка снята — после пересчёта ни одна из 8 позиций не ушла бы в 0.')
    .waitFor();
  expect(await page.locator('[data-held]').count()).toBe(0);
  expect(errors).toEqual([]);
});

it('the schedule line ends with one period', async () => {
  await page.getByRole('button', { name: 'Включить расписание' }).click();
  await page.getByRole('button', { name: 'Выключить расписание' }).waitFor();
  const line = page.locator('#sending > p').first();
  expect(await line.textContent()).toBe('Отправка разрешена. Расписание: включено, каждые 60 мин.');
  await page.getByRole('button', { name: 'Выключить расписание' }).click();
  await page.getByRole('button', { name: 'Включить расписание' }).waitFor();
  expect(await line.textContent()).toBe('Отправка разрешена. Расписание: выключено.');
  expect(errors).toEqual([]);
});
