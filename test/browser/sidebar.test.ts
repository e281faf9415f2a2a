/**
 * The built sidebar in Chromium, talking to the real bundle through a google.script.run bridge:
 * the state, the settings form with its rule editor and live preview, errors next to their field,
 * the JSON editor, links to problem cells, and «Пересчитать».
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { DIST, type Gas, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { workedExampleReserves, workedExampleSettings, workedExampleStock } from '../fixtures/workedExample';
import { launchChromium, shootSidebar } from './chromium';
import { openTab } from './shopSidebar';

jest.setTimeout(60_000);
const SHOTS = path.resolve(__dirname, '../../test-results');

let browser: Browser;
let host: SidebarHost;
let gas: Gas;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [...workedExampleStock, ['B-2', 'Блюдце', 'много', 1, 0, 0]]);
  book.addSheet('Резервы', workedExampleReserves);
  gas = loadBundle({ book });
  host = await startSidebarHost(gas, DIST);
  page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(host.url);
});

afterEach(async () => {
  await page?.close();
  await host?.close();
});

/** Waits for a condition the page's action makes true on the server side. */
async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await page.waitForTimeout(50);
  }
}

async function saveJson(json: string): Promise<void> {
  await openTab(page, 'reserves');
  await page.getByText('Настройки как JSON (для опытных)').click();
  await page.locator('#settings-json').fill(json);
  await page.locator('#save').click();
}

it('loads with no console errors: no recalculation yet, a form with one warehouse', async () => {
  await page.getByText('Пересчёта ещё не было.').waitFor();
  expect(await page.locator('[data-warehouse]').count()).toBe(1);
  expect(await page.getByLabel('Разрешить отправку остатков').isChecked()).toBe(false);
  expect(consoleErrors).toEqual([]);
});

it('a seller adds a channel with a conditions rule, sees the live preview, saves, and sees the preview per channel', async () => {
  await openTab(page, 'channels');
  await page.getByLabel('Площадка нового канала').selectOption('manual');
  await page.getByRole('button', { name: 'Добавить канал' }).click();
  const card = page.locator('[data-channel-form="c1"]');
  await card.getByLabel('Название').fill('Сайт');
  await card.getByLabel('Столбец на листе «Остатки»').fill('Сайт');
  await card.getByLabel('Тип правила').selectOption('conditions');
  const preview = card.locator('.preview');
  await expect(preview.textContent()).resolves.toBe(
    'На примере из инструкции (доступно 13): 10 шт. — сработало условие 1',
  );
  await card.getByLabel('Условие 1: то').fill('x - 5');
  await expect(preview.textContent()).resolves.toBe(
    'На примере из инструкции (доступно 13): 8 шт. — сработало условие 1',
  );
  await card.getByLabel('Условие 1: значение').fill('20');
  await expect(preview.textContent()).resolves.toBe(
    'На примере из инструкции (доступно 13): 13 шт. — ни одно условие не сработало — «иначе»',
  );
  await page.locator('#form-save').click();
  await page.getByText('Настройки сохранены, таблица пересчитана.').waitFor();
  expect(await page.locator('#preview').count()).toBe(0); // a manual channel sends nothing: nothing to preview
  const saved = gas.fn.getState().settings.channels;
  expect(JSON.parse(JSON.stringify(saved))).toEqual([
    expect.objectContaining({
      id: 'c1',
      name: 'Сайт',
      rule: { type: 'conditions', conditions: [{ op: '>', value: 20, then: 'x - 5' }], otherwise: 'x' },
    }),
  ]);
  const sheet = gas.book.sheet('Остатки').dump();
  // Only the default warehouse «Склад» in these settings: 12 − reserve 3 − safety stock 1 = 8; 8 > 20 fails → «иначе» x.
  expect(sheet[1][sheet[0].indexOf('Сайт')]).toBe(8);
  expect(consoleErrors).toEqual([]);
});

it('a bad formula shows its error next to the field, and saving names the field', async () => {
  await openTab(page, 'channels');
  await page.getByLabel('Площадка нового канала').selectOption('manual');
  await page.getByRole('button', { name: 'Добавить канал' }).click();
  const card = page.locator('[data-channel-form="c1"]');
  await card.getByLabel('Тип правила').selectOption('conditions');
  await card.getByLabel('Условие 1: то').fill('x +');
  const error = card.locator('[data-error-for="channels.0.rule.conditions.0.then"]');
  await expect(error.textContent()).resolves.toBe('ожидалось число, x или «(», а стоит конец формулы (позиция 4)');
  await expect(card.locator('.preview').textContent()).resolves.toMatch(
    /^Ошибка в правиле: условие 1: ожидалось число/,
  );
  await card.getByLabel('Столбец на листе «Остатки»').fill('Склад');
  await page.locator('#form-save').click();
  await page.getByText('Не сохранено. Исправьте отмеченные поля.').waitFor();
  await expect(card.locator('[data-error-for="channels.0.column"]').textContent()).resolves.toBe(
    'Канал 1 «Новый канал»: Столбец на листе «Остатки»: «Склад» совпадает со столбцом склада «Склад»',
  );
  await expect(error.textContent()).resolves.toContain('Канал 1 «Новый канал»: Условие 1, «то»: ожидалось число');
  expect(gas.properties.document.data.size).toBe(0);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-errors.png'));
});

it('the JSON editor saves and names errors by path', async () => {
  const bad = JSON.parse(JSON.stringify(workedExampleSettings));
  bad.channels[0].rule.percent = 150;
  await saveJson(JSON.stringify(bad));
  await page.getByText('Не сохранено. Исправьте:').waitFor();
  expect(await page.locator('#settings-errors li').getAttribute('data-path')).toBe('channels.0.rule.percent');
  await page.locator('#settings-json').fill('{ это не json');
  await page.locator('#save').click();
  await page.getByText(/^Ошибка в JSON/).waitFor();
  await page.locator('#settings-json').fill(JSON.stringify(workedExampleSettings));
  await page.locator('#save').click();
  await page.getByText('Настройки сохранены, таблица пересчитана.').waitFor();
  expect(await page.locator('#sku-count').textContent()).toBe('2');
  expect(await page.locator('#invalid-count').textContent()).toBe('1');
  await openTab(page, 'summary');
  await shootSidebar(page, path.join(SHOTS, 'sidebar-state.png'));
  expect(consoleErrors).toEqual([]);
});

it('a problem links to its cell, and «Пересчитать» recomputes after an edit', async () => {
  expect(gas.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  await page.reload();
  await page.getByRole('button', { name: 'Лист «Остатки», строка 3, столбец «Склад»: «много» — не число' }).click();
  await until(() => gas.book.activeRange !== null);
  expect([gas.book.activeRange!.getSheet().name, gas.book.activeRange!.row, gas.book.activeRange!.column]).toEqual([
    'Остатки',
    3,
    3,
  ]);
  gas.book.sheet('Остатки').put(3, 3, 4);
  await page.getByRole('button', { name: 'Пересчитать' }).click();
  await page.getByText('Готово: артикулов 2.').waitFor();
  expect(await page.locator('#invalid-count').textContent()).toBe('0');
  const sheet = gas.book.sheet('Остатки').dump();
  expect(sheet[2][sheet[0].indexOf('К продаже')]).toBe(5);
});

it('the rule preview on the row selected in the sheet', async () => {
  expect(gas.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  await page.reload();
  gas.book.sheet('Остатки').getRange(2, 1).activate();
  await openTab(page, 'channels');
  await page.getByRole('button', { name: 'Показать для выделенной строки' }).click();
  const out = page.locator('#selection-preview');
  await out.getByText('Строка 2: A-1').waitFor();
  // What «Сохранить» wrote for the row, reserves counted: 12 + 5 − 1 = 16, less the 3 «Резервы» holds.
  const [header, row] = gas.book.sheet('Остатки').dump();
  expect([row[header.indexOf('К продаже')], row[header.indexOf('Ozon')]]).toEqual([13, 11]);
  expect(await out.textContent()).toContain('К продаже 13');
  expect(await out.textContent()).toContain('Ozon11');
});

it('a server failure reaches the seller in plain words', async () => {
  expect(gas.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  await page.reload();
  await page.locator('#sku-count').waitFor();
  gas.book.sheet('Остатки').put(1, 3, 'Склад (переименован)');
  await page.getByRole('button', { name: 'Пересчитать' }).click();
  await page.getByRole('alert').first().waitFor();
  expect(await page.getByRole('alert').first().textContent()).toContain('нет столбца «Склад»');
});

it('a warehouse gets a CSV source; a host the build does not allow is explained next to the field', async () => {
  await openTab(page, 'warehouses');
  const card = page.locator('[data-warehouse="main"]');
  await card.getByLabel('Источник').selectOption('csv');
  await page.locator('[data-warehouse="main"]').getByLabel('Ссылка на CSV').fill('https://supplier.example/price.csv');
  await expect(page.locator('[data-warehouse="main"] .source-warning').textContent()).resolves.toBe(
    'Эта установка не может скачивать с этого адреса: его нужно разрешить при сборке (как — в README, раздел «Источники остатков»). Без этого импорт будет давать ошибку.',
  );
  await page
    .locator('[data-warehouse="main"]')
    .getByLabel('Ссылка на CSV')
    .fill('https://api-seller.ozon.ru/not-a-price.csv');
  await expect(page.locator('[data-warehouse="main"] .source-warning').textContent()).resolves.toBe('');
  await page.locator('#form-save').click();
  await page.getByText('Настройки сохранены, таблица пересчитана.').waitFor();
  expect(JSON.parse(JSON.stringify(gas.fn.getState().settings.warehouses[0].source))).toEqual({
    kind: 'csv',
    url: 'https://api-seller.ozon.ru/not-a-price.csv',
    skuHeader: 'Артикул',
    qtyHeader: 'Остаток',
  });
  expect(consoleErrors).toEqual([]);
});
