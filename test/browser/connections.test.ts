/** Connecting a marketplace from the sidebar: key saved (never shown back), connection checked, warehouse chosen. */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { OZON_SANDBOX, OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { DIST, type Gas, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { workedExampleReserves, workedExampleSettings, workedExampleStock } from '../fixtures/workedExample';
import { launchChromium, openPage, shootSidebar, startBoth } from './chromium';
import { openTab } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let browser: Browser;
let sandboxes: Sandboxes;
let host: SidebarHost;
let gas: Gas;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  await startBoth(launchChromium(), startSandboxes(), (a, b) => {
    browser = a as Browser;
    sandboxes = b as typeof sandboxes;
  });
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', workedExampleStock);
  book.addSheet('Резервы', workedExampleReserves);
  gas = loadBundle({ book, sandboxes });
  expect(gas.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  host = await startSidebarHost(gas, DIST);
  ({ page, errors } = await openPage(browser, host.url, { width: 300, height: 1400 }));
}, 90_000);

afterAll(async () => {
  await page?.close();
  await host?.close();
  await browser?.close();
  await sandboxes?.stop();
});

it('connects Ozon: the typed key is checked and saved by «Проверить подключение», never shown back; warehouse chosen', async () => {
  await openTab(page, 'connections');
  const card = page.locator('[data-channel="ozon"]');
  await card.getByText('не подключено; склад не выбран').waitFor();
  await card.getByLabel('Ozon: Client-Id').fill(OZON_SANDBOX.clientId);
  await card.getByLabel('Ozon: API-ключ').fill(OZON_SANDBOX.apiKey);
  await card.getByRole('button', { name: 'Проверить подключение' }).click();
  await card.getByText('Подключение работает. Ключ сохранён.').waitFor();
  expect(await card.getByLabel('Ozon: API-ключ').inputValue()).toBe('');
  expect(await page.content()).not.toContain(OZON_SANDBOX.apiKey);
  await card.getByRole('radio', { name: OZON_WAREHOUSES[1].name }).check();
  await shootSidebar(page, path.join(SHOTS, 'sidebar-connection-check.png'));
  await card.getByRole('button', { name: 'Использовать' }).click();
  await page.getByText(`Ozon: выбран склад «${OZON_WAREHOUSES[1].name}».`).waitFor();
  expect(gas.fn.getState().settings.channels[0].target).toEqual({
    warehouseId: String(OZON_WAREHOUSES[1].warehouse_id),
  });
  await page.locator('[data-connection="ozon"]').getByText(`склад «${OZON_WAREHOUSES[1].name}»`).waitFor();
  expect(errors).toEqual([]);
});

it('a wrong key is explained in Russian, next to the channel, and is not saved', async () => {
  const card = page.locator('[data-channel="ym"]');
  await card.getByLabel('Яндекс Маркет: Api-Key').fill('not-the-key');
  await card.getByRole('button', { name: 'Проверить подключение' }).click();
  await card.getByRole('alert').filter({ hasText: 'неверный ключ' }).waitFor();
  expect(await card.getByRole('alert').filter({ hasText: 'неверный ключ' }).textContent()).toBe(
    'Яндекс Маркет: неверный ключ или нет прав (HTTP 401). Проверьте ключ и его права в кабинете площадки. Новый ключ не сохранён.',
  );
  expect(await page.locator('[data-connection="ym"]').textContent()).toBe('не подключено; магазин не выбран');
  expect(gas.properties.users.get('owner@example.com')?.data.has('credentials.ym')).toBe(false);
});
