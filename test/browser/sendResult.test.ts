/**
 * «Отправить остатки» says what its worst outcome was, in the colour of it, by the same rule as
 * «Сохранить и отправить» (pushPreview.ts sendOutcome): green only when every sending channel went.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Sandboxes } from '../../dev/sandbox/harness';
import { type Shop, shopSettings } from '../bundle/sendingSetup';
import { shootSidebar } from './chromium';
import { closeShopSidebar, openShopSidebar, type ShopSidebar } from './shopSidebar';

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

function save(over: Record<string, unknown>): void {
  const saved = shop.g.fn.saveSettings(shopSettings(over));
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
}

/** Presses «Отправить остатки» and returns its result: the notice beside the button, once drawn. */
async function send(): Promise<{ outcome: string | null; text: string }> {
  sandboxes.clock.advance(60_000);
  await page.reload();
  await page.locator('#send').click();
  const box = page.locator('[data-feedback="sending"] .message');
  await box.waitFor();
  return { outcome: await box.getAttribute('data-outcome'), text: (await box.textContent()) ?? '' };
}

it('with sending switched off nothing goes, and the result is an amber «Ничего не отправлено», never green', async () => {
  save({ sendEnabled: false });
  const result = await send();
  expect(result).toEqual({
    outcome: 'warning',
    text: 'Ничего не отправлено: выключен главный переключатель «Разрешить отправку остатков».',
  });
  expect(await page.locator('[data-feedback="sending"] .message.ok').count()).toBe(0);
  await shootSidebar(page, path.join(SHOTS, 'sidebar-send-off.png'));
  expect(errors).toEqual([]);
});

it('everything sent is green; a channel switched off on purpose is named in it', async () => {
  save({});
  expect(await send()).toEqual({ outcome: 'ok', text: 'Отправлено: Готово.' });
  const channels = shopSettings().channels.map((c) => (c.id === 'wb' ? { ...c, enabled: false } : c));
  save({ channels });
  expect(await send()).toEqual({
    outcome: 'ok',
    text: 'Отправлено: Готово. Не отправлялось: Wildberries — отправка в канал выключена.',
  });
  save({});
  expect(errors).toEqual([]);
});

it('a channel the guard holds makes the result amber and names it, never «Готово» in green', async () => {
  shop.g.fn.sendStocks('sidebar');
  for (let i = 0; i < 8; i++) shop.book.sheet('Остатки').put(2 + i, 3, 0);
  const result = await send();
  expect(result).toEqual({
    outcome: 'warning',
    text: 'Отправлено не всё. Ozon, Wildberries и Яндекс Маркет задержаны защитой от обнуления — проверьте и подтвердите на «Сводке».',
  });
  await shootSidebar(page, path.join(SHOTS, 'sidebar-send-held.png'));
  expect(errors).toEqual([]);
});

it('a send that fails is red and names the channel', async () => {
  for (let i = 0; i < 8; i++) shop.book.sheet('Остатки').put(2 + i, 3, 5);
  sandboxes.control('ozon', 'fault', { kind: 'status', status: 500, count: 50 });
  const result = await send();
  sandboxes.control('ozon', 'clear-faults');
  expect(result.outcome).toBe('error');
  expect(result.text).toMatch(/^Отправлено не всё: Ozon — ошибка\./);
  expect(errors).toEqual([]);
});
