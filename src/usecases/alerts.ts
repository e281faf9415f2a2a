/**
 * Low-stock alerts (SPEC 5.9) in the owner's runs: after a recalculation, new crossings go out in one
 * Telegram message (if the owner connected a bot and `alerts.telegram` is on) and wait for the daily
 * e-mail digest to the owner (`alerts.email`). The Telegram token and chat id are in the owner's user
 * properties only; the state (which SKUs were noticed, what waits) is in document properties, compact.
 * A failure never stops a run: the caller journals the Russian text, cleaned of the token.
 */
import { type HttpClient, isObject, type Timer } from '../connectors/http';
import {
  checkTelegramChat,
  sendTelegramMessage,
  type TelegramAnswer,
  type TelegramCredentials,
} from '../connectors/telegram';
import { formatSellerDate } from '../core/dates';
import {
  type AlertState,
  delivered,
  digestDue,
  digestMail,
  EMPTY_ALERTS,
  type LowItem,
  noteLowStock,
  telegramText,
  waiting,
} from '../core/lowStockAlerts';
import { headerSafe, withoutSecrets } from '../core/secrets';
import type { Settings } from '../core/settings';
import { isOwner } from './credentials';
import { loadJson, saveJson } from './jsonStore';
import type { KeyValueStore } from './ports';

export interface MailPort {
  /** MailApp.getRemainingDailyQuota(). */
  remainingQuota(): number;
  send(message: { to: string; subject: string; body: string }): void;
}

/** What sending alerts needs besides the stores. */
export interface AlertPorts {
  mail: () => MailPort;
  /** The e-mail of the user the script runs as (the owner, in a trigger's run). */
  ownerEmail: () => string;
  http: HttpClient;
  timer: Timer;
}

const STATE = 'state.alerts';
/** The owner's user properties: the bot's token and the chat id. */
const TELEGRAM_KEY = 'alerts.telegram';
/** Beside it: Telegram's last word on that bot (a check, a test, a run), never the token. */
const TELEGRAM_STATUS_KEY = 'alerts.telegram.status';

/**
 * As stored: SKUs once, the queues as indexes into them, the last digest's day, the last error journaled,
 * when the last real digest and Telegram message went out (ms).
 */
interface Stored {
  b: string[];
  t: number[];
  m: number[];
  d?: string;
  e?: string;
  ma?: number;
  ta?: number;
}

/** What runs keep besides the core's state. */
interface Sent {
  lastError?: string;
  mailedAt?: number;
  telegramAt?: number;
}

export function loadAlertState(docAll: Record<string, string>): AlertState & Sent {
  const raw = loadJson(docAll, STATE) as Stored | undefined;
  if (!raw || !Array.isArray(raw.b)) return { ...EMPTY_ALERTS };
  const pick = (ix: unknown) => (Array.isArray(ix) ? ix.map((i) => raw.b[i]).filter((s) => s !== undefined) : []);
  return {
    below: raw.b.map(String),
    telegram: pick(raw.t),
    mail: pick(raw.m),
    ...(raw.d ? { mailedOn: raw.d } : {}),
    ...(raw.e ? { lastError: raw.e } : {}),
    ...(typeof raw.ma === 'number' ? { mailedAt: raw.ma } : {}),
    ...(typeof raw.ta === 'number' ? { telegramAt: raw.ta } : {}),
  };
}

function storeAlertState(store: KeyValueStore, state: AlertState, sent: Sent): void {
  const index = new Map(state.below.map((sku, i) => [sku, i]));
  const ix = (list: string[]) => list.map((sku) => index.get(sku)).filter((i) => i !== undefined);
  const stored: Stored = {
    b: state.below,
    t: ix(state.telegram),
    m: ix(state.mail),
    ...(state.mailedOn ? { d: state.mailedOn } : {}),
    ...(sent.lastError ? { e: sent.lastError.slice(0, 300) } : {}),
    ...(sent.mailedAt ? { ma: sent.mailedAt } : {}),
    ...(sent.telegramAt ? { ta: sent.telegramAt } : {}),
  };
  saveJson(store, STATE, stored);
}

/** Telegram's last word: accepted, stored unchecked (Telegram did not answer «Подключить»), or an error. */
export type TelegramStatus = { s: 'ok' } | { s: 'unchecked' } | { s: 'error'; e: string };

function loadTelegramStatus(userAll: Record<string, string>): TelegramStatus | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(userAll[TELEGRAM_STATUS_KEY] ?? 'null');
  } catch {
    return undefined;
  }
  if (!isObject(raw)) return undefined;
  if (raw.s === 'ok' || raw.s === 'unchecked') return { s: raw.s };
  if (raw.s === 'error' && typeof raw.e === 'string') return { s: 'error', e: raw.e };
  return undefined;
}

/** Keeps Telegram's answer for the panel, cleaned of the token; written only when it changes. */
function recordTelegram(user: KeyValueStore, bot: TelegramCredentials, answer: TelegramAnswer): void {
  const status: TelegramStatus = answer.ok
    ? { s: 'ok' }
    : { s: 'error', e: withoutSecrets(answer.error, [bot.token]).slice(0, 300) };
  const text = JSON.stringify(status);
  if (user.getAll()[TELEGRAM_STATUS_KEY] !== text) user.setMany({ [TELEGRAM_STATUS_KEY]: text });
}

export function loadTelegram(userAll: Record<string, string>): TelegramCredentials | undefined {
  const raw = userAll[TELEGRAM_KEY];
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (isObject(parsed) && typeof parsed.token === 'string' && typeof parsed.chatId === 'string')
      return { token: parsed.token, chatId: parsed.chatId };
  } catch {
    // An unreadable entry is no connection.
  }
  return undefined;
}

/** The chat as the sidebar may show it: the last characters only. */
function maskedChat(chatId: string): string {
  return chatId.length <= 4 ? chatId : `…${chatId.slice(-4)}`;
}

export interface AlertsView {
  email: boolean;
  /** When the last real digest went out (ISO), from the alert state. */
  lastMail?: string;
  telegram: {
    enabled: boolean;
    connected: boolean;
    chat?: string;
    /** Telegram's last word on the bot: a failed test or run shows here, cleaned of the token. */
    status?: 'ok' | 'unchecked' | 'error';
    error?: string;
    /** When the last real alert went out by Telegram (ISO). */
    lastSent?: string;
  };
}

const iso = (ms: number | undefined) => (ms ? { at: new Date(ms).toISOString() } : undefined);

/** What getState says about alerts: never the token. */
export function alertsView(
  settings: Settings,
  userAll: Record<string, string>,
  docAll: Record<string, string> = {},
): AlertsView {
  const bot = loadTelegram(userAll);
  const status = bot ? loadTelegramStatus(userAll) : undefined;
  const sent = loadAlertState(docAll);
  const mailed = iso(sent.mailedAt);
  const messaged = iso(sent.telegramAt);
  return {
    email: settings.alerts?.email === true,
    ...(mailed ? { lastMail: mailed.at } : {}),
    telegram: {
      enabled: settings.alerts?.telegram === true,
      connected: bot !== undefined,
      ...(bot ? { chat: maskedChat(bot.chatId) } : {}),
      ...(status ? { status: status.s } : {}),
      ...(status?.s === 'error' ? { error: status.e } : {}),
      ...(messaged ? { lastSent: messaged.at } : {}),
    },
  };
}

export type AlertCredentialsResponse =
  | { ok: true; telegram: AlertsView['telegram']; message: string; unchecked?: true }
  | { ok: false; error: string; field?: 'token' | 'chatId' };

const TOKEN_FORM = /^\d+:[A-Za-z0-9_-]{30,}$/;
const CHAT_FORM = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;

function field(input: unknown, key: string): string {
  const value = isObject(input) ? input[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** The form of what was typed: a wrong one is answered beside its field, before Telegram is asked. */
function formError(token: string, chatId: string): { error: string; field: 'token' | 'chatId' } | undefined {
  const ascii =
    'только латиница, цифры и знаки: скопируйте ещё раз (без русских букв, кавычек-«ёлочек» и переводов строки).';
  if (!headerSafe(token)) return { field: 'token', error: `Токен бота — ${ascii}` };
  if (!headerSafe(chatId)) return { field: 'chatId', error: `ID чата — ${ascii}` };
  if (!TOKEN_FORM.test(token))
    return {
      field: 'token',
      error:
        'Токен бота выглядит как 123456789:AAE… (число, двоеточие и не меньше 30 знаков): возьмите его у @BotFather.',
    };
  if (!CHAT_FORM.test(chatId))
    return {
      field: 'chatId',
      error: 'ID чата — число (у группы — с минусом впереди) или @имя_канала: узнайте его у @userinfobot.',
    };
  return undefined;
}

/**
 * `setAlertCredentials`: the bot's token and chat id into the caller's user properties, once Telegram's
 * getChat accepted them — a wrong token never replaces a working bot. Telegram not answering says
 * nothing of them: with no working bot to lose they are stored «не проверен»; both empty removes them.
 */
export function setAlertCredentials(
  settings: Settings,
  user: KeyValueStore,
  input: unknown,
  http: HttpClient,
): AlertCredentialsResponse {
  const token = field(input, 'token');
  const chatId = field(input, 'chatId');
  const view = () => alertsView(settings, user.getAll()).telegram;
  if (!token && !chatId) {
    user.deleteMany([TELEGRAM_KEY, TELEGRAM_STATUS_KEY]);
    return { ok: true, telegram: view(), message: 'Telegram отключён.' };
  }
  const wrong = formError(token, chatId);
  if (wrong) return { ok: false, ...wrong };
  const bot = { token, chatId };
  const previous = loadTelegram(user.getAll());
  const working = previous !== undefined && loadTelegramStatus(user.getAll())?.s === 'ok';
  const answer = checkTelegramChat(http, bot);
  const store = (status: TelegramStatus) =>
    user.setMany({ [TELEGRAM_KEY]: JSON.stringify(bot), [TELEGRAM_STATUS_KEY]: JSON.stringify(status) });
  if (answer.ok) {
    store({ s: 'ok' });
    return { ok: true, telegram: view(), message: 'Telegram подключён: бот видит чат.' };
  }
  const said = withoutSecrets(answer.error, [token, ...(previous ? [previous.token] : [])]);
  const kept = working ? ' Работает прежний бот.' : '';
  if (answer.reason === 'refused') {
    const field = answer.field;
    return { ok: false, error: `Telegram: ${said} Не сохранено.${kept}`, ...(field ? { field } : {}) };
  }
  if (working)
    return {
      ok: false,
      error: `Telegram: ${said} Проверить бота сейчас не удалось, новый не сохранён: работает прежний. Нажмите «Подключить» позже.`,
    };
  store({ s: 'unchecked' });
  return {
    ok: true,
    telegram: view(),
    message: `Telegram: ${said} Бот сохранён, но не проверен: нажмите «Проверить уведомления» позже.`,
    unchecked: true,
  };
}

export interface AlertRun {
  properties: KeyValueStore;
  user: KeyValueStore;
  userEmail: string;
  ports: AlertPorts;
  now: number;
  timeZone: string;
  /** No Telegram request starts after this (timer's clock). */
  deadline: number;
}

/** The sheet's valid rows say what is below; invalid ones are unknown this time. */
export interface LowStockReading {
  lowStock: readonly LowItem[];
  invalidSkus: ReadonlySet<string>;
}

/**
 * After a recalculation: notes crossings and sends what is due. Runs only for the owner with a way on;
 * answers the texts to journal (none when all went well, or when the same failure was journaled last time).
 */
export function runAlerts(run: AlertRun, settings: Settings, reading: LowStockReading): string[] {
  const wantMail = settings.alerts?.email === true;
  const wantTelegram = settings.alerts?.telegram === true;
  if (!wantMail && !wantTelegram) return [];
  const userAll = run.user.getAll();
  const docAll = run.properties.getAll();
  if (!isOwner(userAll, docAll, run.userEmail)) return [];
  const bot = wantTelegram ? loadTelegram(userAll) : undefined;
  const to = wantMail ? run.ports.ownerEmail() : '';
  if (!bot && !to) return [];
  const previous = loadAlertState(docAll);
  const step = noteLowStock(previous, reading.lowStock, { telegram: !!bot, mail: !!to }, reading.invalidSkus);
  const errors: string[] = [];
  let state = step.state;
  const sent: Sent = { mailedAt: previous.mailedAt, telegramAt: previous.telegramAt };
  if (bot) {
    const queue = sendTelegramQueue(run, bot, state, reading.lowStock, errors);
    state = { ...state, telegram: queue.telegram };
    if (queue.answer) recordTelegram(run.user, bot, queue.answer);
    if (queue.answer?.ok) sent.telegramAt = run.now;
  }
  if (to) {
    const mailedOn = state.mailedOn;
    state = sendDigest(run, to, state, reading.lowStock, errors);
    if (state.mailedOn !== mailedOn) sent.mailedAt = run.now;
  }
  const clean = errors.map((e) => withoutSecrets(e, bot ? [bot.token] : []));
  const said = clean.join(' ');
  const repeat = said !== '' && said === previous.lastError;
  const changed = sent.mailedAt !== previous.mailedAt || sent.telegramAt !== previous.telegramAt;
  if (changed || JSON.stringify(state) !== JSON.stringify(coreOf(previous)) || said !== (previous.lastError ?? ''))
    storeAlertState(run.properties, state, { ...sent, ...(said ? { lastError: said } : {}) });
  return repeat ? [] : clean;
}

function coreOf(state: AlertState & Sent): AlertState {
  const { lastError: _e, mailedAt: _m, telegramAt: _t, ...rest } = state;
  return rest;
}

/** The Telegram queue after this run (what went out leaves it), and Telegram's answer if it was asked. */
function sendTelegramQueue(
  run: AlertRun,
  bot: TelegramCredentials,
  state: AlertState,
  lowStock: readonly LowItem[],
  errors: string[],
): { telegram: string[]; answer?: TelegramAnswer } {
  const items = waiting(state.telegram, lowStock);
  if (!items.length) return { telegram: state.telegram };
  if (run.ports.timer.now() >= run.deadline) return { telegram: state.telegram };
  const answer = safely(() =>
    sendTelegramMessage(run.ports.http, run.ports.timer, bot, telegramText(items), run.deadline),
  );
  if (answer.ok) return { telegram: delivered(state.telegram, items), answer };
  errors.push(`Уведомление в Telegram не отправлено: ${answer.error}`);
  return { telegram: state.telegram, answer };
}

function safely(send: () => TelegramAnswer): TelegramAnswer {
  try {
    return send();
  } catch (error) {
    return {
      ok: false,
      error: `нет ответа: ${error instanceof Error ? error.message : String(error)}`,
      reason: 'unreachable',
    };
  }
}

/** The digest, if one is due today and the mail quota allows. */
function sendDigest(
  run: AlertRun,
  to: string,
  state: AlertState,
  lowStock: readonly LowItem[],
  errors: string[],
): AlertState {
  const today = formatSellerDate(run.now, run.timeZone).slice(0, 10);
  if (!digestDue(state, today)) return state;
  const items = waiting(state.mail, lowStock);
  if (!items.length) return state;
  const sent = sendMail(run.ports.mail, to, digestMail(items, lowStock.length));
  if (!sent.ok) {
    errors.push(`Письмо о малом остатке не отправлено: ${sent.error}`);
    return state;
  }
  return { ...state, mail: delivered(state.mail, items), mailedOn: today };
}

function sendMail(
  port: () => MailPort,
  to: string,
  message: { subject: string; body: string },
): { ok: true } | { ok: false; error: string } {
  try {
    const mail = port();
    if (mail.remainingQuota() < 1)
      return { ok: false, error: 'дневной лимит писем Google исчерпан, письмо уйдёт завтра.' };
    mail.send({ to, ...message });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export interface TestAlertsResult {
  ok: boolean;
  ways: { way: 'email' | 'telegram'; ok: boolean; message: string }[];
  /** Nothing is set up to send to. */
  message?: string;
}

/**
 * «Проверить уведомления»: one test message by every way set up, each answered in Russian. A test is no
 * stock event: nothing is journaled, and the alert state (what went out when) stays; Telegram's answer is
 * kept as the bot's status for the panel.
 */
export function testAlerts(
  settings: Settings,
  user: KeyValueStore,
  ports: AlertPorts,
  deadline: number,
): TestAlertsResult {
  const ways: TestAlertsResult['ways'] = [];
  const text = 'Остатки: проверка уведомлений. Так придёт сообщение, когда «К продаже» опустится ниже «Мин. остаток».';
  if (settings.alerts?.email) {
    const to = ports.ownerEmail();
    const sent = to
      ? sendMail(ports.mail, to, { subject: 'Остатки: проверка уведомлений', body: text })
      : { ok: false as const, error: 'Google не назвал адрес вашей почты.' };
    ways.push(
      sent.ok
        ? { way: 'email', ok: true, message: `Письмо отправлено на ${to}.` }
        : { way: 'email', ok: false, message: `Письмо не отправлено: ${sent.error}` },
    );
  }
  const bot = loadTelegram(user.getAll());
  if (bot) {
    const answer = safely(() => sendTelegramMessage(ports.http, ports.timer, bot, text, deadline));
    recordTelegram(user, bot, answer);
    ways.push(
      answer.ok
        ? { way: 'telegram', ok: true, message: 'Сообщение в Telegram отправлено.' }
        : { way: 'telegram', ok: false, message: withoutSecrets(`Telegram: ${answer.error}`, [bot.token]) },
    );
  }
  if (!ways.length)
    return {
      ok: false,
      ways,
      message:
        'Проверять нечего: отметьте «Письмо владельцу раз в день» и сохраните настройки или подключите Telegram.',
    };
  return { ok: ways.every((w) => w.ok), ways };
}
