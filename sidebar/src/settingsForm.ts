/**
 * The settings as a form spread over the tabs: sending, schedule and the guard in «Сводка», channels
 * (marketplace, columns, switch, sources, filter, the rule editor with a live preview) in «Каналы»,
 * warehouses in «Склады», reserves in «Резервы». Errors from saving appear next to their field
 * (matched by the path the server gives), and the tab holding it opens.
 */

import { formatSellerDate, isRussianDate, parseSellerDate } from '../../src/core/dates';
import { alertFields } from './alerts';
import { channelsSection } from './channelsSection';
import { h } from './dom';
import type { Draft, FormContext, Settings, State } from './draft';
import { feedbackSlot, staleSaveResult } from './feedback';
import { checkbox, control, numberInput, select, textInput } from './fields';
import {
  type Baseline,
  FORM_TABS,
  type FormParts,
  refreshMarks,
  revealFirstError,
  snapshot,
  tabsWithErrors,
} from './formMarks';
import { type SaveTarget, saveButtons } from './formSaving';
import { ordersLaneField, quotaField, settleFields } from './runSettings';
import { selectionPreview } from './selectionPreview';
import { traffic } from './server';
import { warehousesSection } from './warehousesSection';

type Minutes = Settings['schedule']['everyMinutes'];

const SCHEDULES: [`${Minutes}`, string][] = [
  ['5', 'каждые 5 минут'],
  ['10', 'каждые 10 минут'],
  ['15', 'каждые 15 минут'],
  ['30', 'каждые 30 минут'],
  ['60', 'каждый час'],
];

export interface FormActions {
  saved(notice: HTMLElement): void;
}

/** The form as the tabs show it: its fields by tab, and the save bar that stays in view under them. */
export interface FormView {
  parts: FormParts;
  bar: HTMLElement;
}

/**
 * The form's one working copy, shared by all tabs. It outlives the panel's redraws after other actions
 * («Пересчитать», a send, «Обновить») while the stored settings it started from stay the same, so unsaved
 * edits stay. `saves`: the panel's own saves when it was made (a save from this panel starts a new copy);
 * `conflict`: the stored settings changed elsewhere under unsaved edits, which are kept and not saved yet.
 */
interface Kept {
  base: string;
  draft: Draft;
  baseline?: Baseline;
  saves: number;
  conflict?: boolean;
}
let kept: Kept | null = null;

/** Unsaved settings (none yet, or broken) come with defaults made on each read: they are one base. */
function baseOf(state: State): string {
  return state.settingsStatus === 'saved' ? JSON.stringify(state.settings) : state.settingsStatus;
}

function keptDraft(state: State): Kept {
  const base = baseOf(state);
  if (kept && kept.base !== base) kept = changedUnder(kept, base);
  kept ??= { base, draft: JSON.parse(JSON.stringify(state.settings)), saves: traffic.savedHere };
  return kept;
}

/**
 * The stored settings are not the ones the copy started from. Saved from this panel, or with nothing
 * edited, the copy starts again from them; saved in another window under unsaved edits, the edits stay
 * and the save bar asks whether to save them over or cancel them — they are never dropped silently.
 */
function changedUnder(copy: Kept, base: string): Kept | null {
  if (traffic.savedHere !== copy.saves || !edited(copy)) return null;
  return { ...copy, base, conflict: true };
}

function edited(copy: Kept): boolean {
  if (!copy.baseline) return false;
  const now = snapshot(copy.draft);
  return FORM_TABS.some((t) => now[t] !== copy.baseline?.[t]);
}

export function settingsForm(state: State, actions: FormActions): FormView {
  const copy = keptDraft(state);
  const parts = Object.fromEntries(
    FORM_TABS.map((t) => [t, h('div', { class: 'form-part', 'data-form-part': t })]),
  ) as FormParts;
  // Outlives the fields' redraws: a save error stays in view while the seller fixes the fields.
  const status = feedbackSlot('form', { id: 'form-status', 'aria-live': 'polite' });
  // An edit after a save greys that save's result: a green «сохранено» never stands over unsaved edits.
  const mark = () => {
    if (refreshMarks(parts, copy.draft, copy.baseline ?? snapshot(copy.draft))) staleSaveResult(status);
  };
  const target: SaveTarget = {
    parts: Object.values(parts),
    status,
    saved: (notice) => {
      kept = null;
      actions.saved(notice);
    },
    errorsShown: () => {
      mark();
      revealFirstError(parts);
      return tabsWithErrors(parts);
    },
  };
  const ctx: FormContext = {
    state,
    draft: copy.draft,
    rerender: () => {
      drawParts(ctx, parts, () => edited(copy));
      mark();
    },
  };
  ctx.rerender();
  // The first drawing fills the parts a draft may lack (reserves, a rule): the stored value to compare with.
  copy.baseline ??= snapshot(copy.draft);
  mark();
  for (const part of Object.values(parts)) for (const type of ['input', 'change']) part.addEventListener(type, mark);
  const conflict = copy.conflict ? conflictNote(target, actions) : null;
  return { parts, bar: saveBar(copy.draft, target, conflict) };
}

/** Stored settings changed in another window under unsaved edits: save them over, or cancel them. */
function conflictNote(target: SaveTarget, actions: FormActions): HTMLElement {
  const over = h('button', { type: 'button', class: 'primary', id: 'conflict-save' }, 'Сохранить поверх');
  const cancel = h('button', { type: 'button', id: 'conflict-cancel' }, 'Отменить правки');
  over.addEventListener('click', () => (document.getElementById('form-save') as HTMLButtonElement | null)?.click());
  cancel.addEventListener('click', () => {
    kept = null;
    target.status.replaceChildren();
    // The panel is drawn again from the state it has, the copy started afresh from the stored settings.
    actions.saved(
      h('div', { class: 'message ok', role: 'status' }, 'Правки отменены: в форме — сохранённые настройки.'),
    );
  });
  return h(
    'div',
    { class: 'message warning', role: 'alert', id: 'draft-conflict' },
    h('p', {}, 'Настройки изменились в другом окне: ваши правки не сохранены — сохранить поверх или отменить?'),
    h('div', { class: 'actions' }, over, cancel),
  );
}

/** Each tab's fields, drawn from the draft. */
function drawParts(ctx: FormContext, parts: FormParts, unsaved: () => boolean): void {
  parts.summary.replaceChildren(
    h('h2', {}, 'Настройки отправки'),
    ...sendingSettings(ctx.draft),
    ...ordersLaneField(ctx),
    ...quotaField(ctx.draft),
    ...guardSection(ctx.draft),
    ...alertFields(ctx.draft),
  );
  parts.channels.replaceChildren(...channelsSection(ctx), ...selectionPreview(ctx.draft, unsaved));
  parts.warehouses.replaceChildren(...warehousesSection(ctx));
  parts.reserves.replaceChildren(...reservesSection(ctx));
}

/** Sticks to the bottom of the screen: the last save's result right above «Сохранить» and «Сохранить и отправить». */
function saveBar(draft: Draft, target: SaveTarget, conflict: HTMLElement | null): HTMLElement {
  const dismiss = h('button', { type: 'button', class: 'link dismiss', 'aria-label': 'Скрыть сообщение' }, '×');
  dismiss.addEventListener('click', () => target.status.replaceChildren());
  return h(
    'div',
    { class: 'save-bar', id: 'save-bar' },
    conflict,
    h('div', { class: 'save-result' }, target.status, dismiss),
    h('div', { class: 'actions' }, ...saveButtons(draft, target)),
  );
}

/** The master switch and how often the schedule runs. */
function sendingSettings(draft: Draft): HTMLElement[] {
  return [
    checkbox('Разрешить отправку остатков', draft.sendEnabled === true, (v) => {
      draft.sendEnabled = v;
    }),
    control(
      'Расписание',
      select(SCHEDULES, `${draft.schedule?.everyMinutes ?? 60}`, (v) => {
        // The options are exactly the allowed intervals, so the number is one of them.
        draft.schedule = { ...draft.schedule, everyMinutes: Number(v) as Minutes };
      }),
      'schedule.everyMinutes',
    ),
  ];
}

/** The stored instant as the seller writes it, in the spreadsheet's zone; text that is no date stays as typed. */
function shownDate(stored: string | undefined, timeZone: string): string {
  if (stored === undefined || isRussianDate(stored)) return stored ?? '';
  const ms = parseSellerDate(stored, timeZone);
  return Number.isNaN(ms) ? stored : formatSellerDate(ms, timeZone);
}

function reservesSection(ctx: FormContext): HTMLElement[] {
  const { draft, state } = ctx;
  draft.reserves ??= {};
  const reserves = draft.reserves;
  const timeZone = state.timeZone;
  return [
    checkbox('Резервировать заказы', reserves.enabled === true, (v) => {
      reserves.enabled = v;
    }),
    control(
      'Учитывать заказы с (дата и время)',
      textInput(
        shownDate(reserves.activeFrom, timeZone),
        (v) => {
          reserves.activeFrom = v;
        },
        { placeholder: '25.11.2026 18:00' },
      ),
      'reserves.activeFrom',
    ),
    checkbox('Двойное резервирование', reserves.doubleReservation === true, (v) => {
      reserves.doubleReservation = v;
    }),
    ...settleFields(ctx),
    control(
      'Ждать заказ, минут',
      numberInput(
        reserves.pendingHoldMinutes ?? 120,
        (v) => {
          reserves.pendingHoldMinutes = v;
        },
        { min: '1', max: '10080' },
      ),
      'reserves.pendingHoldMinutes',
    ),
  ];
}

/** «Защита от обнуления»: the share is edited in percent and stored as a fraction. */
function guardSection(draft: Draft): HTMLElement[] {
  return [
    h('h3', {}, 'Защита от обнуления'),
    control(
      'Задержать, если в 0 уходит больше, %',
      numberInput(
        Math.round((draft.guard?.maxZeroShare ?? 0.3) * 100),
        (v) => {
          draft.guard = { ...(draft.guard ?? {}), maxZeroShare: v / 100 };
        },
        { min: '0', max: '100' },
      ),
      'guard.maxZeroShare',
    ),
    control(
      '…и хотя бы позиций',
      numberInput(
        draft.guard?.minItems ?? 5,
        (v) => {
          draft.guard = { ...(draft.guard ?? {}), minItems: v };
        },
        { min: '0' },
      ),
      'guard.minItems',
    ),
  ];
}
