/**
 * The sidebar's first part (issue: foundation): the state of the last recalculation, the problems
 * found, a working «Пересчитать», and the settings as JSON with their validation errors.
 */
import { jsonErrorText } from '../../src/core/jsonErrors';
import { checklistView } from './checklist';
import { connectionsView } from './connections';
import { h } from './dom';
import { heldImportsView } from './heldImports';
import { sendingView } from './sending';
import { call, errorText } from './server';
import { settingsConfirmationView } from './settingsConfirmation';
import { settingsForm } from './settingsForm';
import { setupView } from './setup';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type Summary = NonNullable<State['lastRecalc']>;

const app = document.getElementById('app') as HTMLElement;

const MOSCOW = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Moscow' });
export function formatMoment(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${MOSCOW.format(date)} (МСК)`;
}

function message(kind: 'ok' | 'error', text: string): HTMLElement {
  return h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

function summaryView(summary: Summary | null): HTMLElement {
  if (!summary) return h('div', { class: 'card', id: 'summary' }, h('p', { class: 'muted' }, 'Пересчёта ещё не было.'));
  const line = (label: string, value: string | number, id?: string) =>
    h('div', { class: 'row' }, h('span', {}, label), h('strong', id ? { id } : {}, String(value)));
  const channels = summary.channels.length
    ? h(
        'table',
        {},
        h('tr', {}, h('th', {}, 'Канал'), h('th', { class: 'num' }, 'Позиций'), h('th', { class: 'num' }, 'Штук')),
        ...summary.channels.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, c.name),
            h('td', { class: 'num' }, String(c.items)),
            h('td', { class: 'num' }, String(c.units)),
          ),
        ),
      )
    : h('p', { class: 'muted' }, 'Каналов пока нет.');
  return h(
    'div',
    { class: 'card', id: 'summary' },
    line('Пересчитано', formatMoment(summary.at), 'recalc-at'),
    line('Артикулов', summary.skuCount, 'sku-count'),
    line('С ошибками', summary.invalidCount, 'invalid-count'),
    line('Активных резервов', summary.activeReserves),
    summary.lowStockCount ? line('Ниже мин. остатка', summary.lowStockCount) : null,
    h('h2', {}, 'По каналам'),
    channels,
  );
}

function problemsView(summary: Summary | null): HTMLElement | null {
  if (!summary || summary.problemCount === 0) return null;
  const more = summary.problemCount - summary.problems.length;
  return h(
    'section',
    {},
    h('h2', {}, `Что исправить (${summary.problemCount})`),
    h(
      'ul',
      { class: 'problems', id: 'problems' },
      ...summary.problems.map((p) => {
        const go = h('button', { type: 'button', class: 'link', title: 'Перейти к ячейке' }, p.text);
        go.addEventListener('click', () => {
          void call('goToCell', p.sheet, p.row, p.column).catch(() => undefined);
        });
        return h('li', { class: p.severity }, go);
      }),
    ),
    more > 0 ? h('p', { class: 'muted' }, `И ещё ${more}: исправьте эти и пересчитайте.`) : null,
  );
}

let busy = false;
async function withBusy(button: HTMLButtonElement, busyText: string, work: () => Promise<void>): Promise<void> {
  if (busy) return;
  busy = true;
  const text = button.textContent;
  button.disabled = true;
  button.textContent = busyText;
  try {
    await work();
  } finally {
    busy = false;
    button.disabled = false;
    button.textContent = text;
  }
}

function render(state: State, notice?: HTMLElement): void {
  const feedback = h('div', { id: 'feedback' }, notice);
  // After a change in one part the whole panel is drawn again from fresh state; a failure to get it shows here.
  const redraw = (next: HTMLElement) => {
    void call('getState').then(
      (fresh) => render(fresh, next),
      (error) => feedback.replaceChildren(message('error', errorText(error))),
    );
  };
  app.replaceChildren(
    h(
      'div',
      {},
      h('h2', {}, 'Состояние'),
      feedback,
      setupView(state, (text, kind = 'ok') => redraw(message(kind, text))),
      checklistView(state),
      summaryView(state.lastRecalc),
      h('div', { class: 'actions' }, recalcButton(feedback)),
      problemsView(state.lastRecalc),
      heldImportsView(state, (text, kind = 'ok') => redraw(message(kind, text))),
      settingsConfirmationView(state, (text, kind = 'ok') => redraw(message(kind, text))),
      sendingView(state, (text, kind = 'ok') => redraw(message(kind, text))),
      connectionsView(state, (text) => redraw(message('ok', text))),
      settingsForm(state, { saved: redraw }),
      jsonSettings(state),
    ),
  );
}

function recalcButton(feedback: HTMLElement): HTMLButtonElement {
  const button = h(
    'button',
    { class: 'primary', id: 'recalculate', type: 'button' },
    'Пересчитать',
  ) as HTMLButtonElement;
  button.addEventListener('click', () =>
    withBusy(button, 'Пересчитываю…', async () => {
      try {
        const result = await call('recalculate');
        const fresh = await call('getState');
        render(
          fresh,
          result.ok ? message('ok', `Готово: артикулов ${result.summary.skuCount}.`) : message('error', result.error),
        );
      } catch (error) {
        feedback.replaceChildren(message('error', errorText(error)));
      }
    }),
  );
  return button;
}

/** «Настройки как JSON (для опытных)»: the stored settings as text to edit by hand, saved as a whole. */
function jsonSettings(state: State): HTMLElement {
  const editor = h('textarea', {
    id: 'settings-json',
    'aria-label': 'Настройки в формате JSON',
    spellcheck: 'false',
  }) as HTMLTextAreaElement;
  editor.value = JSON.stringify(state.settings, null, 2);
  const errors = h('div', { id: 'settings-errors' });
  const saveButton = h('button', { class: 'primary', id: 'save', type: 'button' }, 'Сохранить') as HTMLButtonElement;
  saveButton.addEventListener('click', () => withBusy(saveButton, 'Сохраняю…', () => saveJson(editor.value, errors)));
  return h(
    'details',
    {},
    h('summary', {}, 'Настройки как JSON (для опытных)'),
    settingsNote(state),
    editor,
    errors,
    h('div', { class: 'actions' }, saveButton),
  );
}

/** Why the JSON below may not be the seller's own yet: nothing saved, or saved settings that no longer pass. */
function settingsNote(state: State): HTMLElement | null {
  if (state.settingsStatus === 'none')
    return h(
      'p',
      { class: 'muted' },
      'Настройки ещё не сохранены: ниже — пример с одним складом. Опишите свои склады и каналы и нажмите «Сохранить».',
    );
  if (state.settingsStatus === 'broken')
    return message(
      'error',
      `Сохранённые настройки с ошибками: ${state.settingsErrors.map((e) => e.message).join('; ')}`,
    );
  return null;
}

async function saveJson(text: string, errors: HTMLElement): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    errors.replaceChildren(message('error', jsonErrorText(text, error)));
    return;
  }
  try {
    const result = await call('saveSettings', parsed);
    if (!result.ok) {
      errors.replaceChildren(
        h(
          'div',
          { class: 'message error', role: 'alert' },
          h('strong', {}, 'Не сохранено. Исправьте:'),
          h('ul', {}, ...result.errors.map((e) => h('li', { 'data-path': e.path }, e.message))),
        ),
      );
      return;
    }
    const fresh = await call('getState');
    const recalc = result.recalculation;
    render(
      fresh,
      recalc.ok
        ? message('ok', 'Настройки сохранены, таблица пересчитана.')
        : message('error', `Настройки сохранены, но пересчёт остановлен: ${recalc.error}`),
    );
  } catch (error) {
    errors.replaceChildren(message('error', errorText(error)));
  }
}

async function start(): Promise<void> {
  try {
    render(await call('getState'));
  } catch (error) {
    app.replaceChildren(message('error', `Не удалось загрузить состояние: ${errorText(error)}`));
  }
}

void start();
