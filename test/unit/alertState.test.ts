/**
 * The low-stock alert state in document properties (usecases/alerts.ts) against the store's real limits
 * (the fake fails like Apps Script: 9 KB a value, 500 KB a store): its size is bounded whatever the SKUs,
 * and a store that cannot be written never makes a digest or a Telegram message go out again.
 */
import { MAX_TRACKED } from '../../src/core/lowStockAlerts';
import { defaultSettings } from '../../src/core/settings';
import { alertAfterRecalc } from '../../src/usecases/alertRuns';
import {
  ALERT_STATE_BYTES,
  type AlertRun,
  type LowStockReading,
  loadAlertState,
  runAlerts,
  storedAlertState,
} from '../../src/usecases/alerts';
import type { KeyValueStore } from '../../src/usecases/ports';
import { FakeProperties } from '../fakes/services';

function store(p: FakeProperties): KeyValueStore {
  return {
    getAll: () => p.getProperties(),
    setMany: (v) => {
      p.setProperties(v);
    },
    deleteMany: (keys) => {
      for (const k of keys) p.deleteProperty(k);
    },
  };
}

const NOW = Date.parse('2026-11-22T09:00:00Z');
const FIVE_MINUTES = 5 * 60_000;

function shop(doc = new FakeProperties()) {
  const sent: string[] = [];
  let failMail = false;
  const run: AlertRun = {
    properties: store(doc),
    user: store(new FakeProperties()),
    userEmail: 'owner@example.com',
    ports: {
      mail: () => ({
        remainingQuota: () => 100,
        send: (m) => {
          if (failMail) throw new Error('Exception: Service invoked too many times for one day: email.');
          sent.push(m.subject);
        },
      }),
      ownerEmail: () => 'owner@example.com',
      http: { fetchAll: () => [] } as never,
      timer: { now: () => 0, sleep: () => undefined } as never,
    },
    now: NOW,
    timeZone: 'Europe/Moscow',
    deadline: 0,
  };
  const settings = { ...defaultSettings(new Date(NOW)), alerts: { email: true, telegram: false } };
  return {
    doc,
    run,
    settings,
    sent,
    failMail: (v: boolean) => {
      failMail = v;
    },
    runAt: (ms: number, reading: LowStockReading) => runAlerts({ ...run, now: ms }, settings, reading),
  };
}

/** SKUs of ~30 Cyrillic letters: 60 bytes each in UTF-8. */
function longSkus(n: number): LowStockReading {
  const lowStock = Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    sku: `Футболка-хлопок-белая-XL-${String(i).padStart(5, '0')}`,
    forSale: 1,
    min: 5,
  }));
  return { lowStock, invalidSkus: new Set<string>() };
}

/** What else a large shop keeps in document properties (sent counts, states, summaries). */
function fill(doc: FakeProperties, kilobytes: number) {
  for (let i = 0; i < kilobytes / 8; i++) doc.setProperty(`state.other.${i}`, 'x'.repeat(8000));
}

it(`the state of ${MAX_TRACKED} long Cyrillic SKUs, all waiting, with the longest error, fits its budget`, () => {
  const { lowStock } = longSkus(MAX_TRACKED);
  const skus = lowStock.map((i) => i.sku);
  const stored = storedAlertState(
    { below: skus, telegram: skus, mail: skus, mailedOn: '22.11.2026' },
    { lastError: 'Ошибка '.repeat(100), mailedAt: NOW, telegramAt: NOW, capped: true },
    NOW,
  );
  expect(Buffer.byteLength(JSON.stringify(stored), 'utf8')).toBeLessThanOrEqual(ALERT_STATE_BYTES);
});

it('a shop with 2000 long SKUs below and 440 KB of other state stores its alerts and mails once a day', () => {
  const s = shop();
  fill(s.doc, 440);
  for (let r = 0; r < 3; r++) expect(s.runAt(NOW + r * FIVE_MINUTES, longSkus(MAX_TRACKED))).toEqual([]);
  expect(s.sent).toHaveLength(1);
  expect(
    loadAlertState(
      s.doc.getProperties(),
      longSkus(MAX_TRACKED).lowStock.map((i) => i.sku),
    ).below,
  ).toHaveLength(MAX_TRACKED);
});

it('a digest is sent at most once a day even when the alert state cannot be stored, and the journal says why in Russian once', () => {
  const s = shop();
  fill(s.doc, 496);
  const journaled: string[][] = [];
  for (let r = 0; r < 3; r++) journaled.push(s.runAt(NOW + r * FIVE_MINUTES, longSkus(MAX_TRACKED)));
  expect(s.sent.length).toBeLessThanOrEqual(1);
  const said = journaled.flat();
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(
    /^Уведомления: не удалось сохранить, о чём уже сообщено \(2000 артикулов ниже минимума\): хранилище документа переполнено/,
  );
  expect(said[0]).not.toMatch(/quota|Exception/);
});

it('once the store has room again the waiting digest goes out, once', () => {
  const s = shop();
  fill(s.doc, 496);
  s.runAt(NOW, longSkus(MAX_TRACKED));
  for (const key of Object.keys(s.doc.getProperties())) if (key.startsWith('state.other.')) s.doc.deleteProperty(key);
  s.runAt(NOW + FIVE_MINUTES, longSkus(MAX_TRACKED));
  s.runAt(NOW + 2 * FIVE_MINUTES, longSkus(MAX_TRACKED));
  expect(s.sent).toHaveLength(1);
});

it('a digest that fails to send waits for the next run of the day and goes out once', () => {
  const s = shop();
  s.failMail(true);
  const first = s.runAt(NOW, longSkus(3));
  expect(first.join(' ')).toContain('Письмо о малом остатке не отправлено');
  expect(s.runAt(NOW + FIVE_MINUTES, longSkus(3))).toEqual([]);
  s.failMail(false);
  s.runAt(NOW + 2 * FIVE_MINUTES, longSkus(3));
  s.runAt(NOW + 3 * FIVE_MINUTES, longSkus(3));
  expect(s.sent).toEqual(['Остатки: заканчиваются 3 артикула']);
});

it(`more than ${MAX_TRACKED} SKUs below: the first ${MAX_TRACKED} are alerted, the seller is told once`, () => {
  const s = shop();
  const texts = [s.runAt(NOW, longSkus(MAX_TRACKED + 5)), s.runAt(NOW + FIVE_MINUTES, longSkus(MAX_TRACKED + 5))];
  expect(texts[0]).toEqual([expect.stringContaining(`ниже минимума больше ${MAX_TRACKED} артикулов`)]);
  expect(texts[1]).toEqual([]);
  expect(s.sent).toEqual([`Остатки: заканчиваются ${MAX_TRACKED} артикулов`]);
});

it('an SKU that recovered is forgotten even when nothing else changed, and its next fall is news', () => {
  const s = shop();
  const two = longSkus(2);
  s.runAt(NOW, two);
  s.runAt(NOW + FIVE_MINUTES, { lowStock: two.lowStock.slice(0, 1), invalidSkus: new Set() });
  s.runAt(NOW + 24 * 60 * 60_000, two);
  expect(s.sent).toEqual(['Остатки: заканчиваются 2 артикула', 'Остатки: заканчивается 1 артикул']);
});

it('«Пересчитать» whose sheet was read before a sync noticed a fall yields to it: the SKU stays noticed and is not alerted again', () => {
  const s = shop();
  const readAt = NOW;
  // The sync runs after the button read the sheet (A-1 was still above its minimum then) and alerts A-1.
  s.runAt(NOW + 1000, longSkus(1));
  expect(s.sent).toHaveLength(1);
  const button = {
    ...s.run,
    sheets: { appendRows: () => undefined, date: (ms: number) => new Date(ms) } as never,
    clock: { now: () => NOW + 2000 },
    lock: { tryLock: () => true, release: () => undefined },
    task: 'Пересчёт',
    readAt,
  };
  alertAfterRecalc(button, s.settings, { rows: [], lowStock: [] } as never);
  const sku = longSkus(1).lowStock[0].sku;
  expect(loadAlertState(s.doc.getProperties(), [sku]).below).toEqual([sku]);
  // A button whose reading is newer than the state acts on it: A-1 recovered.
  alertAfterRecalc({ ...button, readAt: NOW + 1500 }, s.settings, { rows: [], lowStock: [] } as never);
  expect(loadAlertState(s.doc.getProperties(), [sku]).below).toEqual([]);
});

it('Telegram only, on, with no bot: a run with new crossings says so once, not each run nor with the next crossings', () => {
  const s = shop();
  const settings = { ...s.settings, alerts: { email: false, telegram: true } };
  const at = (ms: number, reading: LowStockReading) => runAlerts({ ...s.run, now: ms }, settings, reading);
  expect(at(NOW, longSkus(0))).toEqual([]);
  const first = at(NOW + FIVE_MINUTES, longSkus(1));
  expect(first).toEqual([expect.stringMatching(/^Уведомление в Telegram не отправлено: бот не подключён\./)]);
  expect(at(NOW + 2 * FIVE_MINUTES, longSkus(1))).toEqual([]);
  expect(at(NOW + 3 * FIVE_MINUTES, longSkus(2))).toEqual([]);
  expect(s.sent).toEqual([]);
});
