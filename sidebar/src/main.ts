/**
 * The sidebar in tabs (see tabs.ts): «Сводка» (the last recalculation, «Пересчитать», the problems, what
 * waits for confirmation, sending, the sending settings and the guard), «Каналы», «Склады», «Площадки»,
 * «Резервы» (with the settings as JSON). After any action the panel is drawn again from fresh state, on
 * the same tab, with the action's result beside the button pressed (feedback.ts). «Склады» also holds the
 * kits form (kitsForm.ts), which writes the sheet «Комплекты» with its own button.
 */
import { jsonErrorText } from '../../src/core/jsonErrors';
import { lowStockView, telegramView } from './alerts';
import { checklistView } from './checklist';
import { connectionsView } from './connections';
import { type Child, h } from './dom';
import { feedbackSlot, message, owe, owes, showNow, unpaid } from './feedback';
import { heldImportsView } from './heldImports';
import { kitsView, withUnsavedKits } from './kitsForm';
import { recalcNotice, savedNotice } from './pushPreview';
import { drawn, refreshHeading, refreshOnReturn } from './refresh';
import { sendingView } from './sending';
import { call, errorText } from './server';
import { settingsConfirmationView } from './settingsConfirmation';
import { settingsForm } from './settingsForm';
import { setupView } from './setup';
import { stopBanner } from './stopBanner';
import { currentTab, panelOf, tabbedLayout } from './tabs';
import { formatMoment } from './time';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type Summary = NonNullable<State['lastRecalc']>;

const app = document.getElementById('app') as HTMLElement;

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
    // Where invalid rows are counted, what they mean for sales (each is named in «Что исправить»).
    summary.invalidCount
      ? h(
          'p',
          { class: 'muted field-note', id: 'invalid-note' },
          'Строки с ошибками не отправляются: на площадках остаётся прежнее число, пока строку не исправят.',
        )
      : null,
    line('Активных резервов', summary.activeReserves),
    summary.lowStockCount ? line('Ниже мин. остатка', summary.lowStockCount, 'low-stock-count') : null,
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

/** Draws the whole panel; `notice` is the result of the action with that key, shown in its slot. */
function render(state: State, key = '', notice?: HTMLElement): void {
  owe(key, notice);
  const form = settingsForm(state, { saved: (saved) => redraw('form', withUnsavedKits(saved)) });
  const layout = tabbedLayout(
    {
      summary: summaryPanel(state, form.parts.summary),
      channels: [h('h2', {}, 'Каналы и правила'), form.parts.channels],
      warehouses: [
        h('h2', {}, 'Склады и источники'),
        form.parts.warehouses,
        kitsView(state, (notice) => redraw('kits', notice)),
      ],
      connections: [
        connectionsView(state, (id, text) => redraw(`connection:${id}`, message('ok', text))) ?? noConnections(),
      ],
      reserves: [h('h2', {}, 'Резервы из заказов'), form.parts.reserves, jsonSettings(state)],
    },
    form.bar,
  );
  // The part the action was about is gone (nothing held any more…): its result heads the tab shown.
  const left = unpaid();
  if (left) panelOf(currentTab())?.prepend(left);
  app.replaceChildren(layout);
  drawn(state);
}

/** After a change in one part the whole panel is drawn again from fresh state; a failure to get it shows in the part. */
function redraw(key: string, notice: HTMLElement): void {
  void call('getState').then(
    (fresh) => render(fresh, key, notice),
    (error) => report(key, message('error', errorText(error))),
  );
}

/** A notice for the slot on screen now; with no such slot, at the head of the tab shown. */
function report(key: string, notice: HTMLElement): void {
  if (!showNow(key, notice)) panelOf(currentTab())?.prepend(notice);
}

/** A reporter for views that say what happened in words: the panel redraws with it in the view's slot. */
function refreshing(key: string) {
  return (text: string | HTMLElement, kind: 'ok' | 'error' = 'ok') =>
    redraw(key, typeof text === 'string' ? message(kind, text) : text);
}

function summaryPanel(state: State, formPart: HTMLElement): Child[] {
  return [
    // What stopped heads the summary: nothing is sent until it is fixed.
    stopBanner(state),
    ...refreshHeading(),
    setupView(state, refreshing('setup')),
    feedbackSlot('setup'),
    checklistView(state),
    summaryView(state.lastRecalc),
    h('div', { class: 'actions' }, recalcButton()),
    feedbackSlot('recalc'),
    lowStockView(state),
    problemsView(state.lastRecalc),
    settingsConfirmationView(state, refreshing('pending-settings')),
    feedbackSlot('pending-settings'),
    heldImportsView(state, refreshing('held-imports')),
    feedbackSlot('held-imports'),
    sendingView(state, refreshing('sending')),
    formPart,
    telegramView(state, refreshing),
  ];
}

/** «Площадки» before there is a marketplace channel to connect. */
function noConnections(): HTMLElement {
  return h(
    'section',
    { id: 'connections' },
    h('h2', {}, 'Подключение площадок'),
    h(
      'p',
      { class: 'muted' },
      'Здесь вводятся ключи Ozon, Wildberries и Яндекс Маркета. Добавьте канал с площадкой на вкладке «Каналы» и сохраните настройки — появится его карточка.',
    ),
  );
}

function recalcButton(): HTMLButtonElement {
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
        render(fresh, 'recalc', recalcNotice(result));
      } catch (error) {
        report('recalc', message('error', errorText(error)));
      }
    }),
  );
  return button;
}

/** «Настройки как JSON (для опытных)»: the stored settings as text to edit by hand, saved as a whole. */
function jsonSettings(state: State): HTMLElement {
  // Open when it shows the result of its own «Сохранить» (asked before its slot takes that result).
  const open = owes('json');
  const editor = h('textarea', {
    id: 'settings-json',
    'aria-label': 'Настройки в формате JSON',
    spellcheck: 'false',
  }) as HTMLTextAreaElement;
  editor.value = JSON.stringify(state.settings, null, 2);
  const errors = feedbackSlot('json', { id: 'settings-errors' });
  const saveButton = h('button', { class: 'primary', id: 'save', type: 'button' }, 'Сохранить') as HTMLButtonElement;
  saveButton.addEventListener('click', () => withBusy(saveButton, 'Сохраняю…', () => saveJson(editor.value, errors)));
  return h(
    'details',
    open ? { open: '' } : {},
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
    render(fresh, 'json', savedNotice(result.recalculation));
  } catch (error) {
    errors.replaceChildren(message('error', errorText(error)));
  }
}

async function start(): Promise<void> {
  try {
    refreshOnReturn(app, render);
    render(await call('getState'));
  } catch (error) {
    app.replaceChildren(message('error', `Не удалось загрузить состояние: ${errorText(error)}`));
  }
}

void start();
