import { formatSellerDate, parseSellerDate, zoneOffsetMs } from '../../src/core/dates';
import { parseMoment } from '../../src/core/reserves';
import { validateSettings } from '../../src/core/settings';

const NOW = new Date('2026-11-20T12:00:00Z');
const settingsWith = (activeFrom: string) => ({
  version: 1,
  warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }],
  channels: [],
  reserves: { activeFrom },
});

describe('dates as sellers write them', () => {
  it('reads 25.11.2026 and 25.11.2026 18:00 in the given zone', () => {
    expect(parseSellerDate('25.11.2026 18:00', 'Europe/Moscow')).toBe(Date.parse('2026-11-25T15:00:00Z'));
    expect(parseSellerDate('25.11.2026', 'Europe/Moscow')).toBe(Date.parse('2026-11-24T21:00:00Z'));
    expect(parseSellerDate('25.11.2026 18:00', 'Asia/Yekaterinburg')).toBe(Date.parse('2026-11-25T13:00:00Z'));
    expect(parseSellerDate(' 5.1.2027 9:05:30 ', 'UTC')).toBe(Date.parse('2027-01-05T09:05:30Z'));
  });

  it('follows daylight saving in a zone that has it', () => {
    // Berlin: UTC+1 in winter, UTC+2 in summer.
    expect(parseSellerDate('25.11.2026 18:00', 'Europe/Berlin')).toBe(Date.parse('2026-11-25T17:00:00Z'));
    expect(parseSellerDate('01.07.2026 18:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-01T16:00:00Z'));
    expect(zoneOffsetMs(Date.parse('2026-07-01T00:00:00Z'), 'America/New_York')).toBe(-4 * 3600_000);
  });

  it('reads ISO with a zone as given and ISO without one in the zone', () => {
    expect(parseSellerDate('2026-11-25T18:00:00Z', 'Asia/Tokyo')).toBe(Date.parse('2026-11-25T18:00:00Z'));
    expect(parseSellerDate('2026-11-25T18:00:00+03:00', 'UTC')).toBe(Date.parse('2026-11-25T15:00:00Z'));
    expect(parseSellerDate('2026-11-25 18:00', 'Asia/Tokyo')).toBe(Date.parse('2026-11-25T09:00:00Z'));
    expect(parseSellerDate('2026-11-25', 'Europe/Moscow')).toBe(Date.parse('2026-11-24T21:00:00Z'));
  });

  it('refuses what names no real day or time', () => {
    for (const text of ['31.02.2026', '25.13.2026', '25.11.2026 24:00', '25.11.2026 18:60', 'завтра', '', '25/11/2026'])
      expect(parseSellerDate(text, 'Europe/Moscow')).toBeNaN();
  });

  it('shows an instant as 25.11.2026 18:00 in the zone', () => {
    const at = Date.parse('2026-11-25T15:00:00Z');
    expect(formatSellerDate(at, 'Europe/Moscow')).toBe('25.11.2026 18:00');
    expect(formatSellerDate(at, 'Asia/Vladivostok')).toBe('26.11.2026 01:00');
    expect(formatSellerDate(Date.parse('2026-11-24T21:00:00Z'), 'Europe/Moscow')).toBe('25.11.2026 00:00');
  });

  it('«Действует до» typed as text is read in the spreadsheet zone; a cell date stays its instant', () => {
    expect(parseMoment('25.11.2026 18:00')).toBe(Date.parse('2026-11-25T15:00:00Z'));
    expect(parseMoment('25.11.2026 18:00', 'Asia/Novosibirsk')).toBe(Date.parse('2026-11-25T11:00:00Z'));
    expect(parseMoment(new Date('2026-11-25T15:00:00Z'), 'Asia/Novosibirsk')).toBe(Date.parse('2026-11-25T15:00:00Z'));
  });
});

describe('«Резервы с» in settings', () => {
  it('stores 25.11.2026 18:00 as the instant it names in the spreadsheet zone', () => {
    const moscow = validateSettings(settingsWith('25.11.2026 18:00'), NOW);
    expect(moscow.ok && moscow.settings.reserves.activeFrom).toBe('2026-11-25T15:00:00.000Z');
    const omsk = validateSettings(settingsWith('25.11.2026'), NOW, 'Asia/Omsk');
    expect(omsk.ok && omsk.settings.reserves.activeFrom).toBe('2026-11-24T18:00:00.000Z');
  });

  it('keeps ISO as given', () => {
    const iso = validateSettings(settingsWith('2026-11-01T00:00:00Z'), NOW, 'Asia/Omsk');
    expect(iso.ok && iso.settings.reserves.activeFrom).toBe('2026-11-01T00:00:00Z');
  });

  it('names the accepted forms in Russian when the date is wrong', () => {
    const wrong = validateSettings(settingsWith('31.02.2026'), NOW);
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.errors).toEqual([
      {
        path: 'reserves.activeFrom',
        message: 'Учитывать заказы с (дата и время): нужна дата в виде 25.11.2026 или 25.11.2026 18:00',
      },
    ]);
  });
});
