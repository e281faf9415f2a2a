/**
 * «Каналы» of the settings form: a card per channel (name, marketplace, columns, switch, its
 * warehouses, the product filter, the rule) and «Добавить канал».
 */
import { CHANNEL_PRESETS, presetOf } from '../../src/core/channelPresets';
import { h } from './dom';
import type { Channel, ChannelFilter, Draft, FormContext } from './draft';
import { feedPart } from './feedSection';
import { button, checkbox, control, errorSlot, select, textInput } from './fields';
import { presetAdder } from './presetAdder';
import { ruleEditor } from './ruleEditor';

const MARKETPLACES = CHANNEL_PRESETS.map((p): [Channel['marketplace'], string] => [p.marketplace, p.label]);
const FILTER_OPS: [ChannelFilter['op'] | '', string][] = [
  ['', 'без фильтра'],
  ['equals', 'равно'],
  ['notEquals', 'не равно'],
  ['contains', 'содержит'],
  ['empty', 'пусто'],
  ['notEmpty', 'не пусто'],
];

/** A channel of one's own published as the site's feed: nothing goes out, but the site takes the column. */
export const MANUAL_FEED_NEEDS = 'На площадки ничего не отправляется; сайт сам забирает фид по ссылке ниже.';

export function channelsSection(ctx: FormContext): HTMLElement[] {
  return [...ctx.draft.channels.map((c, i) => channelCard(ctx, c, i)), presetAdder(ctx)];
}

/**
 * What the card says the channel still needs (a warehouse, a campaign) — only while it lacks it; a
 * channel of one's own is told that it sends nothing. Nothing for marketplaces that need no target.
 */
export function channelNeeds(c: Pick<Channel, 'marketplace' | 'target' | 'feed'>): string {
  // Published as a feed, the channel is not «only counted»: the site takes it (SPEC 5.8).
  if (c.marketplace === 'manual') return c.feed ? MANUAL_FEED_NEEDS : presetOf('manual').needs;
  // MegaMarket, AliExpress, Avito: nothing to choose — the line says so.
  if (presetOf(c.marketplace).target === 'none') return presetOf(c.marketplace).needs;
  const chosen = c.marketplace === 'yandex' ? c.target?.campaignId : c.target?.warehouseId;
  return chosen ? '' : presetOf(c.marketplace).needs;
}

function channelCard(ctx: FormContext, c: Channel, i: number): HTMLElement {
  const remove = button('Удалить канал', () => {
    ctx.draft.channels.splice(i, 1);
    ctx.rerender();
  });
  // A channel of one's own sends nothing: the switch would mean nothing there.
  const sendSwitch = checkbox('Отправлять в этот канал', c.enabled !== false, (v) => {
    c.enabled = v;
  });
  sendSwitch.hidden = c.marketplace === 'manual';
  const identity = channelIdentity(c, i, (manual) => {
    sendSwitch.hidden = manual;
    feed.hidden = !manual;
    // A marketplace channel has no feed: the switch goes off with it, so that the save is not refused.
    if (!manual && c.feed) (feed.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
  });
  // Only a channel of one's own can be published as the site's feed (SPEC 5.8); its switch changes the «needs» line.
  const needs = identity.find((el) => el.classList.contains('preset-needs'));
  const feed = feedPart(ctx, c, i, () => {
    if (needs) needs.textContent = channelNeeds(c);
  });
  feed.hidden = c.marketplace !== 'manual';
  return h(
    'div',
    { class: 'card', 'data-channel-form': c.id },
    ...identity,
    sendSwitch,
    feed,
    channelWarehouses(ctx.draft, c, i),
    channelFilter(c, i),
    ruleEditor(ctx, c, i),
    errorSlot(`channels.${i}`),
    remove,
  );
}

/** Name, marketplace and the two columns: what the channel is and where it sits on «Остатки». */
function channelIdentity(c: Channel, i: number, manualPicked: (manual: boolean) => void): HTMLElement[] {
  // What the marketplace needs before stock goes out (a warehouse, a campaign) and what it cannot do: follow the pick.
  const needs = h('p', { class: 'muted preset-needs' }, channelNeeds(c));
  const caveat = h('p', { class: 'message warning preset-caveat' });
  const showCaveat = (text = '') => {
    caveat.textContent = text;
    caveat.hidden = !text;
  };
  showCaveat(presetOf(c.marketplace).caveat);
  return [
    control(
      'Название',
      textInput(c.name, (v) => {
        c.name = v;
      }),
      `channels.${i}.name`,
    ),
    control(
      'Площадка',
      select(MARKETPLACES, c.marketplace, (v) => {
        c.marketplace = v;
        needs.textContent = channelNeeds(c);
        showCaveat(presetOf(v).caveat);
        manualPicked(v === 'manual');
      }),
      `channels.${i}.marketplace`,
    ),
    needs,
    caveat,
    control(
      'Столбец на листе «Остатки»',
      textInput(c.column, (v) => {
        c.column = v;
      }),
      `channels.${i}.column`,
    ),
    control(
      'Столбец ID товара',
      textInput(
        c.idHeader ?? '',
        (v) => {
          if (v.trim()) c.idHeader = v;
          else delete c.idHeader;
        },
        // Empty means «Артикул»: the placeholder says so.
        { placeholder: 'Артикул' },
      ),
      `channels.${i}.idHeader`,
    ),
  ];
}

/** «Склады канала»: a tick per warehouse in sale; all ticked is the default, kept as no list at all. */
function channelWarehouses(draft: Draft, c: Channel, i: number): HTMLElement {
  const inSale = draft.warehouses.filter((w) => w.inSale);
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Склады канала'),
    ...inSale.map((w) =>
      checkbox(w.column, !c.sources || c.sources.includes(w.id), (on) => {
        const current: string[] = c.sources ?? inSale.map((x) => x.id);
        const next = on ? [...new Set([...current, w.id])] : current.filter((id) => id !== w.id);
        if (next.length === inSale.length) delete c.sources;
        else c.sources = next;
      }),
    ),
    errorSlot(`channels.${i}.sources`),
  );
}

/** «Фильтр товаров»: no header or no condition means no filter. */
function channelFilter(c: Channel, i: number): HTMLElement {
  const filter: Partial<ChannelFilter> = c.filter ?? {};
  const header = textInput(filter.header ?? '', (v) => {
    c.filter = { ...(c.filter ?? { op: 'equals' }), header: v };
    if (!v) delete c.filter;
  });
  const op = select(FILTER_OPS, filter.op ?? '', (v) => {
    if (!v) delete c.filter;
    else c.filter = { ...(c.filter ?? { header: '' }), op: v };
  });
  const value = textInput(
    filter.value ?? '',
    (v) => {
      if (c.filter) c.filter.value = v;
    },
    { 'aria-label': `${c.name}: значение фильтра` },
  );
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Фильтр товаров'),
    control('Столбец фильтра', header, `channels.${i}.filter.header`),
    control('Условие фильтра', op, `channels.${i}.filter.op`),
    control('Значение фильтра', value, `channels.${i}.filter.value`),
  );
}
