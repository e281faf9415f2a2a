/**
 * Settings that loosen safety (SPEC 7): the master switch turned on, the mass-zero guard loosened,
 * reserves turned off, a channel pointed elsewhere. Saved by someone who holds no marketplace keys,
 * they wait for a key holder's confirmation; until then runs keep the last confirmed values.
 */
import type { Channel, Settings } from './settings';

/** Where a channel's pushes go: what must not change behind the key holder's back. */
function destination(c: Channel): string {
  return JSON.stringify([c.marketplace, c.target ?? {}, c.idHeader ?? null]);
}

/** A channel that sends somewhere new (a manual channel sends nowhere, so turning one manual is safe). */
function redirected(confirmed: Channel | undefined, saved: Channel): boolean {
  if (saved.marketplace === 'manual') return false;
  return !confirmed || destination(confirmed) !== destination(saved);
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

/** In Russian, each loosening `saved` makes against `confirmed`; empty when none. */
export function loosenings(confirmed: Settings, saved: Settings): string[] {
  const changes: string[] = [];
  if (saved.sendEnabled && !confirmed.sendEnabled) changes.push('включена отправка остатков');
  if (saved.guard.maxZeroShare > confirmed.guard.maxZeroShare)
    changes.push(
      // In the form's percent, not the stored fraction.
      `защита от обнуления: задерживать, если в 0 уходит больше ${percent(confirmed.guard.maxZeroShare)} → ${percent(saved.guard.maxZeroShare)} (пропустит больше нулей)`,
    );
  // The guard holds a push only from minItems zeros on, so a larger minItems lets more through.
  if (saved.guard.minItems > confirmed.guard.minItems)
    changes.push(
      `защита от обнуления: срабатывает от ${confirmed.guard.minItems} → от ${saved.guard.minItems} позиций (пропустит больше нулей)`,
    );
  if (confirmed.reserves.enabled && !saved.reserves.enabled) changes.push('выключены резервы');
  for (const c of saved.channels) {
    const before = confirmed.channels.find((x) => x.id === c.id);
    if (!redirected(before, c)) continue;
    changes.push(
      before
        ? `канал «${c.name}»: другая площадка, склад (кампания) или столбец ID`
        : `новый канал «${c.name}» с отправкой на площадку`,
    );
  }
  return changes;
}

/**
 * The settings a run uses while a loosening waits: everything as saved, except each loosened value,
 * which stays as confirmed. A new channel that would send somewhere stays off until confirmed.
 */
export function withConfirmedSafety(saved: Settings, confirmed: Settings): Settings {
  const channels = saved.channels.map((c) => {
    const before = confirmed.channels.find((x) => x.id === c.id);
    if (!redirected(before, c)) return c;
    if (!before) return { ...c, enabled: false };
    return { ...c, marketplace: before.marketplace, target: before.target, idHeader: before.idHeader };
  });
  return {
    ...saved,
    sendEnabled: saved.sendEnabled && confirmed.sendEnabled,
    guard: {
      maxZeroShare: Math.min(saved.guard.maxZeroShare, confirmed.guard.maxZeroShare),
      minItems: Math.min(saved.guard.minItems, confirmed.guard.minItems),
    },
    reserves: { ...saved.reserves, enabled: saved.reserves.enabled || confirmed.reserves.enabled },
    channels,
  };
}
