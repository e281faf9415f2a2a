/**
 * «Добавить канал» with a marketplace preset (src/core/channelPresets.ts): the new channel gets the
 * preset's name and column (numbered when taken), its marketplace, the share rule 100 %, and the id
 * column the sheet seems to have for that marketplace.
 */
import { CHANNEL_PRESETS, type Marketplace } from '../../src/core/channelPresets';
import { idHeaderGuess } from '../../src/core/columnDetection';
import { presetChannel } from '../../src/core/setupDraft';
import { h } from './dom';
import type { FormContext } from './draft';
import { button, select } from './fields';

const OPTIONS = CHANNEL_PRESETS.map((p): [Marketplace, string] => [p.marketplace, p.label]);

export function presetAdder(ctx: FormContext): HTMLElement {
  // A channel of one's own first: it needs nothing but a name.
  let chosen: Marketplace = 'manual';
  const picker = select(OPTIONS, chosen, (v) => {
    chosen = v;
  });
  picker.setAttribute('aria-label', 'Площадка нового канала');
  const add = button('Добавить канал', () => {
    const { draft, state } = ctx;
    const headers = state.stockSheet?.headers ?? [];
    const taken = draft.channels.flatMap((c) => [c.column, c.idHeader ?? '']);
    draft.channels.push(presetChannel(chosen, draft, headers, idHeaderGuess(headers, chosen, taken)));
    ctx.rerender();
  });
  return h('div', { class: 'actions preset-adder' }, picker, add);
}
