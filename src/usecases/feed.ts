/**
 * The site feed (SPEC 5.8): a manual channel with `feed: true` is published by the web app's doGet as YML,
 * at a URL that carries an unguessable per-channel token kept in document properties.
 *
 * Who may issue a new token (newFeedToken): whoever can open the panel — the owner and the sheet's editors.
 * SPEC 7 keeps marketplace keys from editors because a key lets one act on the marketplace; the feed token
 * only lets one read what the channel's column already shows every editor, and it lives in document
 * properties, which any editor's script run reads anyway. A stricter rule would protect nothing, and a
 * leaked link must be revocable by whoever notices it first.
 */
import { buildFeed } from '../core/feed';
import { STOCK_SHEET } from '../core/headers';
import { type Channel, FORM_LABELS, type Settings, type SettingsError } from '../core/settings';
import type { Clock, KeyValueStore, SpreadsheetPort } from './ports';
import { lastRecalc } from './recalculate';
import { loadSettings } from './settingsService';

/** The web app as the script sees it: its URL once deployed, and a source of unguessable tokens. */
export interface WebAppPort {
  /** ScriptApp.getService().getUrl(): null until the script is deployed as a web app. */
  url(): string | null;
  /** A new random token (Utilities.getUuid: java.util.UUID.randomUUID, 122 random bits). */
  newToken(): string;
}

const TOKEN_PREFIX = 'feedToken.';
const tokenKey = (channelId: string) => `${TOKEN_PREFIX}${channelId}`;

/** What a request without the right token gets: no stock, no channel names, nothing to guess from. */
export const FEED_REFUSED =
  'Нет доступа к фиду: ссылка неверна или устарела. Возьмите ссылку в панели «Остатки» (вкладка «Каналы»).';
export const FEED_ADD_ON_REASON =
  'фид для сайта работает только в скрипте, привязанном к таблице: у веб-приложения опубликованного дополнения нет таблицы, из которой читать';

export function isFeedChannel(c: Channel): boolean {
  return c.feed === true && c.marketplace === 'manual';
}

/**
 * After a save: a feed channel without a token gets one; a channel no longer published loses its token,
 * so turning the feed on again gives a new URL rather than bringing back one that may have leaked.
 */
export function syncFeedTokens(store: KeyValueStore, settings: Settings, web: WebAppPort): void {
  const all = store.getAll();
  const feeds = new Set(settings.channels.filter(isFeedChannel).map((c) => c.id));
  const add: Record<string, string> = {};
  for (const id of feeds) if (!all[tokenKey(id)]) add[tokenKey(id)] = web.newToken();
  const stale = Object.keys(all).filter((k) => k.startsWith(TOKEN_PREFIX) && !feeds.has(k.slice(TOKEN_PREFIX.length)));
  if (Object.keys(add).length) store.setMany(add);
  if (stale.length) store.deleteMany(stale);
}

/** An add-on's web app has no document: a feed channel is refused at its field when saving there. */
export function feedAddOnErrors(settings: Settings): SettingsError[] {
  return settings.channels.flatMap((c, i) =>
    c.feed
      ? [
          {
            path: `channels.${i}.feed`,
            message: `Канал ${i + 1} «${c.name}»: ${FORM_LABELS.feed}: ${FEED_ADD_ON_REASON}`,
          },
        ]
      : [],
  );
}

export interface FeedState {
  channelId: string;
  name: string;
  /** The URL to give the site's importer, token included; null while it cannot be had (see reason). */
  url: string | null;
  /** null: the URL works; 'dev': a test URL (…/dev) only editors can open; the others say why there is none. */
  reason: null | 'notDeployed' | 'noToken' | 'addOn' | 'dev';
}

function feedUrl(base: string, channelId: string, token: string): string {
  return `${base}?feed=${encodeURIComponent(channelId)}&token=${encodeURIComponent(token)}`;
}

/** Per feed channel of the saved settings, its URL for the panel (getState). */
export function feedStates(settings: Settings, all: Record<string, string>, web: WebAppPort, addOn: boolean) {
  return settings.channels.filter(isFeedChannel).map((c): FeedState => {
    const base = { channelId: c.id, name: c.name };
    if (addOn) return { ...base, url: null, reason: 'addOn' };
    const token = all[tokenKey(c.id)];
    if (!token) return { ...base, url: null, reason: 'noToken' };
    const url = web.url();
    if (!url) return { ...base, url: null, reason: 'notDeployed' };
    return { ...base, url: feedUrl(url, c.id, token), reason: /\/dev$/.test(url) ? 'dev' : null };
  });
}

export type NewTokenResult = { ok: true; feed: FeedState } | { ok: false; error: string };

interface FeedDeps {
  properties: KeyValueStore;
  clock: Clock;
  web: WebAppPort;
  addOn: boolean;
}

/** «Новая ссылка»: a new token for the channel; the old URL stops working at once. */
export function newFeedToken(deps: FeedDeps, channelId: unknown): NewTokenResult {
  if (deps.addOn) return { ok: false, error: `Новую ссылку не выдать: ${FEED_ADD_ON_REASON}.` };
  const loaded = loadSettings(deps.properties.getAll(), deps.clock);
  if (loaded.kind !== 'saved') return { ok: false, error: 'Настройки ещё не сохранены: сначала сохраните канал.' };
  const channel = loaded.settings.channels.find((c) => c.id === channelId);
  if (!channel) return { ok: false, error: `Канала с кодом «${String(channelId)}» нет в сохранённых настройках.` };
  if (!isFeedChannel(channel))
    return {
      ok: false,
      error: `У канала «${channel.name}» фид не включён: отметьте «${FORM_LABELS.feed}» у своего канала и сохраните.`,
    };
  deps.properties.setMany({ [tokenKey(channel.id)]: deps.web.newToken() });
  const [feed] = feedStates({ ...loaded.settings, channels: [channel] }, deps.properties.getAll(), deps.web, false);
  return { ok: true, feed };
}

/** Compares every character, whatever the first difference: the answer's time tells nothing about the token. */
export function sameToken(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  return diff === 0 && expected.length > 0;
}

export type FeedAnswer = { kind: 'xml'; content: string } | { kind: 'text'; content: string };

/**
 * doGet: the feed of `feed` (a channel id) when `token` is that channel's; otherwise a short refusal. Reads the
 * document properties and «Остатки» once each and writes nothing.
 */
export function serveFeed(
  deps: { properties: KeyValueStore; sheets: () => SpreadsheetPort; clock: Clock },
  parameter: Record<string, unknown> | undefined,
): FeedAnswer {
  const refused: FeedAnswer = { kind: 'text', content: FEED_REFUSED };
  const channelId = typeof parameter?.feed === 'string' ? parameter.feed : '';
  const token = typeof parameter?.token === 'string' ? parameter.token : '';
  const all = deps.properties.getAll();
  const expected = all[tokenKey(channelId)];
  if (!channelId || !expected || !sameToken(token, expected)) return refused;
  const loaded = loadSettings(all, deps.clock);
  const channel = loaded.kind === 'saved' ? loaded.settings.channels.find((c) => c.id === channelId) : undefined;
  if (!channel || !isFeedChannel(channel)) return refused;
  const stock = deps.sheets().readSheet(STOCK_SHEET);
  if (!stock) return { kind: 'text', content: `Фид не собран: нет листа «${STOCK_SHEET}».` };
  const at = Date.parse(lastRecalc(all)?.at ?? '') || deps.clock.now();
  const feed = buildFeed({ channel, stock, at });
  return feed.ok ? { kind: 'xml', content: feed.xml } : { kind: 'text', content: `Фид не собран: ${feed.error}.` };
}
