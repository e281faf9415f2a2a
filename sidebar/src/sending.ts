/**
 * «Отправка»: the master switch's state, «Отправить остатки», the schedule on/off, pushes held by
 * the mass-zero guard with «Подтвердить отправку», and the latest tasks like a notification list.
 */
import { h } from './dom';
import { busyClick, feedbackSlot } from './feedback';
import { heldPushBody } from './heldPush';
import { isHeldRow, sendNotice } from './pushPreview';
import { call } from './server';
import { formatMoment as when } from './time';

type State = Awaited<ReturnType<typeof call<'getState'>>>;

const STATUS_CLASS: Record<string, string> = {
  Выполнено: 'ok',
  Частично: 'warning',
  Ошибка: 'error',
  'Задержано защитой': 'warning',
  Пропущено: 'muted',
  'Отправка выключена': 'muted',
};

/** Draws the panel again with a result beside the buttons: words (in green or red) or a notice made already. */
type Refresh = (notice: string | HTMLElement, kind?: 'ok' | 'error') => void;

export function sendingView(state: State, refresh: Refresh): HTMLElement | null {
  if (state.settingsStatus !== 'saved' || !state.settings.channels.some((c) => c.marketplace !== 'manual')) return null;
  return h(
    'section',
    { id: 'sending' },
    h('h2', {}, 'Отправка'),
    h(
      'p',
      { class: state.settings.sendEnabled ? 'muted' : 'message warning' },
      state.settings.sendEnabled
        ? `Отправка разрешена. Расписание: ${state.scheduleOn ? `включено, каждые ${state.settings.schedule.everyMinutes} мин.` : 'выключено.'}`
        : 'Отправка выключена: включите «Разрешить отправку остатков» в настройках.',
    ),
    // The day's trigger time against the owner's quota (SPEC 6), once a trigger has run.
    state.triggerTime?.minutes || state.triggerTime?.slowed
      ? h(
          'p',
          { class: state.triggerTime.slowed ? 'message warning' : 'muted', id: 'trigger-time' },
          `Время запусков: ${state.triggerTime.text}.`,
        )
      : null,
    state.queued
      ? h(
          'p',
          { class: 'message warning' },
          `Отправка в очереди (${state.queued.by || 'редактор'}): её выполнит следующий запуск по расписанию от имени владельца ключей.`,
        )
      : null,
    state.continues ? h('p', { class: 'message warning', id: 'continues' }, continuationNote(state)) : null,
    // A long job (the WB mapping of a large catalogue) goes on over several runs: its progress.
    ...state.longJobs.map((job) => h('p', { class: 'message', 'data-job': job.channelId }, `${job.text}.`)),
    ...Object.entries(state.held).map(([channelId, push]) => heldNotice(state, channelId, push, refresh)),
    h('div', { class: 'actions' }, sendButton(refresh), scheduleButton(state, refresh)),
    feedbackSlot('sending'),
    state.tasks.length || state.ordersPulled.length ? h('h2', {}, 'Последние задачи') : null,
    state.tasks.length || state.ordersPulled.length ? tasksList(state) : null,
  );
}

/** Where a cut run goes on from: the editions differ (SPEC 6). */
function continuationNote(state: State): string {
  if (state.continuesBy === 'hourly')
    return 'Прошлая отправка не успела за один запуск. Дополнению Google разрешает только один запуск по расписанию в час, поэтому остальное уйдёт со следующим ежечасным запуском — или нажмите «Отправить остатки».';
  if (state.continuesBy === 'owner')
    return 'Прошлая отправка не успела за один запуск: остальное отправит следующий запуск по расписанию от имени владельца.';
  return 'Прошлая отправка не успела за один запуск и продолжается сама.';
}

/** «Отправить остатки»: its result in the words and colour of its worst outcome (pushPreview.ts decides both). */
function sendButton(refresh: Refresh): HTMLButtonElement {
  const send = h('button', { type: 'button', class: 'primary', id: 'send' }, 'Отправить остатки') as HTMLButtonElement;
  send.addEventListener(
    'click',
    busyClick(send, 'Отправляю…', refresh, async () => {
      refresh(sendNotice(await call('sendStocks', 'sidebar')));
    }),
  );
  return send;
}

function scheduleButton(state: State, refresh: Refresh): HTMLButtonElement {
  const schedule = h(
    'button',
    { type: 'button', id: 'schedule' },
    state.scheduleOn ? 'Выключить расписание' : 'Включить расписание',
  ) as HTMLButtonElement;
  schedule.addEventListener(
    'click',
    busyClick(schedule, 'Минуту…', refresh, async () => {
      const result = state.scheduleOn ? await call('removeTriggers') : await call('installTriggers');
      refresh(result.message, result.ok ? 'ok' : 'error');
    }),
  );
  return schedule;
}

/** A push the mass-zero guard held: what would go to 0, and «Подтвердить отправку». */
function heldNotice(state: State, channelId: string, push: State['held'][string], refresh: Refresh): HTMLElement {
  const channel = state.settings.channels.find((c) => c.id === channelId);
  const confirm = h('button', { type: 'button', class: 'primary' }, 'Подтвердить отправку') as HTMLButtonElement;
  confirm.addEventListener(
    'click',
    busyClick(confirm, 'Отправляю…', refresh, async () => {
      const result = await call('confirmHeldSend', channelId);
      // Zeros that appeared after the ones confirmed are held again, to be confirmed in turn.
      const heldAgain = result.channels.some(isHeldRow);
      refresh(
        heldAgain
          ? `${channel?.name ?? channelId}: подтверждённое отправлено, но появились новые обнуления — они снова задержаны.`
          : result.ok
            ? `${channel?.name ?? channelId}: отправлено после подтверждения.`
            : result.message,
        result.ok && !heldAgain ? 'ok' : 'error',
      );
    }),
  );
  return h(
    'div',
    { class: 'message warning', role: 'alert', 'data-held': channelId },
    h('strong', {}, `${channel?.name ?? channelId}: отправка задержана защитой`),
    ...heldPushBody(channelId, push, confirm),
  );
}

/** The latest tasks, newest first, like a notification list; an orders pull that found nothing new says so. */
function tasksList(state: State): HTMLElement {
  const rows = [...quietOrderPulls(state), ...state.tasks]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, 12);
  return h(
    'ul',
    { class: 'problems', id: 'tasks' },
    ...rows.map((t) => h('li', { class: STATUS_CLASS[t.status] ?? '' }, taskText(t))),
  );
}

type Task = Pick<State['tasks'][number], 'at' | 'channel' | 'status' | 'items' | 'accepted' | 'details'>;

/** Orders pulls since the channel's last «Заказы» row: nothing new came of them (and no journal row, SPEC 2.3). */
function quietOrderPulls(state: State): Task[] {
  return state.ordersPulled
    .filter(({ channel, at }) => {
      const last = state.tasks.find((t) => t.channel === channel && t.status === 'Заказы');
      return !last || Date.parse(at) > Date.parse(last.at);
    })
    .map(({ channel, at }) => ({ at, channel, status: 'Заказы', items: 0, accepted: 0, details: 'новых заказов нет' }));
}

/**
 * «Заказы» rows count order lines, not items sent: «0 из 1» would read like a failure, so they
 * show only what their details say («строк заказов 1, новых резервов 1, …»).
 */
function taskText(t: Task): string {
  const counts = t.items && t.status !== 'Заказы' ? ` · ${t.accepted} из ${t.items}` : '';
  return `${when(t.at)} · ${t.channel} · ${t.status}${counts}${t.details ? ` — ${t.details}` : ''}`;
}
