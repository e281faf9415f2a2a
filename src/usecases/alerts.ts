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
  MAX_TRACKED,
  noteLowStock,
  SKU_KEY_LENGTH,
  skuKey,
  skuWord,
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
 * The alert state's budget in document properties, in UTF-8 bytes of its JSON: MAX_TRACKED keys of
 * SKU_KEY_LENGTH characters, a flag each and the last error (≤ 300 characters) — about 21 KB, kept in
 * parts of PART_BYTES (jsonStore), whatever the SKUs look like. test/unit/alertState.test.ts measures it.
 */
export const ALERT_STATE_BYTES = 24 * 1024;

/**
 * As stored: `k` the noticed SKUs as `skuKey`s one after another, `q` one flag per key (1 waits for
 * Telegram, 2 for the digest, 3 both, 0 neither), the last digest's day, the last error journaled, when
 * the last real digest and Telegram message went out, when a run stored it (ms), and `c` once the seller
 * was told that MAX_TRACKED are tracked. The first form (`b`: SKUs, `t`/`m`: indexes) is still read.
 */
interface Stored {
  v: 2;
  k: string;
  q: string;
  d?: string;
  e?: string;
  ma?: number;
  ta?: number;
  r?: number;
  c?: 1;
}

/** What runs keep besides the core's state. */
interface Sent {
  lastError?: string;
  mailedAt?: number;
  telegramAt?: number;
  /** When a run last stored the state (ms): a button's older recalculation yields to it. */
  storedAt?: number;
  /** The seller was told that more SKUs are below than are tracked. */
  capped?: boolean;
}

/** As loaded: `stale` — what is stored differs from what would be stored (keys of gone SKUs, old form). */
export type LoadedAlerts = AlertState & Sent & { stale?: true };

/** The noticed SKUs among `skus` (the sheet's SKUs of this run); a key of none of them is dropped. */
function keyedState(keys: string, flags: string, skus: Iterable<string>): AlertState & { stale?: true } {
  const byKey = new Map<string, string>();
  for (const sku of skus) {
    const key = skuKey(sku);
    if (!byKey.has(key)) byKey.set(key, sku);
  }
  const state: AlertState = { below: [], telegram: [], mail: [] };
  let dropped = false;
  for (let i = 0; i * SKU_KEY_LENGTH < keys.length; i++) {
    const sku = byKey.get(keys.slice(i * SKU_KEY_LENGTH, (i + 1) * SKU_KEY_LENGTH));
    if (sku === undefined) {
      dropped = true;
      continue;
    }
    const flag = Number(flags[i] ?? 0);
    state.below.push(sku);
    if (flag & 1) state.telegram.push(sku);
    if (flag & 2) state.mail.push(sku);
  }
  return dropped ? { ...state, stale: true } : state;
}

function listedState(raw: Record<string, unknown>): AlertState {
  const below = Array.isArray(raw.b) ? raw.b.map(String) : [];
  const pick = (ix: unknown) => (Array.isArray(ix) ? ix.map((i) => below[i]).filter((s) => s !== undefined) : []);
  return { below, telegram: pick(raw.t), mail: pick(raw.m) };
}

/** `skus`: the SKUs the sheet has this time (below or invalid); without them, only what was sent when. */
export function loadAlertState(docAll: Record<string, string>, skus: Iterable<string> = []): LoadedAlerts {
  const raw = loadJson(docAll, STATE);
  if (!isObject(raw)) return { ...EMPTY_ALERTS };
  const sent: Sent & { mailedOn?: string } = {
    ...(typeof raw.d === 'string' && raw.d ? { mailedOn: raw.d } : {}),
    ...(typeof raw.e === 'string' && raw.e ? { lastError: raw.e } : {}),
    ...(typeof raw.ma === 'number' ? { mailedAt: raw.ma } : {}),
    ...(typeof raw.ta === 'number' ? { telegramAt: raw.ta } : {}),
    ...(typeof raw.r === 'number' ? { storedAt: raw.r } : {}),
    ...(raw.c === 1 ? { capped: true } : {}),
  };
  if (raw.v === 2 && typeof raw.k === 'string' && typeof raw.q === 'string')
    return { ...keyedState(raw.k, raw.q, skus), ...sent };
  if (Array.isArray(raw.b)) return { ...listedState(raw), ...sent, stale: true };
  return { ...EMPTY_ALERTS, ...sent };
}

/** The state as stored (test/unit/alertState.test.ts measures it against ALERT_STATE_BYTES). */
export function storedAlertState(state: AlertState, sent: Sent, now: number): Stored {
  const telegram = new Set(state.telegram);
  const mail = new Set(state.mail);
  const flag = (sku: string) => String((telegram.has(sku) ? 1 : 0) + (mail.has(sku) ? 2 : 0));
  return {
    v: 2,
    k: state.below.map(skuKey).join(''),
    q: state.below.map(flag).join(''),
    ...(state.mailedOn ? { d: state.mailedOn } : {}),
    ...(sent.lastError ? { e: sent.lastError.slice(0, 300) } : {}),
    ...(sent.mailedAt ? { ma: sent.mailedAt } : {}),
    ...(sent.telegramAt ? { ta: sent.telegramAt } : {}),
    r: now,
    ...(sent.capped ? { c: 1 as const } : {}),
  };
}

/** Stores the state; answers the failure's Russian reason (the store full, …) instead of throwing. */
function storeAlertState(store: KeyValueStore, state: AlertState, sent: Sent, now: number): string | undefined {
  try {
    saveJson(store, STATE, storedAlertState(state, sent, now));
    return undefined;
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return /quota|too large/i.test(text)
      ? 'хранилище документа переполнено (у таблицы 500 КБ на настройки и состояние надстройки)'
      : text;
  }
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
  /** More SKUs are below than are tracked (MAX_TRACKED): the ones beyond get no alerts. */
  capped?: true;
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
    ...(sent.capped ? { capped: true as const } : {}),
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

/** Form errors of both fields at once, each beside its field. */
export type FieldErrors = Partial<Record<'token' | 'chatId', string>>;

export type AlertCredentialsResponse =
  | { ok: true; telegram: AlertsView['telegram']; message: string; unchecked?: true }
  | { ok: false; error: string; field?: 'token' | 'chatId'; fields?: FieldErrors };

const TOKEN_FORM = /^\d+:[A-Za-z0-9_-]{30,}$/;
const CHAT_FORM = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/;

function field(input: unknown, key: string): string {
  const value = isObject(input) ? input[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

const ASCII =
  'только латиница, цифры и знаки: скопируйте ещё раз (без русских букв, кавычек-«ёлочек» и переводов строки).';

function tokenError(token: string): string | undefined {
  if (!headerSafe(token)) return `Токен бота — ${ASCII}`;
  if (!TOKEN_FORM.test(token))
    return 'Токен бота выглядит как 123456789:AAE… (число, двоеточие и не меньше 30 знаков): возьмите его у @BotFather.';
  return undefined;
}

function chatError(chatId: string): string | undefined {
  if (!headerSafe(chatId)) return `ID чата — ${ASCII}`;
  if (!CHAT_FORM.test(chatId))
    return 'ID чата — число (у группы — с минусом впереди) или @имя_канала: узнайте его у @userinfobot.';
  return undefined;
}

/**
 * The form of what was typed, both fields at once: each wrong one is answered beside its field, before
 * Telegram is asked. `field`/`error`: the first of them and all the texts, for a caller with one place.
 */
function formError(
  token: string,
  chatId: string,
): { error: string; field: 'token' | 'chatId'; fields: FieldErrors } | undefined {
  const fields: FieldErrors = {};
  const forToken = tokenError(token);
  const forChat = chatError(chatId);
  if (forToken) fields.token = forToken;
  if (forChat) fields.chatId = forChat;
  if (!forToken && !forChat) return undefined;
  return { field: forToken ? 'token' : 'chatId', error: [forToken, forChat].filter(Boolean).join(' '), fields };
}

/**
 * `setAlertCredentials`: the bot's token and chat id into the caller's user properties, once Telegram's
 * getChat accepted them — a wrong token never replaces a working bot. Telegram not answering says
 * nothing of them: with no working bot to lose they are stored «не проверен». Both empty is refused
 * (the fields are empty after every redraw: «Подключить» must not drop a working bot); `{disconnect: true}`
 * («Отключить») removes them.
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
  if (isObject(input) && input.disconnect === true) {
    user.deleteMany([TELEGRAM_KEY, TELEGRAM_STATUS_KEY]);
    return { ok: true, telegram: view(), message: 'Telegram отключён: сообщений о малом остатке больше не будет.' };
  }
  if (!token && !chatId) return { ok: false, error: 'Впишите токен и ID чата. Чтобы отключить бота — «Отключить».' };
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

/** What this run will try to send, and the state as it will be once all of it went out. */
interface Plan {
  telegram: LowItem[];
  mail: LowItem[];
  /** SKUs below in all, for the digest. */
  belowNow: number;
  hoped: AlertState;
}

function plan(run: AlertRun, state: AlertState, lowStock: readonly LowItem[], bot: boolean, mail: boolean): Plan {
  const today = formatSellerDate(run.now, run.timeZone).slice(0, 10);
  const telegram = bot && run.ports.timer.now() < run.deadline ? waiting(state.telegram, lowStock) : [];
  const digest = mail && digestDue(state, today) ? waiting(state.mail, lowStock) : [];
  const hoped = {
    ...state,
    telegram: delivered(state.telegram, telegram),
    mail: delivered(state.mail, digest),
    ...(digest.length ? { mailedOn: today } : {}),
  };
  return { telegram, mail: digest, belowNow: lowStock.length, hoped };
}

/** The journal's word when «Сообщение в Telegram» is on and there is no bot to send with. */
export const NO_BOT =
  'Уведомление в Telegram не отправлено: бот не подключён. Подключите бота на «Сводке» в «Telegram для уведомлений» или снимите отметку «Сообщение в Telegram».';

const capText = () =>
  `Уведомления: ниже минимума больше ${MAX_TRACKED} артикулов — отслеживаются первые ${MAX_TRACKED} замеченных; о тех, что опустятся ниже сверх них, уведомлений не будет, пока часть отслеживаемых не поднимется до минимума.`;

/**
 * After a recalculation: notes crossings and sends what is due. Runs only for the owner with a way on;
 * answers the texts to journal (none when all went well, or when the same failure was journaled last time).
 * What goes out is stored as sent before it is sent (and put back if sending fails): a store that cannot
 * be written sends nothing, so a digest or message never repeats — a lost one is better than one a run.
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
  // «Сообщение в Telegram» on with no bot (never connected, «Отключить»): its crossings are lost, and said.
  const noBot = wantTelegram && !bot;
  if (!bot && !to && !noBot) return [];
  const skus = [...reading.lowStock.map((i) => i.sku), ...reading.invalidSkus];
  const previous = loadAlertState(docAll, skus);
  const core = coreOf(previous);
  const step = noteLowStock(core, reading.lowStock, { telegram: !!bot, mail: !!to }, reading.invalidSkus);
  const p = plan(run, step.state, reading.lowStock, !!bot, !!to);
  const capped = step.untracked > 0;
  const hopedSent: Sent = {
    mailedAt: p.mail.length ? run.now : previous.mailedAt,
    telegramAt: p.telegram.length ? run.now : previous.telegramAt,
    ...(previous.lastError ? { lastError: previous.lastError } : {}),
    ...(capped ? { capped } : {}),
  };
  const changed =
    previous.stale === true ||
    p.telegram.length + p.mail.length > 0 ||
    capped !== (previous.capped === true) ||
    JSON.stringify(step.state) !== JSON.stringify(core);
  const unsaved = changed ? storeAlertState(run.properties, p.hoped, hopedSent, run.now) : undefined;
  if (unsaved) return storageFailure(run, previous, step.state.below.length, unsaved);
  const notices = capped && !previous.capped ? [capText()] : [];
  const errors = send(run, bot, to, p);
  // Said with the run's first crossings, and kept while the bot is missing: journaled once, not each run.
  if (noBot && (step.fresh.length > 0 || previous.lastError?.includes(NO_BOT) === true)) errors.texts.unshift(NO_BOT);
  const clean = errors.texts.map((e) => withoutSecrets(e, bot ? [bot.token] : []));
  const said = clean.join(' ');
  if (!said) {
    // All went out: an error journaled before is over (best effort: it only spares a repeat).
    if (previous.lastError) storeAlertState(run.properties, p.hoped, { ...hopedSent, lastError: '' }, run.now);
    return notices;
  }
  // What failed is put back: it waits for the next run (the digest: for the next run of the day).
  const { mailedOn: _d, ...rest } = p.hoped;
  const mailedOn = errors.mail ? step.state.mailedOn : p.hoped.mailedOn;
  const final: AlertState = {
    ...rest,
    ...(errors.telegram ? { telegram: step.state.telegram } : {}),
    ...(errors.mail ? { mail: step.state.mail } : {}),
    ...(mailedOn ? { mailedOn } : {}),
  };
  const finalSent: Sent = {
    ...hopedSent,
    mailedAt: errors.mail ? previous.mailedAt : hopedSent.mailedAt,
    telegramAt: errors.telegram ? previous.telegramAt : hopedSent.telegramAt,
    lastError: said,
  };
  const lost = storeAlertState(run.properties, final, finalSent, run.now);
  const repeat = said !== '' && said === previous.lastError;
  const lostText = lost ? [`Уведомления: не удалось сохранить, что отправка не прошла: ${lost}.`] : [];
  return [...notices, ...(repeat ? [] : clean), ...lostText];
}

/**
 * Nothing was sent: the journal says why in Russian; the error is kept in the old state if the store
 * takes that much, so that the next runs do not journal it again.
 */
function storageFailure(run: AlertRun, previous: LoadedAlerts, below: number, reason: string): string[] {
  const text = withoutSecrets(
    `Уведомления: не удалось сохранить, о чём уже сообщено (${below} ${skuWord(below)} ниже минимума): ${reason}. Письмо и сообщение Telegram не отправлены, чтобы не повторять их каждый запуск; уйдут, когда сохранение пройдёт.`,
    botTokens(run.user),
  );
  if (text === previous.lastError) return [];
  const { stale: _s, ...kept } = previous;
  storeAlertState(run.properties, coreOf(kept), { ...kept, lastError: text }, previous.storedAt ?? run.now);
  return [text];
}

function botTokens(user: KeyValueStore): string[] {
  const bot = loadTelegram(user.getAll());
  return bot ? [bot.token] : [];
}

/** Sends what the plan says; answers the failures' texts and which ways failed. */
function send(
  run: AlertRun,
  bot: TelegramCredentials | undefined,
  to: string,
  p: Plan,
): { texts: string[]; telegram?: true; mail?: true } {
  const out: { texts: string[]; telegram?: true; mail?: true } = { texts: [] };
  if (bot && p.telegram.length) {
    const answer = safely(() =>
      sendTelegramMessage(run.ports.http, run.ports.timer, bot, telegramText(p.telegram), run.deadline),
    );
    try {
      recordTelegram(run.user, bot, answer);
    } catch {
      // The bot's status is for the panel only: a full user store must not stop the digest.
    }
    if (!answer.ok) {
      out.texts.push(`Уведомление в Telegram не отправлено: ${answer.error}`);
      out.telegram = true;
    }
  }
  if (to && p.mail.length) {
    const sent = sendMail(run.ports.mail, to, digestMail(p.mail, p.belowNow));
    if (!sent.ok) {
      out.texts.push(`Письмо о малом остатке не отправлено: ${sent.error}`);
      out.mail = true;
    }
  }
  return out;
}

function coreOf(state: AlertState & Sent & { stale?: true }): AlertState {
  const { lastError: _e, mailedAt: _m, telegramAt: _t, storedAt: _r, capped: _c, stale: _s, ...rest } = state;
  return rest;
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
  } else if (settings.alerts?.telegram)
    ways.push({ way: 'telegram', ok: false, message: 'Telegram: бот не подключён.' });
  if (!ways.length)
    return {
      ok: false,
      ways,
      message:
        'Проверять нечего: отметьте «Письмо владельцу раз в день» и сохраните настройки или подключите Telegram.',
    };
  return { ok: ways.every((w) => w.ok), ways };
}
