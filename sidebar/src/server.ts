/**
 * Typed calls to the server: the names and types come from src/main.ts itself, so a renamed or
 * changed entry point breaks the sidebar's type check, not the seller's panel.
 */
import type * as Server from '../../src/main';
import { showTimesIn } from './time';

type ServerFunctions = typeof Server;
type Runner = {
  withSuccessHandler(handler: (value: unknown) => void): Runner;
  withFailureHandler(handler: (error: unknown) => void): Runner;
} & Record<string, (...args: unknown[]) => void>;

declare const google: { script: { run: Runner } };

/** What the seller reads when a call fails: Apps Script's own text, or a plain Russian fallback. */
export function errorText(error: unknown): string {
  const message =
    error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error ?? '');
  return message.trim() || 'Не удалось связаться с таблицей. Проверьте подключение к интернету и попробуйте ещё раз.';
}

/** What the panel's own calls tell the refresh (refresh.ts): calls under way, the last state read, own saves. */
export const traffic = { inFlight: 0, stateReadAt: 0, savedHere: 0 };

function noteSuccess(name: string, value: unknown): void {
  if (name === 'getState') traffic.stateReadAt = Date.now();
  const saved = name === 'saveSettings' || name === 'saveAndSend';
  if (saved && (value as { ok?: boolean } | null)?.ok) traffic.savedHere++;
}

export function call<K extends keyof ServerFunctions>(
  name: K,
  ...args: Parameters<ServerFunctions[K]>
): Promise<ReturnType<ServerFunctions[K]>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = () => {
      if (!settled) traffic.inFlight--;
      settled = true;
    };
    traffic.inFlight++;
    try {
      google.script.run
        .withSuccessHandler((value) => {
          settle();
          noteSuccess(name, value);
          // Every state names the spreadsheet's zone: the panel's times follow it before anything is drawn.
          if (name === 'getState') showTimesIn((value as { timeZone: string }).timeZone);
          resolve(value as ReturnType<ServerFunctions[K]>);
        })
        .withFailureHandler((error) => {
          settle();
          reject(new Error(errorText(error)));
        })
        [name](...args);
    } catch (error) {
      settle();
      reject(new Error(errorText(error)));
    }
  });
}
