/**
 * What a seller reads in the sidebar: an invalid row says what it means for sales, where the problems
 * are listed and where invalid rows are counted; and no tab, in any of the shop's states (problems,
 * held pushes, an editor's pending settings, connections checked, every source and rule kind, the
 * notices after each button), shows an internal or English word — only names of brands and formats.
 */
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_SANDBOX } from '../../dev/sandbox/ozon';
import { WB_SANDBOX } from '../../dev/sandbox/wildberries';
import { YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import { type Shop, shopSettings } from '../bundle/sendingSetup';
import { closeShopSidebar, openShopSidebar, openTab, type ShopSidebar } from './shopSidebar';

jest.setTimeout(120_000);
let sandboxes: Sandboxes;
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};
const TABS = ['summary', 'channels', 'warehouses', 'connections', 'reserves'];

/**
 * Latin words a seller may read: marketplaces, brands and services, file formats, the names the
 * marketplaces' own cabinets give their keys and schemes (Ozon «Client-Id», «rFBS» in a warehouse's
 * name), and the HTTP code of a refusal, which the marketplace's support asks for. Gmail's own search
 * words («from:», «has:attachment») are what the e-mail source's query is written in; 1C's exchange
 * format and its files («CommerceML», «offers.xml», «import.xml») are what the seller finds in 1C.
 */
const ALLOWED = new Set(
  [
    'Ozon',
    'Wildberries',
    'AliExpress',
    'Google',
    'Workspace',
    'Gmail',
    'Telegram',
    // Telegram's own bots a seller writes to for a bot's token and a chat's id.
    'BotFather',
    'userinfobot',
    'Apps Script',
    'clasp',
    'README',
    'JSON',
    'CSV',
    'YML',
    'XML',
    'XLSX',
    'URL',
    'API',
    'HTTP',
    'Client',
    'rFBS',
    'from',
    'attachment',
    'CommerceML',
    'offers',
    'import',
  ].flatMap((w) => w.split(' ')),
);

/** What the seller put there himself is no word of ours: addresses, e-mails, the masked tail of a key («…oken»). */
function withoutSellerData(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/…\w+/g, ' ');
}

/** Every text of a tab a seller can see: its visible text (options included), placeholders, titles, labels, values. */
async function tabTexts(tab: string): Promise<string> {
  await openTab(page, tab);
  return page.evaluate((id) => {
    const panel = document.getElementById(`section-${id}`) as HTMLElement;
    for (const d of panel.querySelectorAll('details')) d.open = true;
    const bar = document.getElementById('save-bar');
    const attrs = [...panel.querySelectorAll('*'), ...(bar && !bar.hidden ? bar.querySelectorAll('*') : [])].flatMap(
      (e) => [
        e.getAttribute('placeholder'),
        e.getAttribute('title'),
        e.getAttribute('aria-label'),
        e instanceof HTMLInputElement && e.type !== 'password' ? e.value : null,
      ],
    );
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (hidden parts left out) is what a seller reads.
    return [panel.innerText, bar && !bar.hidden ? bar.innerText : '', ...attrs].filter(Boolean).join('\n');
  }, tab);
}

const found: { state: string; tab: string; word: string; line: string }[] = [];

/** Scans the tabs (all by default) in the state the shop is in now. */
const seen = new Map<string, string>();

async function scan(state: string, tabs = TABS): Promise<void> {
  for (const tab of tabs) {
    const text = withoutSellerData(await tabTexts(tab));
    seen.set(`${state} / ${tab}`, text);
    for (const line of text.split('\n'))
      for (const word of line.match(/[A-Za-z]{4,}/g) ?? [])
        if (!ALLOWED.has(word)) found.push({ state, tab, word, line: line.trim() });
  }
}

beforeAll(async () => {
  ({ sandboxes, shop, page, errors } = await openShopSidebar(20, started));
}, 90_000);

afterAll(() => closeShopSidebar(started));

it('an invalid row says in «Что исправить» and beside «С ошибками» that it is not sent and the marketplaces keep their number', async () => {
  shop.g.fn.sendStocks('sidebar');
  shop.book.sheet('Остатки').put(5, 3, 'много');
  sandboxes.clock.advance(60_000);
  await page.reload();
  await page.locator('#recalculate').click();
  await page.locator('#problems').waitFor();
  expect(await page.locator('#problems li').allTextContents()).toEqual([
    'Лист «Остатки», строка 5, столбец «Склад»: «много» — не число. A-00003 не отправляется, пока ячейка не исправлена; на площадках остаётся прежнее число, столбцы каналов в строке пусты',
  ]);
  expect(await page.locator('#invalid-count').textContent()).toBe('1');
  expect(await page.locator('#invalid-note').textContent()).toBe(
    'Строки с ошибками не отправляются: на площадках остаётся прежнее число, пока строку не исправят.',
  );
  shop.book.sheet('Остатки').put(5, 3, 13);
  await page.locator('#recalculate').click();
  await page.locator('#problems').waitFor({ state: 'detached' });
  expect(await page.locator('#invalid-note').count()).toBe(0);
  expect(errors).toEqual([]);
});

it('no tab shows an internal or English word, in any state of the shop', async () => {
  await page.reload();
  await scan('a shop just set up');
  // Reserves with double reservation, the orders lane, a filter and a conditions rule; every connection checked.
  const plain = shopSettings();
  const settings = shopSettings({
    reserves: { enabled: true, activeFrom: '2026-11-01T00:00:00Z', doubleReservation: true },
    schedule: { everyMinutes: 15, ordersEveryMinutes: 1 },
    channels: [
      plain.channels[0],
      { ...plain.channels[1], filter: { header: 'Наименование', op: 'contains', value: 'Товар' } },
      plain.channels[2],
      {
        ...plain.channels[3],
        rule: { type: 'conditions', conditions: [{ op: '>', value: 10, then: 'x/2' }], otherwise: 'x' },
      },
    ],
  });
  expect(shop.g.fn.saveSettings(settings).ok).toBe(true);
  for (const id of ['ozon', 'wb', 'ym']) shop.g.fn.testConnection(id);
  shop.g.fn.sendStocks('sidebar');
  // A bad cell, a push the guard holds, an editor's loosening that waits for the owner, and an editor's queued send.
  sandboxes.clock.advance(60_000);
  shop.book.sheet('Остатки').put(12, 3, 'много');
  for (let i = 0; i < 8; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
  shop.g.fn.runScheduledSync();
  shop.g.properties.currentUser = 'editor@example.com';
  shop.g.fn.saveSettings({ ...settings, guard: { maxZeroShare: 1, minItems: 5 } });
  shop.g.fn.sendStocks('sidebar');
  shop.g.properties.currentUser = 'owner@example.com';
  await page.reload();
  await scan('problems, held pushes, pending settings, a queued send');

  await openTab(page, 'summary');
  await page.locator('#recalculate').click();
  await page.locator('[data-feedback="recalc"] .message').waitFor();
  await scan('after «Пересчитать»', ['summary']);
  await page.locator('#send').click();
  await page.locator('[data-feedback="sending"] .message').waitFor();
  await scan('after «Отправить остатки»', ['summary']);

  await openTab(page, 'connections');
  for (const check of await page.getByRole('button', { name: 'Проверить подключение' }).all()) await check.click();
  await page.locator('#section-connections [role="radiogroup"]').first().waitFor();
  await scan('connections checked', ['connections']);
  // Keys every marketplace refuses: each card says why, in red.
  shop.g.fn.setCredentials('ozon', { clientId: '1', apiKey: 'not-the-key' });
  shop.g.fn.setCredentials('wb', { token: 'not-the-token' });
  shop.g.fn.setCredentials('ym', { apiKey: 'not-the-key' });
  for (const id of ['ozon', 'wb', 'ym']) shop.g.fn.testConnection(id);
  await page.reload();
  await scan('keys refused', ['connections', 'summary']);
  shop.g.fn.setCredentials('ozon', OZON_SANDBOX);
  shop.g.fn.setCredentials('wb', WB_SANDBOX);
  shop.g.fn.setCredentials('ym', YM_SANDBOX);

  await openTab(page, 'warehouses');
  const kind = page.locator('[data-warehouse]').first().getByLabel('Источник');
  for (const label of await kind.locator('option').allTextContents()) {
    await kind.selectOption({ label });
    await scan(`source «${label}»`, ['warehouses']);
  }
  // An address this build may not fetch from is explained beside the field.
  await kind.selectOption({ label: 'CSV по ссылке' });
  await page.getByLabel('Ссылка на CSV').fill('https://supplier.example/price.csv');
  await scan('a source the build cannot fetch', ['warehouses']);
  await openTab(page, 'channels');
  const rule = page.locator('[data-channel-form="site"]').getByLabel('Тип правила');
  for (const label of await rule.locator('option').allTextContents()) {
    await rule.selectOption({ label });
    await scan(`rule «${label}»`, ['channels']);
  }

  await openTab(page, 'reserves');
  await page.locator('#settle-minutes').getByLabel('Ozon').fill('200');
  await page.locator('#form-save').click();
  await page.locator('#form-status .message.error').waitFor();
  await scan('a save refused', ['reserves']);
  await page.locator('#settings-json').fill('{"version": 1,');
  await page.locator('#save').click();
  await page.locator('#settings-errors .message').waitFor();
  await scan('bad JSON', ['reserves']);

  // The states were there to be read: what each was set up to show is on screen.
  const shown = (key: string) => seen.get(key) ?? '';
  const busy = shown('problems, held pushes, pending settings, a queued send / summary');
  for (const part of ['Что исправить (1)', 'отправка задержана защитой', 'Подтвердить', 'Отправка в очереди'])
    expect(busy).toContain(part);
  expect(shown('connections checked / connections')).toContain('активный');
  expect(shown('keys refused / connections').match(/ошибка: /g)).toHaveLength(3);
  expect(shown('a source the build cannot fetch / warehouses')).toContain('Эта установка не может скачивать');
  expect(shown('a save refused / reserves')).toContain('Задержка площадки Ozon: от 0 до 120 минут');
  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});
