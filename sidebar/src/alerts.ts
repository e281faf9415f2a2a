/**
 * Low-stock alerts (SPEC 5.9) in «Сводка»: the SKUs below «Мин. остаток» (first 10 and «и ещё N»), and
 * «Уведомления о малом остатке» — two switches of the settings form (saved with «Сохранить») and the
 * owner's Telegram bot: token and chat id (setAlertCredentials, never shown back) and «Проверить уведомления».
 */
import { h } from './dom';
import type { Draft, State } from './draft';
import { busyClick, feedbackSlot, message } from './feedback';
import { checkbox, control, textInput } from './fields';
import { call } from './server';

const SHOWN = 10;

/** The SKUs below their minimum at the last recalculation. */
export function lowStockView(state: State): HTMLElement | null {
  const { count, items } = state.lowStock;
  if (!count) return null;
  const shown = items.slice(0, SHOWN);
  const more = count - shown.length;
  return h(
    'section',
    { id: 'low-stock', class: 'card' },
    h('h2', {}, `Ниже мин. остатка: ${count}`),
    h(
      'ul',
      { class: 'low-stock-list' },
      ...shown.map((i) =>
        h('li', {}, h('strong', {}, i.sku), ` — к продаже ${i.forSale}, минимум ${i.min} (строка ${i.row})`),
      ),
      more > 0 ? h('li', { class: 'muted' }, `и ещё ${more}`) : null,
    ),
  );
}

/** The two switches, part of the settings form. */
export function alertFields(draft: Draft): HTMLElement[] {
  // Settings saved before alerts existed come back with both off (the server's default).
  const alerts = () => draft.alerts ?? { email: false, telegram: false };
  return [
    h('h3', {}, 'Уведомления о малом остатке'),
    checkbox('Письмо владельцу раз в день', draft.alerts?.email === true, (v) => {
      draft.alerts = { ...alerts(), email: v };
    }),
    checkbox('Сообщение в Telegram', draft.alerts?.telegram === true, (v) => {
      draft.alerts = { ...alerts(), telegram: v };
    }),
    h(
      'p',
      { class: 'muted field-note' },
      'Когда «К продаже» опускается ниже «Мин. остаток», артикул попадает в письмо (не чаще раза в день) и в сообщение Telegram — один раз, пока не поднимется до минимума снова. Сохраните настройки, затем подключите бота ниже.',
    ),
  ];
}

type Report = (text: string | HTMLElement, kind?: 'ok' | 'error') => void;

/** The owner's Telegram bot and the test: results beside the buttons («alerts» slot). */
export function telegramView(state: State, redraw: Report): HTMLElement {
  const bot = state.alerts.telegram;
  const slot = feedbackSlot('alerts');
  // A refusal stays beside the buttons with the fields as typed; a success draws the panel again.
  const report: Report = (text, kind = 'ok') => {
    if (kind === 'ok') return redraw(text, kind);
    slot.replaceChildren(typeof text === 'string' ? message('error', text) : text);
  };
  const typed = { token: '', chatId: '' };
  const token = textInput('', (v) => (typed.token = v), {
    autocomplete: 'off',
    placeholder: bot.connected ? 'новый токен заменит прежний' : '123456789:AAE…',
  });
  const chat = textInput('', (v) => (typed.chatId = v), { autocomplete: 'off', placeholder: '123456789' });
  const connect = h('button', { type: 'button', id: 'alerts-connect' }, 'Подключить') as HTMLButtonElement;
  connect.addEventListener(
    'click',
    busyClick(connect, 'Подключаю…', report, async () => {
      const result = await call('setAlertCredentials', typed);
      if (!result.ok) return report(result.error, 'error');
      report(result.telegram.connected ? 'Telegram подключён.' : 'Telegram отключён.');
    }),
  );
  const test = h('button', { type: 'button', id: 'alerts-test' }, 'Проверить уведомления') as HTMLButtonElement;
  test.addEventListener(
    'click',
    busyClick(test, 'Проверяю…', report, () => testResult(report)),
  );
  return h(
    'section',
    { id: 'alerts', 'aria-labelledby': 'alerts-title' },
    h('h3', { id: 'alerts-title' }, 'Telegram для уведомлений'),
    h(
      'p',
      { class: 'muted', id: 'alerts-telegram-state' },
      bot.connected ? `Подключён, чат ${bot.chat ?? ''}.` : 'Не подключён.',
    ),
    control('Токен бота (от @BotFather)', token, 'alerts.token'),
    control('ID чата (от @userinfobot)', chat, 'alerts.chatId'),
    h('div', { class: 'actions' }, connect, test),
    slot,
  );
}

async function testResult(report: Report): Promise<void> {
  const result = await call('testAlerts');
  if (result.message) return report(result.message, 'error');
  report(h('div', { class: 'alert-results' }, ...result.ways.map((w) => message(w.ok ? 'ok' : 'error', w.message))));
}
