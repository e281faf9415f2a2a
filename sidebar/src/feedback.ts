/**
 * Where an action's result appears: next to the button pressed, never at the top of the panel. Each
 * place is a slot with a key («recalc», «sending», «form», «connection:ozon», …). After an action the
 * panel is drawn again from fresh state, and the slot with the action's key gets its notice back.
 */
import { h } from './dom';
import { errorText } from './server';

/** The notice the panel being drawn owes to one slot. */
let pending: { key: string; node: HTMLElement } | null = null;

export function message(kind: 'ok' | 'error', text: string): HTMLElement {
  return h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Called before the panel is drawn with the result of the action whose key is given. */
export function owe(key: string, node: HTMLElement | undefined): void {
  pending = node ? { key, node } : null;
}

/** Called once the panel is drawn: the notice no slot took (its part is gone), for a place of last resort. */
export function unpaid(): HTMLElement | null {
  const left = pending?.node ?? null;
  pending = null;
  return left;
}

/** The place of one key's results; it holds the notice the panel owes it, if any. */
export function feedbackSlot(key: string, attrs: Record<string, string> = {}): HTMLElement {
  const owed = pending?.key === key ? pending.node : null;
  if (owed) pending = null;
  return h('div', { class: 'feedback', 'data-feedback': key, ...attrs }, owed);
}

/** Whether the panel being drawn owes this key a notice (a collapsed part opens to show it). */
export function owes(key: string): boolean {
  return pending?.key === key;
}

/** Shows a notice in the slot on screen now, without drawing the panel again (a failure to get fresh state). */
export function showNow(key: string, node: HTMLElement): boolean {
  const slot = document.querySelector(`[data-feedback="${CSS.escape(key)}"]`);
  slot?.replaceChildren(node);
  return slot !== null;
}

/**
 * A save's result (a notice with an outcome, pushPreview.ts) once the draft has changed after it: it no
 * longer tells the truth about the form, so a grey line takes its place. Errors of a failed save stay.
 */
export function staleSaveResult(slot: HTMLElement): void {
  const saved = slot.querySelector(':scope > [data-outcome]');
  if (!saved || saved.getAttribute('data-outcome') === 'stale') return;
  slot.replaceChildren(
    h(
      'div',
      { class: 'message stale', role: 'status', 'data-outcome': 'stale' },
      'Сохранено раньше; с тех пор есть несохранённые изменения — нажмите «Сохранить».',
    ),
  );
}

/**
 * A click handler that keeps the button disabled with a «…» label while the work runs, and reports a
 * failure (a server error, a dropped connection) where the button's results go.
 */
export function busyClick(
  button: HTMLButtonElement,
  text: string,
  report: (text: string, kind: 'error') => void,
  work: () => Promise<void>,
): () => Promise<void> {
  return async () => {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = text;
    try {
      await work();
    } catch (error) {
      report(errorText(error), 'error');
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  };
}
