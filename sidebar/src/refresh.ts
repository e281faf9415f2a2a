/**
 * Google's sidebar never refreshes itself: after an order, a scheduled run or an edit made elsewhere its
 * reserves and latest tasks stay as they were read. «Обновить» reads the state again at once; and when
 * the panel comes back into view (window focus, the tab visible again) it is read again by itself, at
 * least 10 s after the panel's last state read (each read costs Apps Script quota). Either way the panel
 * is drawn on the same tab and the settings form keeps its unsaved edits (settingsForm.ts). A state read
 * by itself redraws only when something changed, and never under the seller's hands: not while an action
 * runs (it redraws when it ends), a button is pressed, a field is being typed in, or text typed outside
 * the settings and kits forms (a key, the JSON) would be lost — then «Обновить» says there is something new.
 */
import { type Child, h } from './dom';
import { feedbackSlot, showNow } from './feedback';
import { call, errorText, traffic } from './server';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type Draw = (state: State, key?: string, notice?: HTMLElement) => void;

/** Automatic reads are at least this far apart from the panel's last state read, whoever asked for it. */
export const REFRESH_GAP_MS = 10_000;

let draw: Draw | null = null;
let root: HTMLElement | null = null;
/** The state on screen, as JSON, and whether it is a first run (its setup view reads the sheet as it draws). */
let shown = '';
let firstRun = true;
/** Fields outside the settings form as last drawn: what the seller types there is in no draft. */
let fieldsDrawn = new WeakMap<Element, string>();
/** A state read by itself that could not be drawn yet, waiting for a safe moment. */
let waiting: State | null = null;
let timer: number | undefined;
let pressed = false;

function fieldValue(el: Element): string {
  const input = el as HTMLInputElement;
  return input.type === 'checkbox' || input.type === 'radio' ? String(input.checked) : input.value;
}

function outsideForm(): Element[] {
  // The settings form and the kits form keep their copies over a drawing: what is typed there stays.
  return [...(root?.querySelectorAll('input, textarea, select') ?? [])].filter(
    (el) => !el.closest('[data-form-part], [data-kept-draft]'),
  );
}

/** Called after every drawing of the panel: what is on screen now. */
export function drawn(state: State): void {
  shown = JSON.stringify(state);
  firstRun = state.settingsStatus === 'none';
  waiting = null;
  fieldsDrawn = new WeakMap(outsideForm().map((el) => [el, fieldValue(el)]));
}

/** The head of «Сводка»: «Состояние» with «Обновить» beside it, and the place its answer goes. */
export function refreshHeading(): Child[] {
  const button = h(
    'button',
    { type: 'button', class: 'link', id: 'refresh', title: 'Прочитать состояние таблицы заново' },
    'Обновить',
  ) as HTMLButtonElement;
  button.addEventListener('click', () => void refreshNow(button));
  return [h('div', { class: 'heading-row' }, h('h2', {}, 'Состояние'), button), feedbackSlot('refresh')];
}

async function refreshNow(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  button.textContent = 'Обновляю…';
  try {
    const before = shown;
    const fresh = await call('getState');
    const text = JSON.stringify(fresh) === before ? 'Изменений нет.' : 'Обновлено.';
    draw?.(fresh, 'refresh', h('p', { class: 'muted', role: 'status' }, text));
  } catch (error) {
    showNow('refresh', h('p', { class: 'message error', role: 'alert' }, errorText(error)));
  } finally {
    button.disabled = false;
    button.textContent = 'Обновить';
  }
}

/** Starts the automatic refresh: the panel in `app`, drawn by `drawFn`. */
export function refreshOnReturn(app: HTMLElement, drawFn: Draw): void {
  root = app;
  draw = drawFn;
  window.addEventListener('focus', ask);
  document.addEventListener('visibilitychange', ask);
  document.addEventListener('pointerdown', () => {
    pressed = true;
  });
  // After the click the press makes: an action it started redraws the panel itself.
  document.addEventListener('pointerup', () => {
    pressed = false;
    window.setTimeout(drawWaiting, 0);
  });
  document.addEventListener('focusout', () => window.setTimeout(drawWaiting, 0));
  // A press let go outside the panel (in the sheet) sends it no pointerup.
  window.addEventListener('blur', () => {
    pressed = false;
  });
}

/** One read at a time, no sooner than REFRESH_GAP_MS after the last one. */
function ask(): void {
  if (document.visibilityState === 'hidden' || timer !== undefined || firstRun) return;
  const wait = Math.max(0, traffic.stateReadAt + REFRESH_GAP_MS - Date.now());
  timer = window.setTimeout(() => {
    timer = undefined;
    void readQuietly();
  }, wait);
}

async function readQuietly(): Promise<void> {
  // An action under way draws the panel from fresh state when it ends.
  if (traffic.inFlight > 0) return;
  try {
    waiting = await call('getState');
  } catch {
    // A read nobody asked for that failed leaves the panel as it is; «Обновить» says why.
    return;
  }
  drawWaiting();
}

const TEXT_FIELD = 'textarea, input:not([type=checkbox]):not([type=radio])';

function typedOutsideForm(): boolean {
  return outsideForm().some((el) => {
    const before = fieldsDrawn.get(el);
    if (before !== undefined) return before !== fieldValue(el);
    // A field that appeared after the drawing (the form of a key): typed in once it holds text.
    return el.matches(TEXT_FIELD) && (el as HTMLInputElement).value !== '';
  });
}

/** The seller is in a field of the panel: a drawing would take it away mid-word (not while working elsewhere). */
function editing(): boolean {
  const active = document.activeElement;
  return document.hasFocus() && !!active && !!root?.contains(active) && active.matches(`${TEXT_FIELD}, select`);
}

/** Draws the state read by itself, if it changed and the moment is safe. */
function drawWaiting(): void {
  const fresh = waiting;
  if (!fresh || pressed || editing()) return;
  if (traffic.inFlight > 0 || JSON.stringify(fresh) === shown) {
    waiting = null;
    return;
  }
  if (typedOutsideForm()) {
    waiting = null;
    showNow(
      'refresh',
      h('p', { class: 'muted', role: 'status' }, 'В таблице есть изменения: нажмите «Обновить», когда допишете.'),
    );
    return;
  }
  const y = window.scrollY;
  draw?.(fresh);
  window.scrollTo(0, y);
}
