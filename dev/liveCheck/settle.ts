/**
 * `--set SKU=N`, the check's only write: push one item, then read it back every few seconds until
 * the marketplace shows N or the bound passes, and say how long it took. This is how the settle
 * defaults of SPEC §5.4 are verified: a marketplace may accept a push at once and show it minutes later.
 */
import type { Connector, ItemOutcome, StockUpdate } from '../../src/connectors/common';
import { ConnectorError, type Timer } from '../../src/connectors/http';
import { duration, type Printer, UNKNOWN } from './report';

export interface WatchOptions {
  maxWaitMs: number;
  intervalMs: number;
  /** The channel's settle default, in minutes, to compare the measurement with. */
  settleMinutes: number;
  title: string;
}

interface Reading {
  /** Since the push started, ms. */
  at: number;
  value: number | undefined;
}

/** True when the marketplace showed the amount within the bound. */
export function pushAndWatch(
  connector: Connector,
  item: StockUpdate,
  options: WatchOptions,
  timer: Timer,
  out: Printer,
): boolean {
  const started = timer.now();
  const [outcome] = connector.setStocks([item]);
  out.line(`Отправлено ${item.id} = ${item.amount}: ${outcomeText(outcome)} (${duration(timer.now() - started)})`);
  if (!worthWatching(outcome)) return false;
  if (!outcome?.accepted) out.line('Запрос ушёл, но площадка ещё не показывает число: всё равно жду.');
  out.line(`Читаю обратно каждые ${duration(options.intervalMs)}, не дольше ${duration(options.maxWaitMs)}…`);
  const readings = watch(connector, item, options, timer, started, out);
  return verdict(item, readings, options, out);
}

function outcomeText(outcome: ItemOutcome | undefined): string {
  if (!outcome) return 'площадка ничего не ответила по товару';
  return outcome.accepted ? 'принято' : `не принято — ${outcome.reason ?? 'без объяснения'}`;
}

/**
 * An accepted push is watched; so is one that went out but is not shown yet (Wildberries reads
 * back at once and calls that "not accepted, try later"). A refused or never-sent push is not.
 */
function worthWatching(outcome: ItemOutcome | undefined): boolean {
  if (!outcome) return false;
  return outcome.accepted || (outcome.retryLater === true && outcome.notSent !== true);
}

function watch(
  connector: Connector,
  item: StockUpdate,
  options: WatchOptions,
  timer: Timer,
  started: number,
  out: Printer,
): Reading[] {
  const readings: Reading[] = [];
  for (;;) {
    const value = readOne(connector, item.id, out);
    const reading = { at: timer.now() - started, value };
    const previous = readings[readings.length - 1];
    readings.push(reading);
    if (!previous || previous.value !== value) out.line(`  +${duration(reading.at)}: показано ${value ?? UNKNOWN}`);
    if (value === item.amount) return readings;
    const left = options.maxWaitMs - reading.at;
    if (left <= 0) return readings;
    timer.sleep(Math.min(options.intervalMs, left));
  }
}

/** One reading; a passing failure (rate limit, no answer) is an unknown reading, not the end. */
function readOne(connector: Connector, id: string, out: Printer): number | undefined {
  try {
    return connector.readStocks([id]).get(id);
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.kind === 'auth' || error.kind === 'config') throw error;
    out.line(`  чтение не удалось: ${error.message}`);
    return undefined;
  }
}

function verdict(item: StockUpdate, readings: Reading[], options: WatchOptions, out: Printer): boolean {
  const last = readings[readings.length - 1];
  if (last.value !== item.amount) {
    out.line(
      `${options.title} НЕ показал ${item.amount} за ${duration(options.maxWaitMs)} ` +
        `(последнее показанное: ${last.value ?? UNKNOWN}, проверок: ${readings.length}).`,
    );
    return false;
  }
  const before = readings.length > 1 ? readings[readings.length - 2].at : undefined;
  const between = before === undefined ? 'с первой проверки' : `предыдущая проверка в +${duration(before)} ещё нет`;
  out.line(
    `${options.title} показал ${item.amount} через ${duration(last.at)} (${between}; проверок: ${readings.length}).`,
  );
  const fits = last.at <= options.settleMinutes * 60_000;
  out.line(
    `Окно оседания по умолчанию (settleMinutes) — ${options.settleMinutes} мин: ` +
      (fits ? 'укладывается.' : 'НЕ укладывается — значение по умолчанию мало для этого аккаунта.'),
  );
  return true;
}
