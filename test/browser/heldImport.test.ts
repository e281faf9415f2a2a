/** A supplier's file cut short: the sidebar shows the zeros the import held, and «Подтвердить импорт» applies them. */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { csvSource, openSupplierShop, VARIANT } from '../bundle/supplierShop';
import type { Gas } from '../fakes/gas';
import { launchChromium, openPage, shootSidebar, startBoth } from './chromium';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
const sku = (i: number) => `S-${String(i).padStart(2, '0')}`;
let browser: Browser;
let sandboxes: Sandboxes;
let host: SidebarHost;
let g: Gas;
let page: Page;
let errors: string[] = [];

/** 20 SKUs with «Поставщик» 10 + i, fed by a CSV the supplier cut to its first 12 lines. */
function shop(): Gas {
  const skus = Array.from({ length: 20 }, (_, i) => sku(i));
  sandboxes.control('ozon', 'configure', { applyDelayMs: 0 });
  sandboxes.setFile(
    '/files/stock.csv',
    `Артикул,Остаток\n${skus
      .slice(0, 12)
      .map((s) => `${s},50`)
      .join('\n')}\n`,
    {
      contentType: 'text/csv',
    },
  );
  return openSupplierShop(sandboxes, skus, csvSource('stock.csv'), { supplierFrom: 10 });
}

beforeAll(async () => {
  await startBoth(launchChromium(), startSandboxes(), (a, b) => {
    browser = a as Browser;
    sandboxes = b as typeof sandboxes;
  });
  g = shop();
  g.fn.runScheduledSync();
  host = await startSidebarHost(g, VARIANT);
  ({ page, errors } = await openPage(browser, host.url, { width: 300, height: 1600 }));
}, 90_000);

afterAll(async () => {
  await page?.close();
  await host?.close();
  await browser?.close();
  await sandboxes?.stop();
});

it('shows the held import with what would go to 0, and «Подтвердить импорт» applies it', async () => {
  const card = page.locator('[data-held-import="sup"]');
  await card.waitFor();
  expect(await card.textContent()).toContain(
    'Файл поставщика поставил бы 0 у 8 из 20 артикулов с остатком (их нет в файле или там 0): S-12, S-13, S-14',
  );
  await shootSidebar(page, path.join(SHOTS, 'sidebar-held-import.png'));
  await card.getByRole('button', { name: 'Подтвердить импорт' }).click();
  await page.getByText('Склад «Поставщик»: импорт подтверждён, нули поставлены.').waitFor();
  expect(await page.locator('[data-held-import]').count()).toBe(0);
  const rows = g.book.sheet('Остатки').dump();
  expect(rows.slice(13).map((r) => r[2])).toEqual(new Array(8).fill(0));
  expect(
    sandboxes.control('ozon', 'stock', { offer_id: sku(15), warehouse_id: OZON_WAREHOUSES[0].warehouse_id }).present,
  ).toBe(1);
  expect(errors).toEqual([]);
});
