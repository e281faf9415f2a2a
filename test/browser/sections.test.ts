/**
 * The sidebar in tabs at Google's 300 px (issue 14, point 1): every tab opens its panel and none is
 * wider than the sidebar; «Сохранить» stays on screen on a long tab; a save error in a tab out of sight
 * opens that tab with the error beside its field; the chosen tab and unsaved edits outlive redraws.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Shop } from '../bundle/sendingSetup';
import { shootSidebar } from './chromium';
import { closeShopSidebar, openShopSidebar, openTab, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
const TABS = [
  { id: 'summary', label: 'Сводка', heading: 'Состояние' },
  { id: 'channels', label: 'Каналы', heading: 'Каналы и правила' },
  { id: 'warehouses', label: 'Склады', heading: 'Склады и источники' },
  { id: 'connections', label: 'Площадки', heading: 'Подключение площадок' },
  { id: 'reserves', label: 'Резервы', heading: 'Резервы из заказов' },
];
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};

beforeAll(async () => {
  ({ shop, page, errors } = await openShopSidebar(20, started));
}, 90_000);

afterAll(() => closeShopSidebar(started));

/** Where an element is on screen now (the viewport's coordinates). */
const rect = (selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: r.height };
  });

/** The save bar on screen, at its bottom, and «Сохранить» not covered by anything. */
async function expectSaveBarInView(): Promise<void> {
  const innerHeight = await page.evaluate(() => window.innerHeight);
  const bar = await rect('#save-bar');
  expect(bar.height).toBeGreaterThan(0);
  expect(bar.top).toBeGreaterThanOrEqual(0);
  expect(bar.bottom).toBeLessThanOrEqual(innerHeight);
  expect(bar.bottom).toBeGreaterThan(innerHeight - 20);
  const onTop = await page.locator('#form-save').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
  });
  expect(onTop).toBe(true);
}

it('every tab opens its own panel, none wider than the 300 px sidebar; the save bar only under tabs with fields', async () => {
  await page.locator('#summary').waitFor();
  expect(await page.getByRole('tab').allTextContents()).toEqual(TABS.map((t) => t.label));
  for (const tab of TABS) {
    await page.getByRole('tab', { name: tab.label }).click();
    expect(await page.locator(`#tab-${tab.id}`).getAttribute('aria-selected')).toBe('true');
    const panel = page.getByRole('tabpanel');
    expect(await panel.count()).toBe(1);
    expect(await panel.getAttribute('id')).toBe(`section-${tab.id}`);
    expect(await panel.locator('h2').first().textContent()).toBe(tab.heading);
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(width.client).toBeLessThanOrEqual(300);
    expect(width.scroll).toBeLessThanOrEqual(width.client);
    expect(await page.locator('#save-bar').isVisible()).toBe(tab.id !== 'connections');
    await shootSidebar(page, path.join(SHOTS, `sidebar-${tab.id}.png`));
  }
  // The strip is a tab list to the keyboard too: an arrow moves to the next tab.
  await page.locator('#tab-reserves').press('ArrowRight');
  expect(await page.locator('#tab-summary').getAttribute('aria-selected')).toBe('true');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-summary');
  expect(errors).toEqual([]);
});

it('on a long tab «Сохранить» stays on screen with the page scrolled to the top and to the middle', async () => {
  await page.setViewportSize({ width: 300, height: 700 });
  await openTab(page, 'channels');
  const heights = await page.evaluate(() => ({ page: document.documentElement.scrollHeight, view: innerHeight }));
  expect(heights.page).toBeGreaterThan(3 * heights.view);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectSaveBarInView();
  await page.evaluate(() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(heights.view);
  await expectSaveBarInView();
  expect(errors).toEqual([]);
});

it('a save error in «Склады» while the seller is on «Каналы» opens «Склады» with the error beside its field', async () => {
  await openTab(page, 'warehouses');
  const column = page.locator('[data-warehouse="main"]').getByLabel('Столбец на листе «Остатки»');
  await column.fill('');
  await openTab(page, 'channels');
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBe('dirty');
  expect(await page.locator('#tab-warehouses').textContent()).toBe('Склады•');
  await page.locator('#form-save').click();
  const status = page.locator('#save-bar #form-status');
  await status.getByText('Не сохранено. Исправьте отмеченные поля.').waitFor();
  expect(await page.locator('#tab-warehouses').getAttribute('aria-selected')).toBe('true');
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBe('error');
  const slot = page.locator('[data-warehouse="main"] [data-error-for="warehouses.0.column"]');
  expect(await slot.textContent()).toBe('Склад 1: Столбец на листе «Остатки»: не заполнено');
  expect(await slot.isVisible()).toBe(true);
  // The field with its error is on screen, above the save bar, and has the focus.
  const [error, bar] = [await rect('[data-error-for="warehouses.0.column"]'), await rect('#save-bar')];
  expect(error.top).toBeGreaterThanOrEqual(0);
  expect(error.bottom).toBeLessThanOrEqual(bar.top);
  expect(await column.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.screenshot({ path: path.join(SHOTS, 'sidebar-tab-error.png') });
  // Errors in two tabs: the seller stays on the one shown, and the bar names both. The error far down
  // the long «Каналы» comes to the middle of the screen, clear of the bar.
  await openTab(page, 'channels');
  await page.locator('[data-channel-form="site"]').getByLabel('Столбец на листе «Остатки»').fill('');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('#form-save').click();
  await status.getByText('Ошибки на вкладках «Каналы», «Склады».').waitFor();
  expect(await page.locator('#tab-channels').getAttribute('aria-selected')).toBe('true');
  expect(await page.locator('#tab-channels').getAttribute('data-mark')).toBe('error');
  expect(await page.locator('#tab-warehouses').getAttribute('data-mark')).toBe('error');
  const [far, barNow] = [await rect('[data-error-for="channels.3.column"]'), await rect('#save-bar')];
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  expect(far.top).toBeGreaterThanOrEqual(0);
  expect(far.bottom).toBeLessThanOrEqual(barNow.top);
  expect(shop.g.fn.getState().settings.warehouses[0].column).toBe('Склад');
  await page.reload();
  expect(errors).toEqual([]);
});

it('the chosen tab and unsaved edits outlive the redraw after «Пересчитать»; «Сохранить» keeps the seller on his tab', async () => {
  await openTab(page, 'channels');
  const share = page.locator('[data-channel-form="ozon"]').getByLabel('Доля, %');
  await share.fill('90');
  expect(await page.locator('#tab-channels').getAttribute('data-mark')).toBe('dirty');
  await openTab(page, 'summary');
  await page.locator('#recalculate').click();
  // The result right under the button, not at the top of the panel.
  const result = page.locator('#section-summary [data-feedback="recalc"]').getByText('Готово: артикулов 20.');
  await result.waitFor();
  const [button, notice] = [await rect('#recalculate'), await rect('[data-feedback="recalc"]')];
  expect(notice.top - button.bottom).toBeLessThan(20);
  expect(await page.locator('#tab-summary').getAttribute('aria-selected')).toBe('true');
  expect(await page.locator('#tab-channels').getAttribute('data-mark')).toBe('dirty');
  await openTab(page, 'channels');
  expect(await share.inputValue()).toBe('90');
  await page.locator('#form-save').click();
  await page.locator('#save-bar').getByText('Настройки сохранены, таблица пересчитана.').waitFor();
  expect(await page.locator('#tab-channels').getAttribute('aria-selected')).toBe('true');
  expect(await page.locator('#tab-channels').getAttribute('data-mark')).toBeNull();
  expect(JSON.parse(JSON.stringify(shop.g.fn.getState().settings.channels[0].rule))).toEqual({
    type: 'share',
    percent: 90,
  });
  // «×» puts the result away; the bar stays.
  await page.getByRole('button', { name: 'Скрыть сообщение' }).click();
  expect(await page.locator('#form-status').textContent()).toBe('');
  expect(await page.locator('#form-save').isVisible()).toBe(true);
  expect(errors).toEqual([]);
});

it('at 300 px every select leaves room beyond its widest option for the arrow and a wider font', async () => {
  const tight: string[] = [];
  for (const tab of ['summary', 'channels', 'warehouses', 'connections', 'reserves']) {
    await openTab(page, tab);
    tight.push(
      ...(await page.locator(`#section-${tab} select`).evaluateAll((selects) =>
        selects.flatMap((el) => {
          const select = el as HTMLSelectElement;
          if (select.offsetParent === null) return [];
          const style = getComputedStyle(select);
          const ctx = document.createElement('canvas').getContext('2d');
          if (!ctx) return ['no canvas'];
          ctx.font = style.font;
          const widest = Math.max(...Array.from(select.options, (o) => ctx.measureText(o.text).width));
          // A select capped by its column (max-width: 100%) may cut its longest option; one at its own width may not.
          const capped = select.offsetWidth >= (select.parentElement?.clientWidth ?? Infinity) - 1;
          const spare = select.clientWidth - Number.parseFloat(style.paddingLeft) - widest;
          return capped || spare >= 40 ? [] : [`${select.value}: ${Math.round(spare)} px`];
        }),
      )),
    );
  }
  expect(tight).toEqual([]);
});
