/**
 * «Площадки» at Google's 300 px (issue 14, a new seller's trial): a typed key counts without a separate save;
 * a new key replaces a working one only once the marketplace accepts it, and a marketplace that does not
 * answer leaves the choice to the seller; an error is said once; the warehouses are a list whose long names
 * wrap, without the marketplace's raw status words; the card names the chosen warehouse.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { WB_SANDBOX } from '../../dev/sandbox/wildberries';
import { YM_SANDBOX } from '../../dev/sandbox/yandexMarket';
import type { Shop } from '../bundle/sendingSetup';
import { shootSidebar } from './chromium';
import { closeShopSidebar, openShopSidebar, openTab, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
let sandboxes: Sandboxes;
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};

beforeAll(async () => {
  ({ sandboxes, shop, page, errors } = await openShopSidebar(5, started));
}, 90_000);

afterAll(() => closeShopSidebar(started));

const card = (id: string) => page.locator(`[data-channel="${id}"]`);
const status = (id: string) => page.locator(`[data-connection="${id}"]`);
const storedKey = (id: string) =>
  JSON.parse(shop.g.properties.users.get('owner@example.com')?.data.get(`credentials.${id}`) ?? 'null');

async function reopen(): Promise<void> {
  await page.reload();
  await openTab(page, 'connections');
}

it('a WB token typed and not saved: «Проверить подключение» saves and checks it, no «сначала введите ключ»', async () => {
  // A seller who has not connected Wildberries yet.
  shop.g.properties.users.get('owner@example.com')?.data.delete('credentials.wb');
  shop.g.properties.document.data.delete('connection.wb');
  await reopen();
  await status('wb').getByText('не подключено; склад 507').waitFor();
  await card('wb').getByLabel('Wildberries: Токен (тип «Базовый»)').fill(WB_SANDBOX.token);
  await card('wb').getByRole('button', { name: 'Проверить подключение' }).click();
  await card('wb')
    .getByText(/^Подключение работает; карточек Wildberries \(размеров\): \d+\. Ключ сохранён\.$/)
    .waitFor();
  expect(await page.locator('#connections').textContent()).not.toContain('сначала введите');
  expect(await card('wb').getByLabel('Wildberries: Токен (тип «Базовый»)').inputValue()).toBe('');
  await page.locator('[data-connection="wb"][data-check="ok"]').waitFor();
  expect(storedKey('wb')).toEqual({ token: WB_SANDBOX.token });
  await shootSidebar(page, path.join(SHOTS, 'sidebar-wb-typed-check.png'));
  expect(errors).toEqual([]);
});

/** A name as long as sellers give their warehouses in the cabinet: no word of it may be cut off at 300 px. */
const LONG_NAME = 'Склад Москва, Варшавское шоссе 170Г, строение 3 (FBS, ночная приёмка)';

it('Ozon warehouses: a list whose long names wrap at 300 px, no «created», the number in small text; the card names the pick', async () => {
  const ozon = card('ozon');
  // The sandbox's names are short: this check's answer gets a third warehouse with a long one.
  await page.route(
    '**/rpc/testConnection',
    async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      const targets = [...body.value.targets, { id: '22254230484999', name: LONG_NAME, note: 'активный' }];
      await route.fulfill({ response, json: { ...body, value: { ...body.value, targets } } });
    },
    { times: 1 },
  );
  await ozon.getByRole('button', { name: 'Проверить подключение' }).click();
  const list = ozon.getByRole('radiogroup', { name: 'Ozon: склад' });
  await list.waitFor();
  const text = (await list.textContent()) ?? '';
  expect(text).not.toMatch(/created/);
  expect(text).toContain(`№ ${OZON_WAREHOUSES[0].warehouse_id}`);
  // Nothing is cut off: every option fits the card's width.
  const cut = await list.evaluate(
    (el) =>
      [...el.querySelectorAll('label')].filter(
        (l) =>
          l.scrollWidth > l.clientWidth + 1 || l.getBoundingClientRect().right > el.getBoundingClientRect().right + 1,
      ).length,
  );
  expect(cut).toBe(0);
  const long = ozon.locator('.target-option', { hasText: LONG_NAME });
  expect(await long.evaluate((l) => l.getBoundingClientRect().height)).toBeGreaterThan(40);
  expect(await long.textContent()).toContain('активный · № 22254230484999');
  await ozon.getByRole('radio', { name: OZON_WAREHOUSES[1].name }).check();
  await shootSidebar(page, path.join(SHOTS, 'sidebar-connection-targets.png'));
  await ozon.getByRole('button', { name: 'Использовать' }).click();
  await page.getByText(`Ozon: выбран склад «${OZON_WAREHOUSES[1].name}».`).waitFor();
  expect(await status('ozon').textContent()).toMatch(
    new RegExp(`, склад «${OZON_WAREHOUSES[1].name.replace(/[()]/g, '\\$&')}»; ключ`),
  );
  expect(await status('ozon').textContent()).not.toContain(String(OZON_WAREHOUSES[1].warehouse_id));
  expect(errors).toEqual([]);
});

it('a wrong key typed over a working one is refused and not saved; the refusal is said once', async () => {
  await reopen();
  await card('ym').getByRole('button', { name: 'Проверить подключение' }).click();
  await page.locator('[data-connection="ym"][data-check="ok"]').waitFor();
  await reopen();
  await card('ym').getByText('Новый ключ заменит прежний, только если площадка его примет.').waitFor();
  await card('ym').getByLabel('Яндекс Маркет: Api-Key').fill('WRONG-typed-key-1234');
  await card('ym').getByRole('button', { name: 'Проверить подключение' }).click();
  await card('ym')
    .getByText(/Новый ключ не сохранён: работает прежний ключ …/)
    .waitFor();
  expect(((await card('ym').textContent()) ?? '').match(/неверный ключ или нет прав/g)).toHaveLength(1);
  expect(await page.locator('[data-connection="ym"]').getAttribute('data-check')).toBe('ok');
  expect(storedKey('ym')).toEqual({ apiKey: YM_SANDBOX.apiKey });
  // The send after it goes out with the working key.
  const sent = shop.g.fn.sendStocks('sidebar') as { channels: { channel: string; status: string }[] };
  expect(sent.channels.find((c) => c.channel === 'Яндекс Маркет')?.status).toBe('Выполнено');
  expect(errors).toEqual([]);
});

it('the marketplace does not answer: the working key stays, and «Сохранить без проверки» is the seller’s choice', async () => {
  await reopen();
  sandboxes.control('yandex', 'fault', { kind: 'status', status: 500, count: 30 });
  await card('ym').getByLabel('Яндекс Маркет: Api-Key').fill('NEW-key-unchecked-77');
  await card('ym').getByRole('button', { name: 'Проверить подключение' }).click();
  await card('ym')
    .getByText(/проверить ключ сейчас не удалось\. Новый ключ не проверен и не сохранён/)
    .waitFor();
  expect(storedKey('ym')).toEqual({ apiKey: YM_SANDBOX.apiKey });
  await shootSidebar(page, path.join(SHOTS, 'sidebar-key-unreachable.png'));
  sandboxes.control('yandex', 'clear-faults');
  await card('ym').getByRole('button', { name: 'Сохранить без проверки' }).click();
  await status('ym')
    .getByText(/^ключ сохранён, не проверен \(…d-77\)/)
    .waitFor();
  expect(storedKey('ym')).toEqual({ apiKey: 'NEW-key-unchecked-77' });
  shop.g.fn.setCredentials('ym', YM_SANDBOX);
  expect(errors).toEqual([]);
});
