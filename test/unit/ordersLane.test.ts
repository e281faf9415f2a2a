/** The orders lane's small parts (SPEC 6): what counts as a new order mark, and the day's trigger time. */
import { hasNewMark, MAX_MARKS } from '../../src/usecases/ordersLane';
import type { KeyValueStore } from '../../src/usecases/ports';
import { dayTotalMs, RUN_LIMIT_MS, recordRunEnd, recordRunStart } from '../../src/usecases/triggerTime';

function memoryStore(): KeyValueStore & { data: Record<string, string> } {
  const data: Record<string, string> = {};
  return {
    data,
    getAll: () => ({ ...data }),
    setMany: (values) => Object.assign(data, values),
    deleteMany: (keys) => {
      for (const k of keys) delete data[k];
    },
  };
}

describe('new order marks', () => {
  it('a mark not seen last time is new; the same marks are not', () => {
    expect(hasNewMark(['P-2:awaiting_packaging', 'P-1:delivering'], ['P-1:delivering'])).toBe(true);
    expect(hasNewMark(['P-1:delivering'], ['P-1:delivering'])).toBe(false);
    expect(hasNewMark([], [])).toBe(false);
  });

  it('a status change is a new mark', () => {
    expect(hasNewMark(['P-1:cancelled'], ['P-1:awaiting_packaging'])).toBe(true);
  });

  it('past a full list of kept ids only newer ids are new (WB has no cursor)', () => {
    const seen = Array.from({ length: MAX_MARKS }, (_, i) => String(100_000 + 1000 - i));
    const older = String(100_000 + 1000 - MAX_MARKS - 5);
    expect(hasNewMark([older], seen)).toBe(false);
    expect(hasNewMark([String(100_000 + 1001)], seen)).toBe(true);
  });
});

describe('trigger time of the last 24 hours', () => {
  const T = Date.parse('2026-11-22T09:00:00Z');

  it('counts each run from its start to its end', () => {
    const store = memoryStore();
    const a = recordRunStart(store, T);
    recordRunEnd(store, a, T + 20_000);
    const b = recordRunStart(store, T + 60_000);
    recordRunEnd(store, b, T + 62_000);
    expect(dayTotalMs(store.getAll(), T + 70_000)).toBe(22_000);
  });

  it('counts a run that never ended (killed by Apps Script) as 6 minutes', () => {
    const store = memoryStore();
    recordRunStart(store, T);
    expect(dayTotalMs(store.getAll(), T + 60_000)).toBe(60_000);
    const next = recordRunStart(store, T + 3_600_000);
    recordRunEnd(store, next, T + 3_601_000);
    expect(dayTotalMs(store.getAll(), T + 3_602_000)).toBe(RUN_LIMIT_MS + 1_000);
  });

  it('forgets what is older than a day, and stays one small property', () => {
    const store = memoryStore();
    for (let k = 0; k < 3000; k++) {
      const token = recordRunStart(store, T + k * 60_000);
      recordRunEnd(store, token, T + k * 60_000 + 1_500);
    }
    const now = T + 3000 * 60_000;
    expect(dayTotalMs(store.getAll(), now)).toBeLessThanOrEqual(25 * 60 * 1_500);
    expect(dayTotalMs(store.getAll(), now)).toBeGreaterThanOrEqual(24 * 60 * 1_500);
    expect(JSON.stringify(store.data).length).toBeLessThan(2_000);
  });
});
