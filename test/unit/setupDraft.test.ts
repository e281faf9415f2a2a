import { allocateSheet } from '../../src/core/allocation';
import { CHANNEL_PRESETS, marketplaceInHeader, presetOf, uniqueHeader } from '../../src/core/channelPresets';
import { defaultSettings, NO_STOCK_READ, validateSettings } from '../../src/core/settings';
import { presetChannel, withProposals } from '../../src/core/setupDraft';
import { EXAMPLE_SKUS, stockTemplate } from '../../src/core/stockTemplate';

const now = new Date('2026-11-22T10:00:00Z');
const fresh = () => defaultSettings(now);

describe('channel presets', () => {
  it('one preset per marketplace the settings accept, each saying what target it needs', () => {
    expect(CHANNEL_PRESETS.map((p) => [p.marketplace, p.label])).toEqual([
      ['ozon', 'Ozon'],
      ['wb', 'Wildberries'],
      ['yandex', 'Яндекс Маркет'],
      ['megamarket', 'Мегамаркет'],
      ['aliexpress', 'AliExpress'],
      ['avito', 'Авито'],
      ['manual', 'Свой канал (без API)'],
    ]);
    expect(presetOf('ozon').needs).toContain('склад Ozon');
    expect(presetOf('yandex').needs).toContain('магазин (кампания)');
    expect(presetOf('wb').needs).toContain('«Площадки»');
    for (const m of ['megamarket', 'aliexpress', 'avito'] as const) {
      expect(presetOf(m).target).toBe('none');
      expect(presetOf(m).needs).toMatch(/^Склад выбирать не нужно/);
      expect(presetOf(m).keyHelp).toBeTruthy();
    }
    expect(presetOf('avito').keyHelp).toContain('avito.ru/professionals/api');
    expect(presetOf('avito').caveat).toContain('номерами объявлений');
    expect(presetOf('aliexpress').caveat).toContain('ждут ответа площадки');
  });

  it('says which marketplaces show no stock, as the settings check does (NO_STOCK_READ)', () => {
    const api = CHANNEL_PRESETS.filter((p) => p.marketplace !== 'manual');
    expect(api.filter((p) => !p.readsStock).map((p) => p.marketplace)).toEqual(Object.keys(NO_STOCK_READ));
    expect(presetOf('megamarket').caveat).toContain('двойного резервирования');
    expect(presetOf('megamarket').caveat).toContain('источником «что показывает канал» он быть не может');
  });

  it('a preset’s channel passes validation as it is', () => {
    for (const p of CHANNEL_PRESETS) {
      const s = fresh();
      const channel = presetChannel(p.marketplace, s, ['Артикул', 'Склад']);
      const r = validateSettings({ ...s, channels: [channel] }, now);
      expect(r.ok ? r.settings.channels[0] : r.errors).toMatchObject({
        name: p.name,
        column: p.column,
        marketplace: p.marketplace,
        rule: { type: 'share', percent: 100 },
        enabled: true,
      });
    }
  });

  it('guesses the marketplace of a header; short words must be whole words', () => {
    const guess = (h: string) => marketplaceInHeader(h)?.marketplace ?? null;
    expect(
      [
        'Ozon ID',
        'OzonID',
        'ID Озона',
        'Баркод WB',
        'wb_barcode',
        'nmID',
        'Вайлдберриз',
        'YM SKU',
        'Яндекс',
        'Маркет',
      ].map(guess),
    ).toEqual(['ozon', 'ozon', 'ozon', 'wb', 'wb', 'wb', 'wb', 'yandex', 'yandex', 'yandex']);
    expect(['Rhyme', 'Маркетплейс', 'Swbx', 'Комментарий'].map(guess)).toEqual([null, null, null, null]);
  });

  it('guesses MegaMarket, AliExpress and Avito; «ММ» only in capitals (not millimetres)', () => {
    const guess = (h: string) => marketplaceInHeader(h)?.marketplace ?? null;
    expect(
      ['Мегамаркет ID', 'MegaMarket offerId', 'ID ММ', 'MM', 'Сбер', 'СберМегаМаркет', 'Остаток Мегамаркета'].map(
        guess,
      ),
    ).toEqual(Array(7).fill('megamarket'));
    expect(['AliExpress SKU', 'Али', 'ID Ali', 'АлиЭкспресс'].map(guess)).toEqual(Array(4).fill('aliexpress'));
    expect(['Авито ID', 'Avito item_id', 'Объявление Авито'].map(guess)).toEqual(Array(3).fill('avito'));
    // «Мегамаркет» is no Yandex «Маркет»; lower-case «мм» is millimetres; «Алиса» and «Сбербанк» are words.
    expect(['Диаметр, мм', 'Алиса', 'Сбербанк', 'Alibaba', 'Мегамаркетплейс'].map(guess)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('numbers a header that is taken, compared as the sheet compares headers', () => {
    expect(uniqueHeader('Ozon', ['Склад'])).toBe('Ozon');
    expect(uniqueHeader('Ozon', [' ozon ', 'OZON 2'])).toBe('Ozon 3');
  });
});

describe('withProposals: the confirmed detection as settings', () => {
  const picked = {
    warehouses: [
      { header: 'Москва', type: 'own' as const },
      { header: 'Поставщик', type: 'supplier' as const },
    ],
    channels: [
      { idHeader: 'Ozon ID', marketplace: 'ozon' as const },
      { idHeader: 'Баркод WB', marketplace: 'wb' as const },
    ],
  };
  const headers = ['Артикул', 'Москва', 'Поставщик', 'Ozon ID', 'Баркод WB'];

  it('on a first run, the warehouses found replace the default «Склад», and each id column becomes a channel', () => {
    const next = withProposals(fresh(), picked, { replaceWarehouses: true, sheetHeaders: headers });
    expect(next.warehouses).toEqual([
      { id: 'w1', column: 'Москва', type: 'own', inSale: true },
      { id: 'w2', column: 'Поставщик', type: 'supplier', inSale: true },
    ]);
    expect(next.channels).toEqual([
      {
        id: 'c1',
        name: 'Ozon',
        column: 'Ozon',
        marketplace: 'ozon',
        enabled: true,
        target: {},
        rule: { type: 'share', percent: 100 },
        idHeader: 'Ozon ID',
      },
      {
        id: 'c2',
        name: 'Wildberries',
        column: 'WB',
        marketplace: 'wb',
        enabled: true,
        target: {},
        rule: { type: 'share', percent: 100 },
        idHeader: 'Баркод WB',
      },
    ]);
    const valid = validateSettings(next, now);
    if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
    // And the sheet allocates with them: the id columns are found, the channel columns are new.
    const allocated = allocateSheet(
      valid.settings,
      [headers, ['A-1', 4, 2, '123456789', '4601234567890']],
      null,
      now.getTime(),
    );
    expect(allocated.ok && allocated.rows[0].quantities).toEqual([6, 6]);
  });

  it('a warehouse left out of sale («Брак») is saved so, and its stock goes to no channel', () => {
    const next = withProposals(
      fresh(),
      {
        warehouses: [
          { header: 'Москва', type: 'own', inSale: true },
          { header: 'Брак', type: 'own', inSale: false },
        ],
        channels: [{ idHeader: 'Ozon ID', marketplace: 'ozon' }],
      },
      { replaceWarehouses: true, sheetHeaders: ['Артикул', 'Москва', 'Брак', 'Ozon ID'] },
    );
    expect(next.warehouses.map((w) => [w.column, w.inSale])).toEqual([
      ['Москва', true],
      ['Брак', false],
    ]);
    const valid = validateSettings(next, now);
    if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
    const allocated = allocateSheet(
      valid.settings,
      [
        ['Артикул', 'Москва', 'Брак', 'Ozon ID'],
        ['A-1', 4, 7, '123456789'],
      ],
      null,
      now.getTime(),
    );
    expect(allocated.ok && allocated.rows[0].quantities).toEqual([4]);
  });

  it('keeps saved warehouses, skips one already there, and never leaves the draft it was given changed', () => {
    const saved = fresh();
    const before = JSON.stringify(saved);
    const next = withProposals(
      saved,
      {
        warehouses: [
          { header: 'склад', type: 'own' },
          { header: 'Москва', type: 'own' },
        ],
        channels: [],
      },
      { replaceWarehouses: false, sheetHeaders: ['Артикул', 'Склад', 'Москва'] },
    );
    expect(next.warehouses.map((w) => [w.id, w.column])).toEqual([
      ['main', 'Склад'],
      ['w1', 'Москва'],
    ]);
    expect(JSON.stringify(saved)).toBe(before);
  });

  it('a channel’s column never takes a header the sheet or the settings already have', () => {
    const next = withProposals(
      fresh(),
      {
        warehouses: [],
        channels: [
          { idHeader: 'Ozon', marketplace: 'ozon' },
          { idHeader: 'Артикул', marketplace: 'ozon' },
        ],
      },
      { replaceWarehouses: true, sheetHeaders: ['Артикул', 'Склад', 'Ozon'] },
    );
    expect(next.warehouses).toEqual(fresh().warehouses);
    expect(next.channels.map((c) => [c.name, c.column, c.idHeader])).toEqual([
      ['Ozon', 'Ozon 2', 'Ozon'],
      // «Артикул» is the default id column: not written out.
      ['Ozon 2', 'Ozon 3', undefined],
    ]);
    expect(validateSettings(next, now).ok).toBe(true);
  });
});

describe('the «Остатки» template', () => {
  it('a first sheet: «Артикул», «Наименование», «Склад» and two rows marked as examples', () => {
    expect(stockTemplate(fresh())).toEqual({
      headers: ['Артикул', 'Наименование', 'Склад'],
      rows: [
        ['ПРИМЕР-1', 'Пример: замените своим товаром', 10],
        ['ПРИМЕР-2', 'Пример: удалите эту строку', 3],
      ],
    });
    expect(EXAMPLE_SKUS).toEqual(['ПРИМЕР-1', 'ПРИМЕР-2']);
  });

  it('with saved warehouses and channels: their columns, id columns, and the add-on’s columns in SPEC order', () => {
    const r = validateSettings(
      {
        version: 1,
        warehouses: [
          { id: 'msk', column: 'Москва', type: 'own', inSale: true },
          { id: 'sup', column: 'Поставщик', type: 'supplier', inSale: true },
        ],
        channels: [{ id: 'oz', name: 'Ozon', column: 'Ozon', marketplace: 'ozon', idHeader: 'Ozon ID' }],
      },
      now,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const t = stockTemplate(r.settings);
    expect(t.headers).toEqual([
      'Артикул',
      'Наименование',
      'Москва',
      'Поставщик',
      'Ozon ID',
      'Резерв',
      'К продаже',
      'Ozon',
      'Не распределено',
    ]);
    expect(t.rows[0]).toEqual(['ПРИМЕР-1', 'Пример: замените своим товаром', 10, 10, '', '', '', '', '']);
  });
});
