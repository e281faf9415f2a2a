/** Sending from the sidebar: «Отправить остатки», the latest tasks, a held push and its confirmation, the schedule. */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { type Shop, sku } from '../bundle/sendingSetup';
import { shootSidebar } from './chromium';
import { closeShopSidebar, openShopSidebar, openTab, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let sandboxes: Sandboxes;
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};

beforeAll(async () => {
  ({ sandboxes, shop, page, errors } = await openShopSidebar(20, started));
}, 90_000);

afterAll(() => closeShopSidebar(started));

it('«Отправить остатки» sends and the latest tasks say «Выполнено»', async () => {
  await page.getByRole('button', { name: 'Отправить остатки' }).click();
  await page.getByText('Готово.').waitFor();
  const tasks = await page.locator('#tasks li').allTextContents();
  expect(tasks.slice(0, 3).map((t) => t.replace(/^.*? · /, ''))).toEqual([
    'Ozon · Выполнено · 20 из 20',
    'Wildberries · Выполнено · 20 из 20',
    'Яндекс Маркет · Выполнено · 20 из 20',
  ]);
  expect(
    sandboxes.control('ozon', 'stock', { offer_id: sku(0), warehouse_id: OZON_WAREHOUSES[0].warehouse_id }).present,
  ).toBe(10);
  expect(errors).toEqual([]);
});

it("a seller changes a channel's rule in the form, saves, sees the preview, sends, and sees «Выполнено»", async () => {
  await page.reload();
  await openTab(page, 'channels');
  const card = page.locator('[data-channel-form="ozon"]');
  await card.getByLabel('Доля, %').fill('50');
  await expect(card.locator('.preview').textContent()).resolves.toBe('На примере из инструкции (доступно 13): 6 шт.');
  await page.locator('#form-save').click();
  await page.getByText('Настройки сохранены, таблица пересчитана.').waitFor();
  const ozonPreview = page.locator('#preview tbody[data-channel="ozon"]');
  expect(await ozonPreview.locator('.name').textContent()).toBe('Ozon');
  expect(await ozonPreview.locator('td.num').allTextContents()).toEqual(['20', '0', '20', '0']);
  sandboxes.clock.advance(60_000);
  await openTab(page, 'summary');
  await page.getByRole('button', { name: 'Отправить остатки' }).click();
  await page.getByText('Готово.').waitFor();
  expect((await page.locator('#tasks li').first().textContent())?.replace(/^.*? · /, '')).toBe(
    'Ozon · Выполнено · 20 из 20',
  );
  expect(
    sandboxes.control('ozon', 'stock', { offer_id: sku(0), warehouse_id: OZON_WAREHOUSES[0].warehouse_id }).present,
  ).toBe(5);
  // Back to 100 % for the tests that follow.
  shop.g.fn.saveSettings(
    JSON.parse(JSON.stringify(shop.g.fn.getState().settings, (k, v) => (k === 'percent' && v === 50 ? 100 : v))),
  );
  sandboxes.clock.advance(60_000);
  shop.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
  expect(errors).toEqual([]);
});

it('a push the guard held is shown with what would go to 0, and «Подтвердить отправку» sends it', async () => {
  for (let i = 0; i < 8; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  await page.reload();
  const card = page.locator('[data-held="ozon"]');
  await card.waitFor();
  expect(await card.textContent()).toContain('В 0 ушли бы 8 из 20 позиций с остатком: A-00000, A-00001');
  await shootSidebar(page, path.join(SHOTS, 'sidebar-held.png'));
  await card.getByRole('button', { name: 'Подтвердить отправку' }).click();
  await page.getByText('Ozon: отправлено после подтверждения.').waitFor();
  expect(await page.locator('[data-held="ozon"]').count()).toBe(0);
  expect(
    sandboxes.control('ozon', 'stock', { offer_id: sku(0), warehouse_id: OZON_WAREHOUSES[0].warehouse_id }).present,
  ).toBe(0);
  expect(errors).toEqual([]);
});

it('the schedule is switched on and off from the panel', async () => {
  await page.getByRole('button', { name: 'Включить расписание' }).click();
  await page
    .getByText(
      'Синхронизация включена: каждый час; правки остатков отправляются сразу. Запуски идут от вашего имени и с вашими ключами.',
    )
    .waitFor();
  expect(shop.g.scriptApp.triggers.map((t) => t.handler)).toEqual(['runScheduledSync', 'onEditInstalled']);
  await page.getByRole('button', { name: 'Выключить расписание' }).click();
  await page.getByText('Синхронизация по расписанию и по правкам выключена.').waitFor();
  expect(shop.g.scriptApp.triggers).toEqual([]);
});

it('a WB mapping that takes several runs shows its progress in the panel', async () => {
  // As a run leaves a pass over 60,000 cards that it could not finish: the small cursor in document properties.
  const key = 'wbcards.wb';
  const before = shop.g.properties.document.getProperty(key);
  const pass = {
    startedAt: '2026-11-22T09:00:00.000Z',
    cursor: { updatedAt: 'x', nmID: 1 },
    read: 23_000,
    expected: 60_000,
  };
  shop.g.properties.document.setProperty(key, JSON.stringify({ pass }));
  await page.reload();
  const line = page.locator('[data-job="wb"]');
  await line.waitFor();
  expect((await line.textContent())?.replace(/\s/g, ' ')).toBe(
    'Wildberries: сопоставление карточек — 23 000 из ~60 000.',
  );
  if (before === null) shop.g.properties.document.deleteProperty(key);
  else shop.g.properties.document.setProperty(key, before);
  await page.reload();
  await page.locator('#sending').waitFor();
  expect(await page.locator('[data-job]').count()).toBe(0);
  expect(errors).toEqual([]);
});
