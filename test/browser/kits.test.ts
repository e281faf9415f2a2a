/**
 * The kits form on «Склады» at 300 px (SPEC 5.7): a kit is added with two components, a wrong «Кол-во»
 * is named in Russian beside its field and nothing is written, then the kit is saved to «Комплекты»,
 * its row appears on «Остатки», and the form lists it from the sheet; removed and added back under its
 * SKU, it keeps the components it keeps.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type Shop, sku } from '../bundle/sendingSetup';
import { shootSidebar } from './chromium';
import { closeShopSidebar, openShopSidebar, openTab, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};

beforeAll(async () => {
  ({ shop, page, errors } = await openShopSidebar(5, started));
}, 90_000);

afterAll(() => closeShopSidebar(started));

const kit = (i: number) => page.locator('#kits .kit').nth(i);
const component = (i: number, j: number) => kit(i).locator('.kit-component').nth(j);

it('adds a kit in the form: a wrong «Кол-во» is named beside its field, then the kit is saved and listed', async () => {
  await openTab(page, 'warehouses');
  expect(await page.locator('#kits-empty').textContent()).toBe('Комплектов пока нет.');
  await page.locator('#kits').getByRole('button', { name: 'Добавить комплект' }).click();
  await kit(0).getByLabel('Артикул комплекта').fill('НАБОР-1');
  await component(0, 0).getByLabel('Артикул', { exact: true }).fill(sku(0));
  await component(0, 0).getByLabel('Кол-во').fill('два');
  await kit(0).getByRole('button', { name: '+ компонент' }).click();
  await component(0, 1).getByLabel('Артикул', { exact: true }).fill(sku(1));
  await page.locator('#kits-save').click();
  const qtyError = component(0, 0).locator('[data-error-for="kits.0.components.0.qty"]');
  await qtyError.filter({ hasText: 'Кол-во' }).waitFor();
  expect(await qtyError.textContent()).toBe(
    'Кол-во: «два» — не целое число больше 0 — сколько штук компонента в одном комплекте.',
  );
  expect(await page.locator('#kits [data-feedback="kits"] .message > *').allTextContents()).toEqual([
    'Не сохранено: исправьте отмеченное.',
    '«НАБОР-1», компонент 1: Кол-во: «два» — не целое число больше 0 — сколько штук компонента в одном комплекте.',
  ]);
  expect(shop.book.sheets.some((s) => s.name === 'Комплекты')).toBe(false);
  // Nothing of the form spills out of Google's 300 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-kits-error.png'));

  await component(0, 0).getByLabel('Кол-во').fill('2');
  await page.locator('#kits-save').click();
  await page.locator('#kits [data-outcome="kits"]').waitFor();
  const outcome = page.locator('#kits [data-outcome="kits"]');
  // The run after the save is told as a send is: the marketplaces refused the new kit, and it says why and what to do.
  expect(await outcome.getAttribute('class')).toBe('message error');
  // Compact at 300 px: one headline, the channels' reasons folded under «Подробнее», then what the new row lacks.
  expect(await outcome.evaluate((e) => [...e.children].map((c) => c.tagName))).toEqual([
    'STRONG',
    'DETAILS',
    'P',
    'P',
    'P',
    'P',
  ]);
  const reasons = outcome.locator(':scope > details');
  expect(await reasons.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await reasons.locator('p').first().isVisible()).toBe(false);
  expect(await reasons.locator(':scope > *').allTextContents()).toEqual([
    'Подробнее',
    'Ozon: НАБОР-1: товар с таким артикулом не найден на Ozon',
    expect.stringMatching(/^Яндекс Маркет: НАБОР-1: нет в каталоге Маркета/),
  ]);
  await reasons.locator('summary').click();
  expect(await reasons.locator('p').first().isVisible()).toBe(true);
  expect(
    await outcome.evaluate((e) => [...e.children].filter((c) => c.tagName !== 'DETAILS').map((c) => c.textContent)),
  ).toEqual([
    'Комплекты сохранены, но отправлено не всё: Ozon — частично, Яндекс Маркет — частично.',
    'На лист «Остатки» добавлена строка «НАБОР-1» с пустыми складами.',
    'Ozon и Яндекс Маркет получают комплект по артикулу: на площадке нужна карточка комплекта с артикулом «НАБОР-1», иначе она его отклонит («товар не найден»).',
    'В строке «НАБОР-1» пуст столбец «WB баркод»: впишите ID карточки комплекта на площадке — пока ячейка пуста, Wildberries комплект не получает.',
    'Если комплект продаётся не везде, исключите его фильтром канала на вкладке «Каналы».',
  ]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  expect(shop.book.sheet('Комплекты').dump()).toEqual([
    ['Комплект', 'Артикул', 'Кол-во'],
    ['НАБОР-1', sku(0), 2],
    ['НАБОР-1', sku(1), 1],
  ]);
  // Listed from the sheet as read again: the card is the saved kit's, its quantities as stored.
  await page.locator('#kits .kit[data-kit="НАБОР-1"]').waitFor();
  expect(await component(0, 0).getByLabel('Кол-во').inputValue()).toBe('2');
  expect(await component(0, 1).getByLabel('Артикул', { exact: true }).inputValue()).toBe(sku(1));
  const stock = shop.book.sheet('Остатки').dump();
  expect(stock[stock.length - 1][0]).toBe('НАБОР-1');
  await shootSidebar(page, path.join(SHOTS, 'sidebar-kits.png'));
  expect(errors).toEqual([]);
});

it('unsaved and wrong kits are part of what «Склады» marks; the settings «Сохранить» says so and the kit errors stay', async () => {
  await openTab(page, 'warehouses');
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBeNull();
  await component(0, 0).getByLabel('Кол-во').fill('ноль');
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBe('dirty');
  await page.locator('#kits-save').click();
  const qtyError = component(0, 0).locator('[data-error-for="kits.0.components.0.qty"]');
  await qtyError.filter({ hasText: 'Кол-во' }).waitFor();
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBe('error');
  await page.locator('#form-save').click();
  const result = page.locator('#form-status [data-outcome]');
  await result.filter({ hasText: 'Комплекты не сохранены' }).waitFor();
  expect(await result.getAttribute('class')).toBe('message warning');
  expect(await result.locator(':scope > *').evaluateAll((e) => e.slice(0, 2).map((x) => x.textContent))).toEqual([
    'Настройки сохранены, таблица пересчитана.',
    'Комплекты не сохранены: нажмите «Сохранить комплекты».',
  ]);
  // The panel drawn again after the save: the wrong kit, its error and «Не сохранено» are still there.
  expect(await component(0, 0).getByLabel('Кол-во').inputValue()).toBe('ноль');
  expect(await qtyError.textContent()).toMatch(/^Кол-во: «ноль»/);
  expect(await page.locator('#kits [data-feedback="kits"] .message > *').allTextContents()).toEqual([
    'Не сохранено: исправьте отмеченное.',
    '«НАБОР-1», компонент 1: Кол-во: «ноль» — не целое число больше 0 — сколько штук компонента в одном комплекте.',
  ]);
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBe('error');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-kits-unsaved.png'));
  await component(0, 0).getByLabel('Кол-во').fill('2');
  await page.locator('#kits-save').click();
  await page.locator('#kits [data-outcome="kits"]').waitFor();
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBeNull();
  expect(errors).toEqual([]);
});

it('a refresh on the focus back shows the kit’s new problem on its card, after the kit fields were drawn again', async () => {
  await page.clock.install();
  await openTab(page, 'warehouses');
  // A component added and taken away again: nothing unsaved, but the card's fields are new ones.
  await kit(0).getByRole('button', { name: '+ компонент' }).click();
  await kit(0).getByRole('button', { name: 'Убрать компонент 3' }).click();
  const stock = shop.book.sheet('Остатки');
  const head = stock.dump()[0];
  const row = stock.dump().findIndex((r) => r[0] === 'НАБОР-1');
  stock.cells[row][head.indexOf('Склад')] = 3;
  shop.g.fn.recalculate();
  await page.clock.runFor(11_000);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.clock.runFor(11_000);
  const problem = page.locator('#kits .kit[data-kit="НАБОР-1"] .kit-problem');
  await problem.first().waitFor({ timeout: 5000 });
  expect(await problem.first().textContent()).toMatch(/«НАБОР-1» — комплект/);
  expect(errors).toEqual([]);
});

it('a kit removed and added back under its SKU in one save keeps the components it keeps', async () => {
  await page.clock.resume();
  await openTab(page, 'warehouses');
  // The kit's row on «Остатки» empty of stock again (the test above put 3 there).
  const stock = shop.book.sheet('Остатки');
  const head = stock.dump()[0];
  const row = stock.dump().findIndex((r) => r[0] === 'НАБОР-1');
  stock.cells[row][head.indexOf('Склад')] = '';
  await kit(0).getByRole('button', { name: 'Удалить комплект' }).click();
  await page.locator('#kits').getByRole('button', { name: 'Добавить комплект' }).click();
  await kit(0).getByLabel('Артикул комплекта').fill('НАБОР-1');
  const parts: [string, string][] = [
    [sku(0), '2'],
    [sku(1), '1'],
    [sku(2), '1'],
  ];
  for (const [j, [s, qty]] of parts.entries()) {
    if (j) await kit(0).getByRole('button', { name: '+ компонент' }).click();
    await component(0, j).getByLabel('Артикул', { exact: true }).fill(s);
    await component(0, j).getByLabel('Кол-во').fill(qty);
  }
  await page.locator('#kits-save').click();
  await page.locator('#kits [data-outcome="kits"]').waitFor();
  // No «строка осталась» note: the kit was not removed, it was saved as the form shows it.
  expect(await page.locator('#kits [data-outcome="kits"]').textContent()).not.toContain('осталась');
  expect(shop.book.sheet('Комплекты').dump()).toEqual([
    ['Комплект', 'Артикул', 'Кол-во'],
    ['НАБОР-1', sku(0), 2],
    ['НАБОР-1', sku(1), 1],
    ['НАБОР-1', sku(2), 1],
  ]);
  await page.locator('#kits .kit[data-kit="НАБОР-1"] .kit-component').nth(2).waitFor();
  expect(errors).toEqual([]);
});

it('a refused kit deleted from the form takes its errors with it: the other kit, the notice and the tab mark clear', async () => {
  await openTab(page, 'warehouses');
  await page.locator('#kits').getByRole('button', { name: 'Добавить комплект' }).click();
  const three = kit(1);
  await three.getByLabel('Артикул комплекта').fill('набор-3');
  await component(1, 0).getByLabel('Артикул', { exact: true }).fill('НАБОР-1');
  await three.getByRole('button', { name: '+ компонент' }).click();
  await component(1, 1).getByLabel('Артикул', { exact: true }).fill('НЕТ-ТАКОГО');
  await page.locator('#kits-save').click();
  const oneError = kit(0).locator('[data-error-for="kits.0.sku"]');
  await oneError.filter({ hasText: 'набор-3' }).waitFor();
  expect(await oneError.textContent()).toMatch(/^«НАБОР-1» входит в комплект «набор-3»/);
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBe('error');
  // Under the button: a headline, then each error on its own line, named by its kit.
  const notice = page.locator('#kits [data-feedback="kits"] .message');
  expect(await notice.locator(':scope > *').allTextContents()).toEqual([
    'Не сохранено: исправьте отмеченное.',
    expect.stringMatching(/^«НАБОР-1»: «НАБОР-1» входит в комплект «набор-3»/),
    expect.stringMatching(/^«набор-3», компонент 1: «НАБОР-1» — сам комплект/),
    expect.stringMatching(/^«набор-3», компонент 2: Артикула «НЕТ-ТАКОГО» нет на листе «Остатки»/),
  ]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-kits-refused.png'));

  await three.getByRole('button', { name: 'Удалить комплект' }).click();
  expect(await page.locator('#kits .kit').count()).toBe(1);
  expect(await oneError.textContent()).toBe('');
  expect(await page.locator('#kits [data-feedback="kits"]').textContent()).toBe('');
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBeNull();
  expect(
    shop.book
      .sheet('Комплекты')
      .dump()
      .some((r) => r[0] === 'набор-3'),
  ).toBe(false);
  expect(errors).toEqual([]);
});
