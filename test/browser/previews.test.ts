/**
 * The previews at 300 px: the per-channel table of what a push would change fits the panel, marks the
 * channel the mass-zero guard would hold in its own row, and the notice around it is not the green
 * «all is well» one; the equal-split preview lists what each channel gets, adding up to what is available.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import type { Shop } from '../bundle/sendingSetup';
import { closeShopSidebar, openShopSidebar, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let sandboxes: Sandboxes;
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};
/** A channel name longer than the panel is wide: it wraps inside its cell. */
const LONG = 'Ozon — основной склад Москва-Подольск-Климовск';

beforeAll(async () => {
  ({ sandboxes, shop, page, errors } = await openShopSidebar(20, started));
}, 90_000);

afterAll(() => closeShopSidebar(started));

/** The rule editor sits on «Каналы» once the panel has tabs; before that, on the one page. */
async function openChannels(): Promise<void> {
  const tab = page.locator('#tab-channels');
  if (await tab.count()) await tab.click();
}

it('after «Сохранить» the table fits 300 px, names its columns, and marks the channel the guard would hold', async () => {
  shop.g.fn.sendStocks('sidebar');
  sandboxes.clock.advance(60_000);
  const sheet = shop.book.sheet('Остатки');
  // 8 of 20 items to 0 (past the guard's 30 %), and one lowered to 3, which the guard does not hold.
  for (let i = 0; i < 8; i++) sheet.put(2 + i, 3, 0);
  sheet.put(2 + 15, 3, 3);
  await page.reload();
  await openChannels();
  await page.locator('[data-channel-form="ozon"]').getByLabel('Название').fill(LONG);
  await page.locator('#form-save').click();
  const table = page.locator('#preview');
  await table.waitFor();
  const size = await table.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(size.scroll).toBeLessThanOrEqual(size.client);
  const box = await table.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(300);
  expect(await table.locator('thead th').allTextContents()).toEqual(['Канал', 'защита', 'изменится', '↑', '↓', 'в 0']);
  const ozon = table.locator('tbody[data-channel="ozon"]');
  expect(await ozon.locator('.name').textContent()).toBe(LONG);
  expect(await ozon.locator('.guard').textContent()).toBe('задержит защита');
  // Every number in a cell of its own: changed 9, up 0, down 9 (8 of them to 0), to 0 8.
  expect(await ozon.locator('td.num').allTextContents()).toEqual(['9', '0', '9', '8']);
  const notice = page.locator('.message', { has: table });
  expect(await notice.getAttribute('class')).not.toMatch(/\bok\b/);
  expect(await notice.getAttribute('class')).toMatch(/\bwarning\b/);
  const text = await notice.textContent();
  expect(text).toContain(`Защита от обнуления задержит отправку: ${LONG} (8 в 0), Wildberries (8 в 0)`);
  expect(text).toContain('Уменьшения не до нуля защита не задерживает.');
  fs.mkdirSync(SHOTS, { recursive: true });
  await notice.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'sidebar-preview.png') });
  expect(errors).toEqual([]);
});

it('the equal-split preview lists each channel with its share, adding up to what is available', async () => {
  await page.reload();
  await openChannels();
  for (const id of ['ozon', 'wb', 'ym'])
    await page.locator(`[data-channel-form="${id}"]`).getByLabel('Тип правила').selectOption('equal');
  const preview = page.locator('[data-preview-for="ozon"]');
  const text = (await preview.textContent()) ?? '';
  const found = /доступно (\d+), делится поровну между (\d+) каналами: (.+)$/.exec(text);
  expect(found).not.toBeNull();
  const [, available, count, list] = found as RegExpExecArray;
  const shares = list.split(', ').map((part) => /^(.+) (\d+)$/.exec(part) as RegExpExecArray);
  expect(shares.map((s) => s[1])).toEqual([LONG, 'Wildberries', 'Яндекс Маркет', 'Сайт']);
  expect(shares).toHaveLength(Number(count));
  expect(shares.reduce((sum, s) => sum + Number(s[2]), 0)).toBe(Number(available));
  // A filter on «Сайт» says how the other three split a row it keeps out; that split adds up too.
  const site = page.locator('[data-channel-form="site"]');
  await site.getByLabel('Столбец фильтра', { exact: true }).fill('Наименование');
  await site.getByLabel('Условие фильтра').selectOption('contains');
  const filtered = (await preview.textContent()) ?? '';
  const rest = /фильтр канала «Сайт», делят остальные: (.+)$/.exec(filtered);
  expect(rest).not.toBeNull();
  const restShares = (rest as RegExpExecArray)[1].split(', ').map((part) => Number(/ (\d+)$/.exec(part)?.[1]));
  expect(restShares).toHaveLength(3);
  expect(restShares.reduce((a, b) => a + b, 0)).toBe(Number(available));
  expect(errors).toEqual([]);
});

it('after «Сохранить и отправить» the channels the guard held are named in an amber notice and marked in their rows', async () => {
  await page.reload();
  await page.locator('#form-save-send').click();
  const table = page.locator('#preview');
  await table.waitFor();
  const notice = page.locator('.message', { has: table });
  expect(await notice.getAttribute('class')).toMatch(/\bwarning\b/);
  expect(await notice.locator('strong').textContent()).toBe(
    `Сохранено. ${LONG}, Wildberries и Яндекс Маркет задержаны защитой от обнуления — проверьте и подтвердите на «Сводке».`,
  );
  expect(await table.locator('tbody[data-channel="wb"] .guard').textContent()).toBe('задержано защитой');
  expect(errors).toEqual([]);
});
