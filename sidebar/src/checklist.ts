/**
 * «Настройка»: the setup checklist (src/core/checklist.ts) in the summary. Each step is a button that
 * opens its tab (clicks `#tab-…` when the panel has tabs) and scrolls to where the step is done.
 */
import { type ChecklistItem, setupChecklist, TABS } from '../../src/core/checklist';
import { h } from './dom';
import type { State } from './draft';

/** The field a label names (the settings form gives its checkboxes no ids). */
function fieldLabelled(text: string): Element | null {
  return [...document.querySelectorAll('label')].find((l) => l.textContent === text)?.parentElement ?? null;
}

/** Where on the panel each step is done, nearest first. */
const ANCHORS: Record<ChecklistItem['key'], (() => Element | null)[]> = {
  warehouses: ['#setup', '[data-warehouse]', '#settings-form'].map(selected),
  channels: ['[data-channel-form]', '.preset-adder', '#settings-form'].map(selected),
  keys: ['#connections', '#settings-form'].map(selected),
  recalc: ['#recalculate'].map(selected),
  send: [() => fieldLabelled('Разрешить отправку остатков'), selected('#settings-form')],
  schedule: ['#schedule', '#sending'].map(selected),
};

function selected(selector: string): () => Element | null {
  return () => document.querySelector(selector);
}

/** A step undone by what happened is fixed where that is told: the stop banner, the last tasks. */
const PLACES: Record<NonNullable<ChecklistItem['place']>, string> = { stopped: '#stop-banner', tasks: '#tasks' };

function anchorOf(item: ChecklistItem): Element | null {
  const place = item.place ? document.querySelector(PLACES[item.place]) : null;
  if (place) return place;
  for (const find of ANCHORS[item.key]) {
    const found = find();
    if (found) return found;
  }
  return null;
}

/** The tab's own button, when the panel has tabs; then the place of the step, scrolled into view. */
export function goToStep(item: ChecklistItem): void {
  const tab = document.getElementById(TABS[item.tab].id);
  if (tab) tab.click();
  const anchor = anchorOf(item);
  anchor?.scrollIntoView({ block: 'start' });
}

function stepView(item: ChecklistItem): HTMLElement {
  const go = h(
    'button',
    {
      type: 'button',
      class: 'link step',
      'data-step': item.key,
      ...(item.next ? { 'aria-describedby': `step-${item.key}` } : {}),
    },
    item.done ? `${item.label} ✓` : item.label,
  );
  go.addEventListener('click', () => goToStep(item));
  return h(
    'li',
    { class: item.done ? 'ok' : '' },
    go,
    item.next ? h('div', { class: 'muted', id: `step-${item.key}` }, item.next) : null,
  );
}

export function checklistView(state: State): HTMLElement {
  const items = setupChecklist(state);
  const done = items.filter((i) => i.done).length;
  return h(
    'section',
    { id: 'checklist' },
    h('h2', {}, `Настройка: ${done} из ${items.length}`),
    h('ul', { class: 'problems checklist' }, ...items.map(stepView)),
  );
}
