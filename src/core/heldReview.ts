/**
 * A held push read again against the current plan (SPEC 6): after «Пересчитать» or «Сохранить» the
 * sheet may no longer want those zeros. Only the held ids that a push from the sheet as it is would
 * still hold stay held: none, and the hold is over; fewer, and the card names the fewer. Zeros that
 * were not held before are never added here — the next push holds them, and the person sees them then.
 */

import { type ChannelPlan, guardAsRun, type Ledger, type LedgerEntry } from './sending';
import type { Settings } from './settings';

/** The diff a push would send, zeros only: what the guard looks at. */
function zerosToSend(plan: ChannelPlan, ledger: Ledger): { id: string; amount: number }[] {
  const sent = ledger.get(plan.channel.id) ?? new Map<string, LedgerEntry>();
  const zeros: { id: string; amount: number }[] = [];
  for (const [id, amount] of plan.desired) if (amount === 0 && sent.get(id)?.qty !== 0) zeros.push({ id, amount });
  return zeros;
}

/**
 * Of the ids held for this channel, those a push now would still hold, in their order. `plan` is
 * undefined when the channel no longer sends through an API (deleted, turned manual): nothing stays held.
 */
export function stillHeld(
  heldIds: readonly string[],
  plan: ChannelPlan | undefined,
  ledger: Ledger,
  settings: Settings,
  explained: () => ReadonlySet<string> | undefined,
  holdUnrecorded = false,
): string[] {
  if (!plan) return [];
  const verdict = guardAsRun(zerosToSend(plan, ledger), plan, ledger, settings, explained, { holdUnrecorded });
  if (!verdict.hold) return [];
  const now = new Set(verdict.toZero);
  return heldIds.filter((id) => now.has(id));
}
