/**
 * A stand-in for the Telegram Bot API's sendMessage (https://core.telegram.org/bots/api#sendmessage) and
 * getChat (https://core.telegram.org/bots/api#getchat: {ok:true, result: Chat} — id, type and, for a
 * person, first_name; for a group or channel, title), for low-stock alerts: not a marketplace, so no API description; it answers as the Bot API documents —
 * {ok:true, result:{message_id, date, chat, text}} or {ok:false, error_code, description} — with 401
 * «Unauthorized» for an unknown token, 400 «Bad Request: chat not found» for a chat the bot cannot
 * write to, 400 for an empty or too long text. A fault answers the next sendMessage or getChat. Lives
 * in the sandbox worker, beside the file server.
 * Control: POST /__telegram/configure {token, chats}, /__telegram/fault {status, description,
 * retryAfter?, count}, /__telegram/messages (what was delivered: chat and text, never the token), /__telegram/reset.
 */
import * as http from 'node:http';

interface Fault {
  status: number;
  description: string;
  retryAfter?: number;
  count: number;
}

const TEXT_MAX = 4096;

export function serveTelegram(port = 0): Promise<http.Server> {
  let bot: { token: string; chats: string[] } | null = null;
  let faults: Fault[] = [];
  let messages: { chat_id: string; text: string }[] = [];
  let nextId = 1;
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: http.ServerResponse, status: number, description: string, retryAfter?: number) =>
    answer(res, status, {
      ok: false,
      error_code: status,
      description,
      ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}),
    });
  const control = (action: string, body: any, res: http.ServerResponse) => {
    if (action === 'configure') bot = { token: String(body.token), chats: (body.chats ?? []).map(String) };
    else if (action === 'fault') faults.push({ count: 1, ...body });
    else if (action === 'reset') {
      bot = null;
      faults = [];
      messages = [];
    } else if (action !== 'messages') return answer(res, 404, { error: `unknown action ${action}` });
    answer(res, 200, action === 'messages' ? messages : { ok: true });
  };
  /** A queued fault, a wrong token or a chat the bot cannot reach is refused as Telegram does; otherwise the chat. */
  const reachableChat = (token: string, body: any, res: http.ServerResponse): string | null => {
    const fault = faults[0];
    if (fault) {
      if (--fault.count <= 0) faults.shift();
      refuse(res, fault.status, fault.description, fault.retryAfter);
      return null;
    }
    if (!bot || token !== bot.token) {
      refuse(res, 401, 'Unauthorized');
      return null;
    }
    const chat = String(body?.chat_id ?? '');
    if (!bot.chats.includes(chat)) {
      refuse(res, 400, 'Bad Request: chat not found');
      return null;
    }
    return chat;
  };
  const sendMessage = (token: string, body: any, res: http.ServerResponse) => {
    const chat = reachableChat(token, body, res);
    if (chat === null) return;
    const text = typeof body?.text === 'string' ? body.text : '';
    if (!text.trim()) return refuse(res, 400, 'Bad Request: message text is empty');
    if (text.length > TEXT_MAX) return refuse(res, 400, 'Bad Request: message is too long');
    messages.push({ chat_id: chat, text });
    answer(res, 200, {
      ok: true,
      result: { message_id: nextId++, date: Math.floor(Date.now() / 1000), chat: { id: chat }, text },
    });
  };
  const getChat = (token: string, body: any, res: http.ServerResponse) => {
    const chat = reachableChat(token, body, res);
    if (chat === null) return;
    const result = chat.startsWith('@')
      ? { id: -1001234567890, type: 'channel', title: chat.slice(1), username: chat.slice(1) }
      : chat.startsWith('-')
        ? { id: Number(chat), type: 'group', title: 'Группа' }
        : { id: Number(chat), type: 'private', first_name: 'Продавец' };
    answer(res, 200, { ok: true, result });
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = {};
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        if (!url.pathname.startsWith('/__telegram/')) return refuse(res, 400, "Bad Request: can't parse JSON");
      }
      if (req.method === 'POST' && url.pathname.startsWith('/__telegram/'))
        return control(url.pathname.slice('/__telegram/'.length), body, res);
      const method = /^\/bot([^/]+)\/(sendMessage|getChat)$/.exec(url.pathname);
      if (req.method === 'POST' && method)
        return (method[2] === 'getChat' ? getChat : sendMessage)(decodeURIComponent(method[1]), body, res);
      refuse(res, 404, 'Not Found');
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
