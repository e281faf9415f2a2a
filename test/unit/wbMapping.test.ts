/** The WB mapping's passes: state, freshness, merging a pass's pages over the last complete pass. */
import {
  isFresh,
  type MappedSize,
  mergePass,
  parseMappingState,
  passProgress,
  type StampedSize,
  startPass,
} from '../../src/core/wbMapping';

const size = (chrtId: number, barcode = `b${chrtId}`): MappedSize => ({
  chrtId,
  nmId: chrtId,
  vendorCode: `v${chrtId}`,
  barcodes: [barcode],
});
const DAY = 24 * 3600 * 1000;
const T0 = Date.parse('2026-11-22T09:00:00Z');

it('reads the older format (the last refresh time alone) and ignores what it cannot read', () => {
  expect(parseMappingState('2026-11-22T09:00:00.000Z')).toEqual({ refreshedAt: '2026-11-22T09:00:00.000Z' });
  expect(parseMappingState(undefined)).toEqual({});
  expect(parseMappingState('{broken')).toEqual({});
  expect(parseMappingState('not a date')).toEqual({});
});

it('serves the cache for a day after a complete pass began, never while a pass is under way', () => {
  const state = { refreshedAt: new Date(T0).toISOString(), sizes: 10 };
  expect(isFresh(state, true, T0 + DAY - 1)).toBe(true);
  expect(isFresh(state, true, T0 + DAY)).toBe(false);
  expect(isFresh(state, false, T0 + 1)).toBe(false);
  expect(isFresh({ ...state, pass: startPass(state, T0 + 1) }, true, T0 + 2)).toBe(false);
});

it('expects at least what the last complete pass found', () => {
  expect(startPass({ sizes: 500 }, T0, 300).expected).toBe(500);
  expect(startPass({}, T0, 300)).toEqual({ startedAt: new Date(T0).toISOString(), read: 0, expected: 300 });
});

it('keeps the older pass until this one ends, then only what this one found', () => {
  const pass = startPass({}, T0);
  const older: StampedSize[] = [1, 2, 3].map((c) => ({ size: size(c), stamp: 'older' }));
  const partial = mergePass(older, pass, [size(2, 'new-barcode'), size(4)], false);
  expect(partial.map((r) => [r.size.chrtId, r.stamp === pass.startedAt])).toEqual([
    [1, false],
    [3, false],
    [2, true],
    [4, true],
  ]);
  expect(partial.find((r) => r.size.chrtId === 2)?.size.barcodes).toEqual(['new-barcode']);
  // Card 3 was deleted: the finished pass never saw it.
  const done = mergePass(partial, pass, [size(1)], true);
  expect(done.map((r) => r.size.chrtId)).toEqual([2, 4, 1]);
});

it('says the progress in Russian, with an estimate when there is one', () => {
  expect(passProgress({ startedAt: '', read: 23_000, expected: 60_000 })).toBe(
    'сопоставление карточек — 23\u00a0000 из ~60\u00a0000',
  );
  expect(passProgress({ startedAt: '', read: 700, expected: 0 })).toBe('сопоставление карточек — прочитано 700');
});
