/**
 * What a new seller's trial found (issue 14, «Seller UX v2»), at Google's 300 px: a stopped run heads
 * «Сводка» in red with what to do and a way there, also in a panel opened after the run; the checklist
 * follows what really happened (a push that went through checks the key, a failed send undoes
 * «Отправка включена»); a column the sheet lacks is refused at its field; an edit after a save greys
 * the save's result; «Добавить канал» makes the seller choose, and a card asks only for what it lacks.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { WB_SANDBOX } from '../../dev/sandbox/wildberries';
import { YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import type { Shop } from '../bundle/sendingSetup';
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
  ({ sandboxes, shop, page, errors } = await openShopSidebar(5, started));
}, 90_000);

afterAll(() => closeShopSidebar(started));

const step = (key: string) => page.locator(`[data-step="${key}"]`);
const setHeader = (column: number, header: string) => shop.book.sheet('Остатки').put(1, column, header);

it('a scheduled run that stopped: a red banner heads «Сводка» after reopening, and leads to the field', async () => {
  setHeader(3, 'Склад старый');
  expect(shop.g.fn.runScheduledSync().status).toBe('stopped');
  await page.reload();
  const banner = page.locator('#stop-banner');
  await banner.waitFor();
  // The very top of the summary, above «Состояние» and the checklist.
  expect(await page.locator('#section-summary > :first-child').getAttribute('id')).toBe('stop-banner');
  const text = await banner.textContent();
  expect(text).toContain('Отправка остановлена: 22.11.2026 12:00, «Синхронизация» (Расписание)');
  expect(text).toContain('На листе «Остатки» нет столбца «Склад» (склад «Склад»)');
  expect(text).toContain('остатки не отправляются, на площадках остаются прежние числа');
  expect(text).toContain('Что сделать: исправьте столбец «Склад» (Склад 1 «Склад») на вкладке «Склады»');
  expect(await step('recalc').textContent()).toBe('Пробный расчёт');
  await page
    .locator('#step-recalc')
    .getByText('Запуск «Синхронизация» остановлен: что случилось и что сделать — вверху, вкладка «Сводка».')
    .waitFor();
  await shootSidebar(page, path.join(SHOTS, 'sidebar-stopped.png'));

  await banner.getByRole('button', { name: 'Исправить на вкладке «Склады»' }).click();
  expect(await page.locator('#tab-warehouses').getAttribute('aria-selected')).toBe('true');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('Склад');
  // The seller puts the header back on the sheet instead, and recalculates from the banner.
  setHeader(3, 'Склад');
  await openTab(page, 'summary');
  await banner.getByRole('button', { name: 'Пересчитать' }).click();
  await page.locator('#stop-banner').waitFor({ state: 'detached' });
  await page.locator('[data-step="recalc"]', { hasText: 'Пробный расчёт ✓' }).waitFor();
  expect(shop.g.fn.getState().stopped).toBeNull();
  expect(errors).toEqual([]);
});

it('a warehouse column the sheet lacks is refused at its field on «Склады»; nothing is stored', async () => {
  await openTab(page, 'warehouses');
  const card = page.locator('[data-warehouse="main"]');
  await card.getByLabel('Столбец на листе «Остатки»').fill('Склад2');
  await page.locator('#form-save').click();
  await page.getByText('Не сохранено. Исправьте отмеченные поля.').waitFor();
  expect(await card.locator('[data-error-for="warehouses.0.column"]').textContent()).toMatch(
    /^Склад 1 «Склад2»: на листе «Остатки» нет столбца «Склад2»\. Впишите этот заголовок в первую строку листа/,
  );
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBe('error');
  expect(shop.g.fn.getState().settings.warehouses[0].column).toBe('Склад');
  await shootSidebar(page, path.join(SHOTS, 'sidebar-missing-column-refused.png'));
  await page.reload();
  expect(errors).toEqual([]);
});

it('a push that went through checks the key; a channel whose last send failed undoes «Отправка включена»', async () => {
  await page.getByText('Настройка: 4 из 6').waitFor();
  await page
    .locator('#step-keys')
    .getByText('Введите ключ и нажмите «Проверить подключение»', { exact: false })
    .waitFor();
  expect(shop.g.fn.sendStocks('sidebar').ok).toBe(true);
  await page.reload();
  await page.locator('[data-step="keys"]', { hasText: 'Ключи проверены ✓' }).waitFor();
  expect(await step('send').textContent()).toBe('Отправка включена ✓');

  shop.g.fn.setCredentials('ym', { apiKey: 'not-the-key' });
  sandboxes.clock.advance(60_000);
  shop.g.fn.sendStocks('sidebar');
  await page.reload();
  expect(await step('send').textContent()).toBe('Отправка включена');
  expect(await page.locator('#step-send').textContent()).toBe(
    'Последняя отправка не прошла: Яндекс Маркет — причина в «Последних задачах», вкладка «Сводка».',
  );
  expect(await page.locator('#step-keys').textContent()).toMatch(/^Ключ не подошёл: Яндекс Маркет/);
  // The step leads to the failed rows: out of sight on a short screen before, in view after.
  await page.setViewportSize({ width: 300, height: 700 });
  const top = () => page.locator('#tasks').evaluate((el) => Math.round(el.getBoundingClientRect().top));
  expect(await top()).toBeGreaterThan(700);
  await step('send').click();
  expect(await top()).toBeGreaterThanOrEqual(0);
  expect(await top()).toBeLessThan(700);
  await page.setViewportSize({ width: 300, height: 1600 });
  shop.g.fn.setCredentials('ym', YM_SANDBOX);
  expect(errors).toEqual([]);
});

it('an edit after «Сохранить» greys its result; «Добавить канал» makes the seller choose; cards ask only for what is missing', async () => {
  await page.reload();
  await openTab(page, 'channels');
  await page.locator('#form-save').click();
  const status = page.locator('#form-status');
  await status.locator('[data-outcome]').waitFor();
  expect(await status.locator('[data-outcome]').getAttribute('data-outcome')).not.toBe('stale');
  // Warehouse and campaign chosen: no card asks for them.
  expect(await page.locator('[data-channel-form]').getByText('Нужен склад', { exact: false }).count()).toBe(0);
  expect(await page.locator('[data-channel-form]').getByText('Нужен магазин', { exact: false }).count()).toBe(0);

  // Nothing chosen: nothing added, and the seller is told why.
  expect(await page.getByLabel('Площадка нового канала').inputValue()).toBe('');
  await page.getByRole('button', { name: 'Добавить канал' }).click();
  await page.getByText('Выберите площадку нового канала', { exact: false }).waitFor();
  expect(await page.locator('[data-channel-form]').count()).toBe(4);
  expect(await status.locator('[data-outcome]').getAttribute('data-outcome')).not.toBe('stale');

  await page.getByLabel('Площадка нового канала').selectOption('ozon');
  await page.getByRole('button', { name: 'Добавить канал' }).click();
  const added = page.locator('[data-channel-form="c1"]');
  await added.getByText('Нужен склад Ozon', { exact: false }).waitFor();
  expect(await page.locator('#tab-channels').getAttribute('data-mark')).toBe('dirty');
  await status.getByText('Сохранено раньше; с тех пор есть несохранённые изменения — нажмите «Сохранить».').waitFor();
  expect(await status.locator('.message.ok').count()).toBe(0);
  // A channel of one's own sends nothing: no switch for it.
  await added.getByLabel('Площадка').selectOption('manual');
  expect(await added.getByLabel('Отправлять в этот канал').isVisible()).toBe(false);
  await added.getByText('Площадка не нужна: канал только считается в таблице, ничего не отправляется.').waitFor();
  expect(await page.locator('[data-channel-form="site"]').getByLabel('Отправлять в этот канал').isVisible()).toBe(
    false,
  );
  expect(await page.locator('[data-channel-form="ozon"]').getByLabel('Отправлять в этот канал').isVisible()).toBe(true);
  // The screen as the seller sees it: the new card, and the greyed result in the sticky bar under it.
  await added.scrollIntoViewIfNeeded();
  await page.setViewportSize({ width: 300, height: 800 });
  await added.getByLabel('Площадка').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'sidebar-stale-save.png') });
  await page.setViewportSize({ width: 300, height: 1600 });
  expect(errors).toEqual([]);
});

it('a Wildberries check that finds no cards is amber and says what it means', async () => {
  await page.reload();
  sandboxes.control('wb', 'reset');
  sandboxes.control('wb', 'seed', { items: [] });
  shop.g.fn.setCredentials('wb', WB_SANDBOX);
  await openTab(page, 'connections');
  const card = page.locator('[data-channel="wb"]');
  await card.getByRole('button', { name: 'Проверить подключение' }).click();
  const note = card.locator('.message.warning', { hasText: 'Подключение работает' });
  await note.waitFor();
  expect(await note.textContent()).toMatch(
    /^Подключение работает; карточек Wildberries \(размеров\): 0\. Карточек нет: в кабинете Wildberries ещё нет карточек товаров, или токен не того типа/,
  );
  expect(errors).toEqual([]);
});

it('stored settings that no longer pass stop every run: the banner says so and opens the JSON', async () => {
  const broken = JSON.parse(JSON.stringify(shop.g.fn.getState().settings));
  broken.channels[0].rule = { type: 'share', percent: 150 };
  const data = shop.g.properties.document.data;
  data.set('settings.parts', '1');
  data.set('settings.0', JSON.stringify(broken));
  await page.reload();
  const banner = page.locator('#stop-banner');
  await banner.getByText('Сохранённые настройки с ошибками: запуски остановлены').waitFor();
  expect(await banner.textContent()).toContain('остатки не отправляются, на площадках остаются прежние числа');
  await banner.getByRole('button', { name: 'Открыть вкладку «Резервы»' }).click();
  expect(await page.locator('#tab-reserves').getAttribute('aria-selected')).toBe('true');
  expect(await page.locator('#settings-json').isVisible()).toBe(true);
  expect(errors).toEqual([]);
});
