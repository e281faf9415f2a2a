/**
 * The panel in tabs that fit Google's 300 px sidebar: «Сводка», «Каналы», «Склады», «Площадки», «Резервы».
 * The chosen tab outlives the panel's redraws (it is kept here); a tab whose fields hold unsaved edits
 * or save errors carries a mark on its button, so nothing wrong hides in a tab out of sight.
 */
import { type Child, h } from './dom';

export type TabId = 'summary' | 'channels' | 'warehouses' | 'connections' | 'reserves';
export type TabMark = 'dirty' | 'error' | null;

interface Tab {
  id: TabId;
  label: string;
  /** Has settings form fields: the form's save bar shows under it. */
  form: boolean;
}

export const TABS: readonly Tab[] = [
  { id: 'summary', label: 'Сводка', form: true },
  { id: 'channels', label: 'Каналы', form: true },
  { id: 'warehouses', label: 'Склады', form: true },
  { id: 'connections', label: 'Площадки', form: false },
  { id: 'reserves', label: 'Резервы', form: true },
];

const MARKS: Record<Exclude<TabMark, null>, { sign: string; title: string }> = {
  dirty: { sign: '•', title: 'Есть несохранённые изменения' },
  error: { sign: '!', title: 'Есть ошибки в полях' },
};

let current: TabId = 'summary';
/** Kept apart from the buttons: the form marks its tabs before the strip of a redraw exists. */
const marks = new Map<TabId, TabMark>();
/** The tab buttons and panels on screen now, and the bar shown under the tabs with form fields. */
let shown: { buttons: Map<TabId, HTMLElement>; panels: Map<TabId, HTMLElement>; footer?: HTMLElement } | null = null;

export function currentTab(): TabId {
  return current;
}

/** The tab strip, a panel per tab with its content, and the footer (the save bar) after them. */
export function tabbedLayout(content: Record<TabId, Child[]>, footer?: HTMLElement): HTMLElement {
  const buttons = new Map(TABS.map((t) => [t.id, tabButton(t)]));
  const panels = new Map(
    TABS.map((t) => [
      t.id,
      h('div', { role: 'tabpanel', id: `section-${t.id}`, 'aria-labelledby': `tab-${t.id}` }, ...content[t.id]),
    ]),
  );
  const strip = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Разделы панели' }, ...buttons.values());
  strip.addEventListener('keydown', (event) => moveByKey(event));
  shown = { buttons, panels, footer };
  selectTab(current);
  return h('div', { class: 'layout' }, strip, ...panels.values(), footer);
}

function tabButton(tab: Tab): HTMLElement {
  const button = h(
    'button',
    { type: 'button', role: 'tab', id: `tab-${tab.id}`, 'aria-controls': `section-${tab.id}` },
    h('span', {}, tab.label),
    h('span', { class: 'tab-mark', 'aria-hidden': 'true' }),
  );
  button.addEventListener('click', () => selectTab(tab.id));
  showMark(button, marks.get(tab.id) ?? null);
  return button;
}

/** Arrows, Home and End move along the strip, as in any tab list. */
function moveByKey(event: KeyboardEvent): void {
  const at = TABS.findIndex((t) => t.id === current);
  const to: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 };
  if (!(event.key in to)) return;
  event.preventDefault();
  const next = TABS[(to[event.key] + TABS.length) % TABS.length];
  selectTab(next.id);
  shown?.buttons.get(next.id)?.focus();
}

export function selectTab(id: TabId): void {
  current = id;
  if (!shown) return;
  for (const [tab, button] of shown.buttons) {
    button.setAttribute('aria-selected', String(tab === id));
    button.tabIndex = tab === id ? 0 : -1;
  }
  for (const [tab, panel] of shown.panels) panel.hidden = tab !== id;
  if (shown.footer) shown.footer.hidden = !TABS.find((t) => t.id === id)?.form;
}

/** The panel of a tab on screen now. */
export function panelOf(id: TabId): HTMLElement | undefined {
  return shown?.panels.get(id);
}

export function markTab(id: TabId, mark: TabMark): void {
  marks.set(id, mark);
  const button = shown?.buttons.get(id);
  if (button) showMark(button, mark);
}

function showMark(button: HTMLElement, mark: TabMark): void {
  const sign = button.querySelector('.tab-mark') as HTMLElement;
  sign.textContent = mark ? MARKS[mark].sign : '';
  if (mark) {
    button.dataset.mark = mark;
    button.title = MARKS[mark].title;
  } else {
    delete button.dataset.mark;
    button.removeAttribute('title');
  }
}
