import { loosenings, withConfirmedSafety } from '../../src/core/safety';
import { type Settings, validateSettings } from '../../src/core/settings';
import { workedExampleSettings } from '../fixtures/workedExample';

const now = new Date('2026-11-22T10:00:00Z');
const settings = (change: (s: any) => void = () => undefined): Settings => {
  const s = JSON.parse(JSON.stringify(workedExampleSettings));
  change(s);
  const r = validateSettings(s, now);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.settings;
};

describe('settings that loosen safety (SPEC 7)', () => {
  const confirmed = settings((s) => {
    s.reserves = { enabled: true };
    s.channels[0].target = { warehouseId: '1' };
  });

  it('names each loosening and keeps the confirmed value of each', () => {
    const saved = settings((s) => {
      s.sendEnabled = true;
      s.guard = { maxZeroShare: 1, minItems: 1000 };
      s.reserves = { enabled: false };
      s.channels[0].target = { warehouseId: '2' };
      s.channels[0].rule = { type: 'share', percent: 50 };
    });
    expect(loosenings(confirmed, saved)).toHaveLength(5);
    // In the form's words and percent, never the stored fraction.
    expect(loosenings(confirmed, saved)[1]).toBe(
      'защита от обнуления: задерживать, если в 0 уходит больше 30 % → 100 % (пропустит больше нулей)',
    );
    const run = withConfirmedSafety(saved, confirmed);
    expect(run.sendEnabled).toBe(false);
    expect(run.guard).toEqual({ maxZeroShare: 0.3, minItems: 5 });
    expect(run.reserves.enabled).toBe(true);
    expect(run.channels[0].target).toEqual({ warehouseId: '1' });
    // What loosens nothing applies as saved.
    expect(run.channels[0].rule).toEqual({ type: 'share', percent: 50 });
  });

  it('tightening is no loosening', () => {
    const saved = settings((s) => {
      s.guard = { maxZeroShare: 0.1, minItems: 2 };
      s.reserves = { enabled: true };
      s.channels[0].target = { warehouseId: '1' };
      s.channels[0].marketplace = 'manual';
    });
    expect(loosenings(confirmed, saved)).toEqual([]);
    expect(withConfirmedSafety(saved, confirmed)).toEqual(saved);
  });

  it('a new channel that would send waits, switched off', () => {
    const saved = settings((s) => {
      s.channels.push({ id: 'new', name: 'Новый', column: 'Новый', marketplace: 'ozon' });
    });
    expect(loosenings(settings(), saved)).toEqual(['новый канал «Новый» с отправкой на площадку']);
    expect(withConfirmedSafety(saved, settings()).channels.at(-1)?.enabled).toBe(false);
  });
});
