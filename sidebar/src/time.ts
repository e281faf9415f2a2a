/**
 * Times in the panel as the spreadsheet shows them: in its own zone («Файл» → «Настройки» → «Часовой
 * пояс», state.timeZone), as «25.11.2026 18:00» — the same text as the cells of «Журнал» and «Резервы».
 */
import { DEFAULT_TIME_ZONE, formatSellerDate } from '../../src/core/dates';

let shownZone = DEFAULT_TIME_ZONE;

/** From now on the panel shows times in this zone (the spreadsheet's, from the latest state). */
export function showTimesIn(timeZone: string): void {
  try {
    formatSellerDate(0, timeZone);
    shownZone = timeZone;
  } catch {
    // A zone this browser does not know: the manifest's zone rather than no panel at all.
    shownZone = DEFAULT_TIME_ZONE;
  }
}

/** An ISO moment in the spreadsheet's zone; text that is no moment stays as it is. */
export function formatMoment(iso: string, timeZone: string = shownZone): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatSellerDate(ms, timeZone);
}
