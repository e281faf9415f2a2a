/**
 * Low-stock alerts (SPEC 5.9) through the bundle: a fall below «Мин. остаток» goes out once by Telegram
 * (the sandbox beside the marketplaces) and in the owner's daily digest (MailApp's fake); a failure is one
 * journal row without the token and the stocks still go out; testAlerts; no token in getState.
 */
import { journal, openShop, type Shop, shopSettings, shownOn, useSandboxes } from './sendingSetup';

const sandboxes = useSandboxes();
const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const CHAT = '987654321';
const STOCK_COLUMN = 3;
const MIN_COLUMN = 5;

function shopWithMinimum(): Shop {
  const shop = openShop(sandboxes(), 3);
  const sheet = shop.book.sheet('Остатки');
  sheet.put(1, MIN_COLUMN, 'Мин. остаток');
  for (let r = 2; r <= 4; r++) sheet.put(r, MIN_COLUMN, 5);
  sandboxes().telegram('reset');
  sandboxes().telegram('configure', { token: TOKEN, chats: [CHAT] });
  const saved = shop.g.fn.saveSettings(shopSettings({ alerts: { email: true, telegram: true } }));
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  expect(shop.g.fn.setAlertCredentials({ token: TOKEN, chatId: CHAT })).toMatchObject({ ok: true });
  return shop;
}

const messages = () => sandboxes().telegram('messages') as { chat_id: string; text: string }[];

function setStock(shop: Shop, i: number, value: number) {
  shop.book.sheet('Остатки').put(i + 2, STOCK_COLUMN, value);
}

function run(shop: Shop, advanceMs = 60 * 60_000) {
  sandboxes().clock.advance(advanceMs);
  return shop.g.fn.runScheduledSync();
}

it('a fall is one Telegram message and one digest line; a run with it still below sends nothing', () => {
  const shop = shopWithMinimum();
  setStock(shop, 0, 2);
  run(shop);
  expect(messages()).toHaveLength(1);
  expect(messages()[0]).toMatchObject({ chat_id: CHAT });
  expect(messages()[0].text).toContain('A-00000 — к продаже 2, минимум 5');
  expect(shop.g.mail.sent).toHaveLength(1);
  expect(shop.g.mail.sent[0]).toMatchObject({ to: 'owner@example.com', subject: 'Остатки: заканчивается 1 артикул' });
  run(shop);
  expect(messages()).toHaveLength(1);
  expect(shop.g.mail.sent).toHaveLength(1);
  // The sidebar's list.
  expect(shop.g.fn.getState().lowStock).toEqual({
    count: 1,
    items: [{ sku: 'A-00000', row: 2, forSale: 2, min: 5 }],
    withMin: 3,
  });
});

it('the digest goes at most once a day: a second fall waits for the next day; recovery then a fall reports again', () => {
  const shop = shopWithMinimum();
  setStock(shop, 0, 2);
  run(shop);
  setStock(shop, 1, 1);
  run(shop);
  expect(messages().map((m) => m.text.includes('A-00001'))).toEqual([false, true]);
  expect(shop.g.mail.sent).toHaveLength(1);
  run(shop, 24 * 60 * 60_000);
  expect(shop.g.mail.sent).toHaveLength(2);
  expect(shop.g.mail.sent[1].body).toContain('A-00001');
  expect(shop.g.mail.sent[1].body).not.toContain('A-00000 —');
  setStock(shop, 0, 9);
  run(shop);
  expect(messages()).toHaveLength(2);
  setStock(shop, 0, 3);
  run(shop);
  expect(messages()).toHaveLength(3);
  expect(messages()[2].text).toContain('A-00000 — к продаже 3');
});

it('a Telegram failure that repeats the token is one journal row without it; the stocks still go out; the next run delivers', () => {
  const shop = shopWithMinimum();
  sandboxes().telegram('fault', { status: 500, description: `Internal Server Error: bot${TOKEN} overloaded` });
  setStock(shop, 0, 2);
  run(shop);
  expect(messages()).toHaveLength(0);
  expect(shownOn(sandboxes(), 0).ozon).toBe(2);
  const rows = journal(shop.book).filter((r) => r.Канал === 'Уведомления');
  expect(rows).toHaveLength(1);
  expect(rows[0].Статус).toBe('Ошибка');
  expect(String(rows[0].Подробности)).toMatch(/^Уведомление в Telegram не отправлено: ошибка 500 \(Internal Server/);
  expect(JSON.stringify(journal(shop.book))).not.toContain(TOKEN);
  expect(JSON.stringify(shop.g.fn.getState())).not.toContain(TOKEN);
  // The panel tells the truth: the run failed, the bot is no longer «Подключён».
  expect(shop.g.fn.getState().alerts.telegram).toMatchObject({ connected: true, status: 'error' });
  expect(shop.g.fn.getState().alerts.telegram.error).toBe('ошибка 500 (Internal Server Error: bot… overloaded).');
  run(shop);
  expect(messages()).toHaveLength(1);
  expect(messages()[0].text).toContain('A-00000');
  expect(shop.g.fn.getState().alerts.telegram.status).toBe('ok');
  expect(JSON.stringify(shop.g.properties.getUserProperties().getProperties())).not.toMatch(/overloaded/);
});

it("testAlerts answers per way in Russian, a refused token never shows, and the bot's status follows the test", () => {
  const shop = shopWithMinimum();
  expect(shop.g.fn.testAlerts()).toEqual({
    ok: true,
    ways: [
      { way: 'email', ok: true, message: 'Письмо отправлено на owner@example.com.' },
      { way: 'telegram', ok: true, message: 'Сообщение в Telegram отправлено.' },
    ],
  });
  // Telegram stops accepting the token (revoked at @BotFather) after it was connected.
  sandboxes().telegram('configure', { token: '555:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', chats: [CHAT] });
  const refused = shop.g.fn.testAlerts();
  expect(refused.ok).toBe(false);
  expect(refused.ways[1].message).toBe(
    'Telegram: токен бота не принят (Unauthorized): скопируйте токен у @BotFather ещё раз.',
  );
  expect(JSON.stringify(refused)).not.toContain(TOKEN);
  expect(shop.g.fn.getState().alerts.telegram).toMatchObject({
    connected: true,
    status: 'error',
    error: 'токен бота не принят (Unauthorized): скопируйте токен у @BotFather ещё раз.',
  });
  shop.g.mail.setQuota(0);
  expect(shop.g.fn.testAlerts().ways[0]).toEqual({
    way: 'email',
    ok: false,
    message: 'Письмо не отправлено: дневной лимит писем Google исчерпан, письмо уйдёт завтра.',
  });
  // A test is no stock event: no journal row, and no «последнее письмо» from it.
  const rows = shop.book.getSheetByName('Журнал') ? journal(shop.book) : [];
  expect(rows.filter((r) => r.Канал === 'Уведомления')).toEqual([]);
  expect(shop.g.fn.getState().alerts.lastMail).toBeUndefined();
  expect(shop.g.fn.getState().alerts.telegram.lastSent).toBeUndefined();
});

it('«Подключить» asks Telegram (getChat) first: a wrong token or chat is not stored and never replaces a working bot', () => {
  const shop = shopWithMinimum();
  expect(shop.g.fn.getState().alerts.telegram).toMatchObject({ connected: true, chat: '…4321', status: 'ok' });
  const madeUp = '123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const bad = shop.g.fn.setAlertCredentials({ token: madeUp, chatId: '11114321' });
  expect(bad).toEqual({
    ok: false,
    field: 'token',
    error:
      'Telegram: токен бота не принят (Unauthorized): скопируйте токен у @BotFather ещё раз. Не сохранено. Работает прежний бот.',
  });
  const noChat = shop.g.fn.setAlertCredentials({ token: TOKEN, chatId: '111' });
  expect(noChat).toMatchObject({ ok: false, field: 'chatId' });
  expect(noChat.error).toMatch(/^Telegram: чат не найден \(Bad Request: chat not found\)/);
  const stored = () => JSON.parse(shop.g.properties.getUserProperties().getProperties()['alerts.telegram']);
  expect(stored()).toEqual({ token: TOKEN, chatId: CHAT });
  expect(shop.g.fn.getState().alerts.telegram).toMatchObject({ chat: '…4321', status: 'ok' });
  // Telegram does not answer: the working bot stays.
  sandboxes().telegram('fault', { status: 502, description: 'Bad Gateway' });
  const down = shop.g.fn.setAlertCredentials({ token: madeUp, chatId: '11114321' });
  expect(down.ok).toBe(false);
  expect(down.error).toMatch(/новый не сохранён: работает прежний/);
  expect(shop.g.fn.getState().alerts.telegram).toMatchObject({ chat: '…4321', status: 'ok' });
  // With no bot to lose, a bot Telegram could not check is stored, marked «не проверен».
  shop.g.fn.setAlertCredentials({ disconnect: true });
  sandboxes().telegram('fault', { status: 502, description: 'Bad Gateway' });
  const unchecked = shop.g.fn.setAlertCredentials({ token: madeUp, chatId: '11114321' });
  expect(unchecked).toMatchObject({ ok: true, unchecked: true, telegram: { connected: true, status: 'unchecked' } });
  expect(unchecked.message).toMatch(/не проверен/);
  expect(JSON.stringify(unchecked)).not.toContain(madeUp);
});

it('the panel learns when the last real digest and Telegram message went out', () => {
  const shop = shopWithMinimum();
  setStock(shop, 0, 2);
  run(shop);
  const { alerts } = shop.g.fn.getState();
  const at = new Date(sandboxes().clock.now()).toISOString();
  expect(alerts.lastMail).toBe(at);
  expect(alerts.telegram.lastSent).toBe(at);
  expect(alerts.telegram.status).toBe('ok');
});

it('getState counts the rows with a minimum: none when «Мин. остаток» is empty', () => {
  const shop = openShop(sandboxes(), 3);
  const sheet = shop.book.sheet('Остатки');
  sheet.put(1, MIN_COLUMN, 'Мин. остаток');
  shop.g.fn.recalculate();
  expect(shop.g.fn.getState().lowStock.withMin).toBe(0);
  sheet.put(3, MIN_COLUMN, 4);
  shop.g.fn.recalculate();
  expect(shop.g.fn.getState().lowStock.withMin).toBe(1);
  expect(shop.g.fn.getState().stockSheet.headers).toContain('Мин. остаток');
});

it('credentials are checked, kept in the caller’s user properties only, and getState shows only a masked chat', () => {
  const shop = shopWithMinimum();
  expect(shop.g.fn.setAlertCredentials({ token: 'токен', chatId: CHAT })).toMatchObject({ field: 'token' });
  expect(shop.g.fn.setAlertCredentials({ token: 'токен', chatId: CHAT }).error).toMatch(/только латиница/);
  expect(shop.g.fn.setAlertCredentials({ token: '12345:short', chatId: CHAT }).error).toMatch(/@BotFather/);
  expect(shop.g.fn.setAlertCredentials({ token: TOKEN, chatId: 'мой чат' })).toMatchObject({ field: 'chatId' });
  expect(shop.g.fn.setAlertCredentials({ token: TOKEN, chatId: 'chat' }).error).toMatch(/@userinfobot/);
  const state = shop.g.fn.getState();
  expect(state.alerts).toEqual({
    email: true,
    telegram: { enabled: true, connected: true, chat: '…4321', status: 'ok' },
  });
  expect(JSON.stringify(state)).not.toContain(TOKEN);
  expect(JSON.stringify(shop.g.properties.getDocumentProperties().getProperties())).not.toContain(TOKEN);
  // An editor sees no connection of theirs, and their recalculation alerts no one.
  shop.g.properties.currentUser = 'editor@example.com';
  expect(shop.g.fn.getState().alerts.telegram.connected).toBe(false);
  setStock(shop, 0, 1);
  shop.g.fn.recalculate();
  expect(messages()).toHaveLength(0);
  shop.g.properties.currentUser = 'owner@example.com';
  expect(shop.g.fn.setAlertCredentials({ disconnect: true })).toMatchObject({
    ok: true,
    telegram: { connected: false },
  });
});

it('«Подключить» with empty fields keeps a working bot and says how to disconnect; «Отключить» removes it', () => {
  const shop = shopWithMinimum();
  expect(shop.g.fn.setAlertCredentials({ token: '', chatId: '' })).toEqual({
    ok: false,
    error: 'Впишите токен и ID чата. Чтобы отключить бота — «Отключить».',
  });
  expect(shop.g.fn.getState().alerts.telegram).toMatchObject({ connected: true, status: 'ok' });
  setStock(shop, 0, 2);
  run(shop);
  expect(messages()).toHaveLength(1);
  const off = shop.g.fn.setAlertCredentials({ disconnect: true });
  expect(off).toMatchObject({ ok: true, telegram: { connected: false } });
  expect(Object.keys(shop.g.properties.getUserProperties().getProperties())).not.toContain('alerts.telegram');
  setStock(shop, 1, 1);
  run(shop);
  expect(messages()).toHaveLength(1);
});

it('«Сообщение в Telegram» on with no bot: the test says so, and a run with new crossings journals it once', () => {
  const shop = shopWithMinimum();
  shop.g.fn.setAlertCredentials({ disconnect: true });
  expect(shop.g.fn.testAlerts()).toEqual({
    ok: false,
    ways: [
      { way: 'email', ok: true, message: 'Письмо отправлено на owner@example.com.' },
      { way: 'telegram', ok: false, message: 'Telegram: бот не подключён.' },
    ],
  });
  const noBot = () => journal(shop.book).filter((r) => /бот не подключён/.test(String(r.Подробности)));
  run(shop);
  expect(shop.book.getSheetByName('Журнал') ? noBot() : []).toEqual([]);
  setStock(shop, 0, 2);
  run(shop);
  expect(noBot()).toHaveLength(1);
  expect(noBot()[0]).toMatchObject({ Канал: 'Уведомления', Статус: 'Ошибка' });
  expect(String(noBot()[0].Подробности)).toMatch(/^Уведомление в Telegram не отправлено: бот не подключён\./);
  // The digest still goes; the next runs, and a second fall, do not journal it again.
  expect(shop.g.mail.sent.map((m) => m.subject)).toEqual([
    'Остатки: проверка уведомлений',
    'Остатки: заканчивается 1 артикул',
  ]);
  run(shop);
  setStock(shop, 1, 1);
  run(shop);
  expect(noBot()).toHaveLength(1);
  expect(messages()).toHaveLength(0);
});

it('«Подключить» checks the form of both fields at once and answers each beside its field', () => {
  const shop = shopWithMinimum();
  const both = shop.g.fn.setAlertCredentials({ token: 'hello', chatId: 'abc' });
  expect(both).toMatchObject({ ok: false, field: 'token' });
  if (both.ok) throw new Error('accepted');
  expect(both.fields?.token).toMatch(/^Токен бота выглядит как 123456789:AAE…/);
  expect(both.fields?.chatId).toMatch(/^ID чата — число/);
  expect(both.error).toBe(`${both.fields?.token} ${both.fields?.chatId}`);
  const chatOnly = shop.g.fn.setAlertCredentials({ token: TOKEN, chatId: 'abc' });
  expect(chatOnly).toMatchObject({
    ok: false,
    field: 'chatId',
    fields: { chatId: expect.stringMatching(/@userinfobot/) },
  });
  if (!chatOnly.ok) expect(chatOnly.fields?.token).toBeUndefined();
});
