/**
 * Low-stock alerts (SPEC 5.9) in «Сводка»: the SKUs below «Мин. остаток» (first 10 and «и ещё N»), and
 * «Уведомления о малом остатке» — two switches of the settings form (saved with «Сохранить») and the
 * owner's Telegram bot: token and chat id (setAlertCredentials, never shown back), «Отключить» and
 * «Проверить уведомления».
 */
import { HEADERS, normalizeHeader } from '../../src/core/headers';
import { h } from './dom';
import type { Draft, State } from './draft';
import { busyClick, feedbackSlot, message } from './feedback';
import { checkbox, control, textInput } from './fields';
import { call } from './server';
import { formatMoment } from './time';

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

/** Form errors of the two fields, as setAlertCredentials answers them. */
type FieldErrors = Partial<Record<'token' | 'chatId', string>>;

type Report = (text: string | HTMLElement, kind?: 'ok' | 'error') => void;

/** What the block says of the bot: Telegram's last word on it, never «Подключён» after a failure. */
function botLine(bot: State['alerts']['telegram']): string {
  if (!bot.connected) return 'Не подключён.';
  const chat = bot.chat ?? '';
  if (bot.status === 'error') return `Чат ${chat}, ошибка: ${bot.error ?? 'Telegram не принял сообщение.'}`;
  if (bot.status === 'unchecked') return `Сохранён, но не проверен: чат ${chat}. Нажмите «Проверить уведомления».`;
  return `Подключён, чат ${chat}.`;
}

/** When the last real alerts went out (a test is no stock event and does not count). */
function lastSentLines(state: State): HTMLElement[] {
  const lines: HTMLElement[] = [];
  if (state.alerts.lastMail)
    lines.push(
      h(
        'p',
        { class: 'muted', id: 'alerts-last-mail' },
        `Последнее письмо о малом остатке: ${formatMoment(state.alerts.lastMail)}`,
      ),
    );
  if (state.alerts.telegram.lastSent)
    lines.push(
      h(
        'p',
        { class: 'muted', id: 'alerts-last-telegram' },
        `Последнее сообщение в Telegram о малом остатке: ${formatMoment(state.alerts.telegram.lastSent)}`,
      ),
    );
  return lines;
}

/** «Сообщение в Telegram» saved on, but no bot to send with: nothing reaches Telegram. */
function noBotWarning(bot: State['alerts']['telegram']): HTMLElement | null {
  if (!bot.enabled || bot.connected) return null;
  return h(
    'p',
    { class: 'message warning', id: 'alerts-no-bot' },
    'Сообщение в Telegram включено, но бот не подключён: уведомления в Telegram не приходят. Подключите бота ниже или снимите отметку.',
  );
}

/** Alerts on, but nothing to alert about: no «Мин. остаток» column, or no row with a number in it. */
export function minimumHint(state: State): HTMLElement | null {
  if (!state.alerts.email && !state.alerts.telegram.enabled) return null;
  if (!state.stockSheet.exists) return null;
  const wanted = normalizeHeader(HEADERS.minStock);
  if (!state.stockSheet.headers.some((x) => normalizeHeader(x) === wanted))
    return h(
      'p',
      { class: 'message warning', id: 'alerts-min-hint' },
      'На листе «Остатки» нет столбца «Мин. остаток»: уведомлять не о чем. Добавьте столбец и задайте минимум для товаров.',
    );
  if (state.lowStock.withMin === 0)
    return h(
      'p',
      { class: 'muted', id: 'alerts-min-hint' },
      'В столбце «Мин. остаток» пока ни у одного товара нет числа: задайте минимум тем товарам, о которых нужно напоминать.',
    );
  return null;
}

/**
 * The owner's Telegram bot and the test. «Подключить»: a wrong token or chat id under its field, any
 * other answer under the button («alerts» slot); «Проверить уведомления»: under that button («alerts-test»).
 */
export function telegramView(state: State, refreshing: (key: string) => Report): HTMLElement {
  const bot = state.alerts.telegram;
  const slot = feedbackSlot('alerts');
  const typed = { token: '', chatId: '' };
  const token = textInput('', (v) => (typed.token = v), {
    autocomplete: 'off',
    placeholder: bot.connected ? 'новый токен заменит прежний' : '123456789:AAE…',
  });
  const chat = textInput('', (v) => (typed.chatId = v), { autocomplete: 'off', placeholder: '123456789' });
  const fields = [
    control('Токен бота (от @BotFather)', token, 'alerts.token'),
    control('ID чата (от @userinfobot)', chat, 'alerts.chatId'),
  ];
  const testSlot = feedbackSlot('alerts-test');
  const disconnectSlot = feedbackSlot('alerts-disconnect');
  // Only the latest result shows: a button pressed clears what the others said before.
  const clear = (...places: HTMLElement[]) => {
    for (const place of places) place.replaceChildren();
  };
  const errorPlaces = () => fields.flatMap((f) => [...f.querySelectorAll<HTMLElement>('[data-error-for]')]);
  const connect = connectButton(typed, fields, slot, refreshing('alerts'), () => clear(testSlot, disconnectSlot));
  const disconnect = bot.connected ? disconnectButton(refreshing('alerts-disconnect')) : null;
  const test = h('button', { type: 'button', id: 'alerts-test' }, 'Проверить уведомления') as HTMLButtonElement;
  const tested = refreshing('alerts-test');
  test.addEventListener(
    'click',
    busyClick(test, 'Проверяю…', tested, () => {
      clear(slot, disconnectSlot, ...errorPlaces());
      return testResult(tested);
    }),
  );
  return h(
    'section',
    { id: 'alerts', 'aria-labelledby': 'alerts-title' },
    h('h3', { id: 'alerts-title' }, 'Telegram для уведомлений'),
    minimumHint(state),
    noBotWarning(bot),
    h('p', { class: bot.status === 'error' ? 'message error' : 'muted', id: 'alerts-telegram-state' }, botLine(bot)),
    ...lastSentLines(state),
    state.alerts.capped
      ? h(
          'p',
          { class: 'message warning', id: 'alerts-capped' },
          'Ниже минимума больше 2000 артикулов: уведомления идут о первых 2000 замеченных, о следующих — когда часть из них поднимется до минимума.',
        )
      : null,
    ...fields,
    h('div', { class: 'actions' }, connect),
    slot,
    disconnect ? h('div', { class: 'actions' }, disconnect) : null,
    // Drawn without the button too: «Telegram отключён» shows where the button was.
    disconnectSlot,
    h('div', { class: 'actions' }, test),
    testSlot,
  );
}

/** «Подключить»: a refusal stays with the fields as typed; a success draws the panel again. */
function connectButton(
  typed: { token: string; chatId: string },
  fields: HTMLElement[],
  slot: HTMLElement,
  redraw: Report,
  clearOthers: () => void,
): HTMLButtonElement {
  const connect = h('button', { type: 'button', id: 'alerts-connect' }, 'Подключить') as HTMLButtonElement;
  const errorFor = (path: string) => fields.map((f) => f.querySelector(`[data-error-for="${path}"]`)).find(Boolean);
  const refuse = (text: string, field?: 'token' | 'chatId', both?: FieldErrors) => {
    for (const f of fields) f.querySelector('[data-error-for]')?.replaceChildren();
    // The form's errors: every wrong field at once, each under it; Telegram's refusal: under its field.
    const said: FieldErrors = both ?? (field ? { [field]: text } : {});
    let placed = false;
    for (const key of ['token', 'chatId'] as const) {
      const place = said[key] ? errorFor(`alerts.${key}`) : undefined;
      if (place) place.replaceChildren(said[key] ?? '');
      placed ||= Boolean(place);
    }
    if (placed) slot.replaceChildren();
    else slot.replaceChildren(message('error', text));
  };
  connect.addEventListener(
    'click',
    busyClick(
      connect,
      'Подключаю…',
      (text) => refuse(text),
      async () => {
        clearOthers();
        const result = await call('setAlertCredentials', typed);
        if (!result.ok) return refuse(result.error, result.field, result.fields);
        redraw(
          result.unchecked
            ? h('div', { class: 'message warning', role: 'status' }, result.message)
            : message('ok', result.message),
        );
      },
    ),
  );
  return connect;
}

/** «Отключить»: removes the owner's bot (empty fields and «Подключить» never do); the panel is drawn again. */
function disconnectButton(redraw: Report): HTMLButtonElement {
  const button = h('button', { type: 'button', id: 'alerts-disconnect' }, 'Отключить') as HTMLButtonElement;
  button.addEventListener(
    'click',
    busyClick(button, 'Отключаю…', redraw, async () => {
      const result = await call('setAlertCredentials', { disconnect: true });
      if (!result.ok) return redraw(result.error, 'error');
      redraw(message('ok', result.message));
    }),
  );
  return button;
}

/** Always drawn again from fresh state: the test's answer is the bot's status too. */
async function testResult(report: Report): Promise<void> {
  const result = await call('testAlerts');
  if (result.message) return report(result.message, 'error');
  report(h('div', { class: 'alert-results' }, ...result.ways.map((w) => message(w.ok ? 'ok' : 'error', w.message))));
}
