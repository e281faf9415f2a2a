/** «Показать для выделенной строки»: the unsaved draft applied to the row selected on «Остатки». */
import { h } from './dom';
import type { Draft } from './draft';
import { call, errorText } from './server';

type SelectionPreview = Awaited<ReturnType<typeof call<'previewSelection'>>>;

/** The button's row and the place its answer goes, in that order. */
export function selectionPreview(draft: Draft): [HTMLElement, HTMLElement] {
  const show = h('button', { type: 'button' }, 'Показать для выделенной строки') as HTMLButtonElement;
  const out = h('div', { id: 'selection-preview', 'aria-live': 'polite' });
  show.addEventListener('click', async () => {
    show.disabled = true;
    try {
      const r = await call('previewSelection', draft);
      out.replaceChildren(selectionResult(r));
    } catch (error) {
      out.replaceChildren(h('div', { class: 'message error', role: 'alert' }, errorText(error)));
    } finally {
      show.disabled = false;
    }
  });
  return [h('div', { class: 'actions' }, show), out];
}

function selectionResult(r: SelectionPreview): HTMLElement {
  if (!r.ok) return h('p', { class: 'muted' }, r.error);
  return h(
    'div',
    { class: 'card' },
    h('strong', {}, `Строка ${r.row}: ${r.sku}`),
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
