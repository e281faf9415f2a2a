/** The live check's command line: which channel, which items, what to compare, the one write. */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';

export type ChannelName = 'ozon' | 'wb' | 'yandex' | 'megamarket' | 'aliexpress' | 'avito';
export const CHANNELS: readonly ChannelName[] = ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress', 'avito'];
/** Channels whose API has no warehouse or campaign to pick: the key names the shop (Avito: stock per listing). */
const NO_TARGET: readonly ChannelName[] = ['megamarket', 'aliexpress', 'avito'];
const CHANNEL_LIST = CHANNELS.join('|');

export interface LiveOptions {
  channel: ChannelName;
  sandbox: boolean;
  /** Every item to read: --sku, the CSV, --expect and --set together, in their order. */
  skus: string[];
  /** What the add-on would send, by item id (--expect or the CSV's quantity column). */
  expected: Map<string, number>;
  set?: { id: string; amount: number };
  /** --warehouse (Ozon, Wildberries) or --campaign (Yandex Market); else the channel's env var. Avito: none. */
  target?: string;
  maxWaitMs: number;
  intervalMs: number;
  timeoutMs: number;
}

/** A mistake in the command line or the environment: the check stops before any request, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `npm run live-check -- --channel ${CHANNEL_LIST} [options]

  --sku A,B            items to read (ids as in the channel's id column; Avito: listing numbers)
  --csv file.csv       items from a CSV: column «Артикул» (or the first one)
  --qty-column NAME    the CSV's column of quantities the add-on would send
                       (default: «Количество», «Кол-во», «Остаток» or «К отправке» if present)
  --expect A=5,B=0     quantities the add-on would send, compared with what is shown
  --set A=5            the only write: push one item, then read it back until it shows
  --max-wait MIN       how long --set waits for the marketplace to show it (default 20)
  --interval SEC       seconds between read-backs (default 10)
  --timeout SEC        per request (default 60, as UrlFetchApp)
  --warehouse ID       Ozon / Wildberries warehouse (or OZON_WAREHOUSE_ID / WB_WAREHOUSE_ID)
  --campaign ID        Yandex Market campaign (or YM_CAMPAIGN_ID)
  --sandbox            the project's local sandboxes instead of the marketplaces, with test keys

Keys come only from the environment: OZON_CLIENT_ID + OZON_API_KEY, WB_TOKEN, YM_API_KEY, MM_TOKEN, ALI_TOKEN,
AVITO_CLIENT_ID + AVITO_CLIENT_SECRET. MegaMarket, AliExpress and Avito have no warehouse to pick (no --warehouse
or --campaign); MegaMarket has no stock read. For these three the check first prints what no official source
confirms ([verify]).`;

const QTY_COLUMNS = ['Количество', 'Кол-во', 'Остаток', 'К отправке'];
const TARGET_ENV: Partial<Record<ChannelName, string>> = {
  ozon: 'OZON_WAREHOUSE_ID',
  wb: 'WB_WAREHOUSE_ID',
  yandex: 'YM_CAMPAIGN_ID',
};

const SPEC = {
  channel: { type: 'string' },
  sandbox: { type: 'boolean', default: false },
  sku: { type: 'string', multiple: true },
  csv: { type: 'string' },
  'qty-column': { type: 'string' },
  expect: { type: 'string', multiple: true },
  set: { type: 'string' },
  'max-wait': { type: 'string', default: '20' },
  interval: { type: 'string', default: '10' },
  timeout: { type: 'string', default: '60' },
  warehouse: { type: 'string' },
  campaign: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The options, or 'help'; throws UsageError for anything it cannot take. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): LiveOptions | 'help' {
  let values: ReturnType<typeof parseArgs<{ options: typeof SPEC }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: SPEC, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const channel = channelOf(values.channel);
  const fromCsv = values.csv ? readCsv(values.csv, values['qty-column']) : { skus: [], expected: new Map() };
  const expected = new Map([...fromCsv.expected, ...(values.expect ?? []).flatMap(pairs)]);
  const set = values.set === undefined ? undefined : onePair(values.set, '--set');
  const listed = (values.sku ?? []).flatMap(list);
  return {
    channel,
    sandbox: values.sandbox,
    skus: [...new Set([...listed, ...fromCsv.skus, ...expected.keys(), ...(set ? [set.id] : [])])],
    expected,
    set,
    target: targetOf(channel, values.warehouse, values.campaign, env),
    maxWaitMs: positive(values['max-wait'], '--max-wait') * 60_000,
    intervalMs: positive(values.interval, '--interval') * 1000,
    timeoutMs: positive(values.timeout, '--timeout') * 1000,
  };
}

function channelOf(value: string | undefined): ChannelName {
  if (value === undefined) throw new UsageError(`укажите площадку: --channel ${CHANNEL_LIST}`);
  if (!(CHANNELS as readonly string[]).includes(value))
    throw new UsageError(`неизвестная площадка «${value}»: --channel ${CHANNEL_LIST}`);
  return value as ChannelName;
}

function targetOf(
  channel: ChannelName,
  warehouse: string | undefined,
  campaign: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (NO_TARGET.includes(channel)) {
    if ((warehouse !== undefined || campaign !== undefined) && channel === 'avito')
      throw new UsageError(
        'у Авито нет складов и кампаний: остатки задаются по объявлениям, --warehouse и --campaign не нужны',
      );
    if (warehouse !== undefined || campaign !== undefined)
      throw new UsageError('у этой площадки склад или кампания не выбираются: уберите --warehouse / --campaign');
    return undefined;
  }
  if (channel === 'yandex' && warehouse !== undefined)
    throw new UsageError('у Яндекс Маркета магазин (кампания), а не склад: --campaign ID');
  if (channel !== 'yandex' && campaign !== undefined)
    throw new UsageError(`у ${channel === 'ozon' ? 'Ozon' : 'Wildberries'} склад, а не кампания: --warehouse ID`);
  const variable = TARGET_ENV[channel];
  const given = (channel === 'yandex' ? campaign : warehouse) ?? (variable ? env[variable] : undefined);
  if (given !== undefined && !/^\d+$/.test(given.trim()))
    throw new UsageError(`номер склада или кампании — только цифры, а не «${given}»`);
  return given?.trim() || undefined;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function pairs(value: string): [string, number][] {
  return list(value).map((pair) => {
    const { id, amount } = onePair(pair, '--expect');
    return [id, amount];
  });
}

function onePair(pair: string, option: string): { id: string; amount: number } {
  const at = pair.lastIndexOf('=');
  const id = at > 0 ? pair.slice(0, at).trim() : '';
  const amount = at > 0 ? quantity(pair.slice(at + 1)) : undefined;
  if (!id || amount === undefined) throw new UsageError(`${option}: ожидалось АРТИКУЛ=ЧИСЛО, а не «${pair}»`);
  return { id, amount };
}

/** A whole number of units, «1 200» included; undefined for anything else. */
function quantity(text: string): number | undefined {
  const flat = text.replace(/[\s\u00a0]/g, '');
  return /^\d+$/.test(flat) ? Number(flat) : undefined;
}

function positive(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`${option}: нужно положительное число, а не «${text}»`);
  return value;
}

function readCsv(file: string, qtyColumn: string | undefined): { skus: string[]; expected: Map<string, number> } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`не удалось прочитать ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const rows = parse(text, {
    bom: true,
    delimiter: delimiterOf(text),
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as string[][];
  const [header = [], ...body] = rows;
  const named = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const skuAt = Math.max(0, named('Артикул'));
  const qtyAt = qtyColumn !== undefined ? named(qtyColumn) : QTY_COLUMNS.map(named).find((i) => i >= 0);
  if (qtyColumn !== undefined && qtyAt === -1) throw new UsageError(`в ${file} нет столбца «${qtyColumn}»`);
  const skus: string[] = [];
  const expected = new Map<string, number>();
  body.forEach((row, k) => {
    const id = row[skuAt] ?? '';
    if (!id) return;
    skus.push(id);
    const cell = qtyAt === undefined ? '' : (row[qtyAt] ?? '');
    if (cell === '') return;
    const amount = quantity(cell);
    if (amount === undefined) throw new UsageError(`${file}, строка ${k + 2}: «${cell}» — не целое число штук`);
    expected.set(id, amount);
  });
  return { skus, expected };
}

/** Google Sheets exports with commas, Russian Excel with semicolons: the header line tells. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  return [';', '\t', ','].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}
