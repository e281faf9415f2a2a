/**
 * The settings of SPEC 4: their types, defaults and validation. Structure is checked by valibot
 * (messages in Russian), then the rules that span several fields (ids, headers, sources, formulas).
 * Nothing here touches Apps Script; the store that keeps the JSON lives in the adapters.
 */
import * as v from 'valibot';
import { DATE_FORMS, DEFAULT_TIME_ZONE, isRussianDate, parseSellerDate } from './dates';
import { parseFormula } from './formula';
import { HEADERS, normalizeHeader } from './headers';

const ID_PATTERN = /^[a-z0-9_-]{1,32}$/;
const FORMULA_START = /^[=+\-@]/;

const id = (what: string) =>
  v.pipe(
    v.string(`${what}: нужен идентификатор`),
    v.regex(ID_PATTERN, `${what}: от 1 до 32 символов из a–z, 0–9, «_» и «-»`),
  );

const text = (what: string, max = 200) =>
  v.pipe(
    v.string(`${what}: нужен текст`),
    v.trim(),
    v.minLength(1, `${what}: не заполнено`),
    v.maxLength(max, `${what}: длиннее ${max} символов`),
  );

// Written into row 1 of «Остатки», so it must not be read by Sheets as a formula (SPEC 7).
const header = (what: string) =>
  v.pipe(
    text(what, 100),
    v.check((s) => !FORMULA_START.test(s), `${what}: заголовок не может начинаться с «=», «+», «-» или «@»`),
  );

const url = (what: string) =>
  v.pipe(
    text(what, 2000),
    v.regex(/^https:\/\/[^\s/]+\.[^\s/]+\/?/i, `${what}: нужна ссылка, начинающаяся с https://`),
  );

const flag = (what: string) => v.boolean(`${what}: должно быть true или false`);

/** Length limits of the free-form fields (SPEC 7): a formula, a filter value, a marketplace's code. */
export const LIMITS = { formula: 500, filterValue: 200, code: 64, date: 40, settingsKb: 100 } as const;

/**
 * The settings form's labels as the seller reads them (sidebar/src: settingsForm, warehousesSection,
 * channelsSection, ruleEditor, sourceEditor; the orders lane and the account as their fields name them):
 * every message about a field starts with its label, after the warehouse or channel it is in.
 */
export const FORM_LABELS = {
  sendEnabled: 'Разрешить отправку остатков',
  schedule: 'Расписание',
  ordersLane: 'Заказы отдельно от расписания',
  quota: 'Аккаунт Google',
  alertsEmail: 'Письмо владельцу раз в день',
  alertsTelegram: 'Сообщение в Telegram',
  guard: 'Защита от обнуления',
  maxZeroShare: 'Задержать, если в 0 уходит больше, %',
  minItems: '…и хотя бы позиций',
  reserves: 'Резервы',
  reservesEnabled: 'Резервировать заказы',
  activeFrom: 'Учитывать заказы с (дата и время)',
  doubleReservation: 'Двойное резервирование',
  pendingHoldMinutes: 'Ждать заказ, минут',
  warehouses: 'Склады',
  column: 'Столбец на листе «Остатки»',
  warehouseType: 'Тип',
  inSale: 'В продаже',
  source: 'Источник',
  csvUrl: 'Ссылка на CSV',
  ymlUrl: 'Ссылка на YML',
  spreadsheetUrl: 'Ссылка на таблицу',
  sheet: 'Лист',
  skuHeader: 'Столбец артикула',
  qtyHeader: 'Столбец количества',
  query: 'Поиск письма (как в Gmail)',
  sourceChannel: 'Канал',
  channels: 'Каналы',
  name: 'Название',
  marketplace: 'Площадка',
  channelEnabled: 'Отправлять в этот канал',
  idHeader: 'Столбец ID товара',
  sources: 'Склады канала',
  filter: 'Фильтр товаров',
  filterHeader: 'Столбец фильтра',
  filterOp: 'Условие фильтра',
  filterValue: 'Значение фильтра',
  ruleType: 'Тип правила',
  percent: 'Доля, %',
  conditions: 'Условия',
  otherwise: 'Иначе',
  feed: 'Публиковать как YML-фид для сайта',
} as const;

/** The form edits the guard's share in percent; the JSON keeps a fraction. */
const ZERO_SHARE_RANGE = `${FORM_LABELS.maxZeroShare}: от 0 до 100 (в настройках JSON — доля от 0 до 1)`;

const ACTIVE_FROM_FORMS = `${FORM_LABELS.activeFrom}: нужна дата в виде ${DATE_FORMS}`;

/** ISO as stored, or a date as sellers write it (25.11.2026, 25.11.2026 18:00). */
function isActiveFromDate(text: string): boolean {
  if (isRussianDate(text)) return !Number.isNaN(parseSellerDate(text));
  return /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(text) && !Number.isNaN(Date.parse(text));
}

/** Text or a number, kept as text, at most `max` characters; `needed` says what a wrong type should have been. */
const textOrNumber = (what: string, needed: string, max: number) =>
  v.pipe(
    v.union([v.string(), v.number()], `${what}: ${needed}`),
    v.transform(String),
    v.maxLength(max, `${what}: длиннее ${max} символов`),
  );

const sourceSchema = v.variant(
  'kind',
  [
    v.object({
      kind: v.literal('sheet'),
      spreadsheetUrl: url('Ссылка на таблицу'),
      sheet: text('Лист'),
      skuHeader: text('Столбец артикула'),
      qtyHeader: text('Столбец количества'),
    }),
    v.object({
      kind: v.literal('csv'),
      url: url(FORM_LABELS.csvUrl),
      skuHeader: text('Столбец артикула'),
      qtyHeader: text('Столбец количества'),
    }),
    v.object({ kind: v.literal('yml'), url: url(FORM_LABELS.ymlUrl) }),
    v.object({ kind: v.literal('channel'), channelId: id(FORM_LABELS.sourceChannel) }),
    v.object({
      kind: v.literal('email'),
      query: text(FORM_LABELS.query, 500),
      skuHeader: text('Столбец артикула'),
      qtyHeader: text('Столбец количества'),
      // An XLSX attachment's sheet; absent: the first.
      sheet: v.optional(text('Лист XLSX', 100)),
    }),
    v.object({
      kind: v.literal('commerceml'),
      url: url('Адрес offers.xml'),
      importUrl: v.optional(url('Адрес import.xml')),
    }),
  ],
  `${FORM_LABELS.source}: вид должен быть sheet, csv, yml, channel, email или commerceml`,
);

const warehouseSchema = v.object({
  id: id('Код склада'),
  column: header(FORM_LABELS.column),
  type: v.picklist(['own', 'supplier'], `${FORM_LABELS.warehouseType}: «Мой» или «Поставщик» (own или supplier)`),
  inSale: flag(FORM_LABELS.inSale),
  source: v.optional(sourceSchema),
});

const CONDITION_OPS = ['>', '<', '=', '>=', '<='] as const;

const ruleSchema = v.variant(
  'type',
  [
    v.object({
      type: v.literal('share'),
      percent: v.pipe(
        v.number(`${FORM_LABELS.percent}: нужно число`),
        v.minValue(0, `${FORM_LABELS.percent}: от 0 до 100`),
        v.maxValue(100, `${FORM_LABELS.percent}: от 0 до 100`),
      ),
    }),
    v.object({ type: v.literal('equal') }),
    v.object({
      type: v.literal('conditions'),
      conditions: v.pipe(
        v.array(
          v.object({
            op: v.picklist(CONDITION_OPS, 'Условие, знак: >, <, =, >= или <='),
            value: v.pipe(v.number('Условие, число: нужно число'), v.finite('Условие, число: нужно число')),
            then: textOrNumber('Условие, «то»', 'нужна формула', LIMITS.formula),
          }),
          `${FORM_LABELS.conditions}: нужен список`,
        ),
        v.maxLength(20, `${FORM_LABELS.conditions}: не больше 20`),
      ),
      otherwise: v.optional(textOrNumber(FORM_LABELS.otherwise, 'нужна формула', LIMITS.formula), 'x'),
    }),
  ],
  `${FORM_LABELS.ruleType}: «Доли, %», «Равномерное распределение» или «Условные выражения, f(x)» (share, equal или conditions)`,
);

const channelSchema = v.object({
  id: id('Код канала'),
  name: text(FORM_LABELS.name, 100),
  column: header(FORM_LABELS.column),
  marketplace: v.picklist(
    ['ozon', 'wb', 'yandex', 'megamarket', 'aliexpress', 'avito', 'manual'],
    'Площадка: Ozon, Wildberries, Яндекс Маркет, Мегамаркет, AliExpress, Авито или свой канал (без API)',
  ),
  enabled: v.optional(flag(FORM_LABELS.channelEnabled), true),
  target: v.optional(
    v.object({
      warehouseId: v.optional(textOrNumber('Склад площадки', 'нужен код', LIMITS.code)),
      campaignId: v.optional(textOrNumber('Кампания', 'нужен код', LIMITS.code)),
      businessId: v.optional(textOrNumber('Кабинет', 'нужен код', LIMITS.code)),
    }),
    {},
  ),
  idHeader: v.optional(header(FORM_LABELS.idHeader)),
  rule: v.optional(ruleSchema, { type: 'share', percent: 100 }),
  sources: v.optional(v.array(id(FORM_LABELS.sources), `${FORM_LABELS.sources}: нужен список`)),
  filter: v.optional(
    v.object({
      header: text(FORM_LABELS.filterHeader, 100),
      op: v.picklist(
        ['equals', 'notEquals', 'contains', 'empty', 'notEmpty'],
        `${FORM_LABELS.filterOp}: равно, не равно, содержит, пусто или не пусто (equals, notEquals, contains, empty, notEmpty)`,
      ),
      value: v.optional(textOrNumber(FORM_LABELS.filterValue, 'нужно значение', LIMITS.filterValue)),
    }),
  ),
  shipFrom: v.optional(id('Склад отгрузки')),
  feed: v.optional(flag(FORM_LABELS.feed)),
});

/** Minutes within which a reading after our push is not evidence of a sale (SPEC §5.4). */
const settleMinutes = (name: string) =>
  v.optional(
    v.pipe(
      v.number(`Задержка площадки ${name}: нужно число минут`),
      v.integer(`Задержка площадки ${name}: целое число минут`),
      v.minValue(0, `Задержка площадки ${name}: от 0 до 120 минут`),
      v.maxValue(120, `Задержка площадки ${name}: от 0 до 120 минут`),
    ),
  );

const settleSchema = v.object({
  ozon: settleMinutes('Ozon'),
  wb: settleMinutes('Wildberries'),
  yandex: settleMinutes('Яндекс Маркет'),
  megamarket: settleMinutes('Мегамаркет'),
  aliexpress: settleMinutes('AliExpress'),
  avito: settleMinutes('Авито'),
});

/**
 * How long each marketplace takes to show a push (Yandex Market: «до нескольких минут», 15 in its help;
 * Avito names no time — reads come from a cache of unknown life — so SPEC's 5 for others, until measured).
 */
export const DEFAULT_SETTLE_MINUTES = { ozon: 5, wb: 5, yandex: 15, megamarket: 5, aliexpress: 5, avito: 5 } as const;

const settingsSchema = v.object({
  version: v.literal(1, 'Версия настроек: 1'),
  sendEnabled: v.optional(flag(FORM_LABELS.sendEnabled), false),
  schedule: v.optional(
    v.object({
      everyMinutes: v.optional(
        v.picklist([5, 10, 15, 30, 60], `${FORM_LABELS.schedule}: каждые 5, 10, 15, 30 или 60 минут`),
        60,
      ),
      // The orders lane (SPEC 6): bound-script installs only, which the use case checks (the edition is not known here).
      ordersEveryMinutes: v.optional(
        v.nullable(v.picklist([1, 5], `${FORM_LABELS.ordersLane}: каждую минуту, каждые 5 минут или выключено`)),
      ),
    }),
    { everyMinutes: 60 },
  ),
  // The owner's account: Google counts 90 minutes of trigger time a day on consumer accounts, 6 hours on Workspace.
  quota: v.optional(
    v.object({
      dailyTriggerMinutes: v.optional(
        v.picklist([90, 360], `${FORM_LABELS.quota}: 90 минут в сутки (обычный аккаунт) или 360 (Google Workspace)`),
        90,
      ),
    }),
    { dailyTriggerMinutes: 90 },
  ),
  // Low-stock alerts (SPEC 5.9): both off unless the seller turns them on.
  alerts: v.optional(
    v.object({
      email: v.optional(flag(FORM_LABELS.alertsEmail), false),
      telegram: v.optional(flag(FORM_LABELS.alertsTelegram), false),
    }),
    { email: false, telegram: false },
  ),
  guard: v.optional(
    v.object({
      maxZeroShare: v.optional(
        v.pipe(
          v.number(`${FORM_LABELS.maxZeroShare}: нужно число`),
          v.minValue(0, ZERO_SHARE_RANGE),
          v.maxValue(1, ZERO_SHARE_RANGE),
        ),
        0.3,
      ),
      minItems: v.optional(
        v.pipe(
          v.number(`${FORM_LABELS.minItems}: нужно число`),
          v.integer(`${FORM_LABELS.minItems}: целое число`),
          v.minValue(0, `${FORM_LABELS.minItems}: не меньше 0`),
        ),
        5,
      ),
    }),
    { maxZeroShare: 0.3, minItems: 5 },
  ),
  reserves: v.optional(
    v.object({
      enabled: v.optional(flag(FORM_LABELS.reservesEnabled), false),
      activeFrom: v.optional(
        v.pipe(
          v.string(`${FORM_LABELS.activeFrom}: нужна дата`),
          v.maxLength(LIMITS.date, ACTIVE_FROM_FORMS),
          v.check(isActiveFromDate, ACTIVE_FROM_FORMS),
        ),
      ),
      doubleReservation: v.optional(flag(FORM_LABELS.doubleReservation), false),
      pendingHoldMinutes: v.optional(
        v.pipe(
          v.number(`${FORM_LABELS.pendingHoldMinutes}: нужно число`),
          v.integer(`${FORM_LABELS.pendingHoldMinutes}: целое число`),
          v.minValue(1, `${FORM_LABELS.pendingHoldMinutes}: от 1 до 10080`),
          v.maxValue(10080, `${FORM_LABELS.pendingHoldMinutes}: от 1 до 10080`),
        ),
        120,
      ),
      settleMinutes: v.optional(settleSchema, {}),
    }),
    {},
  ),
  warehouses: v.pipe(
    v.array(warehouseSchema, 'Склады: нужен список'),
    v.minLength(1, 'Склады: нужен хотя бы один склад'),
    v.maxLength(50, 'Склады: не больше 50'),
  ),
  channels: v.pipe(v.array(channelSchema, 'Каналы: нужен список'), v.maxLength(50, 'Каналы: не больше 50')),
});

type Parsed = v.InferOutput<typeof settingsSchema>;
export type Source = v.InferOutput<typeof sourceSchema>;
export type Rule = v.InferOutput<typeof ruleSchema>;
export type Warehouse = v.InferOutput<typeof warehouseSchema>;
export type Channel = Parsed['channels'][number];
export type Settings = Omit<Parsed, 'reserves'> & {
  reserves: Required<Parsed['reserves']>;
};

/**
 * «Резервы с» typed as 25.11.2026 18:00 is stored as the ISO instant it names in the spreadsheet's zone,
 * so that every later reading agrees; ISO text is kept as given.
 */
function storedActiveFrom(given: string | undefined, now: Date, timeZone: string): string {
  if (given === undefined) return now.toISOString();
  return isRussianDate(given) ? new Date(parseSellerDate(given, timeZone)).toISOString() : given;
}

export interface SettingsError {
  path: string;
  message: string;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; errors: SettingsError[] };

/** A settings object that passes validation: one own warehouse, no channels, sending off. */
export function defaultSettings(now: Date): Settings {
  const result = validateSettings(
    { version: 1, warehouses: [{ id: 'main', column: 'Склад', type: 'own', inSale: true }], channels: [] },
    now,
  );
  if (!result.ok) throw new Error('default settings must be valid');
  return result.settings;
}

type List = 'warehouses' | 'channels';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** «Склад 2 «Поставщик»: » or «Канал 1 «Ozon»: », taken from the input so that it names even a half-broken item. */
function label(input: Record<string, unknown>, list: List, index: number): string {
  const items = input[list];
  const item = Array.isArray(items) && isRecord(items[index]) ? items[index] : {};
  const named = (value: unknown) => (typeof value === 'string' && value.trim() ? ` «${value.trim()}»` : '');
  if (list === 'warehouses') return `Склад ${index + 1}${named(item.column)}: `;
  return `Канал ${index + 1}${named(item.name)}: `;
}

/** The label of the warehouse or channel a path points into, if it does. */
function labelOfPath(input: Record<string, unknown>, path: (string | number)[]): string {
  const [list, index] = path;
  if ((list !== 'warehouses' && list !== 'channels') || typeof index !== 'number') return '';
  return label(input, list, index);
}

const EXPECTED: Record<string, string> = {
  Object: 'объект { … }',
  Array: 'список [ … ]',
  string: 'текст',
  number: 'число',
  boolean: 'true или false',
};

/** The words for each settings key where the form has no field of its own (JSON only). */
const JSON_NAMES: Record<string, string> = {
  version: 'Версия настроек',
  settleMinutes: 'Задержки площадок',
  id: 'Код',
  shipFrom: 'Склад отгрузки',
  target: 'Склад площадки',
  warehouseId: 'Склад площадки',
  campaignId: 'Магазин площадки',
  businessId: 'Кабинет площадки',
};

const TOP_LABELS: Record<string, string> = {
  sendEnabled: FORM_LABELS.sendEnabled,
  schedule: FORM_LABELS.schedule,
  'schedule.everyMinutes': FORM_LABELS.schedule,
  'schedule.ordersEveryMinutes': FORM_LABELS.ordersLane,
  quota: FORM_LABELS.quota,
  'quota.dailyTriggerMinutes': FORM_LABELS.quota,
  alerts: 'Уведомления о малом остатке',
  'alerts.email': FORM_LABELS.alertsEmail,
  'alerts.telegram': FORM_LABELS.alertsTelegram,
  guard: FORM_LABELS.guard,
  'guard.maxZeroShare': FORM_LABELS.maxZeroShare,
  'guard.minItems': FORM_LABELS.minItems,
  reserves: FORM_LABELS.reserves,
  'reserves.enabled': FORM_LABELS.reservesEnabled,
  'reserves.activeFrom': FORM_LABELS.activeFrom,
  'reserves.doubleReservation': FORM_LABELS.doubleReservation,
  'reserves.pendingHoldMinutes': FORM_LABELS.pendingHoldMinutes,
  warehouses: FORM_LABELS.warehouses,
  channels: FORM_LABELS.channels,
};

const WAREHOUSE_LABELS: Record<string, string> = {
  id: 'Код склада',
  column: FORM_LABELS.column,
  type: FORM_LABELS.warehouseType,
  inSale: FORM_LABELS.inSale,
  source: FORM_LABELS.source,
  'source.kind': FORM_LABELS.source,
  'source.spreadsheetUrl': FORM_LABELS.spreadsheetUrl,
  'source.sheet': FORM_LABELS.sheet,
  'source.skuHeader': FORM_LABELS.skuHeader,
  'source.qtyHeader': FORM_LABELS.qtyHeader,
  'source.query': FORM_LABELS.query,
  'source.channelId': FORM_LABELS.sourceChannel,
};

const CHANNEL_LABELS: Record<string, string> = {
  id: 'Код канала',
  name: FORM_LABELS.name,
  column: FORM_LABELS.column,
  marketplace: FORM_LABELS.marketplace,
  enabled: FORM_LABELS.channelEnabled,
  idHeader: FORM_LABELS.idHeader,
  sources: FORM_LABELS.sources,
  filter: FORM_LABELS.filter,
  'filter.header': FORM_LABELS.filterHeader,
  'filter.op': FORM_LABELS.filterOp,
  'filter.value': FORM_LABELS.filterValue,
  rule: FORM_LABELS.ruleType,
  'rule.type': FORM_LABELS.ruleType,
  'rule.percent': FORM_LABELS.percent,
  'rule.conditions': FORM_LABELS.conditions,
  'rule.otherwise': FORM_LABELS.otherwise,
  feed: FORM_LABELS.feed,
};

/** The label of the condition a path points into: «Условие 2, «то»». */
function conditionLabel(rest: (string | number)[]): string | undefined {
  const [rule, conditions, k, key] = rest;
  if (rule !== 'rule' || conditions !== 'conditions' || typeof k !== 'number') return undefined;
  const part = key === 'op' ? 'знак' : key === 'value' ? 'число' : key === 'then' ? '«то»' : '';
  return part ? `Условие ${k + 1}, ${part}` : `Условие ${k + 1}`;
}

/** The form's label of the field a path names (inside its warehouse or channel); undefined for a list item itself. */
export function fieldLabel(input: Record<string, unknown>, path: (string | number)[]): string | undefined {
  const [list, index, ...rest] = path;
  const last = path[path.length - 1];
  if ((list === 'warehouses' || list === 'channels') && typeof index === 'number') {
    if (!rest.length) return undefined;
    if (list === 'channels') {
      if (rest[0] === 'sources') return FORM_LABELS.sources;
      const known = CHANNEL_LABELS[rest.join('.')] ?? conditionLabel(rest);
      return known ?? JSON_NAMES[String(last)] ?? 'Значение';
    }
    if (rest.join('.') === 'source.url')
      return sourceKindOf(input, index) === 'yml' ? FORM_LABELS.ymlUrl : FORM_LABELS.csvUrl;
    return WAREHOUSE_LABELS[rest.join('.')] ?? JSON_NAMES[String(last)] ?? 'Значение';
  }
  if (path[0] === 'reserves' && path[1] === 'settleMinutes' && path.length === 3) return `Задержка площадки ${last}`;
  return TOP_LABELS[path.join('.')] ?? JSON_NAMES[String(last)] ?? (path.length ? 'Значение' : 'Настройки');
}

function sourceKindOf(input: Record<string, unknown>, index: number): unknown {
  const warehouses = input.warehouses;
  const w = Array.isArray(warehouses) && isRecord(warehouses[index]) ? warehouses[index] : {};
  return isRecord(w.source) ? w.source.kind : undefined;
}

/** «Расписание: » for a path, in the form's words; a list item itself is already named by its prefix. */
function fieldName(input: Record<string, unknown>, path: (string | number)[]): string {
  const label = fieldLabel(input, path);
  return label ? `${label}: ` : '';
}

/** valibot's own (English) messages, for shapes no schema message covers, said in Russian. */
function russian(input: Record<string, unknown>, issue: v.BaseIssue<unknown>, path: (string | number)[]): string {
  if (!/^Invalid /.test(issue.message)) return numbered(issue.message, path);
  // A missing required key: valibot's `expected` is the key itself, which says nothing to a seller.
  if (issue.received === 'undefined') return `${fieldName(input, path)}не заполнено`;
  const expected = String(issue.expected ?? '')
    .split('|')
    .map((e) => EXPECTED[e.trim()] ?? e.trim())
    .join(' или ');
  return `${fieldName(input, path)}неверный тип${expected ? `, нужен ${expected}` : ''}`;
}

/** A condition's schema message does not know its number: «Условие, число» becomes «Условие 2, число». */
function numbered(message: string, path: (string | number)[]): string {
  const at = path.indexOf('conditions');
  const k = path[at + 1];
  return at > 0 && typeof k === 'number' ? message.replace(/^Условие, /, `Условие ${k + 1}, `) : message;
}

function issuePath(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

function structuralErrors(input: Record<string, unknown>, issues: v.BaseIssue<unknown>[]): SettingsError[] {
  return issues.map((issue) => {
    const path = issuePath(issue);
    return { path: path.join('.'), message: labelOfPath(input, path) + russian(input, issue, path) };
  });
}

/** The same mistake found twice (by two branches of a schema, say) is shown once. */
function withoutRepeats(errors: SettingsError[]): SettingsError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `timeZone`: the spreadsheet's, in which a date typed without a zone is read. */
export function validateSettings(input: unknown, now: Date, timeZone: string = DEFAULT_TIME_ZONE): SettingsResult {
  if (!isRecord(input)) {
    return { ok: false, errors: [{ path: '', message: 'Настройки должны быть объектом JSON' }] };
  }
  // Every field's first mistake, not just the first field's: the seller fixes them all in one go.
  const parsed = v.safeParse(settingsSchema, input, { abortEarly: false, abortPipeEarly: true });
  // Cross-field rules run over whatever parsed, so a broken share and a duplicate column show up together.
  const errors = withoutRepeats([
    ...(parsed.success ? [] : structuralErrors(input, parsed.issues)),
    ...crossFieldErrors(draftOf(input), input),
  ]);
  if (!parsed.success || errors.length) return { ok: false, errors };
  const settings: Settings = {
    ...parsed.output,
    reserves: {
      ...parsed.output.reserves,
      activeFrom: storedActiveFrom(parsed.output.reserves.activeFrom, now, timeZone),
    } as Settings['reserves'],
  };
  const tooLarge = sizeError(settings);
  return tooLarge ? { ok: false, errors: [tooLarge] } : { ok: true, settings };
}

/** UTF-8 length, counted by hand: Apps Script has no text encoder to ask. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Settings live in document properties next to the run's state (500 KB in all, SPEC 7), and a save
 * awaiting confirmation keeps a second copy: the whole must stay well inside, or saving fails in English.
 */
function sizeError(settings: Settings): SettingsError | undefined {
  const bytes = utf8Bytes(JSON.stringify(settings));
  if (bytes <= LIMITS.settingsKb * 1024) return undefined;
  return {
    path: '',
    message: `Настройки занимают ${Math.ceil(bytes / 1024)} КБ, а сохранить можно не больше ${LIMITS.settingsKb} КБ: сократите длинные тексты (формулы, ссылки, запросы писем) или число складов и каналов`,
  };
}

/**
 * Warehouses and channels as far as they parsed, each at its index (undefined where the item is no object).
 * A field that failed its schema is absent; an optional field that parsed as not given is present as undefined,
 * so a check can tell «not given» from «broken» and stays silent about what it cannot know.
 */
interface Draft {
  warehouses: (Partial<Warehouse> | undefined)[];
  channels: (Partial<Channel> | undefined)[];
  // Every id of the list parsed: an id not among them is really unknown, not just a broken one.
  allWarehouseIds: boolean;
  allChannelIds: boolean;
}

type ItemSchema = typeof warehouseSchema | typeof channelSchema;

function fieldsThatParse<S extends ItemSchema>(schema: S, raw: unknown): Partial<v.InferOutput<S>> | undefined {
  if (!isRecord(raw)) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.entries)) {
    const result = v.safeParse(field, raw[key], { abortEarly: true });
    if (result.success) fields[key] = result.output;
  }
  return fields as Partial<v.InferOutput<S>>;
}

function draftOf(input: Record<string, unknown>): Draft {
  const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const warehouses = listOf(input.warehouses).map((raw) => fieldsThatParse(warehouseSchema, raw));
  const channels = listOf(input.channels).map((raw) => fieldsThatParse(channelSchema, raw));
  return {
    warehouses,
    channels,
    allWarehouseIds: Array.isArray(input.warehouses) && warehouses.every((w) => w?.id !== undefined),
    allChannelIds: Array.isArray(input.channels) && channels.every((c) => c?.id !== undefined),
  };
}

const COMPUTED = [HEADERS.reserve, HEADERS.forSale, HEADERS.unallocated];
const SELLER_COLUMNS = [HEADERS.sku, HEADERS.name, HEADERS.safetyStock, HEADERS.minStock];

/** What every cross-field check needs: the draft, where to report, and the lookups built once. */
interface Checks {
  draft: Draft;
  /** Reports at a path; the message starts with the warehouse or channel and the field's label. */
  add: (path: string, detail: string) => void;
  warehouseById: Map<string, Partial<Warehouse>>;
  channelById: Map<string, Partial<Channel>>;
  // Normalized headers the add-on writes (computed and channel columns), and the warehouse columns.
  written: Set<string>;
  warehouseColumns: Set<string>;
}

function eachParsed<T>(list: (T | undefined)[], visit: (item: T, index: number) => void): void {
  list.forEach((item, index) => {
    if (item) visit(item, index);
  });
}

/** The first item with each id: the one later duplicates are measured against. */
function firstById<T extends { id?: string }>(list: (T | undefined)[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of list) if (item?.id !== undefined && !byId.has(item.id)) byId.set(item.id, item);
  return byId;
}

function crossFieldErrors(draft: Draft, input: Record<string, unknown>): SettingsError[] {
  const errors: SettingsError[] = [];
  const keys = (path: string) => path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const columns = (list: (Partial<Warehouse> | Partial<Channel> | undefined)[]) =>
    list.flatMap((item) => (item?.column === undefined ? [] : [normalizeHeader(item.column)]));
  const checks: Checks = {
    draft,
    add: (path, detail) =>
      errors.push({ path, message: labelOfPath(input, keys(path)) + fieldName(input, keys(path)) + detail }),
    warehouseById: firstById(draft.warehouses),
    channelById: firstById(draft.channels),
    written: new Set([...COMPUTED.map(normalizeHeader), ...columns(draft.channels)]),
    warehouseColumns: new Set(columns(draft.warehouses)),
  };
  checkUniqueIds(checks);
  checkWarehouseInSale(checks);
  checkColumnsNameOneThing(checks);
  eachParsed(draft.warehouses, (w, i) => checkChannelSource(checks, w, i));
  eachParsed(draft.channels, (c, i) => checkChannel(checks, c, i));
  return errors;
}

function checkUniqueIds({ draft, add }: Checks): void {
  const warehouseIds = new Set<string>();
  eachParsed(draft.warehouses, (w, i) => {
    if (w.id === undefined) return;
    if (warehouseIds.has(w.id)) add(`warehouses.${i}.id`, `«${w.id}» уже есть у другого склада`);
    warehouseIds.add(w.id);
  });
  const channelIds = new Set<string>();
  eachParsed(draft.channels, (c, i) => {
    if (c.id === undefined) return;
    if (channelIds.has(c.id)) add(`channels.${i}.id`, `«${c.id}» уже есть у другого канала`);
    channelIds.add(c.id);
  });
}

function checkWarehouseInSale({ draft, add }: Checks): void {
  const { warehouses } = draft;
  // An empty list is the schema's to report; a broken «В продаже» might have been the one in sale.
  if (!warehouses.length || warehouses.some((w) => w?.inSale === undefined)) return;
  if (!warehouses.some((w) => w?.inSale)) add('warehouses', 'нужен хотя бы один склад «В продаже»');
}

/** Every column header the add-on reads or writes must name exactly one thing. */
function checkColumnsNameOneThing({ draft, add }: Checks): void {
  const owners = new Map<string, string>();
  for (const h of [...SELLER_COLUMNS, ...COMPUTED]) owners.set(normalizeHeader(h), `служебным столбцом «${h}»`);
  const claim = (path: string, column: string, what: string) => {
    const key = normalizeHeader(column);
    const owner = owners.get(key);
    if (owner) add(path, `«${column}» совпадает со ${owner}`);
    else owners.set(key, `${what} «${column}»`);
  };
  eachParsed(draft.warehouses, (w, i) => {
    if (w.column !== undefined) claim(`warehouses.${i}.column`, w.column, 'столбцом склада');
  });
  eachParsed(draft.channels, (c, i) => {
    if (c.column !== undefined) claim(`channels.${i}.column`, c.column, 'столбцом канала');
  });
}

/** Whether channel `c` takes stock from warehouse `w`; undefined when a broken field hides the answer. */
function feeds(w: Partial<Warehouse>, c: Partial<Channel>): boolean | undefined {
  if (!('sources' in c)) return undefined;
  if (c.sources === undefined) return w.inSale;
  return w.id !== undefined && c.sources.includes(w.id);
}

/**
 * Marketplaces whose API has no stock read (their connector's `canReadStocks: false`), by the name a
 * seller knows: what such a channel shows cannot be taken as a source.
 */
export const NO_STOCK_READ: Readonly<Partial<Record<Channel['marketplace'], string>>> = { megamarket: 'Мегамаркет' };

/** A «channel» source names a known channel, and not one this warehouse feeds: its orders would count twice. */
function checkChannelSource({ draft, add, channelById }: Checks, w: Partial<Warehouse>, i: number): void {
  if (w.source?.kind !== 'channel') return;
  const { channelId } = w.source;
  const path = `warehouses.${i}.source.channelId`;
  const channel = channelById.get(channelId);
  if (!channel) {
    if (draft.allChannelIds) add(path, `нет канала с кодом «${channelId}»`);
    return;
  }
  const unreadable = channel.marketplace && NO_STOCK_READ[channel.marketplace];
  if (unreadable) {
    add(
      path,
      `нельзя брать остатки из канала «${channel.name ?? channelId}»: ${unreadable} не показывает остатки через API`,
    );
    return;
  }
  if (feeds(w, channel)) {
    add(
      path,
      `нельзя брать остатки из канала «${channel.name ?? channelId}»: этот склад сам даёт ему остатки, и заказы канала посчитались бы дважды`,
    );
  }
}

function checkChannel(checks: Checks, c: Partial<Channel>, i: number): void {
  checkIdHeader(checks, c, i);
  checkChannelWarehouses(checks, c, i);
  checkFilter(checks, c, i);
  checkFormulas(checks, c, i);
  checkFeed(checks, c, i);
}

/** A feed publishes a channel of one's own (SPEC 5.8): a marketplace with an API gets its stock by that API. */
function checkFeed({ add }: Checks, c: Partial<Channel>, i: number): void {
  if (c.feed !== true || c.marketplace === undefined || c.marketplace === 'manual') return;
  add(
    `channels.${i}.feed`,
    'фид для сайта публикуется только у своего канала (площадка «Свой канал (без API)»); эта площадка получает остатки через свой API',
  );
}

function checkIdHeader({ add, written, warehouseColumns }: Checks, c: Partial<Channel>, i: number): void {
  if (c.idHeader === undefined) return;
  const key = normalizeHeader(c.idHeader);
  if (written.has(key) || warehouseColumns.has(key)) {
    add(
      `channels.${i}.idHeader`,
      `«${c.idHeader}» не может быть столбцом склада или столбцом, который заполняет надстройка`,
    );
  }
}

/** The channel's sources and shipFrom name warehouses that exist; its sources are in sale. */
function checkChannelWarehouses(checks: Checks, c: Partial<Channel>, i: number): void {
  const { draft, add, warehouseById } = checks;
  if (c.sources !== undefined) {
    if (c.sources.length === 0) add(`channels.${i}.sources`, 'выберите хотя бы один склад');
    c.sources.forEach((wid, j) => {
      const w = warehouseById.get(wid);
      if (!w) {
        if (draft.allWarehouseIds) add(`channels.${i}.sources.${j}`, `нет склада с кодом «${wid}»`);
      } else if (w.inSale === false) {
        add(`channels.${i}.sources.${j}`, `склад «${w.column ?? wid}» не в продаже и не может быть источником канала`);
      }
    });
  }
  if (c.shipFrom !== undefined && !warehouseById.has(c.shipFrom) && draft.allWarehouseIds) {
    add(`channels.${i}.shipFrom`, `нет склада с кодом «${c.shipFrom}»`);
  }
}

function checkFilter({ add, written }: Checks, c: Partial<Channel>, i: number): void {
  if (!c.filter) return;
  if (written.has(normalizeHeader(c.filter.header))) {
    add(`channels.${i}.filter.header`, `нельзя смотреть на столбец «${c.filter.header}»: его заполняет надстройка`);
  }
  const needsValue = c.filter.op === 'equals' || c.filter.op === 'notEquals' || c.filter.op === 'contains';
  if (needsValue && (c.filter.value === undefined || c.filter.value.trim() === '')) {
    add(`channels.${i}.filter.value`, 'нужно значение для сравнения');
  }
}

function checkFormulas({ add }: Checks, c: Partial<Channel>, i: number): void {
  if (c.rule?.type !== 'conditions') return;
  c.rule.conditions.forEach((cond, j) => {
    const parsed = parseFormula(cond.then);
    if (!parsed.ok) add(`channels.${i}.rule.conditions.${j}.then`, parsed.message);
  });
  const otherwise = parseFormula(c.rule.otherwise);
  if (!otherwise.ok) add(`channels.${i}.rule.otherwise`, otherwise.message);
}

/** The warehouses a channel takes stock from: its own list, or every warehouse in sale. */
export function channelSources(settings: Settings, channel: Channel): Warehouse[] {
  if (channel.sources === undefined) return settings.warehouses.filter((w) => w.inSale);
  return channel.sources
    .map((wid) => settings.warehouses.find((w) => w.id === wid))
    .filter((w): w is Warehouse => w !== undefined);
}
