/**
 * The settings of SPEC 4: their types, defaults and validation. Structure is checked by valibot
 * (messages in Russian), then the rules that span several fields (ids, headers, sources, formulas).
 * Nothing here touches Apps Script; the store that keeps the JSON lives in the adapters.
 */
import * as v from 'valibot';
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
      url: url('Ссылка на CSV'),
      skuHeader: text('Столбец артикула'),
      qtyHeader: text('Столбец количества'),
    }),
    v.object({ kind: v.literal('yml'), url: url('Ссылка на YML') }),
    v.object({ kind: v.literal('channel'), channelId: id('Канал-источник') }),
    v.object({
      kind: v.literal('email'),
      query: text('Поиск письма', 500),
      skuHeader: text('Столбец артикула'),
      qtyHeader: text('Столбец количества'),
    }),
  ],
  'Источник: вид должен быть sheet, csv, yml, channel или email',
);

const warehouseSchema = v.object({
  id: id('Код склада'),
  column: header('Столбец склада'),
  type: v.picklist(['own', 'supplier'], 'Тип склада: «own» (мой) или «supplier» (поставщик)'),
  inSale: flag('«В продаже»'),
  source: v.optional(sourceSchema),
});

const CONDITION_OPS = ['>', '<', '=', '>=', '<='] as const;

const ruleSchema = v.variant(
  'type',
  [
    v.object({
      type: v.literal('share'),
      percent: v.pipe(
        v.number('Доля, %: нужно число'),
        v.minValue(0, 'Доля, %: от 0 до 100'),
        v.maxValue(100, 'Доля, %: от 0 до 100'),
      ),
    }),
    v.object({ type: v.literal('equal') }),
    v.object({
      type: v.literal('conditions'),
      conditions: v.pipe(
        v.array(
          v.object({
            op: v.picklist(CONDITION_OPS, 'Условие: знак должен быть >, <, =, >= или <='),
            value: v.pipe(v.number('Условие: нужно число'), v.finite('Условие: нужно число')),
            then: v.pipe(v.union([v.string(), v.number()], '«то»: нужна формула'), v.transform(String)),
          }),
          'Условия: нужен список',
        ),
        v.maxLength(20, 'Условия: не больше 20'),
      ),
      otherwise: v.optional(
        v.pipe(v.union([v.string(), v.number()], '«иначе»: нужна формула'), v.transform(String)),
        'x',
      ),
    }),
  ],
  'Правило: «share» (доли), «equal» (равномерно) или «conditions» (условия)',
);

const channelSchema = v.object({
  id: id('Код канала'),
  name: text('Название канала', 100),
  column: header('Столбец канала'),
  marketplace: v.picklist(['ozon', 'wb', 'yandex', 'manual'], 'Площадка: ozon, wb, yandex или manual'),
  enabled: v.optional(flag('Отправка в канал'), true),
  target: v.optional(
    v.object({
      warehouseId: v.optional(
        v.pipe(v.union([v.string(), v.number()], 'Склад площадки: нужен код'), v.transform(String)),
      ),
      campaignId: v.optional(v.pipe(v.union([v.string(), v.number()], 'Кампания: нужен код'), v.transform(String))),
      businessId: v.optional(v.pipe(v.union([v.string(), v.number()], 'Кабинет: нужен код'), v.transform(String))),
    }),
    {},
  ),
  idHeader: v.optional(header('Столбец ID товара')),
  rule: v.optional(ruleSchema, { type: 'share', percent: 100 }),
  sources: v.optional(v.array(id('Склад-источник'), 'Склады канала: нужен список')),
  filter: v.optional(
    v.object({
      header: text('Фильтр: столбец', 100),
      op: v.picklist(
        ['equals', 'notEquals', 'contains', 'empty', 'notEmpty'],
        'Фильтр: условие equals, notEquals, contains, empty или notEmpty',
      ),
      value: v.optional(v.pipe(v.union([v.string(), v.number()], 'Фильтр: нужно значение'), v.transform(String))),
    }),
  ),
  shipFrom: v.optional(id('Склад отгрузки')),
});

const settingsSchema = v.object({
  version: v.literal(1, 'Версия настроек: 1'),
  sendEnabled: v.optional(flag('«Разрешить отправку остатков»'), false),
  schedule: v.optional(
    v.object({
      everyMinutes: v.optional(v.picklist([5, 10, 15, 30, 60], 'Расписание: каждые 5, 10, 15, 30 или 60 минут'), 60),
    }),
    { everyMinutes: 60 },
  ),
  guard: v.optional(
    v.object({
      maxZeroShare: v.optional(
        v.pipe(
          v.number('Защита: нужна доля'),
          v.minValue(0, 'Защита: доля от 0 до 1'),
          v.maxValue(1, 'Защита: доля от 0 до 1'),
        ),
        0.3,
      ),
      minItems: v.optional(
        v.pipe(v.number('Защита: нужно число'), v.integer('Защита: целое число'), v.minValue(0, 'Защита: не меньше 0')),
        5,
      ),
    }),
    { maxZeroShare: 0.3, minItems: 5 },
  ),
  reserves: v.optional(
    v.object({
      enabled: v.optional(flag('Резервы'), false),
      activeFrom: v.optional(
        v.pipe(
          v.string('Резервы с: нужна дата'),
          v.check(
            (s) => /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(s) && !Number.isNaN(Date.parse(s)),
            'Резервы с: дата в виде 2026-11-01T00:00:00Z',
          ),
        ),
      ),
      doubleReservation: v.optional(flag('Двойное резервирование'), false),
      pendingHoldMinutes: v.optional(
        v.pipe(
          v.number('Ожидание заказа: нужно число минут'),
          v.integer('Ожидание заказа: целое число минут'),
          v.minValue(1, 'Ожидание заказа: от 1 до 10080 минут'),
          v.maxValue(10080, 'Ожидание заказа: от 1 до 10080 минут'),
        ),
        120,
      ),
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

function label(input: unknown, path: (string | number)[]): string {
  const [list, index] = path;
  if (typeof index !== 'number') return '';
  const item = (input as Record<string, unknown[]> | null)?.[list as string]?.[index] as
    | Record<string, unknown>
    | undefined;
  if (list === 'warehouses') {
    const column = typeof item?.column === 'string' && item.column.trim() ? ` «${item.column.trim()}»` : '';
    return `Склад ${index + 1}${column}: `;
  }
  if (list === 'channels') {
    const name = typeof item?.name === 'string' && item.name.trim() ? ` «${item.name.trim()}»` : '';
    return `Канал ${index + 1}${name}: `;
  }
  return '';
}

const EXPECTED: Record<string, string> = {
  Object: 'объект { … }',
  Array: 'список [ … ]',
  string: 'текст',
  number: 'число',
  boolean: 'true или false',
};

/** valibot's own (English) messages, for shapes no schema message covers, said in Russian. */
function russian(issue: v.BaseIssue<unknown>, path: (string | number)[]): string {
  if (!/^Invalid /.test(issue.message)) return issue.message;
  const field = path.filter((p) => typeof p === 'string').pop() ?? 'настройки';
  const expected = String(issue.expected ?? '')
    .split('|')
    .map((e) => EXPECTED[e.trim()] ?? e.trim())
    .join(' или ');
  return `«${field}»: неверный тип${expected ? `, нужен ${expected}` : ''}`;
}

function issuePath(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

export function validateSettings(input: unknown, now: Date): SettingsResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', message: 'Настройки должны быть объектом JSON' }] };
  }
  const parsed = v.safeParse(settingsSchema, input);
  if (!parsed.success) {
    const seen = new Set<string>();
    const errors: SettingsError[] = [];
    for (const issue of parsed.issues) {
      const path = issuePath(issue);
      const error = { path: path.join('.'), message: label(input, path) + russian(issue, path) };
      const key = `${error.path}\u0000${error.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        errors.push(error);
      }
    }
    return { ok: false, errors };
  }
  const settings: Settings = {
    ...parsed.output,
    reserves: { activeFrom: now.toISOString(), ...parsed.output.reserves } as Settings['reserves'],
  };
  const errors = crossFieldErrors(settings);
  return errors.length ? { ok: false, errors } : { ok: true, settings };
}

const COMPUTED = [HEADERS.reserve, HEADERS.forSale, HEADERS.unallocated];
const SELLER_COLUMNS = [HEADERS.sku, HEADERS.name, HEADERS.safetyStock, HEADERS.minStock];

function crossFieldErrors(s: Settings): SettingsError[] {
  const errors: SettingsError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  const wLabel = (i: number) => `Склад ${i + 1} «${s.warehouses[i].column}»: `;
  const cLabel = (i: number) => `Канал ${i + 1} «${s.channels[i].name}»: `;

  const warehouseById = new Map<string, Warehouse>();
  s.warehouses.forEach((w, i) => {
    if (warehouseById.has(w.id)) add(`warehouses.${i}.id`, `${wLabel(i)}код «${w.id}» уже есть у другого склада`);
    else warehouseById.set(w.id, w);
  });
  const channelIds = new Set<string>();
  s.channels.forEach((c, i) => {
    if (channelIds.has(c.id)) add(`channels.${i}.id`, `${cLabel(i)}код «${c.id}» уже есть у другого канала`);
    channelIds.add(c.id);
  });
  if (!s.warehouses.some((w) => w.inSale)) add('warehouses', 'Нужен хотя бы один склад «В продаже»');

  // Every column header the add-on reads or writes must name exactly one thing.
  const owners = new Map<string, string>();
  for (const h of [...SELLER_COLUMNS, ...COMPUTED]) owners.set(normalizeHeader(h), `служебным столбцом «${h}»`);
  s.warehouses.forEach((w, i) => {
    const key = normalizeHeader(w.column);
    const owner = owners.get(key);
    if (owner) add(`warehouses.${i}.column`, `${wLabel(i)}столбец «${w.column}» совпадает со ${owner}`);
    else owners.set(key, `столбцом склада «${w.column}»`);
  });
  s.channels.forEach((c, i) => {
    const key = normalizeHeader(c.column);
    const owner = owners.get(key);
    if (owner) add(`channels.${i}.column`, `${cLabel(i)}столбец «${c.column}» совпадает со ${owner}`);
    else owners.set(key, `столбцом канала «${c.column}»`);
  });
  const written = new Set([...COMPUTED, ...s.channels.map((c) => c.column)].map(normalizeHeader));
  const warehouseColumns = new Set(s.warehouses.map((w) => normalizeHeader(w.column)));

  s.warehouses.forEach((w, i) => {
    if (w.source?.kind === 'channel' && !channelIds.has(w.source.channelId)) {
      add(`warehouses.${i}.source.channelId`, `${wLabel(i)}нет канала с кодом «${w.source.channelId}»`);
    }
  });

  s.channels.forEach((c, i) => {
    if (c.idHeader !== undefined) {
      const key = normalizeHeader(c.idHeader);
      if (written.has(key) || warehouseColumns.has(key)) {
        add(
          `channels.${i}.idHeader`,
          `${cLabel(i)}столбец ID «${c.idHeader}» не может быть столбцом склада или столбцом, который заполняет надстройка`,
        );
      }
    }
    if (c.sources !== undefined) {
      if (c.sources.length === 0) add(`channels.${i}.sources`, `${cLabel(i)}выберите хотя бы один склад`);
      c.sources.forEach((wid, j) => {
        const w = warehouseById.get(wid);
        if (!w) add(`channels.${i}.sources.${j}`, `${cLabel(i)}нет склада с кодом «${wid}»`);
        else if (!w.inSale)
          add(
            `channels.${i}.sources.${j}`,
            `${cLabel(i)}склад «${w.column}» не в продаже и не может быть источником канала`,
          );
      });
    }
    if (c.shipFrom !== undefined && !warehouseById.has(c.shipFrom)) {
      add(`channels.${i}.shipFrom`, `${cLabel(i)}нет склада отгрузки с кодом «${c.shipFrom}»`);
    }
    if (c.filter) {
      if (written.has(normalizeHeader(c.filter.header))) {
        add(
          `channels.${i}.filter.header`,
          `${cLabel(i)}фильтр не может смотреть на столбец «${c.filter.header}»: его заполняет надстройка`,
        );
      }
      const needsValue = c.filter.op === 'equals' || c.filter.op === 'notEquals' || c.filter.op === 'contains';
      if (needsValue && (c.filter.value === undefined || c.filter.value.trim() === '')) {
        add(`channels.${i}.filter.value`, `${cLabel(i)}у фильтра нет значения для сравнения`);
      }
    }
    if (c.rule.type === 'conditions') {
      c.rule.conditions.forEach((cond, j) => {
        const parsed = parseFormula(cond.then);
        if (!parsed.ok)
          add(`channels.${i}.rule.conditions.${j}.then`, `${cLabel(i)}условие ${j + 1}, «то»: ${parsed.message}`);
      });
      const otherwise = parseFormula(c.rule.otherwise);
      if (!otherwise.ok) add(`channels.${i}.rule.otherwise`, `${cLabel(i)}«иначе»: ${otherwise.message}`);
    }
  });
  return errors;
}

/** The warehouses a channel takes stock from: its own list, or every warehouse in sale. */
export function channelSources(settings: Settings, channel: Channel): Warehouse[] {
  if (channel.sources === undefined) return settings.warehouses.filter((w) => w.inSale);
  return channel.sources
    .map((wid) => settings.warehouses.find((w) => w.id === wid))
    .filter((w): w is Warehouse => w !== undefined);
}
