/**
 * The red banner at the head of «Сводка» while the last recalculation or run stopped (state.stopped: a
 * column missing from «Остатки», every row with errors…) or the stored settings no longer pass: what
 * stopped, what it means for sales, what to do, and a button to the place where it is fixed. It stays
 * until a recalculation goes through again, also in a panel opened after a scheduled run stopped.
 */
import { TABS } from '../../src/core/checklist';
import { type MissingColumn, missingColumns } from '../../src/core/sheetColumns';
import { h } from './dom';
import type { State } from './draft';
import { formatMoment } from './time';

type Stop = NonNullable<State['stopped']>;

/** Whether stock would go out at all: the master switch on and an API channel switched on. */
function sends(state: State): boolean {
  return state.settings.sendEnabled && state.settings.channels.some((c) => c.marketplace !== 'manual' && c.enabled);
}

function meaning(state: State): string {
  return sends(state)
    ? 'Что это значит: остатки не отправляются, на площадках остаются прежние числа — проданное на одной площадке не убавится на других.'
    : 'Что это значит: столбцы каналов на листе не пересчитываются, пока причина не исправлена.';
}

function linkButton(text: string, act: () => void): HTMLElement {
  const button = h('button', { type: 'button' }, text);
  button.addEventListener('click', act);
  return button;
}

/** Opens the tab and puts the cursor into the field that names the missing column. */
function goToField(missing: MissingColumn): void {
  document.getElementById(TABS[missing.tab].id)?.click();
  const slot = document.querySelector(`[data-error-for="${CSS.escape(missing.path)}"]`);
  const field = slot?.closest('.field')?.querySelector('input,select') as HTMLElement | null | undefined;
  field?.scrollIntoView({ block: 'center' });
  field?.focus({ preventScroll: true });
}

const recalcButton = () =>
  linkButton('Пересчитать', () => (document.getElementById('recalculate') as HTMLButtonElement | null)?.click());

/** What to do, and the buttons that take the seller there. */
function remedy(state: State): { text: string; buttons: HTMLElement[] } {
  const missing = missingColumns(state.settings, state.stockSheet.headers)[0];
  if (missing) {
    const tab = TABS[missing.tab].label;
    return {
      text: `Что сделать: исправьте столбец «${missing.header}» (${missing.owner}) на вкладке «${tab}» и нажмите «Сохранить» — или впишите заголовок «${missing.header}» в первую строку листа «Остатки» и нажмите «Пересчитать».`,
      buttons: [linkButton(`Исправить на вкладке «${tab}»`, () => goToField(missing)), recalcButton()],
    };
  }
  if (state.lastRecalc?.problemCount && state.lastRecalc.invalidCount)
    return {
      text: 'Что сделать: исправьте строки из списка «Что исправить» ниже и нажмите «Пересчитать».',
      buttons: [
        linkButton('К списку «Что исправить»', () => document.getElementById('problems')?.scrollIntoView()),
        recalcButton(),
      ],
    };
  return { text: 'Что сделать: исправьте то, что названо выше, и нажмите «Пересчитать».', buttons: [recalcButton()] };
}

function stoppedView(state: State, stop: Stop): HTMLElement {
  const what = sends(state) ? 'Отправка остановлена' : 'Пересчёт остановлен';
  const when = `${formatMoment(stop.at)}${stop.task ? `, «${stop.task}»${stop.trigger ? ` (${stop.trigger})` : ''}` : ''}`;
  const todo = remedy(state);
  return h(
    'div',
    { class: 'message error stop-banner', id: 'stop-banner', role: 'alert' },
    h('strong', {}, `${what}: ${when}`),
    h('p', {}, stop.error),
    h('p', {}, meaning(state)),
    h('p', {}, todo.text),
    h('div', { class: 'actions' }, ...todo.buttons),
  );
}

/** Stored settings that no longer pass (an older edition's, a hand edit): no run uses them. */
function brokenView(state: State): HTMLElement {
  return h(
    'div',
    { class: 'message error stop-banner', id: 'stop-banner', role: 'alert' },
    h('strong', {}, 'Сохранённые настройки с ошибками: запуски остановлены'),
    h('p', {}, state.settingsErrors.map((e) => e.message).join('; ')),
    h(
      'p',
      {},
      'Что это значит: остатки не отправляются, на площадках остаются прежние числа — проданное на одной площадке не убавится на других.',
    ),
    h('p', {}, 'Что сделать: исправьте настройки в «Настройки как JSON (для опытных)» и нажмите «Сохранить».'),
    h('div', { class: 'actions' }, linkButton(`Открыть вкладку «${TABS.reserves.label}»`, openJson)),
  );
}

function openJson(): void {
  document.getElementById(TABS.reserves.id)?.click();
  const details = document.getElementById('settings-json')?.closest('details');
  if (details) details.open = true;
  details?.scrollIntoView({ block: 'start' });
}

export function stopBanner(state: State): HTMLElement | null {
  if (state.settingsStatus === 'broken') return brokenView(state);
  return state.stopped ? stoppedView(state, state.stopped) : null;
}
