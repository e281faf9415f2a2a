/**
 * The Telegram connector's texts never start with «Telegram» (callers say whose answer it is), and
 * checkTelegramChat tells a refusal (the token or chat is wrong) from no answer (it says nothing of them).
 */
import type { HttpClient, HttpRequest } from '../../src/connectors/http';
import { checkTelegramChat, readAnswer } from '../../src/connectors/telegram';

const BOT = { token: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', chatId: '987654321' };

function answering(status: number, body: unknown, seen: HttpRequest[] = []): HttpClient {
  return {
    fetchAll(requests) {
      seen.push(...requests);
      return requests.map(() => ({
        status,
        text: typeof body === 'string' ? body : JSON.stringify(body),
        headers: {},
      }));
    },
  };
}

it('the refusals read well after «Telegram: »', () => {
  const unauthorized = readAnswer(401, JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
  expect(unauthorized).toEqual({
    ok: false,
    reason: 'refused',
    error: 'токен бота не принят (Unauthorized): скопируйте токен у @BotFather ещё раз.',
    field: 'token',
  });
  const noChat = readAnswer(
    400,
    JSON.stringify({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }),
  );
  expect(noChat).toMatchObject({ ok: false, reason: 'refused', field: 'chatId' });
  for (const [status, text] of [
    [401, '{"ok":false,"description":"Unauthorized"}'],
    [403, '{"ok":false,"description":"Forbidden: bot was blocked by the user"}'],
    [500, '{"ok":false,"description":"Internal Server Error"}'],
    [0, 'timeout'],
    [200, '<html>'],
  ] as const) {
    const answer = readAnswer(status, text);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error).not.toMatch(/^Telegram/);
  }
  expect(readAnswer(502, '{"ok":false,"description":"Bad Gateway"}')).toMatchObject({ reason: 'unreachable' });
  expect(readAnswer(0, 'timeout')).toMatchObject({ reason: 'unreachable' });
});

it('checkTelegramChat posts getChat with the chat id, and never throws', () => {
  const seen: HttpRequest[] = [];
  expect(
    checkTelegramChat(answering(200, { ok: true, result: { id: 987654321, type: 'private' } }, seen), BOT),
  ).toEqual({
    ok: true,
  });
  expect(seen).toEqual([
    {
      method: 'post',
      url: `https://api.telegram.org/bot${BOT.token}/getChat`,
      headers: {},
      body: { chat_id: BOT.chatId },
    },
  ]);
  const throwing: HttpClient = {
    fetchAll() {
      throw new Error('Address unavailable');
    },
  };
  expect(checkTelegramChat(throwing, BOT)).toEqual({
    ok: false,
    reason: 'unreachable',
    error: 'нет ответа: Address unavailable',
  });
});
