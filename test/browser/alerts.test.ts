/**
 * Low-stock alerts in the 300 px panel: «Сводка» lists the SKUs below «Мин. остаток» (10 and «и ещё N»);
 * «Уведомления о малом остатке» switches save with the form; «Подключить» stores the bot (its token is
 * never shown back) and «Проверить уведомления» answers per way beside the buttons, in Russian.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import type { Shop } from '../bundle/sendingSetup';
import { shootSidebar } from './chromium';
import { closeShopSidebar, openShopSidebar, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
let sandboxes: Sandboxes;
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};

beforeAll(async () => {
  ({ sandboxes, shop, page, errors } = await openShopSidebar(20, started));
  sandboxes.telegram('configure', { token: TOKEN, chats: ['987654321'] });
}, 90_000);

afterAll(() => closeShopSidebar(started));

const fitsWidth = () =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

it('«Сводка» lists the first 10 SKUs below the minimum and how many more', async () => {
  const sheet = shop.book.sheet('Остатки');
  sheet.put(1, 5, 'Мин. остаток');
  for (let r = 2; r <= 13; r++) sheet.put(r, 5, 100);
  await page.locator('#recalculate').click();
  await page.locator('#low-stock').waitFor();
  expect(await page.locator('#low-stock h2').textContent()).toBe('Ниже мин. остатка: 12');
  const items = await page.locator('#low-stock li').allTextContents();
  expect(items).toHaveLength(11);
  expect(items[0]).toMatch(/^A-00000 — к продаже \d+, минимум 100 \(строка 2\)$/);
  expect(items[10]).toBe('и ещё 2');
  expect(await fitsWidth()).toBe(true);
});

it('the switches save with the form; the bot connects and the test answers per way, without the token', async () => {
  await page.getByLabel('Письмо владельцу раз в день').check();
  await page.getByLabel('Сообщение в Telegram').check();
  await page.locator('#form-save').click();
  await page.locator('#form-status .message[data-outcome]').waitFor();
  expect(shop.g.fn.getState().settings.alerts).toEqual({ email: true, telegram: true });
  await page.getByLabel('Токен бота (от @BotFather)').fill('токен');
  await page.getByLabel('ID чата (от @userinfobot)').fill('987654321');
  await page.locator('#alerts-connect').click();
  await page.locator('[data-feedback="alerts"] .message.error').waitFor();
  expect(await page.locator('[data-feedback="alerts"]').textContent()).toMatch(/только латиница/);
  await page.getByLabel('Токен бота (от @BotFather)').fill(TOKEN);
  await page.locator('#alerts-connect').click();
  await page.locator('#alerts-telegram-state', { hasText: /^Подключён/ }).waitFor();
  expect(await page.locator('#alerts-telegram-state').textContent()).toBe('Подключён, чат …4321.');
  expect(await page.locator('[data-feedback="alerts"]').textContent()).toBe('Telegram подключён.');
  expect(await page.getByLabel('Токен бота (от @BotFather)').inputValue()).toBe('');
  await page.locator('#alerts-test').click();
  await page.locator('[data-feedback="alerts"] .alert-results').waitFor();
  expect(await page.locator('[data-feedback="alerts"] .message').allTextContents()).toEqual([
    'Письмо отправлено на owner@example.com.',
    'Сообщение в Telegram отправлено.',
  ]);
  expect(await page.content()).not.toContain(TOKEN);
  expect(await fitsWidth()).toBe(true);
  await page.locator('#alerts').scrollIntoViewIfNeeded();
  await shootSidebar(page, path.join(SHOTS, 'sidebar-alerts.png'));
  expect(errors).toEqual([]);
});
