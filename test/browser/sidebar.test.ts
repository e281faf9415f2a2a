/**
 * The built sidebar in Chromium, talking to the real bundle through a google.script.run bridge:
 * it shows the state, saves settings (and shows their errors), and «Пересчитать» works.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSidebarHost, type SidebarHost } from '../../dev/sidebarHost';
import { DIST, loadBundle, type Gas } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { workedExampleReserves, workedExampleSettings, workedExampleStock } from '../fixtures/workedExample';
import { launchChromium } from './chromium';

jest.setTimeout(60_000);
const SHOTS = path.resolve(__dirname, '../../test-results');

let browser: Browser;
let host: SidebarHost;
let gas: Gas;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

beforeEach(async () => {
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [...workedExampleStock, ['B-2', 'Блюдце', 'много', 1, 0, 0]]);
  book.addSheet('Резервы', workedExampleReserves);
  gas = loadBundle({ book });
  host = await startSidebarHost(gas, DIST);
  page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(host.url);
});

afterEach(async () => {
  await page?.close();
  await host?.close();
});

async function saveJson(json: string): Promise<void> {
  await page.locator('#settings-json').fill(json);
  await page.getByRole('button', { name: 'Сохранить' }).click();
}

it('a new sheet: no recalculation yet, settings open with an example', async () => {
  await page.getByText('Пересчёта ещё не было.').waitFor();
  expect(await page.locator('details').getAttribute('open')).not.toBeNull();
  const example = JSON.parse(await page.locator('#settings-json').inputValue());
  expect(example.warehouses[0].column).toBe('Склад');
  expect(consoleErrors).toEqual([]);
});

it('saving settings recalculates and shows the state with the invalid row', async () => {
  await saveJson(JSON.stringify(workedExampleSettings));
  await page.getByText('Настройки сохранены, таблица пересчитана.').waitFor();
  expect(await page.locator('#sku-count').textContent()).toBe('2');
  expect(await page.locator('#invalid-count').textContent()).toBe('1');
  expect(await page.locator('#problems li').allTextContents()).toEqual(['Лист «Остатки», строка 3, столбец «Склад»: «много» — не число']);
  expect(await page.locator('#recalc-at').textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2} \(МСК\)$/);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'sidebar-state.png'), fullPage: true });
  expect(consoleErrors).toEqual([]);
});

it('«Пересчитать» recomputes the sheet after an edit', async () => {
  expect(gas.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  await page.reload();
  await page.locator('#sku-count').waitFor();
  gas.book.sheet('Остатки').put(3, 3, 4); // the seller fixes «много» → 4
  await page.getByRole('button', { name: 'Пересчитать' }).click();
  await page.getByText('Готово: артикулов 2.').waitFor();
  expect(await page.locator('#invalid-count').textContent()).toBe('0');
  expect(await page.locator('#problems').count()).toBe(0);
  const sheet = gas.book.sheet('Остатки').dump();
  expect(sheet[2][sheet[0].indexOf('К продаже')]).toBe(5);
  expect(consoleErrors).toEqual([]);
});

it('shows settings errors next to the form and stores nothing', async () => {
  const bad = JSON.parse(JSON.stringify(workedExampleSettings));
  bad.channels[0].rule.percent = 150;
  await saveJson(JSON.stringify(bad));
  await page.getByText('Не сохранено. Исправьте:').waitFor();
  expect(await page.locator('#settings-errors li').allTextContents()).toEqual(['Канал 1 «Ozon»: Доля, %: от 0 до 100']);
  expect(await page.locator('#settings-errors li').getAttribute('data-path')).toBe('channels.0.rule.percent');
  await saveJson('{ это не json');
  await page.getByText(/^Это не JSON:/).waitFor();
  expect(gas.properties.document.data.size).toBe(0);
  expect(consoleErrors).toEqual([]);
});

it('a server failure reaches the seller in plain words', async () => {
  expect(gas.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  await page.reload();
  await page.locator('#sku-count').waitFor();
  gas.book.sheet('Остатки').put(1, 3, 'Склад (переименован)');
  await page.getByRole('button', { name: 'Пересчитать' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('нет столбца «Склад»');
});
