/**
 * The site feed in the playground (SPEC 5.8): the page links «Сайт»'s feed, which answers like Apps Script's web
 * app — a redirect, then XML with the demo's offers — and the sidebar's channel card shows the same URL, whose
 * «Новая ссылка» retires it.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Browser, Page } from 'playwright-core';
import { type Playground, startPlayground, WEB_APP_PATH } from '../../dev/playground';
import { launchChromium, openPage, startBoth } from './chromium';

jest.setTimeout(120_000);
let browser: Browser;
let playground: Playground;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  await startBoth(launchChromium(), startPlayground(0), (a, b) => {
    browser = a as Browser;
    playground = b as typeof playground;
  });
  ({ page, errors } = await openPage(browser, playground.url, { width: 1280, height: 800 }));
}, 120_000);

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await playground?.stop();
});

/** The demo's «Сайт» column as the last recalculation wrote it: the offers the feed must have. */
function siteColumn() {
  const [head, ...rows] = playground.gas.book.sheet('Остатки').dump();
  return rows
    .filter((r) => typeof r[head.indexOf('Сайт')] === 'number')
    .map((r) => ({ id: String(r[head.indexOf('Артикул')]), count: Number(r[head.indexOf('Сайт')]) }));
}

function offersOf(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return Array.from(doc.getElementsByTagName('offer')).map((o) => ({
    id: String(o.getAttribute('id')),
    count: Number(o.getElementsByTagName('count')[0].textContent),
  }));
}

let feedUrl = '';

it('the page links the feed; it answers with a redirect, then XML with the demo’s offers', async () => {
  const link = page.locator('#feed-link');
  await link.waitFor();
  feedUrl = (await link.getAttribute('href')) ?? '';
  expect(feedUrl).toContain(`${WEB_APP_PATH}?feed=site&token=`);
  const first = await fetch(feedUrl, { redirect: 'manual' });
  expect(first.status).toBe(302);
  const location = new URL(first.headers.get('location') ?? '', feedUrl).toString();
  expect(location).not.toContain(WEB_APP_PATH);
  const second = await fetch(location);
  expect(second.headers.get('content-type')).toMatch(/^application\/xml/);
  const offers = offersOf(await second.text());
  expect(offers.length).toBeGreaterThan(100);
  expect(offers).toEqual(siteColumn());
  // Opened in the browser, the link follows the redirect and shows the feed.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await tab.waitForLoadState();
  expect(tab.url()).not.toContain(WEB_APP_PATH);
  expect(await tab.content()).toContain('DEMO-001');
  await tab.close();
});

it('the sidebar shows the same URL; «Новая ссылка» issues another and the old one answers without data', async () => {
  const sidebar = page.frameLocator('iframe');
  await sidebar.locator('#tab-channels').click();
  const url = sidebar.locator('[data-feed-url="site"]');
  await url.waitFor();
  expect(await url.inputValue()).toBe(feedUrl);
  expect(await url.getAttribute('readonly')).not.toBeNull();
  await sidebar.locator('[data-feed="site"]').getByRole('button', { name: 'Новая ссылка' }).click();
  await sidebar.locator('[data-feedback="feed:site"] .message.ok').waitFor();
  const renewed = await url.inputValue();
  expect(renewed).not.toBe(feedUrl);
  const old = await fetch(feedUrl);
  expect(await old.text()).toMatch(/^Нет доступа к фиду/);
  expect(offersOf(await (await fetch(renewed)).text())).toEqual(siteColumn());
  expect(errors).toEqual([]);
});
