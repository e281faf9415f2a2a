/**
 * «Добавить канал» with a marketplace preset (src/core/channelPresets.ts): the new channel gets the
 * preset's name and column (numbered when taken), its marketplace, the share rule 100 %, and the id
 * column the sheet seems to have for that marketplace. The picker starts with no choice: a channel of
 * one's own sends nothing, so it is never the one a seller gets without choosing it.
 */
import { CHANNEL_PRESETS, type Marketplace } from '../../src/core/channelPresets';
import { idHeaderGuess } from '../../src/core/columnDetection';
import { presetChannel } from '../../src/core/setupDraft';
import { h } from './dom';
import type { FormContext } from './draft';
import { button, select } from './fields';

const OPTIONS: [Marketplace | '', string][] = [
  ['', 'выберите площадку'],
  ...CHANNEL_PRESETS.map((p): [Marketplace, string] => [p.marketplace, p.label]),
];

export function presetAdder(ctx: FormContext): HTMLElement {
  let chosen: Marketplace | '' = '';
  const hint = h('div', { class: 'field-error', role: 'status' });
  const picker = select(OPTIONS, chosen, (v) => {
    chosen = v;
    hint.textContent = '';
  });
  picker.setAttribute('aria-label', 'Площадка нового канала');
  const add = button('Добавить канал', () => {
    if (!chosen) {
      hint.textContent = 'Выберите площадку нового канала: Ozon, Wildberries, … или «Свой канал (без API)».';
      picker.focus();
      return;
    }
    const { draft, state } = ctx;
    const headers = state.stockSheet?.headers ?? [];
    const taken = draft.channels.flatMap((c) => [c.column, c.idHeader ?? '']);
    draft.channels.push(presetChannel(chosen, draft, headers, idHeaderGuess(headers, chosen, taken)));
    ctx.rerender();
  });
  return h('div', { class: 'preset-adder' }, h('div', { class: 'actions' }, picker, add), hint);
}
