/**
 * The settings form's controls: a labelled field with its error slot (the slot is where a save
 * error for that path appears), text, number, select and checkbox inputs bound to a callback.
 */
import { h } from './dom';

let uid = 0;
function nextControlId(): string {
  return `f${++uid}`;
}

export function control(label: string, input: HTMLElement, path: string): HTMLElement {
  const id = nextControlId();
  input.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    h('div', { class: 'field-error', 'data-error-for': path, role: 'status' }),
  );
}

export function textInput(
  value: unknown,
  onInput: (v: string) => void,
  attrs: Record<string, string> = {},
): HTMLInputElement {
  const input = h('input', { type: 'text', ...attrs }) as HTMLInputElement;
  input.value = value === undefined || value === null ? '' : String(value);
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

export function numberInput(
  value: unknown,
  onInput: (v: number) => void,
  attrs: Record<string, string> = {},
): HTMLInputElement {
  const input = h('input', { type: 'number', ...attrs }) as HTMLInputElement;
  input.value = value === undefined ? '' : String(value);
  input.addEventListener('input', () => onInput(input.value === '' ? NaN : Number(input.value)));
  return input;
}

/** A select over known values: the callback gets one of the options' values, typed as such. */
export function select<T extends string>(
  options: readonly (readonly [T, string])[],
  value: T,
  onChange: (v: T) => void,
): HTMLSelectElement {
  const el = h('select', {}, ...options.map(([v, label]) => h('option', { value: v }, label))) as HTMLSelectElement;
  el.value = value;
  el.addEventListener('change', () => onChange(el.value as T));
  return el;
}

export function checkbox(label: string, checked: boolean, onChange: (v: boolean) => void): HTMLElement {
  const id = nextControlId();
  const input = h('input', { type: 'checkbox', id }) as HTMLInputElement;
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return h('div', { class: 'check' }, input, h('label', { for: id }, label));
}

/** A plain button that does one thing when clicked. */
export function button(label: string, onClick: () => void): HTMLElement {
  const el = h('button', { type: 'button' }, label);
  el.addEventListener('click', onClick);
  return el;
}

/** The error slot of a whole card or list, for save errors no single field owns. */
export function errorSlot(path: string): HTMLElement {
  return h('div', { class: 'field-error', 'data-error-for': path });
}
