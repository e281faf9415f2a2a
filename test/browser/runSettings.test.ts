/**
 * Settings that once were JSON only, now in the form: «Заказы отдельно от расписания» and «Аккаунт
 * Google» in «Сводка», «Площадка показывает отправку через, минут» per marketplace in «Резервы».
 * Each is set, saved and stored; a wrong value is named beside its field; an add-on install shows
 * the orders lane switched off, with the reason.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { type Shop, shopSettings } from '../bundle/sendingSetup';
import { DIST, loadBundle } from '../fakes/gas';
import { openPage, shootSidebar } from './chromium';
import { closeShopSidebar, openShopSidebar, openTab, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let sandboxes: Sandboxes;
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};

beforeAll(async () => {
  ({ sandboxes, shop, page, errors } = await openShopSidebar(20, started));
}, 90_000);

afterAll(() => closeShopSidebar(started));

const lane = () => page.getByLabel('Заказы отдельно от расписания');
const settle = (market: string) => page.locator('#settle-minutes').getByLabel(market, { exact: true });
const errorFor = (p: Page, key: string) => p.locator(`.field-error[data-error-for="${key}"]`);

/** «Сохранить», until its notice of what was saved shows (the last save's notice is cleared first, not mistaken for it). */
async function save(): Promise<void> {
  await page.evaluate(() => document.getElementById('form-status')?.replaceChildren());
  await page.locator('#form-save').click();
  await page.locator('#form-status .message[data-outcome]').waitFor();
}

it('«Заказы отдельно от расписания» and «Аккаунт Google» are set in «Сводка», saved and stored', async () => {
  expect(await lane().inputValue()).toBe('');
  expect(await page.getByLabel('Аккаунт Google').inputValue()).toBe('90');
  expect(await page.locator('#orders-lane-note').textContent()).toContain('Нужны «Резервировать заказы»');
  await lane().selectOption({ label: 'каждую минуту' });
  await page.getByLabel('Аккаунт Google').selectOption({ label: 'Google Workspace' });
  expect(await page.locator('#tab-summary').getAttribute('data-mark')).toBe('dirty');
  await save();
  const stored = shop.g.fn.getState().settings;
  expect(stored.schedule).toEqual({ everyMinutes: 60, ordersEveryMinutes: 1 });
  expect(stored.quota).toEqual({ dailyTriggerMinutes: 360 });
  expect(await lane().inputValue()).toBe('1');
  expect(await page.locator('#tab-summary').getAttribute('data-mark')).toBeNull();
  await lane().selectOption({ label: 'каждые 5 минут' });
  await save();
  expect(shop.g.fn.getState().settings.schedule.ordersEveryMinutes).toBe(5);
  await lane().selectOption({ label: 'выключено' });
  await save();
  expect(shop.g.fn.getState().settings.schedule).toEqual({ everyMinutes: 60 });
  expect(errors).toEqual([]);
});

it('«Резервы» shows the settle time of each marketplace of the channels, with its default; a value is stored', async () => {
  await openTab(page, 'reserves');
  const box = page.locator('#settle-minutes');
  expect(await box.locator('#settle-title').textContent()).toBe('Площадка показывает отправку через, минут');
  expect(await box.getAttribute('aria-labelledby')).toBe('settle-title');
  // Ozon, Wildberries and Яндекс Маркет are in the channels; «Сайт» is a channel of the seller's own.
  expect(await box.locator('label').allTextContents()).toEqual(['Ozon', 'Wildberries', 'Яндекс Маркет']);
  expect([await settle('Ozon').inputValue(), await settle('Яндекс Маркет').inputValue()]).toEqual(['5', '15']);
  await settle('Яндекс Маркет').fill('20');
  await save();
  expect(shop.g.fn.getState().settings.reserves.settleMinutes).toEqual({ yandex: 20 });
  expect(await settle('Яндекс Маркет').inputValue()).toBe('20');
  expect(errors).toEqual([]);
});

it('a settle time out of range is named beside its field, and nothing is stored', async () => {
  await openTab(page, 'reserves');
  await settle('Ozon').fill('200');
  await page.locator('#form-save').click();
  await errorFor(page, 'reserves.settleMinutes.ozon').waitFor();
  expect(await errorFor(page, 'reserves.settleMinutes.ozon').textContent()).toBe(
    'Задержка площадки Ozon: от 0 до 120 минут',
  );
  expect(await page.locator('#tab-reserves').getAttribute('data-mark')).toBe('error');
  await shootSidebar(page, path.join(SHOTS, 'sidebar-settle-error.png'));
  expect(shop.g.fn.getState().settings.reserves.settleMinutes).toEqual({ yandex: 20 });
  // Emptied, the field is the marketplace's default again.
  await settle('Ozon').fill('');
  await save();
  expect(await errorFor(page, 'reserves.settleMinutes.ozon').textContent()).toBe('');
  expect(shop.g.fn.getState().settings.reserves.settleMinutes).toEqual({ yandex: 20 });
  expect(await settle('Ozon').inputValue()).toBe('5');
  expect(errors).toEqual([]);
});

it('on an add-on install the orders lane is off with the reason; one still stored is refused beside its field', async () => {
  // The sheet's bound script had the lane on; the same document now opened through the add-on.
  const saved = shop.g.fn.saveSettings(shopSettings({ schedule: { everyMinutes: 60, ordersEveryMinutes: 1 } }));
  expect(saved.ok).toBe(true);
  const addOn = loadBundle({
    book: shop.book,
    properties: shop.g.properties,
    sandboxes,
    installation: 'WEB_STORE_ADD_ON',
  });
  let host: SidebarHost | undefined;
  let addOnPage: Page | undefined;
  try {
    host = await startSidebarHost(addOn, DIST);
    const opened = await openPage(started.browser!, host.url, { width: 300, height: 1600 });
    addOnPage = opened.page;
    const select = addOnPage.getByLabel('Заказы отдельно от расписания');
    await select.waitFor();
    expect(await select.isEnabled()).toBe(true);
    await addOnPage.locator('#form-save').click();
    await errorFor(addOnPage, 'schedule.ordersEveryMinutes').waitFor();
    expect(await errorFor(addOnPage, 'schedule.ordersEveryMinutes').textContent()).toMatch(
      /^Заказы отдельно от расписания: Полоса заказов работает только в скрипте, привязанном к таблице/,
    );
    await select.selectOption({ label: 'выключено' });
    await addOnPage.locator('#form-save').click();
    await addOnPage.getByText('Настройки сохранены').first().waitFor();
    expect(addOn.fn.getState().settings.schedule).toEqual({ everyMinutes: 60 });
    expect(await select.isDisabled()).toBe(true);
    expect(await addOnPage.locator('#orders-lane-note').textContent()).toBe(
      'В дополнении недоступно: Google запускает дополнения по расписанию не чаще раза в час.',
    );
    await shootSidebar(addOnPage, path.join(SHOTS, 'sidebar-addon-lane.png'));
    expect(opened.errors).toEqual([]);
  } finally {
    await addOnPage?.close();
    await host?.close();
  }
});
