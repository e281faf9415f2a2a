import fc from 'fast-check';
import { allocateSku, compilePlan } from '../../src/core/rules';
import { type Settings, validateSettings } from '../../src/core/settings';
import { workedExampleSettings } from '../fixtures/workedExample';

const now = new Date('2026-11-22T10:00:00Z');
function settingsOf(input: unknown): Settings {
  const r = validateSettings(input, now);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
}

describe('allocateSku: the worked example of SPEC 3', () => {
  it('gives Ozon 11, WB 10, YM 4, Сайт 4, «К продаже» 13, «Не распределено» 2', () => {
    const plan = compilePlan(settingsOf(workedExampleSettings));
    // Склад 12 − reserve 3 = 9, Поставщик 5, Брак 2; «Страховой запас» 1.
    const r = allocateSku(plan, [9, 5, 2], 1, [true, true, true, true]);
    expect(r).toEqual({ forSale: 13, quantities: [11, 10, 4, 4], unallocated: 2, nonFinite: [], capped: [] });
  });

  it('lets a filtered-out channel show nothing and the other equal channel take all', () => {
    const plan = compilePlan(settingsOf(workedExampleSettings));
    const r = allocateSku(plan, [9, 5, 2], 1, [true, true, false, true]);
    expect(r.quantities).toEqual([11, 10, null, 8]);
  });

  it('splits equal remainders to the first channels in settings order', () => {
    const plan = compilePlan(settingsOf(workedExampleSettings));
    expect(allocateSku(plan, [8, 0, 0], 0, [true, true, true, true]).quantities.slice(2)).toEqual([4, 4]);
    expect(allocateSku(plan, [7, 0, 0], 0, [true, true, true, true]).quantities.slice(2)).toEqual([4, 3]);
  });

  it('reports a formula that divides by zero and shows 0', () => {
    const s = JSON.parse(JSON.stringify(workedExampleSettings));
    s.channels[1].rule = { type: 'conditions', conditions: [], otherwise: 'x / (x - x)' };
    const r = allocateSku(compilePlan(settingsOf(s)), [9, 5, 2], 1, [true, true, true, true]);
    expect(r.quantities[1]).toBe(0);
    expect(r.nonFinite).toEqual([1]);
  });

  it('never lets a rule show more than is available', () => {
    const s = JSON.parse(JSON.stringify(workedExampleSettings));
    s.channels[1].rule = { type: 'conditions', conditions: [{ op: '<', value: 100, then: 'x * 10 + 1000' }] };
    const r = allocateSku(compilePlan(settingsOf(s)), [9, 5, 2], 1, [true, true, true, true]);
    expect(r.quantities[1]).toBe(13);
  });
});

// ---- property tests of the invariants (issue: foundation, point 6) ----

const FORMULAS = ['x', '10', 'x - 2', 'x * 2', 'x / 3', 'min(x, 5)', 'max(x - 1; 0)', '-x', '0', 'x / 0'];
const ruleArb = fc.oneof(
  fc.record({
    type: fc.constant('share' as const),
    percent: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
  }),
  fc.constant({ type: 'equal' as const }),
  fc.record({
    type: fc.constant('conditions' as const),
    conditions: fc.array(
      fc.record({
        op: fc.constantFrom('>', '<', '=', '>=', '<=' as const),
        value: fc.integer({ min: -5, max: 50 }),
        then: fc.constantFrom(...FORMULAS),
      }),
      { maxLength: 3 },
    ),
    otherwise: fc.constantFrom(...FORMULAS),
  }),
);
const nonEqualRuleArb = ruleArb.filter((r) => r.type !== 'equal');

const scenarioArb = fc.integer({ min: 1, max: 4 }).chain((warehouseCount) =>
  fc.record({
    inSale: fc.array(fc.boolean(), { minLength: warehouseCount, maxLength: warehouseCount }).map((a) => {
      a[0] = true;
      return a;
    }),
    channels: fc.array(
      fc.record({
        rule: ruleArb,
        sourceMask: fc.option(fc.array(fc.boolean(), { minLength: warehouseCount, maxLength: warehouseCount }), {
          nil: undefined,
        }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    effective: fc.array(fc.integer({ min: -20, max: 2000 }), { minLength: warehouseCount, maxLength: warehouseCount }),
    safety: fc.integer({ min: 0, max: 30 }),
    shows: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  }),
);

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function buildSettings(sc: Scenario): Settings {
  const warehouses = sc.inSale.map((inSale, i) => ({ id: `w${i}`, column: `Склад ${i}`, type: 'own', inSale }));
  const inSaleIds = warehouses.filter((w) => w.inSale).map((w) => w.id);
  const channels = sc.channels.map((c, i) => {
    const picked = c.sourceMask ? inSaleIds.filter((_, j) => c.sourceMask![j % c.sourceMask!.length]) : undefined;
    return {
      id: `c${i}`,
      name: `Канал ${i}`,
      column: `Канал ${i}`,
      marketplace: 'manual',
      rule: c.rule,
      ...(picked?.length ? { sources: picked } : {}),
    };
  });
  return settingsOf({ version: 1, warehouses, channels });
}

function available(settings: Settings, effective: number[], safety: number, channel: number): number {
  const c = settings.channels[channel];
  const ids = c.sources ?? settings.warehouses.filter((w) => w.inSale).map((w) => w.id);
  const sum = ids.reduce((acc, id) => acc + effective[settings.warehouses.findIndex((w) => w.id === id)], 0);
  return Math.max(0, sum - safety);
}

describe('allocation invariants (property tests)', () => {
  it('every channel shows an integer between 0 and its availability, or nothing when it does not show the SKU', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const settings = buildSettings(sc);
        const r = allocateSku(compilePlan(settings), sc.effective, sc.safety, sc.shows);
        r.quantities.forEach((q, i) => {
          if (!sc.shows[i]) {
            expect(q).toBeNull();
            return;
          }
          expect(Number.isInteger(q)).toBe(true);
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(available(settings, sc.effective, sc.safety, i));
        });
        expect(Number.isInteger(r.forSale) && r.forSale >= 0).toBe(true);
        expect(Number.isInteger(r.unallocated) && r.unallocated >= 0 && r.unallocated <= r.forSale).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('equal channels with the same sources add up to exactly their availability', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 2, max: 5 }), (sc, k) => {
        const base = buildSettings(sc);
        const equal = Array.from({ length: k }, (_, i) => ({
          id: `e${i}`,
          name: `Равно ${i}`,
          column: `Равно ${i}`,
          marketplace: 'manual',
          rule: { type: 'equal' },
        }));
        const settings = settingsOf({
          version: 1,
          warehouses: base.warehouses,
          channels: [...base.channels.filter((c) => c.rule.type !== 'equal'), ...equal],
        });
        const shows = settings.channels.map(() => true);
        const r = allocateSku(compilePlan(settings), sc.effective, sc.safety, shows);
        const sum = r.quantities.slice(-k).reduce((a, b) => (a as number) + (b as number), 0);
        expect(sum).toBe(available(settings, sc.effective, sc.safety, settings.channels.length - 1));
      }),
      { numRuns: 300 },
    );
  });

  it("changing one channel's (non-equal) rule never changes another channel", () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), nonEqualRuleArb, (sc, pick, newRule) => {
        const candidates = sc.channels.map((_c, i) => i).filter((i) => sc.channels[i].rule.type !== 'equal');
        fc.pre(candidates.length > 0);
        const target = candidates[pick % candidates.length];
        const before = allocateSku(compilePlan(buildSettings(sc)), sc.effective, sc.safety, sc.shows);
        const changed = { ...sc, channels: sc.channels.map((c, i) => (i === target ? { ...c, rule: newRule } : c)) };
        const after = allocateSku(compilePlan(buildSettings(changed)), sc.effective, sc.safety, sc.shows);
        after.quantities.forEach((q, i) => {
          if (i !== target) expect(q).toBe(before.quantities[i]);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("allocateSku: a marketplace's maximum", () => {
  it('caps a Wildberries value at 100,000 and says so; Ozon, without a maximum, shows all', () => {
    const settings = settingsOf({
      version: 1,
      warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
      channels: [
        { id: 'ozon', name: 'Ozon', column: 'Ozon', marketplace: 'ozon', target: {} },
        { id: 'wb', name: 'WB', column: 'WB', marketplace: 'wb', target: {} },
      ],
    });
    const plan = compilePlan(settings);
    expect(allocateSku(plan, [150_000], 0, [true, true])).toEqual({
      forSale: 150_000,
      quantities: [150_000, 100_000],
      unallocated: 0,
      nonFinite: [],
      capped: [{ channel: 1, wanted: 150_000 }],
    });
    expect(allocateSku(plan, [100_000], 0, [true, true]).capped).toEqual([]);
  });
});
