/**
 * Honest states at Google's 300 px sidebar (issue 14, point 3): a connection card says whether its key
 * was checked and what the check found; a key an HTTP header cannot carry is refused at its field; a
 * held channel is never under a green «Готово»; «Заказы» rows never read like a failure.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { type Shop, shopSettings, sku } from '../bundle/sendingSetup';
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

const status = (id: string) => page.locator(`[data-connection="${id}"]`);

it('a saved key reads «ключ сохранён, не проверен» until «Проверить подключение» says «проверено …, склад …»', async () => {
  const warehouse = OZON_WAREHOUSES[0].warehouse_id;
  await openTab(page, 'connections');
  await status('ozon').getByText(`ключ сохранён, не проверен (…-key); склад ${warehouse}`).waitFor();
  expect(await page.locator('#connections').textContent()).not.toContain('подключено,');
  await page.locator('[data-channel="ozon"]').getByRole('button', { name: 'Проверить подключение' }).click();
  await page.locator('[data-channel="ozon"]').getByText('Подключение работает.').waitFor();
  await page.locator('[data-connection="ozon"][data-check="ok"]').waitFor();
  expect(await status('ozon').textContent()).toBe(
    `проверено 22.11.2026 12:00, склад «${OZON_WAREHOUSES[0].name}»; ключ …-key`,
  );
  expect(errors).toEqual([]);
});

it('a key that failed its check reads «ошибка: …» in red, never «подключено»', async () => {
  // A stored key that stopped working (saved through SPEC 8's setCredentials, which stores without a check).
  shop.g.fn.setCredentials('ym', { apiKey: 'not-the-key' });
  await page.reload();
  await openTab(page, 'connections');
  await status('ym')
    .getByText(/^ключ сохранён, не проверен \(…-key\)/)
    .waitFor();
  await page.locator('[data-channel="ym"]').getByRole('button', { name: 'Проверить подключение' }).click();
  await page.locator('[data-connection="ym"][data-check="failed"]').waitFor();
  const text = await status('ym').textContent();
  expect(text).toMatch(/^ошибка: Яндекс Маркет: неверный ключ или нет прав \(HTTP 401\)/);
  expect(text).not.toContain('подключено');
  // Said once, in the state line: not repeated under it.
  const card = page.locator('[data-channel="ym"]');
  expect(((await card.textContent()) ?? '').match(/неверный ключ или нет прав/g)).toHaveLength(1);
  expect(await status('ym').getAttribute('class')).toContain('error');
  await shootSidebar(page, path.join(SHOTS, 'sidebar-connection-states.png'));
  // After a reload the card still says what the last check found.
  await page.reload();
  await openTab(page, 'connections');
  await page.locator('[data-connection="ym"][data-check="failed"]').waitFor();
  shop.g.fn.setCredentials('ym', YM_SANDBOX);
  expect(errors).toEqual([]);
});

it('a key with a Cyrillic letter is refused at its field in Russian, and nothing is saved', async () => {
  await page.reload();
  await openTab(page, 'connections');
  const card = page.locator('[data-channel="ym"]');
  const field = card.getByLabel('Яндекс Маркет: Api-Key');
  await field.fill('ключ-abc123');
  await card.getByRole('button', { name: 'Проверить подключение' }).click();
  const slot = card.locator('.field-error', { hasText: 'Ключ содержит символы' });
  await slot.waitFor();
  expect(await slot.textContent()).toMatch(/^Ключ содержит символы, которые нельзя передать площадке/);
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  // Under the field, not as a message for the whole card.
  expect(await card.locator('.message.error').count()).toBe(0);
  expect(JSON.parse(shop.g.properties.users.get('owner@example.com')!.data.get('credentials.ym')!)).toEqual({
    apiKey: YM_SANDBOX.apiKey,
  });
  expect(errors).toEqual([]);
});

it('«Сохранить и отправить» with a channel held by the guard never reads «Готово»', async () => {
  shop.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
  for (let i = 0; i < 8; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
  await page.reload();
  await page.locator('#form-save-send').click();
  const notice = page.getByText(/^Сохранено\. .* задержаны защитой от обнуления/);
  await notice.waitFor();
  const box = page.locator('.message', { has: notice });
  expect(await box.textContent()).toContain(
    'Ozon, Wildberries и Яндекс Маркет задержаны защитой от обнуления — проверьте и подтвердите на «Сводке».',
  );
  expect(await box.locator('tbody[data-channel="ozon"] .guard').textContent()).toBe('задержано защитой');
  expect(await box.textContent()).not.toContain('Готово');
  expect(await box.getAttribute('class')).not.toContain('ok');
  await shootSidebar(page, path.join(SHOTS, 'sidebar-held-not-done.png'));
  expect(errors).toEqual([]);
});

it('«Заказы» rows say their order lines, not «0 из 1»; a pull with nothing new says «новых заказов нет»', async () => {
  for (let i = 0; i < 8; i++) shop.book.sheet('Остатки').put(2 + i, 3, 10);
  const saved = shop.g.fn.saveSettings(
    shopSettings({ reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z' } }),
  );
  expect(saved.ok).toBe(true);
  for (const id of Object.keys(shop.g.fn.getState().held)) shop.g.fn.confirmHeldSend(id);
  sandboxes.control('ozon', 'posting', { posting_number: 'P-1', products: [{ offer_id: sku(0), quantity: 1 }] });
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  await page.reload();
  const ordersRow = page.locator('#tasks li', { hasText: 'Ozon · Заказы' }).first();
  await ordersRow.waitFor();
  expect((await ordersRow.textContent())?.replace(/^.*? · /, '')).toMatch(
    /^Ozon · Заказы — строк заказов 1, новых резервов 1/,
  );
  // The next pull finds nothing new: no journal row, and the sidebar says so.
  const journalRows = shop.book.sheet('Журнал').dump().length;
  sandboxes.clock.advance(60_000);
  shop.g.fn.runScheduledSync();
  expect(shop.book.sheet('Журнал').dump().length).toBe(journalRows);
  await page.reload();
  const quiet = page.locator('#tasks li').first();
  await quiet.waitFor();
  expect((await quiet.textContent())?.replace(/^.*? · /, '')).toMatch(/ · Заказы — новых заказов нет$/);
  expect(await page.locator('#tasks').textContent()).not.toMatch(/Заказы · \d+ из \d+/);
  expect(errors).toEqual([]);
});
