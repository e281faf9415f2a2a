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

export function call<K extends keyof ServerFunctions>(
  name: K,
  ...args: Parameters<ServerFunctions[K]>
): Promise<ReturnType<ServerFunctions[K]>> {
  return new Promise((resolve, reject) => {
    google.script.run
      .withSuccessHandler((value) => {
        // Every state names the spreadsheet's zone: the panel's times follow it before anything is drawn.
        if (name === 'getState') showTimesIn((value as { timeZone: string }).timeZone);
        resolve(value as ReturnType<ServerFunctions[K]>);
      })
      .withFailureHandler((error) => reject(new Error(errorText(error))))
      [name](...args);
  });
}
