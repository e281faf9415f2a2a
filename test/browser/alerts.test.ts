/**
 * Low-stock alerts in the 300 px panel: «Сводка» lists the SKUs below «Мин. остаток» (10 and «и ещё N»);
 * «Уведомления о малом остатке» switches save with the form, and say when there is no minimum to watch;
 * «Подключить» asks Telegram before it stores the bot (its token is never shown back), a refusal under
 * its field; «Проверить уведомления» answers per way under its button, and the bot's status follows.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { formatSellerDate } from '../../src/core/dates';
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

it('alerts switched on with no «Мин. остаток» column say there is nothing to alert about; an empty column, softly', async () => {
  await page.getByLabel('Письмо владельцу раз в день').check();
  await page.getByLabel('Сообщение в Telegram').check();
  await page.locator('#form-save').click();
  await page.locator('#form-status .message[data-outcome]').waitFor();
  expect(shop.g.fn.getState().settings.alerts).toEqual({ email: true, telegram: true });
  await page.locator('#alerts-min-hint').waitFor();
  expect(await page.locator('#alerts-min-hint').textContent()).toBe(
    'На листе «Остатки» нет столбца «Мин. остаток»: уведомлять не о чем. Добавьте столбец и задайте минимум для товаров.',
  );
  shop.book.sheet('Остатки').put(1, 5, 'Мин. остаток');
  await page.locator('#recalculate').click();
  await page.locator('#alerts-min-hint', { hasText: 'ни у одного товара нет числа' }).waitFor();
  expect(await page.locator('#alerts-min-hint').getAttribute('class')).toBe('muted');
  expect(await fitsWidth()).toBe(true);
});

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
  expect(await page.locator('#alerts-min-hint').count()).toBe(0);
  // The digest went out with this recalculation: the block says when, in the spreadsheet's zone.
  const lastMail = shop.g.fn.getState().alerts.lastMail ?? '';
  expect(await page.locator('#alerts-last-mail').textContent()).toBe(
    `Последнее письмо о малом остатке: ${formatSellerDate(Date.parse(lastMail), 'Europe/Moscow')}`,
  );
  expect(await fitsWidth()).toBe(true);
});

it('«Подключить» asks Telegram and answers beside the field; the test answers under its button, and the status follows it', async () => {
  const tokenField = page.getByLabel('Токен бота (от @BotFather)');
  const tokenError = page.locator('[data-error-for="alerts.token"]');
  await tokenField.fill('токен');
  await page.getByLabel('ID чата (от @userinfobot)').fill('987654321');
  await page.locator('#alerts-connect').click();
  await tokenError.filter({ hasText: /только латиница/ }).waitFor();
  expect(await page.locator('[data-feedback="alerts-test"]').textContent()).toBe('');
  // The right shape, but Telegram does not know the token: not stored, said under the token field.
  await tokenField.fill('123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await page.locator('#alerts-connect').click();
  await tokenError.filter({ hasText: /токен бота не принят \(Unauthorized\)/ }).waitFor();
  expect(await page.locator('#alerts-telegram-state').textContent()).toBe('Не подключён.');
  await tokenField.fill(TOKEN);
  await page.locator('#alerts-connect').click();
  await page.locator('#alerts-telegram-state', { hasText: /^Подключён/ }).waitFor();
  expect(await page.locator('#alerts-telegram-state').textContent()).toBe('Подключён, чат …4321.');
  expect(await page.locator('[data-feedback="alerts"]').textContent()).toBe('Telegram подключён: бот видит чат.');
  expect(await tokenField.inputValue()).toBe('');
  await page.locator('#alerts-test').click();
  await page.locator('[data-feedback="alerts-test"] .alert-results').waitFor();
  expect(await page.locator('[data-feedback="alerts-test"] .message').allTextContents()).toEqual([
    'Письмо отправлено на owner@example.com.',
    'Сообщение в Telegram отправлено.',
  ]);
  // The token is revoked at @BotFather: the test fails, and the status says so, not «Подключён».
  sandboxes.telegram('configure', { token: '555:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', chats: ['987654321'] });
  await page.locator('#alerts-test').click();
  await page.locator('[data-feedback="alerts-test"] .message.error').waitFor();
  expect(await page.locator('[data-feedback="alerts-test"] .message.error').textContent()).toBe(
    'Telegram: токен бота не принят (Unauthorized): скопируйте токен у @BotFather ещё раз.',
  );
  expect(await page.locator('#alerts-telegram-state').textContent()).toBe(
    'Чат …4321, ошибка: токен бота не принят (Unauthorized): скопируйте токен у @BotFather ещё раз.',
  );
  expect(await fitsWidth()).toBe(true);
  await page.locator('#alerts').screenshot({ path: path.join(SHOTS, 'sidebar-alerts-error.png') });
  // Telegram takes the token again; a new fall goes out, and the block says when.
  sandboxes.telegram('configure', { token: TOKEN, chats: ['987654321'] });
  shop.book.sheet('Остатки').put(14, 5, 100);
  await page.locator('#recalculate').click();
  await page.locator('#alerts-last-telegram').waitFor();
  expect(await page.locator('#alerts-telegram-state').textContent()).toBe('Подключён, чат …4321.');
  expect(await page.locator('#alerts-last-telegram').textContent()).toMatch(
    /^Последнее сообщение в Telegram о малом остатке: \d\d\.\d\d\.\d{4} \d\d:\d\d$/,
  );
  expect(await page.content()).not.toContain(TOKEN);
  expect(await fitsWidth()).toBe(true);
  await page.locator('#alerts').scrollIntoViewIfNeeded();
  await shootSidebar(page, path.join(SHOTS, 'sidebar-alerts.png'));
  await page.locator('#alerts').screenshot({ path: path.join(SHOTS, 'sidebar-alerts-block.png') });
  expect(errors).toEqual([]);
});

it('«Подключить» with empty fields keeps the bot and points to «Отключить»; «Отключить» removes it and says so beside it', async () => {
  await page.locator('#alerts-connect').click();
  await page.locator('[data-feedback="alerts"] .message.error', { hasText: 'Впишите токен и ID чата.' }).waitFor();
  expect(await page.locator('[data-feedback="alerts"]').textContent()).toBe(
    'Впишите токен и ID чата. Чтобы отключить бота — «Отключить».',
  );
  expect(shop.g.fn.getState().alerts.telegram.connected).toBe(true);
  await page.locator('#alerts-disconnect').click();
  await page.locator('#alerts-telegram-state', { hasText: 'Не подключён.' }).waitFor();
  expect(await page.locator('[data-feedback="alerts-disconnect"]').textContent()).toBe(
    'Telegram отключён: сообщений о малом остатке больше не будет.',
  );
  expect(await page.locator('#alerts-disconnect').count()).toBe(0);
  expect(shop.g.fn.getState().alerts.telegram.connected).toBe(false);
  expect(await fitsWidth()).toBe(true);
  expect(errors).toEqual([]);
});

it('with «Сообщение в Telegram» on and no bot the block warns and the test says so; both wrong fields are answered at once; only the latest result shows', async () => {
  expect(await page.locator('#alerts-no-bot').textContent()).toBe(
    'Сообщение в Telegram включено, но бот не подключён: уведомления в Telegram не приходят. Подключите бота ниже или снимите отметку.',
  );
  await page.locator('#alerts-test').click();
  await page.locator('[data-feedback="alerts-test"] .alert-results').waitFor();
  expect(await page.locator('[data-feedback="alerts-test"] .message.error').allTextContents()).toEqual([
    'Telegram: бот не подключён.',
  ]);
  const tokenField = page.getByLabel('Токен бота (от @BotFather)');
  const chatField = page.getByLabel('ID чата (от @userinfobot)');
  await tokenField.fill('hello');
  await chatField.fill('abc');
  await page.locator('#alerts-connect').click();
  await page.locator('[data-error-for="alerts.chatId"]', { hasText: /^ID чата — число/ }).waitFor();
  expect(await page.locator('[data-error-for="alerts.token"]').textContent()).toMatch(/^Токен бота выглядит как/);
  expect(await page.locator('[data-feedback="alerts-test"]').textContent()).toBe('');
  expect(await page.locator('[data-feedback="alerts"]').textContent()).toBe('');
  // A working bot, a green test; then a wrong token: its red error alone, the green result gone.
  await tokenField.fill(TOKEN);
  await chatField.fill('987654321');
  await page.locator('#alerts-connect').click();
  await page.locator('#alerts-telegram-state', { hasText: /^Подключён/ }).waitFor();
  expect(await page.locator('#alerts-no-bot').count()).toBe(0);
  await page.locator('#alerts-test').click();
  await page.locator('[data-feedback="alerts-test"] .message.ok').first().waitFor();
  await tokenField.fill('123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await page.getByLabel('ID чата (от @userinfobot)').fill('987654321');
  await page.locator('#alerts-connect').click();
  await page.locator('[data-error-for="alerts.token"]', { hasText: /Работает прежний бот/ }).waitFor();
  expect(await page.locator('[data-feedback="alerts-test"]').textContent()).toBe('');
  expect(await page.locator('[data-feedback="alerts-disconnect"]').textContent()).toBe('');
  expect(await fitsWidth()).toBe(true);
  expect(errors).toEqual([]);
});
