/**
 * «Проверить подключение» (issue 14): with the card's fields empty it checks the stored key; with a key
 * typed in them it checks that key first and stores it only when the marketplace accepts it, so that a
 * wrong key never replaces one that works. A marketplace that does not answer says nothing of the key:
 * then a key that was seen working stays, and the seller is asked whether to save the new one unchecked;
 * with no working key to lose, the new one is stored as «не проверен».
 */
import { withoutSecrets } from '../core/secrets';
import type { Channel } from '../core/settings';
import {
  loadCredentials,
  recordKeyCheck,
  recordTargetNames,
  storeCredentials,
  storedSecrets,
  validateCredentials,
  workingKeyHint,
} from './credentials';
import { type MarketDeps, type TestConnectionResult, testConnection } from './marketplaces';

export interface KeyCheckDeps {
  market: MarketDeps;
  now: number;
}

/** `typed`: the card's fields as the seller filled them; undefined checks the stored key. */
export function checkConnection(deps: KeyCheckDeps, channel: Channel, typed?: unknown): TestConnectionResult {
  return typed === undefined ? checkStoredKey(deps, channel) : checkTypedKey(deps, channel, typed);
}

function checkStoredKey(deps: KeyCheckDeps, channel: Channel): TestConnectionResult {
  const { user } = deps.market;
  const result = testConnection(channel, deps.market);
  // The marketplace's answer may echo the request, key and all (SPEC 7).
  const secrets = storedSecrets(user.getAll());
  // A check that never reached the marketplace (no key, a manual channel) says nothing of the key.
  if (loadCredentials(user.getAll(), channel.id) && channel.marketplace !== 'manual')
    record(deps, channel, result, secrets);
  const clean = cleaned(result, secrets);
  return clean.ok || clean.reason !== 'unreachable' ? clean : { ...clean, error: `${notAnswered(clean.error)}.` };
}

function checkTypedKey(deps: KeyCheckDeps, channel: Channel, typed: unknown): TestConnectionResult {
  const valid = validateCredentials(channel.marketplace, typed);
  if (!valid.ok) return { ok: false, channelId: channel.id, error: `${channel.name}: ${valid.error}`, reason: 'key' };
  const { user, properties } = deps.market;
  const secrets = [...storedSecrets(user.getAll()), ...Object.values(valid.credentials)];
  // Read before anything changes: whether a key that works would be replaced.
  const working = workingKeyHint(properties.getAll(), channel.id);
  const result = cleaned(testConnection(channel, deps.market, valid.credentials), secrets);
  const store = () => storeCredentials(user, properties, channel.id, valid.credentials, deps.now);
  if (result.ok) {
    store();
    record(deps, channel, result, secrets);
    return { ...result, saved: true };
  }
  if (result.reason !== 'unreachable') {
    const kept = working ? `: работает прежний ключ ${working}` : '';
    return { ...result, error: `${result.error} Новый ключ не сохранён${kept}.`, saved: false };
  }
  if (working)
    return {
      ...result,
      error: `${notAnswered(result.error)}. Новый ключ не проверен и не сохранён: прежний ключ ${working} работал. Проверьте позже или сохраните новый ключ без проверки.`,
      saved: false,
    };
  store();
  return {
    ...result,
    error: `${notAnswered(result.error)}. Ключ сохранён, но не проверен: нажмите «Проверить подключение» позже.`,
    saved: true,
  };
}

/** A check is no run: «повторим в следующий раз» of a push's reason does not apply to it. */
function notAnswered(error: string): string {
  return `${error.replace(/[,;.]?\s*повторим в следующий раз\.?$/, '')} — проверить ключ сейчас не удалось`;
}

/** Only what says something of the key is recorded: a marketplace that did not answer leaves the last check as it was. */
function record(deps: KeyCheckDeps, channel: Channel, result: TestConnectionResult, secrets: string[]): void {
  const { properties } = deps.market;
  const at = new Date(deps.now).toISOString();
  if (result.ok) {
    recordKeyCheck(properties, channel.id, { at, ok: true });
    recordTargetNames(properties, channel.id, result.targets);
  } else if (result.reason === 'refused')
    recordKeyCheck(properties, channel.id, { at, ok: false, error: withoutSecrets(result.error, secrets) });
}

function cleaned(result: TestConnectionResult, secrets: string[]): TestConnectionResult {
  if (!result.ok) return { ...result, error: withoutSecrets(result.error, secrets) };
  return { ...result, targets: result.targets.map((t) => ({ ...t, name: withoutSecrets(t.name, secrets) })) };
}
