import fc from 'fast-check';
import { defaultSettings, validateSettings } from '../../src/core/settings';
import { workedExampleSettings } from '../fixtures/workedExample';

const now = new Date('2026-11-22T10:00:00Z');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const errorsOf = (input: unknown) => {
  const r = validateSettings(input, now);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
};

describe('settings validation (SPEC 4)', () => {
  it('accepts the worked example and fills defaults', () => {
    const r = validateSettings(workedExampleSettings, now);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.sendEnabled).toBe(false);
    expect(r.settings.schedule).toEqual({ everyMinutes: 60 });
    expect(r.settings.guard).toEqual({ maxZeroShare: 0.3, minItems: 5 });
    expect(r.settings.reserves).toEqual({
      enabled: false,
      activeFrom: now.toISOString(),
      doubleReservation: false,
      pendingHoldMinutes: 120,
      settleMinutes: {},
    });
    expect(r.settings.channels[0].target).toEqual({});
  });

  it('gives the default rule «Доли 100 %» to a channel without one', () => {
    const s = clone(workedExampleSettings) as any;
    delete s.channels[0].rule;
    const r = validateSettings(s, now);
    expect(r.ok && r.settings.channels[0].rule).toEqual({ type: 'share', percent: 100 });
  });

  it('has valid defaults for a new sheet', () => {
    expect(defaultSettings(now).warehouses).toHaveLength(1);
  });

  it('names the field of every structural error, in Russian', () => {
    const s = clone(workedExampleSettings) as any;
    s.channels[0].rule.percent = 120;
    s.warehouses[1].id = 'Bad Id';
    s.schedule = { everyMinutes: 7 };
    s.channels[1].marketplace = 'amazon';
    expect(errorsOf(s)).toEqual(
      expect.arrayContaining([
        { path: 'channels.0.rule.percent', message: 'Канал 1 «Ozon»: Доля, %: от 0 до 100' },
        {
          path: 'warehouses.1.id',
          message: 'Склад 2 «Поставщик»: Код склада: от 1 до 32 символов из a–z, 0–9, «_» и «-»',
        },
        { path: 'schedule.everyMinutes', message: 'Расписание: каждые 5, 10, 15, 30 или 60 минут' },
        {
          path: 'channels.1.marketplace',
          message:
            'Канал 2 «Wildberries»: Площадка: Ozon, Wildberries, Яндекс Маркет, Мегамаркет, AliExpress, Авито или свой канал (без API)',
        },
      ]),
    );
  });

  it('rejects what is not an object', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: 'Настройки должны быть объектом JSON' }]);
    expect(errorsOf([])).toEqual([{ path: '', message: 'Настройки должны быть объектом JSON' }]);
  });

  it('rejects duplicate ids and headers, and a channel column equal to a warehouse column', () => {
    const s = clone(workedExampleSettings) as any;
    s.warehouses[1].id = 'sklad';
    s.channels[1].column = 'склад';
    s.channels[2].column = 'К продаже';
    s.channels[3].id = 'ozon';
    const messages = errorsOf(s).map((e) => `${e.path}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'warehouses.1.id: Склад 2 «Поставщик»: Код склада: «sklad» уже есть у другого склада',
        'channels.1.column: Канал 2 «Wildberries»: Столбец на листе «Остатки»: «склад» совпадает со столбцом склада «Склад»',
        'channels.2.column: Канал 3 «Яндекс Маркет»: Столбец на листе «Остатки»: «К продаже» совпадает со служебным столбцом «К продаже»',
        'channels.3.id: Канал 4 «Сайт»: Код канала: «ozon» уже есть у другого канала',
      ]),
    );
  });

  it('rejects unknown and not-in-sale sources, unknown shipFrom, bad formulas, filters without value', () => {
    const s = clone(workedExampleSettings) as any;
    s.channels[0].sources = ['nope', 'defect'];
    s.channels[0].shipFrom = 'ghost';
    s.channels[1].rule.conditions[0].then = 'x +';
    s.channels[1].rule.otherwise = 'y';
    s.channels[2].filter = { header: 'Бренд', op: 'equals' };
    s.channels[3].filter = { header: 'Ozon', op: 'notEmpty' };
    const messages = errorsOf(s).map((e) => `${e.path}: ${e.message}`);
    expect(messages).toEqual([
      'channels.0.sources.0: Канал 1 «Ozon»: Склады канала: нет склада с кодом «nope»',
      'channels.0.sources.1: Канал 1 «Ozon»: Склады канала: склад «Брак» не в продаже и не может быть источником канала',
      'channels.0.shipFrom: Канал 1 «Ozon»: Склад отгрузки: нет склада с кодом «ghost»',
      'channels.1.rule.conditions.0.then: Канал 2 «Wildberries»: Условие 1, «то»: ожидалось число, x или «(», а стоит конец формулы (позиция 4)',
      'channels.1.rule.otherwise: Канал 2 «Wildberries»: Иначе: неизвестное слово «y» в позиции 1: можно x, min, max',
      'channels.2.filter.value: Канал 3 «Яндекс Маркет»: Значение фильтра: нужно значение для сравнения',
      'channels.3.filter.header: Канал 4 «Сайт»: Столбец фильтра: нельзя смотреть на столбец «Ozon»: его заполняет надстройка',
    ]);
  });

  it('rejects headers that Sheets would read as formulas', () => {
    const s = clone(workedExampleSettings) as any;
    s.channels[0].column = '=IMPORTRANGE()';
    expect(errorsOf(s)[0].message).toBe(
      'Канал 1 «Ozon»: Столбец на листе «Остатки»: заголовок не может начинаться с «=», «+», «-» или «@»',
    );
  });

  it('needs a warehouse in sale', () => {
    const s = clone(workedExampleSettings) as any;
    s.warehouses.forEach((w: any) => {
      w.inSale = false;
    });
    s.channels.forEach((c: any) => {
      delete c.sources;
    });
    expect(errorsOf(s)).toEqual([{ path: 'warehouses', message: 'Склады: нужен хотя бы один склад «В продаже»' }]);
  });
});

describe('settings validation reports every mistake in one go', () => {
  it('returns structural and cross-field errors together, each with its path, once', () => {
    const s = clone(workedExampleSettings) as any;
    s.guard = { minItems: 'пять' };
    s.channels[0].rule.percent = 140;
    s.channels[0].column = 'склад';
    s.channels[1].rule.otherwise = 'x +';
    s.channels[2].sources = ['sklad', 'ghost'];
    const errors = errorsOf(s);
    expect(errors).toEqual([
      { path: 'guard.minItems', message: '…и хотя бы позиций: нужно число' },
      { path: 'channels.0.rule.percent', message: 'Канал 1 «Ozon»: Доля, %: от 0 до 100' },
      {
        path: 'channels.0.column',
        message: 'Канал 1 «Ozon»: Столбец на листе «Остатки»: «склад» совпадает со столбцом склада «Склад»',
      },
      {
        path: 'channels.1.rule.otherwise',
        message: 'Канал 2 «Wildberries»: Иначе: ожидалось число, x или «(», а стоит конец формулы (позиция 4)',
      },
      { path: 'channels.2.sources.1', message: 'Канал 3 «Яндекс Маркет»: Склады канала: нет склада с кодом «ghost»' },
    ]);
    expect(new Set(errors.map((e) => e.path)).size).toBe(errors.length);
  });

  it('gives one message per field, the first mistake in it', () => {
    const s = clone(workedExampleSettings) as any;
    s.channels[0].column = `=${'x'.repeat(120)}`;
    expect(errorsOf(s)).toEqual([
      { path: 'channels.0.column', message: 'Канал 1 «Ozon»: Столбец на листе «Остатки»: длиннее 100 символов' },
    ]);
  });

  it('still checks a warehouse whose other fields are broken', () => {
    const s = clone(workedExampleSettings) as any;
    s.warehouses[1].type = 'partner';
    s.warehouses[1].column = 'Склад';
    expect(errorsOf(s).map((e) => e.path)).toEqual(['warehouses.1.type', 'warehouses.1.column']);
  });

  it('says nothing it cannot know: an id is not «unknown» while some id of that list is broken', () => {
    const s = clone(workedExampleSettings) as any;
    s.warehouses[1].id = 'Поставщик';
    s.warehouses[2].inSale = 'нет';
    s.channels[2].sources = ['supplier', 'defect'];
    s.channels[2].shipFrom = 'supplier';
    s.channels[3].id = 7;
    s.warehouses[0].source = { kind: 'channel', channelId: 'shop' };
    expect(errorsOf(s).map((e) => e.path)).toEqual(['warehouses.1.id', 'warehouses.2.inSale', 'channels.3.id']);
  });

  it('refuses a «channel» source that the warehouse itself feeds (its orders would count twice)', () => {
    const s = clone(workedExampleSettings) as any;
    s.warehouses[0].source = { kind: 'channel', channelId: 'ym' };
    s.warehouses[1].source = { kind: 'channel', channelId: 'ozon' };
    s.warehouses[2].source = { kind: 'channel', channelId: 'ozon' };
    expect(errorsOf(s)).toEqual([
      {
        path: 'warehouses.0.source.channelId',
        message:
          'Склад 1 «Склад»: Канал: нельзя брать остатки из канала «Яндекс Маркет»: этот склад сам даёт ему остатки, и заказы канала посчитались бы дважды',
      },
      {
        path: 'warehouses.1.source.channelId',
        message:
          'Склад 2 «Поставщик»: Канал: нельзя брать остатки из канала «Ozon»: этот склад сам даёт ему остатки, и заказы канала посчитались бы дважды',
      },
    ]);
    s.warehouses[0].source = { kind: 'channel', channelId: 'nope' };
    s.warehouses[1].source = { kind: 'channel', channelId: 'ym' };
    expect(errorsOf(s)).toEqual([
      { path: 'warehouses.0.source.channelId', message: 'Склад 1 «Склад»: Канал: нет канала с кодом «nope»' },
    ]);
  });
});

describe('settings validation speaks Russian for any shape', () => {
  it("says which field has the wrong type, never valibot's English", () => {
    const errors = (() => {
      const r = validateSettings(
        {
          version: 1,
          schedule: 5,
          warehouses: ['a'],
          channels: [{ id: 'c', name: 'N', column: 'K', marketplace: 'ozon', target: 5, filter: 'x' }],
        },
        new Date('2026-11-22T10:00:00Z'),
      );
      if (r.ok) throw new Error('expected errors');
      return r.errors;
    })();
    expect(errors.map((e) => e.message)).toEqual([
      'Расписание: неверный тип, нужен объект { … }',
      'Склад 1: неверный тип, нужен объект { … }',
      'Канал 1 «N»: Склад площадки: неверный тип, нужен объект { … }',
      'Канал 1 «N»: Фильтр товаров: неверный тип, нужен объект { … }',
    ]);
    expect(errors.every((e) => !/Invalid|Expected|received/.test(e.message))).toBe(true);
  });
});

it('any JSON at all gets Russian messages, never a crash (property)', () => {
  const base = () => JSON.parse(JSON.stringify(workedExampleSettings));
  const paths = [
    'version',
    'sendEnabled',
    'schedule',
    'guard',
    'reserves',
    'warehouses',
    'channels',
    'warehouses.0',
    'warehouses.0.source',
    'channels.0',
    'channels.0.rule',
    'channels.0.rule.conditions',
    'channels.0.filter',
    'channels.0.target',
    'channels.0.sources',
  ];
  fc.assert(
    fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
      const s = base();
      const keys = path.split('.');
      let node = s;
      for (const k of keys.slice(0, -1)) node = node[k];
      node[keys[keys.length - 1]] = value;
      const r = validateSettings(s, new Date('2026-11-22T10:00:00Z'));
      if (!r.ok) for (const e of r.errors) expect(e.message).not.toMatch(/Invalid|Expected|received|undefined/);
    }),
    { numRuns: 400 },
  );
});

it('several broken fields at once: Russian messages, each path and cause once, never a crash (property)', () => {
  const paths = [
    'schedule',
    'guard.minItems',
    'warehouses.0.id',
    'warehouses.1.column',
    'warehouses.1.inSale',
    'warehouses.2.source',
    'channels',
    'channels.0.column',
    'channels.0.rule',
    'channels.1.id',
    'channels.1.rule.otherwise',
    'channels.2.sources',
    'channels.3.shipFrom',
    'channels.3.filter',
  ];
  const mutation = fc.tuple(
    fc.constantFrom(...paths),
    fc.oneof(fc.jsonValue(), fc.constantFrom('sklad', 'ozon', 'Склад')),
  );
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 2, maxLength: 4 }), (mutations) => {
      const s = clone(workedExampleSettings) as any;
      for (const [path, value] of mutations) {
        const keys = path.split('.');
        let node = s;
        for (const k of keys.slice(0, -1)) node = node !== null && typeof node === 'object' ? node[k] : undefined;
        if (node !== null && typeof node === 'object') node[keys[keys.length - 1]] = value;
      }
      const r = validateSettings(s, now);
      if (r.ok) return;
      for (const e of r.errors) expect(e.message).not.toMatch(/Invalid|Expected|received|undefined/);
      const causes = r.errors.map((e) => `${e.path}: ${e.message}`);
      expect(new Set(causes).size).toBe(causes.length);
    }),
    { numRuns: 400 },
  );
});

it('takes a settle window per marketplace and refuses one out of range, in Russian', () => {
  const base = JSON.parse(JSON.stringify(workedExampleSettings));
  base.reserves = { settleMinutes: { yandex: 20, ozon: 0, avito: 10 } };
  const ok = validateSettings(base, new Date('2026-11-22T10:00:00Z'));
  expect(ok.ok && ok.settings.reserves.settleMinutes).toEqual({ yandex: 20, ozon: 0, avito: 10 });
  base.reserves = { settleMinutes: { wb: 500 } };
  const bad = validateSettings(base, new Date('2026-11-22T10:00:00Z'));
  expect(bad.ok ? [] : bad.errors).toEqual([
    {
      path: 'reserves.settleMinutes.wb',
      message: expect.stringContaining('Задержка площадки Wildberries: от 0 до 120'),
    },
  ]);
});

describe('every settings string has a length limit (SPEC 7)', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each([
    ['«то»', (s: any) => (s.channels[1].rule.conditions[0].then = long(501)), 'channels.1.rule.conditions.0.then', 500],
    ['«иначе»', (s: any) => (s.channels[1].rule.otherwise = long(501)), 'channels.1.rule.otherwise', 500],
    [
      'a target code',
      (s: any) => (s.channels[0].target = { warehouseId: long(65) }),
      'channels.0.target.warehouseId',
      64,
    ],
    ['a campaign', (s: any) => (s.channels[2].target = { campaignId: long(65) }), 'channels.2.target.campaignId', 64],
    [
      'a filter value',
      (s: any) => (s.channels[0].filter = { header: 'Наименование', op: 'contains', value: long(201) }),
      'channels.0.filter.value',
      200,
    ],
    ['a sheet name', (s: any) => (s.channels[0].name = long(101)), 'channels.0.name', 100],
  ])('%s: a Russian error that names the limit', (_what, spoil, path, limit) => {
    const s = clone(workedExampleSettings) as any;
    spoil(s);
    expect(errorsOf(s)).toEqual([{ path, message: expect.stringMatching(new RegExp(`длиннее ${limit} символов$`)) }]);
  });

  it('a formula at its limit is still accepted', () => {
    const s = clone(workedExampleSettings) as any;
    s.channels[1].rule.otherwise = `x${'+1'.repeat(149)}`.slice(0, 299);
    expect(validateSettings(s, now).ok).toBe(true);
  });

  it('a reserves date is a date, not a megabyte after one', () => {
    const s = clone(workedExampleSettings) as any;
    s.reserves = { activeFrom: `2026-11-01T${long(1000)}` };
    expect(errorsOf(s)[0].message).toBe(
      'Учитывать заказы с (дата и время): нужна дата в виде 25.11.2026 или 25.11.2026 18:00',
    );
  });

  it('settings of more than 100 KB in all are refused in Russian, with their size', () => {
    const s = clone(workedExampleSettings) as any;
    // 50 channels of 20 conditions, each within its own limit: about 300 KB together.
    s.channels = Array.from({ length: 50 }, (_, i) => ({
      id: `c${i}`,
      name: `Канал ${i}`,
      column: `Канал ${i}`,
      marketplace: 'manual',
      rule: {
        type: 'conditions',
        conditions: Array.from({ length: 20 }, () => ({ op: '>', value: 1, then: `x${'+1'.repeat(140)}` })),
      },
    }));
    expect(errorsOf(s)).toEqual([
      {
        path: '',
        message: expect.stringMatching(/^Настройки занимают \d+ КБ, а сохранить можно не больше 100 КБ: сократите/),
      },
    ]);
  });
});
