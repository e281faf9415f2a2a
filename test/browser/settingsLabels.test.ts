/**
 * The form at 300 px shows exactly the labels that saving's messages start with (test/fixtures/formLabels.ts,
 * checked against the messages by test/unit/settingsLabels.test.ts), and a refused save puts each message,
 * label first, under its field (issue 14).
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { DIST, loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { LABELLED_FIELDS, labelledSettings } from '../fixtures/formLabels';
import { reserveHeader } from '../fixtures/workedExample';
import { launchChromium, openPage, shootSidebar, startBoth } from './chromium';
import { openTab } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let browser: Browser;
let sandboxes: Sandboxes;
let host: SidebarHost;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  await startBoth(launchChromium(), startSandboxes(), (a, b) => {
    browser = a as Browser;
    sandboxes = b as Sandboxes;
  });
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', [
    ['Артикул', 'Наименование', 'Склад', 'Магазин'],
    ['A-1', 'Кружка', 5, 2],
  ]);
  book.addSheet('Резервы', [reserveHeader]);
  const gas = loadBundle({ book, sandboxes });
  const saved = gas.fn.saveSettings(labelledSettings());
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  host = await startSidebarHost(gas, DIST);
  ({ page, errors } = await openPage(browser, host.url, { width: 300, height: 1600 }));
}, 90_000);

afterAll(async () => {
  await page?.close();
  await host?.close();
  await browser?.close();
  await sandboxes?.stop();
});

/** The label of the field whose error slot is for `path`, in the open tab. */
const fieldLabel = (tab: string, p: string) =>
  page.locator(`#section-${tab} .field:has(> [data-error-for="${p}"]) > label`).first().textContent();

/** The source kind each source field shows under, as «Источник» names it. */
const KIND_OF: Record<string, string> = {
  'Ссылка на CSV': 'CSV по ссылке',
  'Ссылка на YML': 'YML/XML-фид по ссылке',
  'Поиск письма (как в Gmail)': 'письмо с CSV или XLSX',
  Канал: 'что показывает канал',
};

it('every field of the table has the same label in the form', async () => {
  await page.locator('#summary').waitFor();
  for (const field of LABELLED_FIELDS) {
    await openTab(page, field.tab);
    const panel = page.locator(`#section-${field.tab}`);
    if (field.path.startsWith('warehouses.0.source.') && KIND_OF[field.label])
      await panel
        .locator('[data-warehouse="main"]')
        .getByLabel('Источник')
        .selectOption({ label: KIND_OF[field.label] });
    if (field.where === 'field')
      expect([field.path, await fieldLabel(field.tab, field.path)]).toEqual([field.path, field.label]);
    if (field.where === 'checkbox')
      expect(await panel.locator('.check label', { hasText: field.label }).first().textContent()).toBe(field.label);
    if (field.where === 'legend') {
      const slot = panel
        .locator(`fieldset:has([data-error-for="${field.path.replace(/\.\d+$/, '')}"]) > legend`)
        .first();
      expect(await slot.textContent()).toBe(field.label);
    }
    if (field.where === 'row') await panel.getByLabel('Условие 1: то').first().waitFor();
    if (field.path.startsWith('warehouses.0.source.') && KIND_OF[field.label])
      await panel
        .locator('[data-warehouse="main"]')
        .getByLabel('Источник')
        .selectOption({ label: 'другая Google Таблица' });
  }
  expect(errors).toEqual([]);
});

it("a refused save: each message under its field starts with that field's label; dates as 25.11.2026 18:00", async () => {
  await page.reload();
  await openTab(page, 'reserves');
  const panel = page.locator('#section-reserves');
  await panel.getByLabel('Учитывать заказы с (дата и время)').fill('31.02.2026');
  await panel.getByLabel('Ждать заказ, минут').fill('-5');
  await page.locator('#form-save').click();
  await panel.locator('[data-error-for="reserves.activeFrom"]:not(:empty)').waitFor();
  const date = panel.locator('[data-error-for="reserves.activeFrom"]');
  expect(await date.textContent()).toBe(
    'Учитывать заказы с (дата и время): нужна дата в виде 25.11.2026 или 25.11.2026 18:00',
  );
  expect(await panel.locator('[data-error-for="reserves.pendingHoldMinutes"]').textContent()).toBe(
    'Ждать заказ, минут: от 1 до 10080',
  );
  expect(await panel.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-reserves-errors.png'));
  expect(errors).toEqual([]);
});
