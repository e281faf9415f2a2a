/**
 * The panel at 300 px reads the state again without losing what the seller typed: «Обновить» at the head of
 * «Сводка», and by itself when it gets the focus back, at most every 10 s and never under the seller's hands;
 * stored settings changed in another window under unsaved edits are said in the save bar, not dropped; the
 * row preview says it uses the unsaved settings and shows above the save bar.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import type { Shop } from '../bundle/sendingSetup';
import { closeShopSidebar, openShopSidebar, openTab, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let sandboxes: Sandboxes;
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};
/** getState calls the panel has made. */
const reads = () => started.host?.calls.filter((c) => c === 'getState').length ?? 0;

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await page.waitForTimeout(50);
  }
}

beforeAll(async () => {
  ({ sandboxes, shop, page, errors } = await openShopSidebar(20, started));
  // The page's clock is the test's: the 10 s between automatic reads pass at a word.
  await page.clock.install();
  await page.reload();
  await page.locator('#tab-summary').waitFor();
}, 90_000);

afterAll(() => closeShopSidebar(started));

const ozonShare = () => page.locator('[data-channel-form="ozon"]').getByLabel('Доля, %');
const firstTask = () => page.locator('#tasks li').first().textContent();

/** A send made elsewhere (another window, a trigger): the panel on screen does not know of it. */
function sendElsewhere(): void {
  sandboxes.clock.advance(60_000);
  shop.g.fn.sendStocks('sidebar');
}

/** The panel's window gets the focus back, as when the seller clicks into the sidebar from the sheet. */
const focusBack = () => page.evaluate(() => window.dispatchEvent(new Event('focus')));

it('«Обновить» reads the state again: the latest tasks come, the tab and the unsaved «Доля» stay', async () => {
  await openTab(page, 'channels');
  await ozonShare().fill('70');
  sendElsewhere();
  await page.locator('#tab-summary').click();
  expect(await page.locator('#tasks').count()).toBe(0);
  await page.getByRole('button', { name: 'Обновить' }).click();
  await page.locator('[data-feedback="refresh"]').getByText('Обновлено.').waitFor();
  expect(await firstTask()).toMatch(/Ozon · Выполнено · 20 из 20$/);
  expect(await page.locator('#tab-summary').getAttribute('aria-selected')).toBe('true');
  await openTab(page, 'channels');
  expect(await ozonShare().inputValue()).toBe('70');
  expect(await page.locator('#tab-channels').getAttribute('data-mark')).toBe('dirty');
  await openTab(page, 'summary');
  await page.getByRole('button', { name: 'Обновить' }).click();
  await page.locator('[data-feedback="refresh"]').getByText('Изменений нет.').waitFor();
  expect(errors).toEqual([]);
});

it('the focus back reads the state by itself, no sooner than 10 s after the last read, and keeps the draft', async () => {
  sendElsewhere();
  const before = await firstTask();
  const n = reads();
  await focusBack();
  await page.clock.runFor(5_000);
  await focusBack();
  await page.waitForTimeout(300);
  expect(reads()).toBe(n);
  await page.clock.runFor(6_000);
  await page.waitForFunction((b) => document.querySelector('#tasks li')?.textContent !== b, before);
  expect(reads()).toBe(n + 1);
  await openTab(page, 'channels');
  expect(await ozonShare().inputValue()).toBe('70');
  expect(errors).toEqual([]);
});

it('a state that did not change draws nothing again', async () => {
  await page.evaluate(() => {
    (document.querySelector('#tasks') as HTMLElement).dataset.drawnBefore = 'yes';
  });
  const n = reads();
  await page.clock.runFor(11_000);
  await focusBack();
  await until(() => reads() > n);
  await page.waitForTimeout(300);
  expect(await page.locator('#tasks').getAttribute('data-drawn-before')).toBe('yes');
  expect(errors).toEqual([]);
});

it('a field being typed in is not drawn over: the new state waits until the seller leaves it', async () => {
  sendElsewhere();
  const before = await firstTask();
  await ozonShare().focus();
  await page.clock.runFor(11_000);
  const n = reads();
  await focusBack();
  await until(() => reads() > n);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('number');
  expect(await firstTask()).toBe(before);
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
  await page.waitForFunction((b) => document.querySelector('#tasks li')?.textContent !== b, before);
  expect(await ozonShare().inputValue()).toBe('70');
  expect(errors).toEqual([]);
});

it('settings saved in another window under unsaved edits: the save bar says so; «Отменить правки» takes the stored ones', async () => {
  const other = JSON.parse(JSON.stringify(shop.g.fn.getState().settings));
  other.channels[1].name = 'WB из другого окна';
  expect(shop.g.fn.saveSettings(other).ok).toBe(true);
  await openTab(page, 'summary');
  await page.getByRole('button', { name: 'Обновить' }).click();
  const conflict = page.locator('#draft-conflict');
  await conflict.waitFor();
  expect(await conflict.locator('p').textContent()).toBe(
    'Настройки изменились в другом окне: ваши правки не сохранены — сохранить поверх или отменить?',
  );
  await openTab(page, 'channels');
  expect(await ozonShare().inputValue()).toBe('70');
  await page.screenshot({ path: path.join(SHOTS, 'sidebar-draft-conflict.png') });
  await conflict.getByRole('button', { name: 'Отменить правки' }).click();
  await page.getByText('Правки отменены: в форме — сохранённые настройки.').waitFor();
  expect(await page.locator('#draft-conflict').count()).toBe(0);
  expect(await ozonShare().inputValue()).toBe('100');
  expect(await page.locator('[data-channel-form="wb"]').getByLabel('Название').inputValue()).toBe('WB из другого окна');
  expect(errors).toEqual([]);
});

it('«Сохранить поверх» saves the unsaved edits over the other window’s', async () => {
  await ozonShare().fill('70');
  const other = JSON.parse(JSON.stringify(shop.g.fn.getState().settings));
  other.channels[1].name = 'Wildberries';
  expect(shop.g.fn.saveSettings(other).ok).toBe(true);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.clock.runFor(11_000);
  await focusBack();
  const conflict = page.locator('#draft-conflict');
  await conflict.waitFor();
  await conflict.getByRole('button', { name: 'Сохранить поверх' }).click();
  await page.getByText('Настройки сохранены, таблица пересчитана.').waitFor();
  const stored = shop.g.fn.getState().settings;
  expect(stored.channels[0].rule).toEqual({ type: 'share', percent: 70 });
  expect(stored.channels[1].name).toBe('WB из другого окна');
  expect(await page.locator('#draft-conflict').count()).toBe(0);
  expect(errors).toEqual([]);
});

it('the row preview says it uses unsaved settings and shows above the sticky save bar', async () => {
  await page.setViewportSize({ width: 300, height: 700 });
  shop.book.withoutCounting(() => shop.book.sheet('Остатки').getRange(5, 1).activate());
  await openTab(page, 'channels');
  await ozonShare().fill('50');
  await page.getByRole('button', { name: 'Показать для выделенной строки' }).click();
  const preview = page.locator('#selection-preview');
  await preview.getByText('Строка 5: A-00003').waitFor();
  expect(await preview.locator('[data-unsaved]').textContent()).toBe(
    'Расчёт по несохранённым настройкам; на листе — по сохранённым, до «Сохранить».',
  );
  const box = await preview.boundingBox();
  const bar = await page.locator('#save-bar').boundingBox();
  expect(box && bar && box.y + box.height <= bar.y).toBe(true);
  await ozonShare().fill('70');
  await page.getByRole('button', { name: 'Показать для выделенной строки' }).click();
  await page.waitForFunction(() => !document.querySelector('#selection-preview [data-unsaved]'));
  await page.setViewportSize({ width: 300, height: 1600 });
  expect(errors).toEqual([]);
});
