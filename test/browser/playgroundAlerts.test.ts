/**
 * Low-stock alerts in the playground (npm start) at 1280×800: the demo starts with no SKU below its
 * «Мин. остаток» and nothing sent; a lower number typed in the page's sheet takes one below, and the
 * «Уведомления» panel shows the one Telegram message and the day's first digest; another run and a still
 * lower number send nothing new; «Проверить уведомления» in the sidebar adds a test message each way.
 * The sidebar's «Сводка» list and the test's answers read at 300 px.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_BOT, OWNER_EMAIL, type Playground } from '../../dev/playground';
import { usePlaygroundPage } from './playgroundPage';

jest.setTimeout(120_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
const open = usePlaygroundPage();
let playground: Playground;
let page: Page;
let errors: string[];
beforeAll(() => {
  ({ playground, page, errors } = open);
});

const sidebar = () => page.frameLocator('iframe');
const entries = () => page.locator('#alerts-list li');
const telegramSent = () => playground.sandboxes.telegram('messages') as { chat_id: string; text: string }[];
const stockRows = () => playground.gas.book.sheet('Остатки').dump();
const at = (rows: unknown[][], sku: string, header: string) =>
  rows.find((r) => r[0] === sku)?.[rows[0].indexOf(header)];

/** A demo SKU right at its minimum, with a unit on «Склад» to take away. */
function skuAtMinimum(): { sku: string; store: number; min: number } {
  const rows = stockRows();
  const found = rows
    .slice(1)
    .map((r) => String(r[0]))
    .find((sku) => {
      const min = at(rows, sku, 'Мин. остаток');
      return typeof min === 'number' && at(rows, sku, 'К продаже') === min && Number(at(rows, sku, 'Склад')) >= 2;
    });
  if (!found) throw new Error('the demo has no SKU at its minimum');
  return { sku: found, store: Number(at(rows, found, 'Склад')), min: Number(at(rows, found, 'Мин. остаток')) };
}

/** Types a number into the page's grid and waits for the edit's run to finish. */
async function typeStock(sku: string, value: number): Promise<void> {
  await page.evaluate(() => {
    (document.querySelector('#status') as HTMLElement).textContent = '';
  });
  const input = page.getByLabel(`${sku} Склад`);
  await input.fill(String(value));
  await input.press('Enter');
  await page.getByText(/^Правка: Готово\./).waitFor();
}

/**
 * Waits until the page has drawn everything again after the last run: each run moves the sandbox clock a
 * minute, and the marketplace panel's time is drawn together with «Уведомления», from answers after the run.
 */
async function pageCaughtUp(before: string | null): Promise<void> {
  await page.waitForFunction((b) => document.querySelector('#markets-count')?.textContent !== b, before);
}

it('the demo starts with alerts on, the bot connected and nothing sent', async () => {
  await page.locator('#markets-table tr[data-sku="DEMO-001"]').waitFor();
  expect(await page.locator('#alerts-title').textContent()).toBe('Уведомления');
  expect(await page.locator('#alerts-count').textContent()).toMatch(/^Пока ничего\./);
  expect(await entries().count()).toBe(0);
  const state = playground.gas.fn.getState();
  expect(state.settings.alerts).toEqual({ email: true, telegram: true });
  expect(state.lowStock.count).toBe(0);
  expect(await sidebar().locator('#alerts-telegram-state').textContent()).toBe(
    `Подключён, чат …${DEMO_BOT.chatId.slice(-4)}.`,
  );
  // A few demo SKUs sit right at their minimum: one unit less takes them below.
  const rows = stockRows();
  const atMinimum = rows.slice(1).filter((r) => {
    const min = r[rows[0].indexOf('Мин. остаток')];
    return typeof min === 'number' && r[rows[0].indexOf('К продаже')] === min;
  });
  expect(atMinimum.length).toBeGreaterThanOrEqual(3);
  expect(errors).toEqual([]);
});

it('a lower number in the sheet takes an SKU below its minimum: one Telegram message and the digest, newest first', async () => {
  const { sku, store, min } = skuAtMinimum();
  await typeStock(sku, store - 1);
  const line = `${sku} — к продаже ${min - 1}, минимум ${min}`;
  await page.waitForFunction(() => document.querySelectorAll('#alerts-list li').length === 2);
  expect(await entries().evaluateAll((li) => li.map((e) => e.getAttribute('data-kind')))).toEqual([
    'email',
    'telegram',
  ]);
  const mail = entries().nth(0);
  expect(await mail.locator('.alert-head').textContent()).toMatch(
    new RegExp(`^Письмо → ${OWNER_EMAIL}, \\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d$`),
  );
  expect(await mail.locator('.alert-subject').textContent()).toBe('Остатки: заканчивается 1 артикул');
  expect(await mail.locator('.alert-text').textContent()).toContain(line);
  const telegram = entries().nth(1);
  expect(await telegram.locator('.alert-head').textContent()).toMatch(
    new RegExp(`^Telegram → чат ${DEMO_BOT.chatId}, `),
  );
  expect(await telegram.locator('.alert-text').textContent()).toBe(
    `Остатки: ниже минимального остатка — 1 артикул\n• ${line} (строка ${stockRows().findIndex((r) => r[0] === sku) + 1})`,
  );
  expect(await page.locator('#alerts-count').textContent()).toBe('Писем: 1, сообщений в Telegram: 1');
  // What the panel lists is what the sandbox and MailApp's fake got, and nothing shows the bot's token.
  expect(telegramSent()).toHaveLength(1);
  expect(playground.gas.mail.sent).toHaveLength(1);
  expect(await page.content()).not.toContain(DEMO_BOT.token);
  // The panel beside the sheet lists it on «Сводка» (read at once with «Обновить», not after its refresh gap).
  await sidebar().getByRole('button', { name: 'Обновить' }).click();
  await sidebar().locator('#low-stock').getByText(sku).waitFor();
  expect(await sidebar().locator('#low-stock h2').textContent()).toBe('Ниже мин. остатка: 1');
  await sidebar()
    .locator('#low-stock')
    .evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(SHOTS, 'playground-alerts.png') });
  expect(errors).toEqual([]);
});

it('another run and a still lower number send nothing new', async () => {
  const before = await page.locator('#markets-count').textContent();
  await page.getByRole('button', { name: 'Запуск по расписанию' }).click();
  await page.waitForFunction(() => /^Расписание: /.test(document.querySelector('#status')?.textContent ?? ''));
  await pageCaughtUp(before);
  const [sku] = playground.gas.fn.getState().lowStock.items.map((i: { sku: string }) => i.sku);
  const again = await page.locator('#markets-count').textContent();
  await typeStock(sku, 0);
  await pageCaughtUp(again);
  expect(await entries().count()).toBe(2);
  expect(await page.locator('#alerts-count').textContent()).toBe('Писем: 1, сообщений в Telegram: 1');
  expect(telegramSent()).toHaveLength(1);
  expect(playground.gas.mail.sent).toHaveLength(1);
  expect(errors).toEqual([]);
});

it('«Проверить уведомления» in the sidebar adds a test e-mail and a test Telegram message to the panel', async () => {
  const frame = sidebar();
  await frame.locator('#tab-summary').click();
  await frame.locator('#alerts-test').click();
  await frame.locator('[data-feedback="alerts-test"] .alert-results').waitFor();
  expect(await frame.locator('[data-feedback="alerts-test"] .message').allTextContents()).toEqual([
    `Письмо отправлено на ${OWNER_EMAIL}.`,
    'Сообщение в Telegram отправлено.',
  ]);
  await page.waitForFunction(() => document.querySelectorAll('#alerts-list li').length === 4);
  // The test sends the e-mail first, then the Telegram message: the newest is on top.
  expect(await entries().evaluateAll((li) => li.map((e) => e.getAttribute('data-kind')))).toEqual([
    'telegram',
    'email',
    'email',
    'telegram',
  ]);
  expect(await entries().nth(0).locator('.alert-text').textContent()).toMatch(/^Остатки: проверка уведомлений\./);
  expect(await entries().nth(1).locator('.alert-subject').textContent()).toBe('Остатки: проверка уведомлений');
  expect(await page.locator('#alerts-count').textContent()).toBe('Писем: 2, сообщений в Telegram: 2');
  // The panel's column fits its messages: no sideways scroll.
  expect(await page.locator('#alerts').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  // The sidebar's «Сводка» list and the test's answers fit its 300 px.
  expect(
    await page.locator('iframe').evaluate((f) => {
      const doc = (f as HTMLIFrameElement).contentDocument;
      return doc ? doc.documentElement.scrollWidth <= doc.documentElement.clientWidth : false;
    }),
  ).toBe(true);
  // The token field's hint, with the bot connected, is read whole in the field.
  const hint = await frame.getByLabel('Токен бота (от @BotFather)').evaluate((e) => {
    const input = e as HTMLInputElement;
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return null;
    context.font = `${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: input.placeholder, fits: context.measureText(input.placeholder).width <= room };
  });
  expect(hint).toEqual({ text: 'новый токен заменит прежний', fits: true });
  // The test's answers in view above the panel's sticky save bar, as the seller reads them.
  await frame.locator('#alerts').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(SHOTS, 'playground-alerts-test.png') });
  await frame.locator('#low-stock').screenshot({ path: path.join(SHOTS, 'playground-alerts-low-stock.png') });
  expect(errors).toEqual([]);
});
