/**
 * Marketplace keys (SPEC 7): kept only in the user properties of the person who entered them.
 * Document properties hold the non-secret part editors may see: that a channel is connected and
 * the last four characters of its key.
 */

import type { AliCredentials } from '../connectors/aliexpress';
import type { AvitoCredentials } from '../connectors/avito';
import type { MmCredentials } from '../connectors/megamarket';
import type { OzonCredentials } from '../connectors/ozon';
import type { WbCredentials } from '../connectors/wildberries';
import type { YmCredentials } from '../connectors/yandexMarket';
import { DEFAULT_TIME_ZONE, formatSellerDate } from '../core/dates';
import { headerSafe } from '../core/secrets';
import type { Channel } from '../core/settings';
import { loadJson } from './jsonStore';
import type { KeyValueStore } from './ports';

/** Where triggers.ts records whose schedule runs (read here so that owners are one notion). */
export const TRIGGERS_OWNER = 'state.triggersOwner';

export type Credentials =
  | OzonCredentials
  | WbCredentials
  | YmCredentials
  | MmCredentials
  | AliCredentials
  | AvitoCredentials;

const SECRET_KEY = (channelId: string) => `credentials.${channelId}`;
const HINT_KEY = (channelId: string) => `connection.${channelId}`;
/** The last check of a channel's key (SPEC 7: no secret in it): by «Проверить подключение» or a run's 401/403. */
const CHECK_KEY = (channelId: string) => `check.${channelId}`;

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

const NOT_A_HEADER =
  'содержит символы, которые нельзя передать площадке (русские буквы, кавычки-«ёлочки», переводы строки и т. п.): скопируйте его из кабинета ещё раз, только латиница, цифры и знаки';

type Checked = { ok: true; credentials: Credentials } | { ok: false; error: string };

/** Checks the fields a marketplace needs; answers in Russian without echoing any of them. */
export function validateCredentials(marketplace: Channel['marketplace'], input: unknown): Checked {
  const checked = credentialsFields(marketplace, input);
  // The key goes into an HTTP header, which carries printable ASCII only (SPEC 7).
  if (checked.ok && !Object.values(checked.credentials).every((value) => headerSafe(value)))
    return { ok: false, error: `Ключ ${NOT_A_HEADER}` };
  return checked;
}

function credentialsFields(marketplace: Channel['marketplace'], input: unknown): Checked {
  const v = (input ?? {}) as Record<string, unknown>;
  const tooLong = (s: string) => s.length > 4000;
  switch (marketplace) {
    case 'ozon': {
      const clientId = text(v.clientId),
        apiKey = text(v.apiKey);
      if (!/^\d{1,20}$/.test(clientId))
        return { ok: false, error: 'Client-Id Ozon — это число из кабинета (Настройки → Seller API)' };
      if (!apiKey || tooLong(apiKey)) return { ok: false, error: 'Введите API-ключ Ozon' };
      return { ok: true, credentials: { clientId, apiKey } };
    }
    case 'wb': {
      const token = text(v.token).replace(/^Bearer\s+/i, '');
      if (!token || tooLong(token)) return { ok: false, error: 'Введите токен Wildberries' };
      return { ok: true, credentials: { token } };
    }
    case 'yandex': {
      const apiKey = text(v.apiKey);
      if (!apiKey || tooLong(apiKey)) return { ok: false, error: 'Введите Api-Key Яндекс Маркета' };
      return { ok: true, credentials: { apiKey } };
    }
    case 'megamarket': {
      // The token is a UUID from the cabinet; it goes in the request body, but printable ASCII all the same.
      const token = text(v.token).replace(/^Bearer\s+/i, '');
      if (!token || tooLong(token)) return { ok: false, error: 'Введите токен Мегамаркета' };
      return { ok: true, credentials: { token } };
    }
    case 'aliexpress': {
      // The x-auth-token of the seller's cabinet (a JWT); «Bearer» pasted with it is dropped.
      const token = text(v.token).replace(/^Bearer\s+/i, '');
      if (!token || tooLong(token)) return { ok: false, error: 'Введите токен AliExpress' };
      return { ok: true, credentials: { token } };
    }
    case 'avito':
      return avitoFields(v);
    default:
      return { ok: false, error: 'У ручного канала нет подключения к площадке: он только считается в таблице' };
  }
}

/** Avito: a client id and secret from avito.ru/professionals/api; both go in the token request's form. */
function avitoFields(v: Record<string, unknown>): Checked {
  const clientId = text(v.clientId);
  const clientSecret = text(v.clientSecret);
  const where = '(кабинет Авито: avito.ru/professionals/api), без пробелов';
  if (!clientId || clientId.length > 200 || /\s/.test(clientId))
    return { ok: false, error: `Введите Client ID ${where}` };
  if (!clientSecret || clientSecret.length > 4000 || /\s/.test(clientSecret))
    return { ok: false, error: `Введите Client Secret ${where}` };
  return { ok: true, credentials: { clientId, clientSecret } };
}

function secretOf(credentials: Credentials): string {
  if ('clientSecret' in credentials) return credentials.clientSecret;
  return 'apiKey' in credentials ? credentials.apiKey : credentials.token;
}

export function keyHint(credentials: Credentials): string {
  const secret = secretOf(credentials);
  return `…${secret.slice(-4)}`;
}

export function storeCredentials(
  user: KeyValueStore,
  doc: KeyValueStore,
  channelId: string,
  credentials: Credentials,
  at: number,
): string {
  const hint = keyHint(credentials);
  user.setMany({ [SECRET_KEY(channelId)]: JSON.stringify(credentials) });
  doc.setMany({ [HINT_KEY(channelId)]: JSON.stringify({ hint, at: new Date(at).toISOString() }) });
  // A new key has not been checked yet, whatever the old one's check said.
  doc.deleteMany([CHECK_KEY(channelId)]);
  return hint;
}

/** Every key and token the user has stored: what messages shown to anyone must never repeat. */
export function storedSecrets(userAll: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const key of Object.keys(userAll)) {
    if (!key.startsWith('credentials.')) continue;
    const credentials = loadCredentials(userAll, key.slice('credentials.'.length));
    if (credentials) secrets.push(secretOf(credentials));
  }
  return secrets;
}

export function loadCredentials(userAll: Record<string, string>, channelId: string): Credentials | undefined {
  const raw = userAll[SECRET_KEY(channelId)];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Credentials;
  } catch {
    return undefined;
  }
}

/** What the last check of a channel's key found; `error` is a marketplace's message with the keys taken out. */
export interface KeyCheck {
  at: string;
  ok: boolean;
  error?: string;
}

export function recordKeyCheck(doc: KeyValueStore, channelId: string, check: KeyCheck): void {
  const error = check.error && check.error.length > 300 ? `${check.error.slice(0, 300)}…` : check.error;
  doc.setMany({ [CHECK_KEY(channelId)]: JSON.stringify({ ...check, ...(error ? { error } : {}) }) });
}

/** The hint («…1234») of the channel's key that was last seen working, if the last check passed. */
export function workingKeyHint(docAll: Record<string, string>, channelId: string): string | undefined {
  if (!keyCheckOf(docAll, channelId)?.ok) return undefined;
  try {
    const hint = JSON.parse(docAll[HINT_KEY(channelId)] ?? 'null')?.hint;
    return typeof hint === 'string' ? hint : '…';
  } catch {
    return '…';
  }
}

/**
 * The names of the warehouses or campaigns the last successful check listed (no secret in them), so that
 * the card names the chosen one rather than its number. Kept within one property's size.
 */
const TARGETS_KEY = (channelId: string) => `targets.${channelId}`;
const TARGET_NAMES_BYTES = 8000;

export function recordTargetNames(doc: KeyValueStore, channelId: string, targets: { id: string; name: string }[]) {
  const names: Record<string, string> = {};
  let bytes = 2;
  for (const t of targets) {
    const name = t.name.length > 100 ? `${t.name.slice(0, 100)}…` : t.name;
    // Cyrillic takes two bytes in UTF-8; a generous count keeps the value under Google's 9 KB.
    bytes += 3 * (t.id.length + name.length) + 6;
    if (bytes > TARGET_NAMES_BYTES) break;
    names[t.id] = name;
  }
  doc.setMany({ [TARGETS_KEY(channelId)]: JSON.stringify(names) });
}

function targetName(docAll: Record<string, string>, channelId: string, id: string): string | undefined {
  try {
    const name = JSON.parse(docAll[TARGETS_KEY(channelId)] ?? 'null')?.[id];
    return typeof name === 'string' && name.trim() && name !== id ? name : undefined;
  } catch {
    return undefined;
  }
}

function keyCheckOf(docAll: Record<string, string>, channelId: string): KeyCheck | undefined {
  let check: KeyCheck | undefined;
  try {
    check = JSON.parse(docAll[CHECK_KEY(channelId)] ?? 'null') ?? undefined;
  } catch {
    check = undefined;
  }
  return check && typeof check.at === 'string' && typeof check.ok === 'boolean' ? check : undefined;
}

export interface ConnectionState {
  channelId: string;
  status: 'connected' | 'connected-by-other' | 'not-connected' | 'manual';
  /** Whether the stored key was seen working: a key is never shown as connected before (SPEC 7). */
  check?: 'unchecked' | 'ok' | 'failed';
  text: string;
}

/** A check's time as the spreadsheet shows times: in its zone, «01.12.2026 10:00». */
const shownTime = (iso: string, timeZone: string) => formatSellerDate(Date.parse(iso), timeZone);

/** «склад «Склад Москва»» by the name the last check listed; the number only while no check named it. */
function targetOf(channel: Channel, docAll: Record<string, string> = {}): string {
  const t = channel.target ?? {};
  const named = (what: string, id: string) => {
    const name = targetName(docAll, channel.id, id);
    return name ? `${what} «${name}»` : `${what} ${id}`;
  };
  if (channel.marketplace === 'yandex') return t.campaignId ? named('магазин', t.campaignId) : 'магазин не выбран';
  if (channel.marketplace === 'megamarket' || channel.marketplace === 'aliexpress') return 'склад выбирать не нужно';
  // Avito has no warehouses: stock belongs to each listing.
  if (channel.marketplace === 'avito') return 'остатки по объявлениям';
  return t.warehouseId ? named('склад', t.warehouseId) : 'склад не выбран';
}

/** «ключ сохранён, не проверен» / «проверено 01.12.2026 10:00, склад …» / «ошибка: …», with the key's last characters. */
function keyStateText(
  channel: Channel,
  check: KeyCheck | undefined,
  hint: string,
  { whose = '', timeZone, docAll }: { whose?: string; timeZone: string; docAll: Record<string, string> },
): string {
  const key = `ключ${whose}`;
  const target = targetOf(channel, docAll);
  if (!check) return `${key} сохранён, не проверен (${hint}); ${target}`;
  if (check.ok) return `проверено ${shownTime(check.at, timeZone)}, ${target}; ${key} ${hint}`;
  const error = check.error ?? 'ключ не подошёл';
  return `ошибка: ${error} (проверка ${shownTime(check.at, timeZone)}); ${key} ${hint}; ${target}`;
}

/** `timeZone`: the spreadsheet's, in which the text names the time of the last check. */
export function connectionState(
  channel: Channel,
  userAll: Record<string, string>,
  docAll: Record<string, string>,
  timeZone: string = DEFAULT_TIME_ZONE,
): ConnectionState {
  if (channel.marketplace === 'manual')
    return { channelId: channel.id, status: 'manual', text: 'ручной канал: только расчёт' };
  const last = keyCheckOf(docAll, channel.id);
  const check = last ? (last.ok ? 'ok' : 'failed') : 'unchecked';
  const own = loadCredentials(userAll, channel.id);
  if (own)
    return {
      channelId: channel.id,
      status: 'connected',
      check,
      text: keyStateText(channel, last, keyHint(own), { timeZone, docAll }),
    };
  let hint: string | undefined;
  try {
    hint = docAll[HINT_KEY(channel.id)] ? JSON.parse(docAll[HINT_KEY(channel.id)]).hint : undefined;
  } catch {
    hint = undefined;
  }
  return hint
    ? {
        channelId: channel.id,
        status: 'connected-by-other',
        check,
        text: `${keyStateText(channel, last, hint, { whose: ' другого пользователя', timeZone, docAll })}; отправка идёт от его имени`,
      }
    : { channelId: channel.id, status: 'not-connected', text: `не подключено; ${targetOf(channel, docAll)}` };
}

/**
 * Whether this user is one whose runs send (SPEC 7): the scheduled and edit runs use the keys of
 * the person who installed them, so a key holder is an owner. While nobody has connected a channel
 * there is no owner to wait for, and everyone's settings apply at once.
 */
export function isOwner(userAll: Record<string, string>, docAll: Record<string, string>, email = ''): boolean {
  // Once someone turned the schedule on, the owner is whoever's triggers run (SPEC 7): another key
  // holder's loosening waits for them too.
  const scheduled = loadJson(docAll, TRIGGERS_OWNER) as { email?: unknown } | undefined;
  if (typeof scheduled?.email === 'string' && scheduled.email) return scheduled.email === email;
  if (storedSecrets(userAll).length) return true;
  return !Object.keys(docAll).some((key) => key.startsWith('connection.'));
}
