/**
 * The site feed in the playground (SPEC 5.8): the page links «Сайт»'s feed, which answers like Apps Script's web
 * app — a redirect, then XML with the demo's offers — and the sidebar's channel card shows the same URL, whose
 * «Новая ссылка» retires it after a second click, and «Копировать» copies it.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Page } from 'playwright-core';
import { type Playground, WEB_APP_PATH } from '../../dev/playground';
import { usePlaygroundPage } from './playgroundPage';

jest.setTimeout(120_000);
const open = usePlaygroundPage();
let playground: Playground;
let page: Page;
let errors: string[];
beforeAll(() => {
  ({ playground, page, errors } = open);
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

it('the sidebar shows the same URL; «Новая ссылка» asks first, then issues another and the old one answers no catalogue', async () => {
  const sidebar = page.frameLocator('iframe');
  await sidebar.locator('#tab-channels').click();
  const card = sidebar.locator('[data-channel-form="site"]');
  const url = sidebar.locator('[data-feed-url="site"]');
  await url.waitFor();
  expect(await url.inputValue()).toBe(feedUrl);
  expect(await url.getAttribute('readonly')).not.toBeNull();
  // The card says where the column goes: the site takes it, it is not «only counted».
  expect(await card.locator('.preset-needs').textContent()).toBe(
    'На площадки ничего не отправляется; сайт сам забирает фид по ссылке ниже.',
  );
  // The whole link is in view at 300 px: the box wraps it instead of cutting it.
  expect(await url.evaluate((e) => e.scrollHeight <= e.clientHeight && e.scrollWidth <= e.clientWidth)).toBe(true);
  const feedPart = sidebar.locator('[data-feed="site"]');
  // First click: only a warning and a choice; the link still works.
  await feedPart.getByRole('button', { name: 'Новая ссылка' }).click();
  await feedPart
    .getByText(
      'Старая ссылка сразу перестанет работать: сайт не получит остатки, пока вы не вставите новую ссылку в его импорт.',
    )
    .waitFor();
  await feedPart.getByRole('button', { name: 'Отмена' }).click();
  expect(await url.inputValue()).toBe(feedUrl);
  expect(await feedPart.getByRole('button', { name: 'Новая ссылка' }).isVisible()).toBe(true);
  expect(await feedPart.getByRole('button', { name: 'Выдать новую ссылку' }).isVisible()).toBe(false);
  expect((await fetch(feedUrl)).headers.get('content-type')).toMatch(/^application\/xml/);
  // Second time through: «Выдать новую ссылку» retires the old link.
  await feedPart.getByRole('button', { name: 'Новая ссылка' }).click();
  await feedPart.getByRole('button', { name: 'Выдать новую ссылку' }).click();
  await sidebar.locator('[data-feedback="feed:site"] .message.ok').waitFor();
  const renewed = await url.inputValue();
  expect(renewed).not.toBe(feedUrl);
  const old = await fetch(feedUrl);
  // No importer can take the refusal for an empty catalogue: plain text, no yml_catalog.
  expect(old.headers.get('content-type')).toMatch(/^text\/plain/);
  const refusal = await old.text();
  expect(refusal).toMatch(/^Нет доступа к фиду/);
  expect(refusal).not.toMatch(/yml_catalog|<offers|<\?xml/);
  expect(offersOf(await (await fetch(renewed)).text())).toEqual(siteColumn());
  expect(errors).toEqual([]);
});

it('«Копировать» copies the whole link and says so', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const sidebar = page.frameLocator('iframe');
  const url = await sidebar.locator('[data-feed-url="site"]').inputValue();
  await sidebar.locator('[data-feed="site"]').getByRole('button', { name: 'Копировать' }).click();
  await sidebar.locator('[data-feedback="feed:site"]').getByText('Ссылка скопирована.').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
});

it('unticking the feed on a channel with a link says the link will stop working; ticking again takes it back', async () => {
  const sidebar = page.frameLocator('iframe');
  const card = sidebar.locator('[data-channel-form="site"]');
  const warning = card.getByText('После сохранения ссылка перестанет работать; если включить снова — будет новая.');
  expect(await warning.isVisible()).toBe(false);
  await card.getByText('Публиковать как YML-фид для сайта').click();
  await warning.waitFor();
  expect(await card.locator('.preset-needs').textContent()).toBe(
    'Площадка не нужна: канал только считается в таблице, ничего не отправляется.',
  );
  await card.getByText('Публиковать как YML-фид для сайта').click();
  expect(await warning.isVisible()).toBe(false);
  expect(errors).toEqual([]);
});
