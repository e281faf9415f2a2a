/**
 * Telegram Bot API, sendMessage (https://core.telegram.org/bots/api#sendmessage) and getChat
 * (https://core.telegram.org/bots/api#getchat): POST https://api.telegram.org/bot<token>/<method> with
 * JSON {chat_id, text} or {chat_id}. Every answer is JSON:
 * {ok:true, result:{…}} or {ok:false, error_code, description, parameters?:{retry_after}}. The token
 * travels in the URL: callers clean it from any text they keep (SPEC 7). The texts here never start
 * with «Telegram»: callers say whose answer it is («Telegram: токен бота не принят…»).
 */
import { excerpt, type HttpClient, isObject, parseJson, type Timer } from './http';

export const TELEGRAM_API = 'https://api.telegram.org/';

export interface TelegramCredentials {
  token: string;
  /** A numeric chat id (a person or a group, maybe negative) or @channelusername. */
  chatId: string;
}

/** `unreachable`: Telegram did not answer or failed on its side, which says nothing of the token or the chat. */
export type TelegramAnswer =
  | { ok: true }
  | {
      ok: false;
      error: string;
      retryAfter?: number;
      reason: 'refused' | 'unreachable';
      /** Which of the two the refusal is about, for the form to show it beside that field. */
      field?: 'token' | 'chatId';
    };

/** One short wait in a run for Telegram's «Too Many Requests»; a longer one leaves the message for the next run. */
const MAX_WAIT_S = 5;

function refusal(status: number, description: string, retryAfter?: number): TelegramAnswer {
  const said = description ? ` (${excerpt(description, 200)})` : '';
  const refused = (error: string, field?: 'token' | 'chatId'): TelegramAnswer => ({
    ok: false,
    error,
    reason: 'refused',
    ...(field ? { field } : {}),
  });
  if (status === 401 || status === 404)
    return refused(`токен бота не принят${said}: скопируйте токен у @BotFather ещё раз.`, 'token');
  if (status === 400 && /chat not found/i.test(description))
    return refused(
      `чат не найден${said}: проверьте ID чата и напишите своему боту /start (в группе — добавьте бота в неё).`,
      'chatId',
    );
  if (status === 403)
    return refused(`бот не может писать в этот чат${said}: напишите боту /start или разблокируйте его.`, 'chatId');
  if (status === 429)
    return {
      ok: false,
      error: `просит подождать${retryAfter ? ` ${retryAfter} с` : ''}: сообщение уйдёт со следующим запуском.`,
      reason: 'unreachable',
      ...(retryAfter ? { retryAfter } : {}),
    };
  return { ok: false, error: `ошибка ${status}${said}.`, reason: status >= 500 ? 'unreachable' : 'refused' };
}

/** Reads one Bot API answer. */
export function readAnswer(status: number, text: string): TelegramAnswer {
  if (status === 0) return { ok: false, error: `нет ответа: ${excerpt(text, 200)}`, reason: 'unreachable' };
  const json = parseJson(text);
  if (!isObject(json)) return { ok: false, error: `ответ не по правилам (код ${status}).`, reason: 'unreachable' };
  if (json.ok === true && status === 200) return { ok: true };
  const description = typeof json.description === 'string' ? json.description : '';
  const code = typeof json.error_code === 'number' ? json.error_code : status;
  const retry = isObject(json.parameters) ? json.parameters.retry_after : undefined;
  return refusal(code, description, typeof retry === 'number' ? retry : undefined);
}

/**
 * Sends one message; on 429 waits once, if Telegram asks for at most a few seconds and `deadline`
 * (timer's clock) allows, and tries again. Never throws.
 */
export function sendTelegramMessage(
  http: HttpClient,
  timer: Timer,
  credentials: TelegramCredentials,
  text: string,
  deadline: number,
): TelegramAnswer {
  const request = {
    method: 'post' as const,
    url: `${TELEGRAM_API}bot${credentials.token}/sendMessage`,
    headers: {},
    body: { chat_id: credentials.chatId, text, disable_web_page_preview: true },
  };
  const [first] = http.fetchAll([request]);
  const answer = readAnswer(first.status, first.text);
  if (answer.ok || !answer.retryAfter || answer.retryAfter > MAX_WAIT_S) return answer;
  if (timer.now() + answer.retryAfter * 1000 > deadline) return answer;
  timer.sleep(answer.retryAfter * 1000);
  const [second] = http.fetchAll([request]);
  return readAnswer(second.status, second.text);
}

/**
 * Whether the bot's token works and the bot can reach the chat, before they are stored: getChat answers
 * 401 «Unauthorized» for a bad token and 400 «Bad Request: chat not found» for a chat the bot cannot
 * reach. One request, never throws.
 */
export function checkTelegramChat(http: HttpClient, credentials: TelegramCredentials): TelegramAnswer {
  try {
    const [answer] = http.fetchAll([
      {
        method: 'post' as const,
        url: `${TELEGRAM_API}bot${credentials.token}/getChat`,
        headers: {},
        body: { chat_id: credentials.chatId },
      },
    ]);
    return readAnswer(answer.status, answer.text);
  } catch (error) {
    return {
      ok: false,
      error: `нет ответа: ${error instanceof Error ? error.message : String(error)}`,
      reason: 'unreachable',
    };
  }
}
