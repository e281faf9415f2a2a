/**
 * The source form at 300 px (sidebar/src/sourceEditor.ts) over the build that allows the test supplier
 * host: «1С (CommerceML)» with its two addresses — each checked against the build's allowlist — and the
 * mail source, whose attachment may be CSV or XLSX, with its optional sheet. Blank optional fields are
 * saved as absent.
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { VARIANT } from '../bundle/supplierShop';
import { type Gas, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { workedExampleReserves, workedExampleSettings, workedExampleStock } from '../fixtures/workedExample';
import { launchChromium, openPage, shootSidebar } from './chromium';
import { openTab } from './shopSidebar';

jest.setTimeout(60_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
const NOT_FETCHABLE =
  'Эта установка не может скачивать с этого адреса: его нужно разрешить при сборке (как — в README, раздел «Источники остатков»). Без этого импорт будет давать ошибку.';

let browser: Browser;
let host: SidebarHost;
let gas: Gas;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchChromium();
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', workedExampleStock);
  book.addSheet('Резервы', workedExampleReserves);
  gas = loadBundle({ book, dist: VARIANT });
  expect(gas.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  host = await startSidebarHost(gas, VARIANT);
  ({ page, errors } = await openPage(browser, host.url, { width: 300, height: 1200 }));
});
afterAll(async () => {
  await page?.close();
  await host?.close();
  await browser?.close();
});

const card = () => page.locator('[data-warehouse="supplier"]');
const warning = () => card().locator('.source-warning').textContent();
const savedSource = () => JSON.parse(JSON.stringify(gas.fn.getState().settings.warehouses[1].source ?? null));
/** Nothing of the sidebar sticks out of its 300 px. */
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function save(): Promise<void> {
  await page.locator('#form-save').click();
  await page.getByText('Настройки сохранены, таблица пересчитана.').waitFor();
}

it('«1С (CommerceML)»: offers.xml and import.xml addresses, each checked against the build, import.xml optional', async () => {
  await openTab(page, 'warehouses');
  await card().getByLabel('Источник').selectOption({ label: '1С (CommerceML)' });
  const offers = card().getByLabel('Адрес offers.xml');
  const imports = card().getByLabel('Адрес import.xml (если в offers.xml нет артикулов)');
  expect(await card().locator('.source-hint').textContent()).toBe(
    'Файлы обмена 1С с сайтом (CommerceML 2). Если у предложений в offers.xml нет артикулов, укажите и import.xml: по нему «Ид» сопоставляется с артикулом.',
  );
  await offers.fill('https://1c.example/exchange/offers.xml');
  expect(await warning()).toBe(NOT_FETCHABLE);
  await offers.fill('https://supplier.test/files/1c/offers.xml');
  expect(await warning()).toBe('');
  await imports.fill('https://1c.example/exchange/import.xml');
  expect(await warning()).toBe(NOT_FETCHABLE);
  await imports.fill('https://supplier.test/files/1c/import.xml');
  expect(await warning()).toBe('');
  expect(await overflow()).toBe(0);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-source-1c.png'));
  await save();
  expect(savedSource()).toEqual({
    kind: 'commerceml',
    url: 'https://supplier.test/files/1c/offers.xml',
    importUrl: 'https://supplier.test/files/1c/import.xml',
  });
  await card().getByLabel('Адрес import.xml (если в offers.xml нет артикулов)').fill('');
  await save();
  expect(savedSource()).toEqual({ kind: 'commerceml', url: 'https://supplier.test/files/1c/offers.xml' });
  expect(errors).toEqual([]);
});

it('a wrong 1C address is named beside its field, in Russian', async () => {
  await openTab(page, 'warehouses');
  await card().getByLabel('Адрес offers.xml').fill('offers.xml');
  await page.locator('#form-save').click();
  const slot = card().locator('[data-error-for="warehouses.1.source.url"]');
  await slot.getByText('нужна ссылка, начинающаяся с https://', { exact: false }).waitFor();
  expect(savedSource()).toEqual({ kind: 'commerceml', url: 'https://supplier.test/files/1c/offers.xml' });
  await card().getByLabel('Адрес offers.xml').fill('https://supplier.test/files/1c/offers.xml');
  await save();
});

it('the mail source says its attachment may be CSV or XLSX, and takes a sheet name or none', async () => {
  await openTab(page, 'warehouses');
  await card().getByLabel('Источник').selectOption({ label: 'письмо с CSV или XLSX' });
  expect(await card().locator('.source-hint').textContent()).toBe(
    'Берётся вложение последнего письма по запросу: CSV, XLSX (первый лист или названный) или offers.xml из 1С — тогда столбцы не нужны.',
  );
  await card().getByLabel('Лист XLSX (пусто — первый)').fill('Прайс');
  expect(await overflow()).toBe(0);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-source-mail.png'));
  await save();
  expect(savedSource()).toEqual({
    kind: 'email',
    query: 'from:supplier@example.com has:attachment',
    skuHeader: 'Артикул',
    qtyHeader: 'Остаток',
    sheet: 'Прайс',
  });
  await card().getByLabel('Лист XLSX (пусто — первый)').fill(' ');
  await save();
  expect(savedSource()).not.toHaveProperty('sheet');
  expect(errors).toEqual([]);
});
