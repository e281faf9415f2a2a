/**
 * A new seller, from an empty spreadsheet to a first safe push, with the sidebar alone at 300 px (issue 14's
 * «done when»): «Создать лист «Остатки»», the seller's own products typed into the sheet, the columns found
 * and saved, an Ozon channel added, its key entered and checked, a warehouse chosen, «Пересчитать» with
 * its preview, the checklist, sending allowed and «Сохранить и отправить» — and Ozon shows the stock once
 * its apply delay has passed. The sheet is typed into through the fake spreadsheet (that is the sheet,
 * not the panel); every other step is a click or a keystroke in the panel. The guard stays as it comes.
 */
import type { Browser, Page } from 'playwright-core';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { OZON_DELAYS, OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { DIST, type Gas, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { launchChromium, openPage, startBoth } from './chromium';
import { openTab } from './shopSidebar';

jest.setTimeout(120_000);

/** What the seller sells: their own articles (Ozon's offer_id is the article), names and stock on hand. */
const PRODUCTS: [string, string, number][] = [
  ['FUT-001', 'Футболка белая', 5],
  ['FUT-002', 'Футболка чёрная', 3],
  ['KRUZ-01', 'Кружка', 12],
];
const WAREHOUSE = OZON_WAREHOUSES[0];

let browser: Browser;
let sandboxes: Sandboxes;
let host: SidebarHost | undefined;
let page: Page;
let errors: string[] = [];
let gas: Gas;
let book: FakeSpreadsheet;

beforeAll(async () => {
  await startBoth(launchChromium(), startSandboxes(), (a, b) => {
    browser = a as Browser;
    sandboxes = b as Sandboxes;
  });
  // The seller's products exist in their Ozon account; Ozon keeps its usual apply delay.
  sandboxes.control('ozon', 'reset');
  sandboxes.control('ozon', 'seed', { offers: PRODUCTS.map(([sku]) => sku) });
  book = new FakeSpreadsheet();
  book.addSheet('Лист1');
  gas = loadBundle({ book, sandboxes });
  host = await startSidebarHost(gas, DIST);
  ({ page, errors } = await openPage(browser, host.url, { width: 300, height: 1400 }));
}, 120_000);

afterAll(async () => {
  await page?.close();
  await host?.close();
  await browser?.close();
  await sandboxes?.stop();
});

const steps = (p: Page) => p.locator('#checklist button.step').allTextContents();

it('step 1: an empty spreadsheet offers «Создать лист «Остатки»», and it makes the template', async () => {
  await page.getByText('В таблице нет листа «Остатки».', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Создать лист «Остатки»' }).click();
  await page.getByText('Создан лист «Остатки»: столбцы «Артикул», «Наименование», «Склад»', { exact: false }).waitFor();
  const sheet = book.sheet('Остатки').dump();
  expect(sheet[0]).toEqual(['Артикул', 'Наименование', 'Склад']);
  expect(sheet.slice(1).map((r) => r[0])).toEqual(['ПРИМЕР-1', 'ПРИМЕР-2']);
  expect(errors).toEqual([]);
});

it('step 2: the seller types their products over the examples; «Обновить» shows the sheet as it is now', async () => {
  const sheet = book.sheet('Остатки');
  PRODUCTS.forEach(([sku, name, stock], i) => {
    sheet.put(2 + i, 1, sku);
    sheet.put(2 + i, 2, name);
    sheet.put(2 + i, 3, stock);
  });
  expect(sheet.dump().slice(1)).toEqual(PRODUCTS);
  await page.locator('#refresh').click();
  const detection = page.locator('#detection');
  await detection.getByText('Лист «Остатки»: заголовки в строке 1, просмотрено строк с товарами: 3.').waitFor();
  const proposal = page.locator('[data-proposal="warehouse:C"]');
  await proposal.getByText('числа в 3 из 3 строк', { exact: false }).waitFor();
  expect(await proposal.getByLabel('C «Склад»').isChecked()).toBe(true);
  expect(errors).toEqual([]);
});

it('step 3: «Сохранить найденное» saves the warehouse; the checklist marks it and names what is left', async () => {
  await page.getByRole('button', { name: 'Сохранить найденное' }).click();
  await page.getByText('Сохранено: склады «Склад». Таблица пересчитана.').waitFor();
  expect(await page.locator('#setup').count()).toBe(0);
  await page.getByText('Настройка: 2 из 6').waitFor();
  expect(await steps(page)).toEqual([
    'Склады ✓',
    'Каналы',
    'Ключи проверены',
    'Пробный расчёт ✓',
    'Отправка включена',
    'Расписание',
  ]);
  expect(errors).toEqual([]);
});

it('step 4: «Каналы»: Ozon from «Площадка нового канала», «Добавить канал», «Сохранить»', async () => {
  await openTab(page, 'channels');
  await page.getByLabel('Площадка нового канала').selectOption('ozon');
  await page.getByRole('button', { name: 'Добавить канал' }).click();
  const card = page.locator('[data-channel-form]');
  expect(await card.count()).toBe(1);
  await card.getByText('Нужен склад Ozon', { exact: false }).waitFor();
  await page.locator('#form-save').click();
  const result = page.locator('#save-bar .save-result .message');
  await result.getByText('Настройки сохранены', { exact: false }).waitFor();
  expect(await result.getAttribute('class')).not.toContain('error');
  const channels = gas.fn.getState().settings.channels;
  expect(channels.map((c: any) => [c.name, c.marketplace, c.column])).toEqual([['Ozon', 'ozon', 'Ozon']]);
  expect(book.sheet('Остатки').dump()[0]).toContain('Ozon');
  expect(errors).toEqual([]);
});

it('step 5: «Площадки»: the key saved and checked, a warehouse taken with «Использовать»', async () => {
  await openTab(page, 'connections');
  const card = page.locator('#connections [data-channel]');
  await card.getByText('не подключено').waitFor();
  await page.getByLabel('Ozon: Client-Id').fill(OZON_SANDBOX.clientId);
  await page.getByLabel('Ozon: API-ключ').fill(OZON_SANDBOX.apiKey);
  // One button saves the typed key once the marketplace accepts it, and checks it.
  await page.getByRole('button', { name: 'Проверить подключение' }).click();
  await page.getByText('Подключение работает', { exact: false }).waitFor();
  await page.getByText('Ключ сохранён.', { exact: false }).waitFor();
  await page.getByRole('radiogroup', { name: 'Ozon: склад' }).getByRole('radio', { name: WAREHOUSE.name }).check();
  await page.getByRole('button', { name: 'Использовать' }).click();
  await page.getByText(`Ozon: выбран склад «${WAREHOUSE.name}».`).waitFor();
  const status = page.locator('[data-connection]');
  expect(await status.getAttribute('data-check')).toBe('ok');
  expect(await status.textContent()).toMatch(/^проверено \d\d\.\d\d\.\d{4} \d\d:\d\d, склад /);
  expect(gas.fn.getState().settings.channels[0].target).toEqual({ warehouseId: String(WAREHOUSE.warehouse_id) });
  expect(errors).toEqual([]);
});

it('step 6: «Сводка»: «Пересчитать» shows what a push would change; the checklist shows what is left', async () => {
  await openTab(page, 'summary');
  await page.locator('#recalculate').click();
  const said = page.locator('[data-feedback="recalc"] .message');
  await said.getByText('Готово: артикулов 3.').waitFor();
  expect(await said.getAttribute('data-outcome')).toBe('ok');
  const table = said.locator('table');
  await table.getByText('Что изменит отправка').waitFor();
  // Ozon: three items change, all up, none to zero; sending is still off, as the table says.
  const ozon = table.locator('tbody[data-channel]');
  expect(await ozon.locator('td.name').textContent()).toBe('Ozon');
  expect(await ozon.locator('td.guard').textContent()).toBe('отправка выключена');
  expect(await ozon.locator('tr').nth(1).locator('td').allTextContents()).toEqual(['3', '3', '0', '0']);
  await page.getByText('Настройка: 4 из 6').waitFor();
  expect(await steps(page)).toEqual([
    'Склады ✓',
    'Каналы ✓',
    'Ключи проверены ✓',
    'Пробный расчёт ✓',
    'Отправка включена',
    'Расписание',
  ]);
  await page.getByText('Отправка выключена: включите «Разрешить отправку остатков» в настройках.').waitFor();
  expect(errors).toEqual([]);
});

it('step 7: «Разрешить отправку остатков» and «Сохранить и отправить»: Ozon shows the stock, the result is not red', async () => {
  await page.getByLabel('Разрешить отправку остатков').check();
  await page.locator('#form-save-send').click();
  const result = page.locator('#save-bar .save-result .message');
  await result.getByText('Сохранено и отправлено', { exact: false }).waitFor();
  expect(await result.getAttribute('data-outcome')).not.toBe('error');
  expect(await result.getAttribute('class')).not.toContain('error');
  // The mass-zero guard is as it comes: nothing in the walk touched it.
  expect(gas.fn.getState().settings.guard).toEqual({ maxZeroShare: 0.3, minItems: 5 });
  await result.getByText('Сохранено и отправлено: Готово.').waitFor();
  expect(await result.getAttribute('data-outcome')).toBe('ok');
  expect(await result.locator('tbody[data-channel] tr').nth(1).locator('td').allTextContents()).toEqual([
    '3',
    '3',
    '0',
    '0',
  ]);
  await page.getByText('Настройка: 5 из 6').waitFor();
  // Ozon shows a push once its apply delay has passed.
  const stockOf = (sku: string) =>
    sandboxes.control('ozon', 'stock', { offer_id: sku, warehouse_id: WAREHOUSE.warehouse_id })?.present;
  expect(stockOf('FUT-001')).toBeUndefined();
  sandboxes.clock.advance(OZON_DELAYS.applyDelayMs + 1_000);
  expect(PRODUCTS.map(([sku]) => [sku, stockOf(sku)])).toEqual(PRODUCTS.map(([sku, , stock]) => [sku, stock]));
  expect(errors).toEqual([]);
});
