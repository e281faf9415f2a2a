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

/** Where saving reports: the form's parts (for their error slots), its status line, and the panel it lives in. */
export interface SaveTarget {
  parts: HTMLElement[];
  /** The save result, in the sticky bar right above the buttons. */
  status: HTMLElement;
  /** The settings are stored: the panel redraws itself with this notice. */
  saved(notice: HTMLElement): void;
  /** The error slots changed: the tabs are marked, the first error shown; the names of the tabs with errors. */
  errorsShown(): string[];
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
    clearErrors(target);
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

function clearErrors(target: SaveTarget): void {
  for (const part of target.parts)
    part.querySelectorAll('[data-error-for]').forEach((el) => {
      el.textContent = '';
    });
  target.errorsShown();
}

/** Each error goes next to its field; those with no field are listed in the status line. */
function showErrors(target: SaveTarget, errors: SaveError[]): void {
  clearErrors(target);
  const unplaced: string[] = [];
  for (const e of errors) {
    const slot = nearestErrorSlot(target.parts, e.path);
    if (slot) slot.textContent = slot.textContent ? `${slot.textContent}; ${e.message}` : e.message;
    else unplaced.push(e.message);
  }
  const tabs = target.errorsShown();
  target.status.replaceChildren(
    h(
      'div',
      { class: 'message error', role: 'alert' },
      h('strong', {}, 'Не сохранено. Исправьте отмеченные поля.'),
      // One tab with errors is the one opened; errors in more are named, as the marks alone are easy to miss.
      tabs.length > 1 ? h('p', {}, `Ошибки на вкладках ${tabs.map((t) => `«${t}»`).join(', ')}.`) : null,
      unplaced.length ? h('ul', {}, ...unplaced.map((m) => h('li', {}, m))) : null,
    ),
  );
}

/** The nearest field that exists: channels.0.rule.conditions.1.then → … → channels.0. */
function nearestErrorSlot(parts: HTMLElement[], path: string): Element | null {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const selector = `[data-error-for="${CSS.escape(p)}"]`;
    const slot = parts.map((part) => part.querySelector(selector)).find((el) => el !== null);
    if (slot) return slot;
  }
  return null;
}
