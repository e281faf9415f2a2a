/**
 * «Сохранить» and «Сохранить и отправить» of the settings form: the save call, the errors placed
 * next to their fields (matched by the path the server gives), and the notice of what was saved
 * (its words and colour: pushPreview.ts).
 */
import { h } from './dom';
import type { Draft } from './draft';
import { savedNotice } from './pushPreview';
import { call, errorText } from './server';

type SaveResponse = Awaited<ReturnType<typeof call<'saveAndSend'>>>;
type SaveError = Extract<SaveResponse, { ok: false }>['errors'][number];

/** Where saving reports: the form (for its error slots), its status line, and the panel it lives in. */
export interface SaveTarget {
  root: HTMLElement;
  status: HTMLElement;
  /** The settings are stored: the panel redraws itself with this notice. */
  saved(notice: HTMLElement): void;
}

/** The two buttons of the form's sticky bar. */
export function saveButtons(draft: Draft, target: SaveTarget): [HTMLElement, HTMLElement] {
  const save = h('button', { type: 'button', class: 'primary', id: 'form-save' }, 'Сохранить') as HTMLButtonElement;
  const saveSend = h('button', { type: 'button', id: 'form-save-send' }, 'Сохранить и отправить') as HTMLButtonElement;
  save.addEventListener('click', submit(draft, target, false, save));
  saveSend.addEventListener('click', submit(draft, target, true, saveSend));
  return [save, saveSend];
}

function submit(draft: Draft, target: SaveTarget, andSend: boolean, button: HTMLButtonElement) {
  return async () => {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = andSend ? 'Сохраняю и отправляю…' : 'Сохраняю…';
    clearErrors(target.root);
    try {
      const result: SaveResponse = andSend ? await call('saveAndSend', draft) : await call('saveSettings', draft);
      if (!result.ok) {
        showErrors(target, result.errors);
        return;
      }
      target.saved(savedNotice(result.recalculation, result.send));
    } catch (error) {
      target.status.replaceChildren(h('div', { class: 'message error', role: 'alert' }, errorText(error)));
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  };
}

function clearErrors(root: HTMLElement): void {
  root.querySelectorAll('[data-error-for]').forEach((el) => {
    el.textContent = '';
  });
}

/** Each error goes next to its field; those with no field are listed in the status line. */
function showErrors(target: SaveTarget, errors: SaveError[]): void {
  clearErrors(target.root);
  const unplaced: string[] = [];
  for (const e of errors) {
    const slot = nearestErrorSlot(target.root, e.path);
    if (slot) slot.textContent = slot.textContent ? `${slot.textContent}; ${e.message}` : e.message;
    else unplaced.push(e.message);
  }
  target.status.replaceChildren(
    h(
      'div',
      { class: 'message error', role: 'alert' },
      h('strong', {}, 'Не сохранено. Исправьте отмеченные поля.'),
      unplaced.length ? h('ul', {}, ...unplaced.map((m) => h('li', {}, m))) : null,
    ),
  );
  focusFirstError(target.root);
}

/** The nearest field that exists: channels.0.rule.conditions.1.then → … → channels.0. */
function nearestErrorSlot(root: HTMLElement, path: string): Element | null {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const slot = root.querySelector(`[data-error-for="${CSS.escape(p)}"]`);
    if (slot) return slot;
  }
  return null;
}

function focusFirstError(root: HTMLElement): void {
  (
    root
      .querySelector('.field-error:not(:empty)')
      ?.closest('.field')
      ?.querySelector('input,select') as HTMLElement | null
  )?.focus();
}
