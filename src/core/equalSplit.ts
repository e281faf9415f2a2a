/**
 * «Равномерное распределение» (SPEC 3): how k equal channels that show a row split its availability.
 * No imports on purpose: the sidebar's rule preview uses this same function, so what it shows is what
 * the allocation writes, remainder and all.
 */

/** The share of the i-th (0-based, settings order) of `count` equal channels: floor(A / k), +1 while the remainder lasts. */
export function equalShare(available: number, index: number, count: number): number {
  return Math.floor(available / count) + (index < available % count ? 1 : 0);
}
