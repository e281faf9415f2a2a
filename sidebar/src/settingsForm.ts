/**
 * The settings as a form: sending and schedule, warehouses, channels (marketplace, columns, switch,
 * sources, filter), the rule editor with a live preview, reserves and the guard. Errors from saving
 * appear next to their field (matched by the path the server gives).
 */

import { formatSellerDate, isRussianDate, parseSellerDate } from '../../src/core/dates';
import { channelsSection } from './channelsSection';
import { h } from './dom';
import type { Draft, FormContext, Settings, State } from './draft';
import { checkbox, control, numberInput, select, textInput } from './fields';
import { type SaveTarget, saveButtons } from './formSaving';
import { selectionPreview } from './selectionPreview';
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

export function settingsForm(state: State, actions: FormActions): HTMLElement {
  const draft: Draft = JSON.parse(JSON.stringify(state.settings));
  const root = h('section', { id: 'settings-form' });
  // Outlives redraws: a save error stays in view while the seller fixes the fields.
  const status = h('div', { id: 'form-status', 'aria-live': 'polite' });
  const target: SaveTarget = { root, status, saved: (notice) => actions.saved(notice) };
  const ctx: FormContext = { state, draft, rerender: () => root.replaceChildren(...formParts(ctx, target)) };
  ctx.rerender();
  return root;
}

/** The whole form, top to bottom, drawn from the draft. */
function formParts(ctx: FormContext, target: SaveTarget): HTMLElement[] {
  return [
    h('h2', {}, 'Настройки'),
    ...sendingSettings(ctx.draft),
    ...warehousesSection(ctx),
    ...channelsSection(ctx),
    ...reservesSection(ctx.draft, ctx.state.timeZone),
    ...guardSection(ctx.draft),
    ...selectionPreview(ctx.draft),
    target.status,
    h('div', { class: 'actions sticky' }, ...saveButtons(ctx.draft, target)),
  ];
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

function reservesSection(draft: Draft, timeZone: string): HTMLElement[] {
  draft.reserves ??= {};
  const reserves = draft.reserves;
  return [
    h('h3', {}, 'Резервы из заказов'),
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
