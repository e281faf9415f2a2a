/** A held push read again against the plan (SPEC 6): only the held zeros a push now would still hold stay held. */
import { allocateSheet } from '../../src/core/allocation';
import { stillHeld } from '../../src/core/heldReview';
import { type Ledger, plans } from '../../src/core/sending';
import { type Settings, validateSettings } from '../../src/core/settings';

const now = Date.parse('2026-11-22T10:00:00Z');
function settingsWith(guard: { maxZeroShare: number; minItems: number }): Settings {
  const r = validateSettings(
    {
      version: 1,
      sendEnabled: true,
      warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
      channels: [
        {
          id: 'ozon',
          name: 'Ozon',
          column: 'Ozon',
          marketplace: 'ozon',
          rule: { type: 'share', percent: 100 },
          target: { warehouseId: '1' },
        },
      ],
      guard,
    },
    new Date(now),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}
const settings = settingsWith({ maxZeroShare: 0.3, minItems: 3 });
const ids = Array.from({ length: 10 }, (_, i) => `i${i}`);
/** Every id accepted at 4 by the last push. */
const ledger: Ledger = new Map([['ozon', new Map(ids.map((id) => [id, { qty: 4, at: '2026-11-22T09:00:00Z' }]))]]);

/** The plan of a sheet where the ids in `zero` have nothing in stock and the rest have 4. */
function planWith(zero: string[], s = settings) {
  const stock = ids.map((id) => [id, zero.includes(id) ? 0 : 4]);
  const r = allocateSheet(s, [['Артикул', 'Склад'], ...stock], null, now);
  if (!r.ok) throw new Error(r.error);
  return plans(s, r)[0];
}
const nothingExplained = () => undefined;

it('a sheet set right again holds nothing: the hold ends', () => {
  expect(stillHeld(['i0', 'i1', 'i2', 'i3', 'i4'], planWith([]), ledger, settings, nothingExplained)).toEqual([]);
});

it('fewer zeros that the guard would still hold: only those stay, in the order they were held', () => {
  const held = ['i5', 'i0', 'i1', 'i2', 'i3', 'i4'];
  expect(stillHeld(held, planWith(['i0', 'i2', 'i4', 'i5']), ledger, settings, nothingExplained)).toEqual([
    'i5',
    'i0',
    'i2',
    'i4',
  ]);
});

it('zeros the guard would let through now (below its share) are not held: the push sends them as usual', () => {
  // 2 of 10 is under 30 % and under 3 items.
  expect(stillHeld(['i0', 'i1', 'i2', 'i3'], planWith(['i0', 'i1']), ledger, settings, nothingExplained)).toEqual([]);
});

it('new zeros are never added: the next push holds them, and the seller sees them then', () => {
  expect(
    stillHeld(['i0', 'i1', 'i2'], planWith(['i0', 'i1', 'i2', 'i7', 'i8']), ledger, settings, nothingExplained),
  ).toEqual(['i0', 'i1', 'i2']);
});

it('a zero that orders now explain goes out with the push: it is not held any more', () => {
  const explained = () => new Set(['i1']);
  const held = ['i0', 'i1', 'i2', 'i3', 'i4'];
  expect(stillHeld(held, planWith(held), ledger, settings, explained)).toEqual(['i0', 'i2', 'i3', 'i4']);
});

it('a channel that no longer sends through an API holds nothing', () => {
  expect(stillHeld(['i0', 'i1', 'i2'], undefined, ledger, settings, nothingExplained)).toEqual([]);
});

it('a looser guard saved since lets the held zeros through', () => {
  const loose = settingsWith({ maxZeroShare: 0.5, minItems: 3 });
  expect(
    stillHeld(['i0', 'i1', 'i2', 'i3'], planWith(['i0', 'i1', 'i2', 'i3'], loose), ledger, loose, nothingExplained),
  ).toEqual([]);
});

it('a lost record of a marketplace that cannot be read keeps every unrecorded zero held, however few', () => {
  const partial: Ledger = new Map([['ozon', new Map([['i9', { qty: 4, at: '2026-11-22T09:00:00Z' }]])]]);
  const plan = planWith(['i0']);
  expect(stillHeld(['i0'], plan, partial, settings, nothingExplained, true)).toEqual(['i0']);
  expect(stillHeld(['i0'], plan, partial, settings, nothingExplained, false)).toEqual([]);
});
