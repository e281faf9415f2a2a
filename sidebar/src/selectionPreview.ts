/** «Показать для выделенной строки»: the unsaved draft applied to the row selected on «Остатки». */
import { h } from './dom';
import type { Draft } from './draft';
import { call, errorText } from './server';

type SelectionPreview = Awaited<ReturnType<typeof call<'previewSelection'>>>;

/**
 * The button's row and the place its answer goes, in that order. `unsaved`: the draft differs from the
 * stored settings, so the numbers shown may differ from the sheet's, which follow the stored ones.
 */
export function selectionPreview(draft: Draft, unsaved: () => boolean): [HTMLElement, HTMLElement] {
  const show = h('button', { type: 'button' }, 'Показать для выделенной строки') as HTMLButtonElement;
  const out = h('div', { id: 'selection-preview', 'aria-live': 'polite' });
  show.addEventListener('click', async () => {
    show.disabled = true;
    try {
      const r = await call('previewSelection', draft);
      out.replaceChildren(selectionResult(r, unsaved()));
    } catch (error) {
      out.replaceChildren(h('div', { class: 'message error', role: 'alert' }, errorText(error)));
    } finally {
      show.disabled = false;
    }
    showAboveSaveBar(out);
  });
  return [h('div', { class: 'actions' }, show), out];
}

/** The answer scrolls into view clear of the sticky save bar, which would otherwise cover it. */
function showAboveSaveBar(out: HTMLElement): void {
  const bar = document.getElementById('save-bar');
  out.style.scrollMarginBottom = `${(bar && !bar.hidden ? bar.offsetHeight : 0) + 8}px`;
  out.scrollIntoView({ block: 'nearest' });
}

function selectionResult(r: SelectionPreview, unsaved: boolean): HTMLElement {
  if (!r.ok) return h('p', { class: 'muted' }, r.error);
  return h(
    'div',
    { class: 'card' },
    h('strong', {}, `Строка ${r.row}: ${r.sku}`),
    unsaved
      ? h(
          'p',
          { class: 'muted', 'data-unsaved': '' },
          'Расчёт по несохранённым настройкам; на листе — по сохранённым, до «Сохранить».',
        )
      : null,
    h('p', {}, r.valid ? `К продаже ${r.forSale}` : 'Строка с ошибкой: ничего не отправляется'),
    ...r.channels.map((c) =>
      h(
        'div',
        { class: 'row' },
        h('span', {}, c.name),
        h('strong', {}, c.quantity === null ? '—' : String(c.quantity)),
      ),
    ),
  );
}
