/**
 * MegaMarket, AliExpress and Avito from the sidebar at 300 px (issue 15): a channel added with the
 * marketplace's preset and saved, its keys entered on «Площадки», «Проверить подключение» with no
 * warehouse to pick (its note instead), «Отправить остатки», and the sandbox holding the stock; the
 * honest notes (MegaMarket shows no stock, Avito wants listing numbers, AliExpress answers later)
 * beside the channel and its key; and MegaMarket left out of the «channel» source picker, with why.
 */
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ALI_SANDBOX } from '../../dev/sandbox/aliexpress';
import { AVITO_SANDBOX } from '../../dev/sandbox/avito';
import { type Sandboxes, startSandboxes } from '../../dev/sandbox/harness';
import { MM_SANDBOX } from '../../dev/sandbox/megamarket';
import { type SidebarHost, startSidebarHost } from '../../dev/sidebarHost';
import { avitoListing, openShop, type Shop, sku } from '../bundle/sendingSetup';
import { DIST } from '../fakes/gas';
import { launchChromium, openPage, shootSidebar, startBoth } from './chromium';
import { openTab } from './shopSidebar';

jest.setTimeout(120_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
const N = 12;
let browser: Browser;
let sandboxes: Sandboxes;
let host: SidebarHost;
let shop: Shop;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  await startBoth(launchChromium(), startSandboxes(), (a, b) => {
    browser = a as Browser;
    sandboxes = b as Sandboxes;
  });
  // The shop of the sending tests (Ozon, Wildberries, Яндекс Маркет, «Сайт»), with a column of Avito listings.
  shop = openShop(sandboxes, N, { avito: true });
  const ids = Array.from({ length: N }, (_, i) => sku(i));
  sandboxes.control('megamarket', 'seed', { offers: ids });
  // What MegaMarket took shows in its control panel at once here (its API shows nothing either way).
  sandboxes.control('megamarket', 'configure', { applyDelayMs: 0 });
  sandboxes.control('aliexpress', 'seed', { codes: ids });
  host = await startSidebarHost(shop.g, DIST);
  ({ page, errors } = await openPage(browser, host.url, { width: 300, height: 1600 }));
}, 120_000);

afterAll(async () => {
  await page?.close();
  await host?.close();
  await browser?.close();
  await sandboxes?.stop();
});

/** «Каналы»: the preset picked, «Добавить канал», the new card. */
async function addChannel(label: string, id: string) {
  await openTab(page, 'channels');
  await page.getByLabel('Площадка нового канала').selectOption({ label });
  await page.getByRole('button', { name: 'Добавить канал' }).click();
  const card = page.locator(`[data-channel-form="${id}"]`);
  await card.waitFor();
  return card;
}

async function save(): Promise<void> {
  await page.locator('#form-save').click();
  await page.getByText('Настройки сохранены, таблица пересчитана.').waitFor();
}

/** «Площадки»: the keys typed, then «Проверить подключение» (it stores them once accepted); the card's success note. */
async function connect(id: string, keys: Record<string, string>): Promise<string> {
  await openTab(page, 'connections');
  for (const [label, value] of Object.entries(keys))
    await page.locator(`[data-channel="${id}"]`).getByLabel(label).fill(value);
  const card = page.locator(`[data-channel="${id}"]`);
  await card.getByRole('button', { name: 'Проверить подключение' }).click();
  const ok = card.locator('.message.ok');
  await ok.waitFor();
  expect(await ok.textContent()).toContain(' Ключ сохранён.');
  // Nothing to pick: no warehouse list, no «Использовать».
  expect(await card.locator('select').count()).toBe(0);
  expect(await card.getByRole('button', { name: 'Использовать' }).count()).toBe(0);
  expect(await page.locator(`[data-connection="${id}"]`).getAttribute('data-check')).toBe('ok');
  return (await ok.textContent()) ?? '';
}

/** «Отправить остатки» on «Сводка»: the latest tasks of the channel, newest first, without their times. */
async function send(channel: string): Promise<string[]> {
  sandboxes.clock.advance(60_000);
  // A fresh panel: the notice of an earlier send must not pass for this one's.
  await page.reload();
  await openTab(page, 'summary');
  await page.locator('#send').click();
  await page.locator('[data-feedback="sending"] .message').waitFor();
  const tasks = await page.locator('#tasks li').allTextContents();
  return tasks.filter((t) => t.includes(` · ${channel} · `)).map((t) => t.replace(/^[^·]+ · /, ''));
}

const column = (header: string, i: number) => {
  const rows = shop.book.sheet('Остатки').dump();
  return rows[i + 1][rows[0].indexOf(header)];
};

it('Авито: the preset guesses the listings column and says it must hold listing numbers; check, send, Avito has it', async () => {
  const card = await addChannel('Авито', 'c1');
  expect(await card.getByLabel('Название').inputValue()).toBe('Авито');
  expect(await card.getByLabel('Столбец ID товара').inputValue()).toBe('Авито ID');
  await card.getByText(/^Склад выбирать не нужно: у Авито складов нет/).waitFor();
  await card.getByText(/номерами объявлений \(номер — цифры в конце ссылки на объявление\)/).waitFor();
  await save();
  await openTab(page, 'connections');
  const keyCard = page.locator('[data-channel="c1"]');
  await keyCard
    .getByText(/^Client ID и Client Secret — в кабинете Авито: https:\/\/www\.avito\.ru\/professionals\/api/)
    .waitFor();
  // A secret left out is asked for under its own field, in Russian.
  await keyCard.getByLabel('Авито: Client ID').fill(AVITO_SANDBOX.clientId);
  await keyCard.getByRole('button', { name: 'Проверить подключение' }).click();
  await keyCard
    .locator('[data-error-for="clientSecret"]')
    .getByText(/^Авито: Введите Client Secret/)
    .waitFor();
  const note = await connect('c1', {
    'Авито: Client ID': AVITO_SANDBOX.clientId,
    'Авито: Client Secret': AVITO_SANDBOX.clientSecret,
  });
  expect(note).toBe(
    'Подключение работает; складов у Авито нет: остаток задаётся каждому объявлению, номер объявления — в столбце ID канала. Ключ сохранён.',
  );
  expect(await page.content()).not.toContain(AVITO_SANDBOX.clientSecret);
  expect((await send('Авито'))[0]).toBe(`Авито · Выполнено · ${N} из ${N}`);
  for (const i of [0, 5])
    expect(sandboxes.control('avito', 'stock', { itemId: avitoListing(i) }).quantity).toBe(column('Авито', i));
  expect(errors).toEqual([]);
});

it('Мегамаркет: says it shows no stock (no double reservation, no read-back), in the form and on its card; check, send', async () => {
  const card = await addChannel('Мегамаркет', 'c2');
  await card
    .getByText(/^Мегамаркет не показывает остатки через API: двойного резервирования и проверки отправленного чтением/)
    .waitFor();
  await save();
  await openTab(page, 'connections');
  const keyCard = page.locator('[data-channel="c2"]');
  await keyCard.getByText(/^Токен — в личном кабинете продавца Мегамаркета/).waitFor();
  await keyCard.getByText(/источником «что показывает канал» он быть не может/).waitFor();
  const note = await connect('c2', { 'Мегамаркет: Токен Мегамаркета': MM_SANDBOX.token });
  expect(note).toMatch(
    /^Подключение работает; токен принят; склад выбирать не нужно\. Мегамаркет не показывает остатки/,
  );
  expect((await send('Мегамаркет'))[0]).toBe(`Мегамаркет · Выполнено · ${N} из ${N}`);
  // The API shows nothing; the sandbox's control panel shows what MegaMarket took.
  for (const i of [0, 7])
    expect(sandboxes.control('megamarket', 'stock', { offerId: sku(i) }).available).toBe(column('Мегамаркет', i));
  expect(errors).toEqual([]);
});

it('AliExpress: results that come later «ждут ответа площадки» in the latest tasks, then count once AliExpress tells', async () => {
  const card = await addChannel('AliExpress', 'c3');
  await card.getByText(/^AliExpress отвечает на отправку не сразу/).waitFor();
  await save();
  const note = await connect('c3', { 'AliExpress: Токен AliExpress': ALI_SANDBOX.token });
  expect(note).toBe(`Подключение работает; склад выбирать не нужно; товаров AliExpress (SKU): ${N}. Ключ сохранён.`);
  // Its tasks take longer than a run waits: the push is neither accepted nor refused yet.
  sandboxes.control('aliexpress', 'configure', { taskDelayMs: 10 * 60_000 });
  expect((await send('AliExpress'))[0]).toBe(
    `AliExpress · Частично · 0 из ${N} — ждут ответа площадки: ${N} — результат проверим в следующем запуске`,
  );
  expect(sandboxes.control('aliexpress', 'stock', { code: sku(0) }).available).toBe(0);
  // The tasks end; AliExpress answers within a run again. The next send records the old result, then its own.
  sandboxes.clock.advance(15 * 60_000);
  sandboxes.control('aliexpress', 'configure', { taskDelayMs: 20_000 });
  expect((await send('AliExpress')).slice(0, 2)).toEqual([
    `AliExpress · Выполнено · ${N} из ${N}`,
    `AliExpress · Выполнено · ${N} из ${N} — результат прошлой отправки: принято ${N} из ${N}`,
  ]);
  for (const i of [0, 3])
    expect(sandboxes.control('aliexpress', 'stock', { code: sku(i) }).available).toBe(column('AliExpress', i));
  // The three cards fit the 300 px sidebar.
  await openTab(page, 'connections');
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(width[0]).toBeLessThanOrEqual(width[1]);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-new-marketplaces.png'));
  expect(errors).toEqual([]);
});

it('a «channel» source: MegaMarket is not in the list, and the picker says why', async () => {
  await openTab(page, 'warehouses');
  const warehouse = page.locator('[data-warehouse]').first();
  await warehouse.getByLabel('Источник').selectOption('channel');
  const options = await warehouse.getByLabel('Канал').locator('option').allTextContents();
  expect(options).toEqual(['Ozon', 'Wildberries', 'Яндекс Маркет', 'Авито', 'AliExpress']);
  await warehouse
    .getByText('Нет в списке: «Мегамаркет» — Мегамаркет не показывает остатки через API, брать их неоткуда.')
    .waitFor();
  expect(errors).toEqual([]);
});

/**
 * Latin words of these tabs a seller may read: brands, the names the cabinets give their keys (Avito's
 * «Client ID», «Client Secret»), as in sellerWords.test.ts; addresses are the seller's to open.
 */
const ALLOWED = new Set(['Ozon', 'Wildberries', 'AliExpress', 'Client', 'Secret', 'Google', 'JSON', 'README']);

it('the channels and connections of the new marketplaces use no internal or English word', async () => {
  await page.reload();
  const found: string[] = [];
  for (const tab of ['channels', 'connections']) {
    await openTab(page, tab);
    const text = await page.evaluate((id) => {
      const panel = document.getElementById(`section-${id}`) as HTMLElement;
      const attrs = [...panel.querySelectorAll('*')].flatMap((e) => [
        e.getAttribute('placeholder'),
        e.getAttribute('aria-label'),
        e.getAttribute('title'),
      ]);
      // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is what a seller reads.
      return [panel.innerText, ...attrs].filter(Boolean).join('\n');
    }, tab);
    // Addresses and the masked tails of stored keys («…dXJl») are no words of ours.
    const words = text.replace(/https?:\/\/\S+/g, ' ').replace(/…\w+/g, ' ');
    for (const word of words.match(/[A-Za-z]{4,}/g) ?? []) if (!ALLOWED.has(word)) found.push(`${tab}: ${word}`);
    expect(text).toContain(tab === 'channels' ? 'Мегамаркет не показывает остатки' : 'Client Secret');
  }
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});
