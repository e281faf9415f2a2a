/**
 * Settings that loosen safety, saved by someone without marketplace keys, wait for the key holder's
 * «Подтвердить» (SPEC 7, `confirmSettings`): until then the owner's runs keep the confirmed values.
 */
import type { Sandboxes } from '../../dev/sandbox/harness';
import { OZON_WAREHOUSES } from '../../dev/sandbox/ozon';
import { clearLogs, openShop, type Shop, shopSettings, sku, stockPushes, useSandboxes } from './sendingSetup';

jest.setTimeout(120_000);
const started = useSandboxes();
let sandboxes: Sandboxes;
beforeAll(() => {
  sandboxes = started();
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const OWNER = 'owner@example.com';
const MANAGER = 'manager@example.com';
const ozonAt = (warehouse: number, i: number) =>
  sandboxes.control('ozon', 'stock', { offer_id: sku(i), warehouse_id: warehouse })?.present;

/** A shop of `n` SKUs the owner has sent once, so every item is above 0 on every marketplace. */
function sentShop(n: number): Shop {
  const shop = openShop(sandboxes, n);
  shop.g.fn.sendStocks('sidebar');
  clearLogs(sandboxes);
  return shop;
}

function zeroEveryRow({ book, n }: Shop): void {
  for (let i = 0; i < n; i++) book.sheet('Остатки').put(i + 2, 3, 0);
}

function saveAs({ g }: Shop, user: string, settings: unknown) {
  g.properties.currentUser = user;
  const saved = plain(g.fn.saveSettings(settings));
  g.properties.currentUser = OWNER;
  expect(saved.ok).toBe(true);
  return saved;
}

function scheduledRun({ g }: Shop) {
  sandboxes.clock.advance(60_000);
  g.properties.currentUser = OWNER;
  return plain(g.fn.runScheduledSync());
}

it("an editor who switches the guard off does not let the owner's trigger send 60 zeros until the owner confirms", () => {
  const shop = sentShop(60);
  const saved = saveAs(shop, MANAGER, shopSettings({ guard: { maxZeroShare: 1, minItems: 5 } }));
  expect(saved.pendingSettings).toMatchObject({
    by: MANAGER,
    changes: [expect.stringContaining('больше 30 % → 100 % (пропустит больше нулей)')],
  });
  zeroEveryRow(shop);
  const held = scheduledRun(shop);
  expect(held.channels.map((c: any) => c.status)).toEqual([
    'Задержано защитой',
    'Задержано защитой',
    'Задержано защитой',
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  // The sidebar shows what waits and who saved it; the saved settings themselves are the editor's.
  const state = plain(shop.g.fn.getState());
  expect(state.pendingSettings).toMatchObject({ by: MANAGER, at: expect.any(String) });
  expect(state.settings.guard.maxZeroShare).toBe(1);
  // Only a key holder may confirm.
  shop.g.properties.currentUser = MANAGER;
  expect(plain(shop.g.fn.confirmSettings())).toMatchObject({ ok: false, error: expect.stringContaining('владелец') });
  shop.g.properties.currentUser = OWNER;
  expect(plain(shop.g.fn.confirmSettings())).toEqual({
    ok: true,
    message: `Изменения от ${MANAGER} подтверждены и действуют.`,
  });
  expect(plain(shop.g.fn.getState()).pendingSettings).toBeNull();
  const confirmed = scheduledRun(shop);
  expect(confirmed.channels.map((c: any) => c.status)).toEqual(['Выполнено', 'Выполнено', 'Выполнено']);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 60, wb: 60, yandex: 60 });
});

it('an editor who turns sending on sends nothing until the owner confirms; the owner turning it on applies at once', () => {
  const shop = sentShop(10);
  saveAs(shop, OWNER, shopSettings({ sendEnabled: false }));
  saveAs(shop, MANAGER, shopSettings({ sendEnabled: true }));
  shop.book.sheet('Остатки').put(3, 3, 4);
  const off = scheduledRun(shop);
  expect(off.channels.map((c: any) => c.status)).toEqual([
    'Отправка выключена',
    'Отправка выключена',
    'Отправка выключена',
  ]);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 0, wb: 0, yandex: 0 });
  expect(plain(shop.g.fn.getState()).pendingSettings.changes).toEqual(['включена отправка остатков']);
  // The owner's own save is confirmed as it is saved.
  const own = saveAs(shop, OWNER, shopSettings({ sendEnabled: true }));
  expect(own.pendingSettings).toBeNull();
  const on = scheduledRun(shop);
  expect(on.channels.map((c: any) => c.status)).toEqual(['Выполнено', 'Выполнено', 'Выполнено']);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 1, wb: 1, yandex: 1 });
});

it("the owner's own loosening of the guard applies at once", () => {
  const shop = sentShop(60);
  const saved = saveAs(shop, OWNER, shopSettings({ guard: { maxZeroShare: 1, minItems: 5 } }));
  expect(saved.pendingSettings).toBeNull();
  zeroEveryRow(shop);
  const run = scheduledRun(shop);
  expect(run.channels.map((c: any) => c.status)).toEqual(['Выполнено', 'Выполнено', 'Выполнено']);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 60, wb: 60, yandex: 60 });
});

it("an editor's change that loosens nothing (a rule's percent) applies at once", () => {
  const shop = sentShop(6);
  const settings = shopSettings();
  (settings.channels[0] as any).rule = { type: 'share', percent: 50 };
  const saved = saveAs(shop, MANAGER, settings);
  expect(saved.pendingSettings).toBeNull();
  scheduledRun(shop);
  expect(stockPushes(sandboxes)).toEqual({ ozon: 6, wb: 0, yandex: 0 });
  // A-00003 has 13: half of it, rounded down.
  expect(ozonAt(OZON_WAREHOUSES[0].warehouse_id, 3)).toBe(6);
  expect(plain(shop.g.fn.getState()).pendingSettings).toBeNull();
});

it("an editor who points a channel at another warehouse leaves the owner's runs sending to the confirmed one", () => {
  const shop = sentShop(4);
  const settings = shopSettings();
  (settings.channels[0] as any).target = { warehouseId: String(OZON_WAREHOUSES[1].warehouse_id) };
  saveAs(shop, MANAGER, settings);
  expect(plain(shop.g.fn.getState()).pendingSettings.changes).toEqual([
    'канал «Ozon»: другая площадка, склад (кампания) или столбец ID',
  ]);
  shop.book.sheet('Остатки').put(2, 3, 3);
  scheduledRun(shop);
  expect(ozonAt(OZON_WAREHOUSES[0].warehouse_id, 0)).toBe(3);
  expect(ozonAt(OZON_WAREHOUSES[1].warehouse_id, 0)).toBeUndefined();
});

it('once the schedule runs as the owner, a manager with keys of their own also waits for the owner', () => {
  const shop = sentShop(60);
  shop.g.properties.currentUser = OWNER;
  shop.g.fn.installTriggers();
  // The manager connected a channel with their own key: a key holder, but not whose triggers run.
  shop.g.properties.currentUser = MANAGER;
  shop.g.fn.setCredentials('ozon', { clientId: '123', apiKey: 'manager-own-ozon-key' });
  const saved = saveAs(shop, MANAGER, shopSettings({ guard: { maxZeroShare: 1, minItems: 5 } }));
  expect(saved.pendingSettings).toMatchObject({ by: MANAGER, mayConfirm: false });
  zeroEveryRow(shop);
  expect(scheduledRun(shop).channels.map((c: any) => c.status)).toEqual([
    'Задержано защитой',
    'Задержано защитой',
    'Задержано защитой',
  ]);
  shop.g.properties.currentUser = MANAGER;
  expect(plain(shop.g.fn.confirmSettings())).toMatchObject({ ok: false });
  shop.g.properties.currentUser = OWNER;
  expect(plain(shop.g.fn.confirmSettings())).toMatchObject({ ok: true });
});
