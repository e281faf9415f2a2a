/**
 * Dates as sellers write them, through dist/Code.js: «Резервы с» given to saveSettings and «Действует до»
 * typed on «Резервы» name times in the spreadsheet's own zone (here Yekaterinburg, UTC+5), not the script's.
 */
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { reserveHeader, workedExampleSettings, workedExampleStock } from '../fixtures/workedExample';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function bookIn(timeZone: string, reserves: unknown[][]): FakeSpreadsheet {
  const book = new FakeSpreadsheet();
  book.timeZone = timeZone;
  book.addSheet('Остатки', workedExampleStock);
  book.addSheet('Резервы', reserves);
  return book;
}

/** A manual reserve of 3 «A-1» until `until`, typed as text. */
function manualReserveUntil(until: string): unknown[][] {
  const row: unknown[] = ['', '', '', 'A-1', 3, 'Склад', 'Ручной', 'Активен', '', '', 'под самовывоз'];
  row[reserveHeader.indexOf('Действует до')] = until;
  return [reserveHeader, row];
}

function reserveOnStock(book: FakeSpreadsheet): unknown {
  const rows = book.sheet('Остатки').dump();
  return rows[1][rows[0].indexOf('Резерв')];
}

it('saveSettings stores «25.11.2026 18:00» as 18:00 in the spreadsheet zone, and the sidebar gets that zone', () => {
  const g = loadBundle({ book: bookIn('Asia/Yekaterinburg', [reserveHeader]) });
  const settings = clone(workedExampleSettings) as Record<string, unknown>;
  settings.reserves = { enabled: true, activeFrom: '25.11.2026 18:00' };
  expect(g.fn.saveSettings(settings).ok).toBe(true);
  const state = JSON.parse(JSON.stringify(g.fn.getState()));
  expect(state.settings.reserves.activeFrom).toBe('2026-11-25T13:00:00.000Z');
  expect(state.timeZone).toBe('Asia/Yekaterinburg');
});

it('saveSettings refuses a date that is no date, naming the accepted forms', () => {
  const g = loadBundle({ book: bookIn('Europe/Moscow', [reserveHeader]) });
  const settings = clone(workedExampleSettings) as Record<string, unknown>;
  settings.reserves = { activeFrom: '31.11.2026' };
  const answer = JSON.parse(JSON.stringify(g.fn.saveSettings(settings)));
  expect(answer).toEqual({
    ok: false,
    errors: [
      {
        path: 'reserves.activeFrom',
        message: expect.stringContaining(
          'Учитывать заказы с (дата и время): нужна дата в виде 25.11.2026 или 25.11.2026 18:00',
        ),
      },
    ],
  });
});

it('«Действует до» 25.11.2026 18:00 on «Резервы» ends the reserve at 18:00 in the spreadsheet zone', () => {
  const book = bookIn('Asia/Yekaterinburg', manualReserveUntil('25.11.2026 18:00'));
  const g = loadBundle({ book });
  expect(g.fn.saveSettings(workedExampleSettings).ok).toBe(true);
  g.setNow('2026-11-25T12:59:00Z');
  g.fn.recalculate();
  expect(reserveOnStock(book)).toBe(3);
  // 18:00 in Yekaterinburg is 13:00 UTC; read as Moscow time it would still hold until 15:00 UTC.
  g.setNow('2026-11-25T13:00:00Z');
  g.fn.recalculate();
  expect(reserveOnStock(book)).toBe(0);
});
