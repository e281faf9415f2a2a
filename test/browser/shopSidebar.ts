/**
 * The sidebar over a demo shop at 300 px, as Google shows it: Chromium, the sandboxes, the bundle
 * over the fakes with `n` SKUs, and the sidebar host. Whatever started is stopped by `closeShopSidebar`,
 * also when a later step of the start failed (jest must exit by itself).
 */
import type { Browser, Page } from 'playwright-core';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { openShop, type Shop } from '../bundle/sendingSetup';
import { DIST } from '../fakes/gas';
import { launchChromium, openPage, startBoth } from './chromium';

export interface ShopSidebar {
  browser: Browser;
  sandboxes: Sandboxes;
  shop: Shop;
  host: SidebarHost;
  page: Page;
  errors: string[];
}

/** The sidebar's tabs, by the id part of `#tab-…` (tabs.ts): summary, channels, warehouses, connections, reserves. */
export async function openTab(page: Page, tab: string): Promise<void> {
  await page.locator(`#tab-${tab}`).click();
  await page.locator(`#section-${tab}`).waitFor();
}

export async function closeShopSidebar(s: Partial<ShopSidebar>): Promise<void> {
  await s.page?.close();
  await s.host?.close();
  await s.browser?.close();
  await s.sandboxes?.stop();
}

export async function openShopSidebar(n: number, started: Partial<ShopSidebar> = {}): Promise<ShopSidebar> {
  await startBoth(launchChromium(), startSandboxes(), (a, b) => {
    started.browser = a;
    started.sandboxes = b;
  });
  const { browser, sandboxes } = started as ShopSidebar;
  started.shop = openShop(sandboxes, n);
  started.host = await startSidebarHost(started.shop.g, DIST);
  const opened = await openPage(browser, started.host.url, { width: 300, height: 1600 });
  return Object.assign(started, opened) as ShopSidebar;
}
