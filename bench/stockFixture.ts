/** A large, deterministic «Остатки» for the bench and the 50,000-row bundle test. */
import { RESERVE_HEADERS } from '../src/core/headers';

export const BENCH_SETTINGS = {
  version: 1,
  warehouses: [
    { id: 'main', column: 'Склад', type: 'own', inSale: true },
    { id: 'shop', column: 'Магазин', type: 'own', inSale: true },
    { id: 'supplier', column: 'Поставщик', type: 'supplier', inSale: true },
    { id: 'defect', column: 'Брак', type: 'own', inSale: false },
  ],
  channels: [
    { id: 'ozon', name: 'Ozon', column: 'Ozon', marketplace: 'ozon', rule: { type: 'share', percent: 90 } },
    {
      id: 'wb',
      name: 'Wildberries',
      column: 'WB',
      marketplace: 'wb',
      idHeader: 'WB баркод',
      rule: {
        type: 'conditions',
        conditions: [
          { op: '>', value: 10, then: '10' },
          { op: '<', value: 3, then: '0' },
        ],
        otherwise: 'x - 1',
      },
    },
    {
      id: 'ym',
      name: 'Яндекс Маркет',
      column: 'Яндекс Маркет',
      marketplace: 'yandex',
      rule: { type: 'equal' },
      sources: ['main', 'shop'],
    },
    {
      id: 'site',
      name: 'Сайт',
      column: 'Сайт',
      marketplace: 'manual',
      rule: { type: 'equal' },
      sources: ['main', 'shop'],
    },
    {
      id: 'vk',
      name: 'ВКонтакте',
      column: 'ВК',
      marketplace: 'manual',
      rule: { type: 'share', percent: 50 },
      filter: { header: 'Бренд', op: 'equals', value: 'ACME' },
    },
    {
      id: 'retail',
      name: 'Розница',
      column: 'Розница',
      marketplace: 'manual',
      rule: { type: 'conditions', conditions: [], otherwise: 'min(x; 20)' },
      sources: ['shop'],
    },
  ],
};

export const BENCH_HEADER = [
  'Артикул',
  'Наименование',
  'Бренд',
  'Склад',
  'Магазин',
  'Поставщик',
  'Брак',
  'Страховой запас',
  'WB баркод',
  'Цена',
];

/** Park–Miller generator: the same sheet on every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

export function benchStock(rows: number, seed = 42): unknown[][] {
  const next = random(seed);
  const out: unknown[][] = [BENCH_HEADER];
  for (let i = 0; i < rows; i++) {
    out.push([
      `SKU-${String(i).padStart(6, '0')}`,
      `Товар ${i}`,
      next() < 0.3 ? 'ACME' : 'Other',
      Math.floor(next() * 50),
      Math.floor(next() * 20),
      next() < 0.1 ? String(Math.floor(next() * 100)) : Math.floor(next() * 100),
      Math.floor(next() * 3),
      next() < 0.5 ? '' : Math.floor(next() * 3),
      next() < 0.95 ? `46${String(i).padStart(11, '0')}` : '',
      100 + i,
    ]);
  }
  return out;
}

export function benchReserves(count: number, skuRows: number): unknown[][] {
  const out: unknown[][] = [Object.values(RESERVE_HEADERS)];
  for (let i = 0; i < count; i++) {
    out.push([
      '',
      '',
      '',
      `SKU-${String((i * 7919) % skuRows).padStart(6, '0')}`,
      1 + (i % 3),
      i % 2 ? 'Склад' : 'Магазин',
      'Ручной',
      'Активен',
      '',
      '',
      '',
    ]);
  }
  return out;
}
