/**
 * The settings form spread over tabs: which tab holds which part of the settings, the mark a tab gets
 * for unsaved edits or errors in its fields, and, after a failed save, the way to the first error.
 */
import type { Draft } from './draft';
import { currentTab, markTab, selectTab, TABS, type TabId, type TabMark } from './tabs';

export type FormTab = Exclude<TabId, 'connections'>;
/** The form's fields, one container per tab that has them. */
export type FormParts = Record<FormTab, HTMLElement>;

export const FORM_TABS: readonly FormTab[] = ['summary', 'channels', 'warehouses', 'reserves'];

/** The part of the settings each tab edits. */
const SLICES: Record<FormTab, (d: Draft) => unknown> = {
  summary: (d) => [d.sendEnabled, d.schedule, d.guard, d.quota],
  channels: (d) => d.channels,
  warehouses: (d) => d.warehouses,
  reserves: (d) => d.reserves,
};

/** Each tab's part of the settings as text, to tell an edit from the stored value. */
export type Baseline = Record<FormTab, string>;

/** JSON with keys in order: an edit that rebuilds an object in another key order is no change. */
function stable(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    ) ?? ''
  );
}

export function snapshot(draft: Draft): Baseline {
  return Object.fromEntries(FORM_TABS.map((t) => [t, stable(SLICES[t](draft))])) as Baseline;
}

const firstError = (part: HTMLElement) => part.querySelector('.field-error:not(:empty)');

/** Forms with a save button of their own on a tab (the kits on «Склады»): their mark joins the settings' one. */
const ownForms = new Map<FormTab, () => TabMark>();
let lastMarks: (() => void) | null = null;

export function markOwnForm(tab: FormTab, mark: () => TabMark): void {
  ownForms.set(tab, mark);
}

/** Such a form changed: the tabs are marked again. */
export function remark(): void {
  lastMarks?.();
}

/**
 * «!» on a tab with an error in its fields, else «•» on a tab whose part differs from the stored one
 * (or whose own form holds unsaved edits). Whether any part of the settings differs: the draft holds unsaved edits.
 */
export function refreshMarks(parts: FormParts, draft: Draft, baseline: Baseline): boolean {
  lastMarks = () => refreshMarks(parts, draft, baseline);
  const now = snapshot(draft);
  for (const tab of FORM_TABS) {
    const own = ownForms.get(tab)?.() ?? null;
    const dirty = now[tab] !== baseline[tab] || own === 'dirty';
    markTab(tab, firstError(parts[tab]) || own === 'error' ? 'error' : dirty ? 'dirty' : null);
  }
  return FORM_TABS.some((tab) => now[tab] !== baseline[tab]);
}

/** The names of the tabs whose fields show an error, in the strip's order. */
export function tabsWithErrors(parts: FormParts): string[] {
  return TABS.filter((t) => t.id !== 'connections' && firstError(parts[t.id as FormTab])).map((t) => t.label);
}

/**
 * After a failed save: the tab shown keeps the seller if it has an error, else the first tab with one
 * opens; its first error scrolls to the middle of the screen, clear of the sticky save bar.
 */
export function revealFirstError(parts: FormParts): void {
  const shown = currentTab();
  const tab = shown !== 'connections' && firstError(parts[shown]) ? shown : FORM_TABS.find((t) => firstError(parts[t]));
  if (!tab) return;
  selectTab(tab);
  const slot = firstError(parts[tab]) as HTMLElement;
  const field = slot.closest('.field')?.querySelector('input,select') as HTMLElement | null;
  (field ?? slot).scrollIntoView({ block: 'center' });
  field?.focus({ preventScroll: true });
}
