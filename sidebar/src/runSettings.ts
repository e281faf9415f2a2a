/**
 * Settings that once were JSON only: the orders lane and the Google account (its daily trigger time)
 * in «Сводка» → «Настройки отправки», and how long each marketplace takes to show a push, in «Резервы»
 * under «Двойное резервирование» (SPEC 4, 5.4, 6).
 */
import { presetOf } from '../../src/core/channelPresets';
import { h } from './dom';
import type { Draft, FormContext, Settings } from './draft';
import { control, numberInput, select } from './fields';

type Lane = NonNullable<Settings['schedule']['ordersEveryMinutes']>;
type Quota = Settings['quota']['dailyTriggerMinutes'];
type Marketplace = Settings['channels'][number]['marketplace'];

const LANES: ['' | `${Lane}`, string][] = [
  ['', 'выключено'],
  ['1', 'каждую минуту'],
  ['5', 'каждые 5 минут'],
];

const QUOTAS: [`${Quota}`, string][] = [
  ['90', 'обычный аккаунт'],
  ['360', 'Google Workspace'],
];

/** «Заказы отдельно от расписания»: a bound script's own trigger; an add-on shows it off, with Google's reason. */
export function ordersLaneField(ctx: FormContext): HTMLElement[] {
  const { draft, state } = ctx;
  const lane = select(LANES, `${draft.schedule?.ordersEveryMinutes ?? ''}`, (v) => {
    const schedule = { ...(draft.schedule ?? { everyMinutes: 60 }) };
    // «выключено» is no key at all, as in settings that never had the lane: no unsaved change to mark.
    if (v) schedule.ordersEveryMinutes = Number(v) as Lane;
    else delete schedule.ordersEveryMinutes;
    draft.schedule = schedule;
  });
  // An add-on cannot run the lane; one still stored (a sheet moved from its bound script) stays editable to switch off.
  if (state.addOn && !draft.schedule?.ordersEveryMinutes) lane.disabled = true;
  return [
    control('Заказы отдельно от расписания', lane, 'schedule.ordersEveryMinutes'),
    h(
      'p',
      { class: 'muted field-note', id: 'orders-lane-note' },
      state.addOn
        ? 'В дополнении недоступно: Google запускает дополнения по расписанию не чаще раза в час.'
        : 'Новые заказы забираются чаще расписания, и остаток сразу снижается на других площадках. Нужны «Резервировать заказы» (вкладка «Резервы») и включённое расписание.',
    ),
  ];
}

/** «Аккаунт Google»: Google's daily trigger time differs by account, and the script cannot tell which it is. */
export function quotaField(draft: Draft): HTMLElement[] {
  return [
    control(
      'Аккаунт Google',
      select(QUOTAS, `${draft.quota?.dailyTriggerMinutes ?? 90}`, (v) => {
        draft.quota = { ...draft.quota, dailyTriggerMinutes: Number(v) as Quota };
      }),
      'quota.dailyTriggerMinutes',
    ),
    h(
      'p',
      { class: 'muted field-note' },
      'Google даёт запускам по расписанию 90 минут в сутки, в Google Workspace — 6 часов: по этому пределу панель считает «Время запусков» и заранее замедляет полосу заказов.',
    ),
  ];
}

/**
 * The marketplaces of the channels that have a settle window, each once, in the channels' order; not
 * MegaMarket, which shows no stock to read (the window is about readings).
 */
function settlingMarketplaces(ctx: FormContext): Marketplace[] {
  const known = ctx.state.settleDefaults;
  return [...new Set(ctx.draft.channels.map((c) => c.marketplace))].filter(
    (m) => known[m] !== undefined && presetOf(m).readsStock,
  );
}

/**
 * «Площадка показывает отправку через, минут», per marketplace the channels use: within that time
 * after a push, a lower number on the marketplace is not a sale (double reservation ignores it).
 */
export function settleFields(ctx: FormContext): HTMLElement[] {
  const markets = settlingMarketplaces(ctx);
  if (!markets.length) return [];
  ctx.draft.reserves ??= {};
  const reserves = ctx.draft.reserves;
  const fields = markets.map((m) =>
    control(
      presetOf(m).label,
      numberInput(
        reserves.settleMinutes?.[m as keyof NonNullable<typeof reserves.settleMinutes>] ?? ctx.state.settleDefaults[m],
        (v) => {
          const next: Record<string, number> = { ...reserves.settleMinutes };
          // An empty field is the marketplace's default again.
          if (Number.isNaN(v)) delete next[m];
          else next[m] = v;
          reserves.settleMinutes = next;
        },
        { min: '0', max: '120' },
      ),
      `reserves.settleMinutes.${m}`,
    ),
  );
  return [
    // A title inside the box, not a legend: at 300 px the long legend would break across the border.
    h(
      'fieldset',
      { id: 'settle-minutes', 'aria-labelledby': 'settle-title' },
      h('p', { class: 'group-title', id: 'settle-title' }, 'Площадка показывает отправку через, минут'),
      ...fields,
      h(
        'p',
        { class: 'muted field-note' },
        'Столько минут после отправки меньшее число на площадке — ещё не продажа: двойное резервирование его не считает.',
      ),
    ),
  ];
}
