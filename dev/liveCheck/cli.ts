/**
 * `npm run live-check -- --channel ozon|wb|yandex|megamarket|aliexpress|avito …`: the project's own connectors against a real
 * marketplace account (or, with --sandbox, the local sandboxes), read-only but for --set. It shows
 * the warehouses or campaigns, what is shown for sale, the last 24 hours of orders with their
 * statuses as the add-on maps them, and what the add-on would change. Exit codes: 0 all went
 * well, 1 a marketplace failed or --set did not show in time, 2 a mistake in the options or keys.
 */
import { memoryTokenCache } from '../../src/connectors/avito';
import type { Connector, OrderLine, OrderStatus, Target } from '../../src/connectors/common';
import { ConnectorError } from '../../src/connectors/http';
import {
  aliIndex,
  CHANNEL_INFO,
  type ChannelInfo,
  chrtOf,
  connectorFor,
  type Keys,
  keysFor,
  secretsIn,
  type Transport,
  wbIndex,
} from './channels';
import { createFetchClient, realTimer } from './fetchClient';
import { type LiveOptions, parseOptions, USAGE, UsageError } from './options';
import { type Cell, Printer, shown, UNKNOWN } from './report';
import { pushAndWatch } from './settle';

interface Session extends Transport {
  keys: Keys;
  seed?(connector: Connector, target: Target | undefined): void;
  stop(): Promise<void>;
}

const DAY_MS = 24 * 3_600_000;
const ORDER_LINES_SHOWN = 50;

const STATUS_MEANING: Record<OrderStatus, string> = {
  new: 'new — резерв',
  shipped: 'shipped — списание',
  cancelled: 'cancelled — снять резерв',
  other: 'other — ничего не делаем',
};

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  // Every key in the environment is masked in every line, from the first one.
  let out = new Printer(secretsIn(env));
  guardCrashes(() => out);
  try {
    const options = parseOptions(argv, env);
    if (options === 'help') {
      out.line(USAGE);
      return 0;
    }
    const session = await openSession(options, env);
    out = new Printer([...secretsIn(env), ...Object.values(session.keys)]);
    try {
      return run(options, session, out);
    } finally {
      await session.stop();
    }
  } catch (error) {
    return failure(error, out);
  }
}

async function openSession(options: LiveOptions, env: NodeJS.ProcessEnv): Promise<Session> {
  if (!options.sandbox) {
    const keys = keysFor(options.channel, env);
    const timer = realTimer();
    return {
      keys,
      http: createFetchClient({ timeoutMs: options.timeoutMs }),
      timer,
      cache: memoryTokenCache(timer),
      stop: async () => {},
    };
  }
  const { startSandboxSession } = await import('./sandbox.js');
  const sandbox = await startSandboxSession(options.channel, options.timeoutMs);
  try {
    return {
      ...sandbox,
      cache: memoryTokenCache(sandbox.timer),
      keys: keysFor(options.channel, env, sandbox.keys),
    };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

function failure(error: unknown, out: Printer): number {
  if (error instanceof UsageError) {
    out.error(`live-check: ${error.message}`);
    out.error('Справка: npm run live-check -- --help');
    return 2;
  }
  if (error instanceof ConnectorError) {
    out.error(`Ошибка: ${error.message}`);
    return 1;
  }
  out.error(`live-check: ${(error as Error)?.stack ?? String(error)}`);
  return 1;
}

/** Even a crash prints through the printer, so that no key leaks with a stack trace. */
function guardCrashes(printer: () => Printer): void {
  const crash = (error: unknown) => {
    printer().error(`live-check: ${(error as Error)?.stack ?? String(error)}`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // Piped into `head`: the reader has gone, so has the point of printing.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
}

function run(options: LiveOptions, session: Session, out: Printer): number {
  const info = CHANNEL_INFO[options.channel];
  const where = options.sandbox ? `песочница на 127.0.0.1 вместо ${info.host}` : info.host;
  out.line(`Проверка: ${info.title} (${where}); ${options.set ? 'одна запись (--set), остальное' : 'только'} чтение`);
  printVerify(info, out);
  // A wrong key shows here first, and nothing else is worth trying then.
  const targets = connectorFor(options.channel, session.keys, session).listTargets();
  const target = info.noTarget ? noTarget(info, out) : pickTarget(targets, options, info, out);
  const steps = new Steps(out);
  const needsIndex = options.channel === 'wb' && (options.skus.length > 0 || options.sandbox);
  const index = needsIndex ? steps.try(() => wbIndex(session.keys, session), 'карточки (баркод → chrtId)') : undefined;
  const products =
    options.channel === 'aliexpress'
      ? steps.try(() => aliIndex(session.keys, session), 'товары (sku_code → product_id)')
      : undefined;
  const connector = connectorFor(options.channel, session.keys, session, target, index ?? products);
  session.seed?.(connector, target);
  const stocks = printStocks(options, out, steps, connector, index && ((id) => chrtOf(index, id)));
  steps.try(() => printOrders(connector, session.timer.now(), out));
  if (stocks) printExpected(options.expected, stocks, out);
  if (options.set) {
    out.section(`Запись и время до показа (--set ${options.set.id}=${options.set.amount})`);
    const watch = { ...options, settleMinutes: info.settleMinutes, title: info.title };
    if (steps.try(() => setAndWatch(connector, options, stocks, watch, session, out)) !== true) steps.failed = true;
  }
  return steps.failed ? 1 : 0;
}

/**
 * Each part of the check on its own: a marketplace error (a key without the rights for orders, a
 * refused request) is printed and the other parts still run; the exit code remembers it.
 */
class Steps {
  failed = false;

  constructor(private readonly out: Printer) {}

  try<T>(step: () => T, what?: string): T | undefined {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      this.out.line(`Ошибка${what ? ` (${what})` : ''}: ${error.message}`);
      this.failed = true;
      return undefined;
    }
  }
}

/**
 * What the connector assumes and no official source confirms: each line is to be checked on this
 * account. Printed first, so that a refused key (which ends the run) still shows them.
 */
function printVerify(info: ChannelInfo, out: Printer): void {
  if (!info.verify?.length) return;
  out.section('Не подтверждено официальными источниками [verify] — сверьте на этом кабинете');
  for (const [k, v] of info.verify.entries()) {
    out.line(`${k + 1}. ${typeof v === 'string' ? v : v.fact}`);
    if (typeof v !== 'string') out.line(`   как: ${v.check}`);
  }
}

function noTarget(info: ChannelInfo, out: Printer): undefined {
  out.section('Подключение (listTargets)');
  out.line(`Ключ принят; ${info.targetWord} выбирать не нужно: ключ подключает магазин целиком.`);
  return undefined;
}

function pickTarget(targets: Target[], options: LiveOptions, info: ChannelInfo, out: Printer): Target {
  printTargets(targets, info, out);
  return chooseTarget(targets, options, info, out);
}

function printTargets(targets: Target[], info: ChannelInfo, out: Printer): void {
  out.section(
    info.targetsTitle ?? (info.targetWord === 'склад' ? 'Склады (listTargets)' : 'Магазины — кампании (listTargets)'),
  );
  const rows = targets.map((t) => [t.id, t.name, t.note, t.businessId]);
  const withBusiness = targets.some((t) => t.businessId !== undefined);
  out.table(['ID', 'Название', 'Примечание', ...(withBusiness ? ['Кабинет (businessId)'] : [])], rows);
}

/** The target the options name; else the only one (or, in the sandbox, the first). */
function chooseTarget(targets: Target[], options: LiveOptions, info: ChannelInfo, out: Printer): Target {
  let target: Target | undefined;
  if (options.target !== undefined) {
    target = targets.find((t) => t.id === options.target);
    if (!target) out.line(`Внимание: ${info.targetWord} ${options.target} не найден в списке выше; пробую всё равно.`);
    target ??= { id: options.target, name: '(нет в списке)' };
  } else if (targets.length === 1 || (options.sandbox && targets.length)) target = targets[0];
  else if (!targets.length)
    throw new ConnectorError('config', `${info.title}: у аккаунта нет ни одного объекта «${info.targetWord}»`);
  else throw new UsageError(`выберите ${info.targetWord} из списка выше: ${info.targetOption} ID`);
  out.line(`Выбран ${info.targetWord}: ${target.id} «${target.name}»`);
  return target;
}

function printStocks(
  options: LiveOptions,
  out: Printer,
  steps: Steps,
  connector: Connector,
  chrt?: (id: string) => string,
): Map<string, number> | undefined {
  out.section('Показано к продаже (readStocks)');
  if (connector.canReadStocks === false) {
    out.line(
      'Площадка не показывает остатки через API (в этой версии API нет чтения): сверьте числа в личном кабинете.',
    );
    return undefined;
  }
  if (!options.skus.length) {
    out.line('Товары не заданы: --sku A,B или --csv файл.csv');
    return undefined;
  }
  const stocks = steps.try(() => connector.readStocks(options.skus));
  if (!stocks) return undefined;
  const rows = options.skus.map((id) => [id, ...(chrt ? [chrt(id)] : []), shown(stocks, id)]);
  out.table(['Артикул', ...(chrt ? ['chrtId'] : []), 'Показано'], rows);
  const unknown = options.skus.filter((id) => !stocks.has(id)).length;
  out.line(`Товаров: ${options.skus.length}, ${UNKNOWN}: ${unknown} (площадка не знает товар или не прислала число)`);
  return stocks;
}

function printOrders(connector: Connector, now: number, out: Printer): void {
  const from = now - DAY_MS;
  out.section('Заказы за последние 24 часа (listOrders)');
  out.line(`С ${new Date(from).toISOString()} по ${new Date(now).toISOString()}`);
  const lines = connector.listOrders(from, now);
  out.line(`Строк заказов: ${lines.length}`);
  if (!lines.length) return;
  out.line();
  out.table(['Статус площадки', 'Наш статус', 'Строк'], statusSummary(lines));
  out.line();
  const rows: Cell[][] = lines
    .slice(0, ORDER_LINES_SHOWN)
    .map((l) => [l.orderId, l.itemIds.join(', '), l.quantity, l.rawStatus, STATUS_MEANING[l.status], l.createdAt]);
  out.table(['Заказ', 'Артикулы', 'Кол-во', 'Статус площадки', 'Наш статус', 'Создан'], rows);
  if (lines.length > ORDER_LINES_SHOWN) out.line(`… и ещё ${lines.length - ORDER_LINES_SHOWN}`);
}

/** Each raw status once, with what the add-on makes of it: an unmapped status shows up here. */
function statusSummary(lines: OrderLine[]): Cell[][] {
  const counts = new Map<string, { status: OrderStatus; count: number }>();
  for (const l of lines) {
    const entry = counts.get(l.rawStatus) ?? { status: l.status, count: 0 };
    entry.count++;
    counts.set(l.rawStatus, entry);
  }
  return [...counts].map(([raw, e]) => [raw, STATUS_MEANING[e.status], e.count]);
}

function printExpected(expected: Map<string, number>, stocks: Map<string, number>, out: Printer): void {
  if (!expected.size) return;
  out.section('Что отправила бы надстройка');
  let same = 0;
  let differ = 0;
  const rows = [...expected].map(([id, amount]) => {
    const now = stocks.get(id);
    if (now === undefined) return [id, UNKNOWN, amount, '—', 'площадка не показывает товар'];
    if (now === amount) same++;
    else differ++;
    const delta = amount - now;
    return [id, now, amount, delta > 0 ? `+${delta}` : String(delta), delta ? 'изменится' : 'совпадает'];
  });
  out.table(['Артикул', 'Показано', 'Отправили бы', 'Разница', 'Итог'], rows);
  out.line(`Совпадает: ${same}, изменится: ${differ}, ${UNKNOWN}: ${expected.size - same - differ}`);
}

function setAndWatch(
  connector: Connector,
  options: LiveOptions,
  stocks: Map<string, number> | undefined,
  watch: Parameters<typeof pushAndWatch>[2],
  session: Session,
  out: Printer,
): boolean {
  const item = options.set!;
  if (connector.canReadStocks === false) return pushUnread(connector, item, out);
  const before = stocks?.get(item.id);
  out.line(`Было показано: ${before ?? UNKNOWN}`);
  if (before === item.amount) {
    out.line(`Площадка уже показывает ${item.amount}: время до показа не измерить — задайте другое число.`);
    return false;
  }
  return pushAndWatch(connector, item, watch, session.timer, out);
}

/** A marketplace that cannot be read: the push's answer is all there is; the cabinet shows the rest. */
function pushUnread(connector: Connector, item: NonNullable<LiveOptions['set']>, out: Printer): boolean {
  const [outcome] = connector.setStocks([item]);
  const said = outcome?.accepted ? 'принято' : `не принято — ${outcome?.reason ?? 'без объяснения'}`;
  out.line(`Отправлено ${item.id} = ${item.amount}: ${said}`);
  out.line('Время до показа не измерить: площадка не показывает остатки через API — проверьте число в кабинете.');
  return outcome?.accepted === true;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
