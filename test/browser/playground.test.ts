/**
 * The playground (npm start) at 1280×800: change a number → the marketplaces change; an order → a reserve, and the
 * others change; the sidebar's own buttons move the panel too, without a reload; every SKU is listed; a click on a
 * row is the sheet's selection; the channel numbers are on screen; what is typed in the panel outlives an order;
 * MegaMarket, AliExpress and Avito have their panel columns and order buttons, and a buyer's Avito order
 * reserves stock on the other channels in the same run; the demo kit is in the sheet, the panel's kits form and
 * on the marketplaces, and «Заказ комплекта на Ozon» reserves its components and lowers them everywhere.
 * Low-stock alerts in the playground: playgroundAlerts.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { avitoItem, type Playground } from '../../dev/playground';
import { PLAYGROUND_VIEWPORT, usePlaygroundPage } from './playgroundPage';

jest.setTimeout(120_000);
const SHOTS = path.resolve(__dirname, '../../test-results');
const open = usePlaygroundPage();
let playground: Playground;
let page: Page;
let errors: string[];
beforeAll(() => {
  ({ playground, page, errors } = open);
});

const cell = (sku: string, market: string) =>
  page.locator(`#markets-table tr[data-sku="${sku}"] td[data-market="${market}"]`);
/** Waits for a condition the page's action makes true on the server side. */
async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await page.waitForTimeout(50);
  }
}

const stockRow = (sku: string) => {
  const rows = playground.gas.book.sheet('Остатки').dump();
  const row = rows.find((r) => r[0] === sku)!;
  return (header: string) => row[rows[0].indexOf(header)];
};

/** One column of «Остатки» by SKU, blanks as 0. */
const stockColumn = (header: string) => {
  const rows = playground.gas.book.sheet('Остатки').dump();
  return new Map(rows.slice(1).map((r) => [r[0], Number(r[rows[0].indexOf(header)] || 0)]));
};

/** «Резервы» below its header, as the sheet holds it now. */
const reserveRows = () => playground.gas.book.sheet('Резервы').dump().slice(1);
const reserveIdentity = (r: unknown[]) => JSON.stringify([r[0], r[1], r[2], r[3], r[6]]);

/**
 * Type and status of each reserve of `channel` and `sku` that `before` (an earlier reserveRows()) lacked: an
 * earlier test's random order may have reserved the same SKU.
 */
function newReserves(before: unknown[][], channel: string, sku: string): unknown[][] {
  const old = new Set(before.map(reserveIdentity));
  return reserveRows()
    .filter((r) => r[1] === channel && r[3] === sku && !old.has(reserveIdentity(r)))
    .map((r) => [r[6], r[7]]);
}

/** «Покупатель заказал на …» on the page; the SKU the marketplace's buyer took, from the status line. */
async function buyerOrders(where: string): Promise<string> {
  await page.getByRole('button', { name: `Покупатель заказал на ${where}` }).click();
  await page.waitForFunction(
    (w) =>
      new RegExp(`^Покупатель заказал DEMO-\\d+ на ${w}`).test(document.querySelector('#status')?.textContent ?? ''),
    where,
  );
  return /заказал (DEMO-\d+)/.exec((await page.locator('#status').textContent()) ?? '')![1];
}

it('at 1280×800 the columns the add-on writes are on screen without scrolling, right after «Артикул»', async () => {
  await page.locator('#sheet-table td[data-column="Ozon"]').first().waitFor();
  const sheet = await page.locator('#sheet').boundingBox();
  const headers = await page.locator('#sheet-table th').allTextContents();
  const computed = [
    'Резерв',
    'К продаже',
    'Ozon',
    'WB',
    'Яндекс Маркет',
    'Мегамаркет',
    'AliExpress',
    'Авито',
    'Сайт',
    'Не распределено',
  ];
  expect(headers.slice(0, computed.length + 1)).toEqual(['Артикул', ...computed]);
  expect(await page.locator('#sheet').evaluate((e) => e.scrollLeft)).toBe(0);
  // Measured in one go inside the page: the page redraws the table when the panel's calls move its counter.
  const boxes = await page.evaluate(
    (names) => {
      const rect = (e: Element | undefined) => {
        const r = e?.getBoundingClientRect();
        return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
      };
      const ths = [...document.querySelectorAll('#sheet-table th')];
      return names.flatMap((name) => [
        { name, box: rect(ths.find((th) => th.textContent === name)) },
        {
          name,
          box: rect(document.querySelector(`#sheet-table tr[data-row="2"] td[data-column="${name}"]`) ?? undefined),
        },
      ]);
    },
    ['Артикул', ...computed],
  );
  for (const { name, box } of boxes) {
    expect([name, box === null]).toEqual([name, false]);
    // Inside the sheet's visible box (not under the sidebar) and inside the window.
    expect(box!.x).toBeGreaterThanOrEqual(sheet!.x);
    expect(box!.x + box!.width).toBeLessThanOrEqual(Math.min(sheet!.x + sheet!.width, PLAYGROUND_VIEWPORT.width));
    expect(box!.y + box!.height).toBeLessThanOrEqual(PLAYGROUND_VIEWPORT.height);
  }
  // The first warehouse's numbers, the ones a seller types, are on screen too: a long name (the kit's) is cut.
  const store = await page.getByLabel('DEMO-001 Склад').boundingBox();
  expect(store!.x + store!.width).toBeLessThanOrEqual(sheet!.x + sheet!.width);
  const kitName = page.locator('#sheet-table tr[data-row="202"] td[data-column="Наименование"]');
  expect(await kitName.getAttribute('title')).toBe('Набор: 2 кастрюли и тарелка');
  expect(errors).toEqual([]);
});

it('the marketplace panel lists all 200 SKUs and the kit in a scrolling box, and says so', async () => {
  await cell('DEMO-200', 'ozon').waitFor({ state: 'attached' });
  expect(await page.locator('#markets-table tr[data-sku]').count()).toBe(201);
  expect(await page.locator('#markets-count').textContent()).toMatch(
    /^Всего артикулов: 201, на \d\d\.\d\d\.\d{4} \d\d:\d\d/,
  );
  const box = page.locator('#markets');
  expect(await box.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
  await cell('DEMO-200', 'ozon').scrollIntoViewIfNeeded();
  expect(await cell('DEMO-200', 'ozon').textContent()).toBe(String(stockRow('DEMO-200')('Ozon')));
  await box.evaluate((e) => e.scrollTo(0, 0));
  expect(errors).toEqual([]);
});

it('changing a number in the sheet changes what the marketplaces show', async () => {
  await cell('DEMO-004', 'ozon').waitFor();
  expect(await cell('DEMO-004', 'ozon').textContent()).toBe('22'); // Склад 21 + Магазин 3 → 24 × 90 %
  const input = page.getByLabel('DEMO-004 Склад');
  await input.fill('41');
  await input.press('Enter');
  await page.getByText(/^Правка: Готово\./).waitFor();
  await page.waitForFunction(
    () => document.querySelector('#markets-table tr[data-sku="DEMO-004"] td[data-market="ozon"]')?.textContent === '40',
  );
  expect(await cell('DEMO-004', 'wb').textContent()).toBe('10');
  expect(await cell('DEMO-004', 'yandex').textContent()).toBe('23');
  expect(errors).toEqual([]);
});

it('an order on one marketplace makes a reserve and the other marketplaces change', async () => {
  await page.getByRole('button', { name: 'Заказ на Wildberries' }).click();
  const status = page.locator('#status');
  await page.waitForFunction(() =>
    /^Заказ DEMO-\d+ на Wildberries\. Готово\./.test(document.querySelector('#status')?.textContent ?? ''),
  );
  const sku = /Заказ (DEMO-\d+)/.exec((await status.textContent()) ?? '')![1];
  // The orders row says what the orders did: no «(0 из 1)» that reads like a refused push.
  expect(await status.textContent()).toContain('Wildberries: строк заказов 1, новых резервов 1');
  expect(await status.textContent()).not.toMatch(/Заказы \(\d+ из \d+\)/);
  const reserves = playground.gas.book.sheet('Резервы').dump();
  expect(reserves.slice(1).map((r) => [r[1], r[3], r[6], r[7]])).toContainEqual([
    'Wildberries',
    sku,
    'Заказ',
    'Активен',
  ]);
  const rows = playground.gas.book.sheet('Остатки').dump();
  const row = rows.find((r) => r[0] === sku)!;
  expect(row[rows[0].indexOf('Резерв')]).toBe(1);
  // What Ozon shows is 90 % of the new «К продаже»: the ordered unit left Ozon too.
  const forSale = row[rows[0].indexOf('К продаже')] as number;
  await page.waitForFunction(
    ([s, v]) =>
      document.querySelector(`#markets-table tr[data-sku="${s}"] td[data-market="ozon"]`)?.textContent === String(v),
    [sku, Math.floor(forSale * 0.9)] as const,
  );
  // The panel beside the sheet read its state again after the run (the page gave it the focus back) and counts the new reserve.
  await page.frameLocator('iframe').getByText('Активных резервов').waitFor();
  await page.waitForFunction(() => {
    const frame = document.querySelector('iframe') as HTMLIFrameElement | null;
    return (frame?.contentDocument?.querySelector('#summary')?.textContent ?? '').includes('Активных резервов1');
  });
  await page.getByRole('tab', { name: 'Резервы' }).click();
  await page.locator('#sheet-table').getByText(sku).waitFor();
  await page.getByRole('tab', { name: 'Остатки' }).click();
  expect(errors).toEqual([]);
});

it('a buyer orders on Ozon: «По остатку» holds the unit and the other channels drop at once; the order replaces it', async () => {
  const [forSaleBefore, reserveBefore] = [stockColumn('К продаже'), stockColumn('Резерв')];
  // Some time after the earlier tests' pushes: past Ozon's settle window for whichever SKU the buyer picks.
  playground.sandboxes.clock.advance(10 * 60_000);
  const before = reserveRows();
  const sku = await buyerOrders('Ozon');
  const reservesOf = () => newReserves(before, 'Ozon', sku);
  // The order is not in Ozon's API yet: the drop of what Ozon shows for sale is held «По остатку».
  expect(reservesOf()).toEqual([['По остатку', 'Активен']]);
  const rows = playground.gas.book.sheet('Остатки').dump();
  const row = rows.find((r) => r[0] === sku)!;
  expect(row[rows[0].indexOf('Резерв')]).toBe((reserveBefore.get(sku) ?? 0) + 1);
  // In the same run «К продаже» lost the unit, so every channel's number comes from one unit less.
  expect(row[rows[0].indexOf('К продаже')]).toBe((forSaleBefore.get(sku) ?? 0) - 1);
  // Three scheduled runs later the posting reaches the API: its «Заказ» takes the place of «По остатку».
  for (let run = 0; run < 3; run++) {
    await page.getByRole('button', { name: 'Запуск по расписанию' }).click();
    await page.waitForFunction(() => /^Расписание: /.test(document.querySelector('#status')?.textContent ?? ''));
    await page.evaluate(() => {
      (document.querySelector('#status') as HTMLElement).textContent = '';
    });
  }
  expect(reservesOf()).toEqual([
    ['По остатку', 'Снят'],
    ['Заказ', 'Активен'],
  ]);
  const after = playground.gas.book.sheet('Остатки').dump();
  expect(after.find((r) => r[0] === sku)![after[0].indexOf('Резерв')]).toBe((reserveBefore.get(sku) ?? 0) + 1);
  await page.screenshot({ path: path.join(SHOTS, 'playground-buyer-order.png') });
  expect(errors).toEqual([]);
});

it('the panel shows MegaMarket, AliExpress and Avito too: what each holds is what the sheet sent', async () => {
  await cell('DEMO-010', 'avito').waitFor();
  expect(await page.locator('#markets-table th').allTextContents()).toEqual([
    'Артикул',
    'Ozon',
    'WB',
    'ЯМ',
    'ММ',
    'Ali',
    'Авито',
  ]);
  for (const [market, header] of [
    ['megamarket', 'Мегамаркет'],
    ['aliexpress', 'AliExpress'],
    ['avito', 'Авито'],
  ])
    for (const sku of ['DEMO-003', 'DEMO-010'])
      expect(await cell(sku, market).textContent()).toBe(String(stockRow(sku)(header)));
  // MegaMarket's API shows no stock: the panel says whose number it is.
  expect(await page.locator('#markets-note').textContent()).toBe(
    'ММ — что держит песочница Мегамаркета: его API остатков не показывает.',
  );
  // The whole panel fits its column: no sideways scroll.
  expect(await page.locator('#markets').evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  expect(errors).toEqual([]);
});

it('an order through the API of MegaMarket, AliExpress or Avito reserves the unit and lowers Ozon in the same run', async () => {
  for (const [market, where] of [
    ['megamarket', 'Мегамаркете'],
    ['aliexpress', 'AliExpress'],
    ['avito', 'Авито'],
  ]) {
    await page.evaluate(() => {
      (document.querySelector('#status') as HTMLElement).textContent = '';
    });
    await page.getByRole('button', { name: `Заказ на ${where}`, exact: true }).click();
    await page.waitForFunction(
      (w) => new RegExp(`^Заказ DEMO-\\d+ на ${w}\\. `).test(document.querySelector('#status')?.textContent ?? ''),
      where,
    );
    const sku = /Заказ (DEMO-\d+)/.exec((await page.locator('#status').textContent()) ?? '')![1];
    const reserves = playground.gas.book.sheet('Резервы').dump();
    const channel = { megamarket: 'Мегамаркет', aliexpress: 'AliExpress', avito: 'Авито' }[market];
    expect(reserves.slice(1).map((r) => [r[1], r[3], r[6], r[7]])).toContainEqual([channel, sku, 'Заказ', 'Активен']);
    const forSale = stockRow(sku)('К продаже') as number;
    // Ozon shows 90 % of the «К продаже» that lost the unit: in the same run.
    await page.waitForFunction(
      ([s, v]) =>
        document.querySelector(`#markets-table tr[data-sku="${s}"] td[data-market="ozon"]`)?.textContent === String(v),
      [sku, Math.floor(forSale * 0.9)] as const,
    );
  }
  expect(errors).toEqual([]);
});

it('a buyer orders on Avito: «По остатку» holds the unit and every other channel drops in the same run', async () => {
  const [forSaleBefore, reserveBefore] = [stockColumn('К продаже'), stockColumn('Резерв')];
  // Past Avito's settle window after the earlier pushes: a lower number now is a sale.
  playground.sandboxes.clock.advance(10 * 60_000);
  const before = reserveRows();
  const sku = await buyerOrders('Авито');
  const reservesOf = () => newReserves(before, 'Авито', sku);
  expect(reservesOf()).toEqual([['По остатку', 'Активен']]);
  const forSale = (forSaleBefore.get(sku) ?? 0) - 1;
  expect(stockRow(sku)('К продаже')).toBe(forSale);
  expect(stockRow(sku)('Резерв')).toBe((reserveBefore.get(sku) ?? 0) + 1);
  // Every other marketplace shows its share of one unit less, in the same run: Ozon 90 %, MegaMarket 80 %.
  await page.waitForFunction(
    ([s, ozon, mm]) => {
      const at = (m: string) =>
        document.querySelector(`#markets-table tr[data-sku="${s}"] td[data-market="${m}"]`)?.textContent;
      return at('ozon') === String(ozon) && at('megamarket') === String(mm);
    },
    [sku, Math.floor(forSale * 0.9), Math.floor(forSale * 0.8)] as const,
  );
  for (const [market, header] of [
    ['wb', 'WB'],
    ['yandex', 'Яндекс Маркет'],
    ['aliexpress', 'AliExpress'],
  ])
    expect([market, await cell(sku, market).textContent()]).toEqual([market, String(stockRow(sku)(header))]);
  // Avito itself holds the buyer's unit booked, and shows for sale no more than its column (how its own booking
  // and the pushed number combine is in AVITO_VERIFY: «минус бронь»).
  const avito = playground.sandboxes.control('avito', 'stock', { itemId: avitoItem(Number(sku.slice(5)) - 1) });
  expect(avito.reserved).toBe(1);
  expect(avito.shown).toBeLessThanOrEqual(stockRow(sku)('Авито') as number);
  // Three scheduled runs later the order reaches Avito's API: its «Заказ» takes the place of «По остатку».
  for (let run = 0; run < 3; run++) {
    await page.evaluate(() => {
      (document.querySelector('#status') as HTMLElement).textContent = '';
    });
    await page.getByRole('button', { name: 'Запуск по расписанию' }).click();
    await page.waitForFunction(() => /^Расписание: /.test(document.querySelector('#status')?.textContent ?? ''));
  }
  expect(reservesOf()).toEqual([
    ['По остатку', 'Снят'],
    ['Заказ', 'Активен'],
  ]);
  expect(stockRow(sku)('Резерв')).toBe((reserveBefore.get(sku) ?? 0) + 1);
  expect(errors).toEqual([]);
});

it('a click on a row selects it in the sheet: «Показать для выделенной строки» shows that SKU', async () => {
  const row = page.locator('#sheet-table tr[data-row="8"]');
  await row.locator('td[data-column="Наименование"]').click();
  await page.waitForFunction(() =>
    document.querySelector('#sheet-table tr[data-row="8"]')?.classList.contains('selected'),
  );
  await until(() => playground.gas.book.activeRange?.row === 8);
  expect(playground.gas.book.activeRange?.getSheet().name).toBe('Остатки');
  const sidebar = page.frameLocator('iframe');
  await sidebar.locator('#tab-channels').click();
  await sidebar.getByRole('button', { name: 'Показать для выделенной строки' }).click();
  const preview = sidebar.locator('#selection-preview');
  await preview.getByText('Строка 8: DEMO-007').waitFor();
  expect(await preview.textContent()).toContain(`К продаже ${stockRow('DEMO-007')('К продаже')}`);
  // The selection survives the sheet being drawn again by the next refresh.
  await page.waitForTimeout(1500);
  expect(await row.getAttribute('class')).toBe('selected');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, 'playground.png') });
  expect(errors).toEqual([]);
});

it('«Сохранить и отправить» in the sidebar moves the sheet and the marketplace panel without a reload', async () => {
  await page.evaluate(() => {
    (window as any).notReloaded = true;
    ((document.querySelector('iframe') as HTMLIFrameElement).contentWindow as any).notReloaded = true;
  });
  const sidebar = page.frameLocator('iframe');
  await sidebar.locator('#tab-channels').click();
  const ozon = sidebar.locator('[data-channel-form="ozon"]');
  await ozon.getByLabel('Доля, %').fill('50');
  await sidebar.getByRole('button', { name: 'Сохранить и отправить' }).click();
  await sidebar.getByText(/^Сохранено и отправлено: /).waitFor();
  const half = Math.floor(Number(stockRow('DEMO-004')('К продаже')) * 0.5);
  expect(stockRow('DEMO-004')('Ozon')).toBe(half);
  await page.waitForFunction(
    (v) =>
      document.querySelector('#markets-table tr[data-sku="DEMO-004"] td[data-market="ozon"]')?.textContent === v &&
      document.querySelector('#sheet-table tr[data-row="5"] td[data-column="Ozon"]')?.textContent === v,
    String(half),
  );
  expect(await page.evaluate(() => (window as any).notReloaded)).toBe(true);
  expect(
    await page.evaluate(
      () => ((document.querySelector('iframe') as HTMLIFrameElement).contentWindow as any).notReloaded,
    ),
  ).toBe(true);
  expect(errors).toEqual([]);
});

it('«Открыть список» of a held push opens «_Задержано» on the page, as Sheets would show the hidden sheet', async () => {
  const withOzonShare = (percent: number) => {
    const settings = JSON.parse(JSON.stringify(playground.gas.fn.getState().settings));
    settings.channels[0].rule = { type: 'share', percent };
    expect(playground.gas.fn.saveSettings(settings).ok).toBe(true);
  };
  withOzonShare(0);
  playground.gas.fn.sendStocks('sidebar');
  const sidebar = page.frameLocator('iframe');
  await sidebar.locator('#tab-summary').click();
  await sidebar.getByRole('button', { name: 'Обновить' }).click();
  const card = sidebar.locator('[data-held="ozon"]');
  await card.getByRole('button', { name: 'Открыть список' }).click();
  await page.getByRole('tab', { name: '_Задержано' }).waitFor();
  await page.waitForFunction(
    () => document.querySelector('.tabs button[aria-selected="true"]')?.textContent === '_Задержано',
  );
  await page.locator('#sheet-table').getByText('DEMO-001').first().waitFor();
  await page.getByRole('tab', { name: 'Остатки' }).click();
  withOzonShare(90);
  expect(playground.gas.fn.getState().held.ozon).toBeUndefined();
  expect(errors).toEqual([]);
});

it('what is typed in the panel and not saved outlives an order placed on the page: the panel is not reloaded', async () => {
  await page.evaluate(() => {
    ((document.querySelector('iframe') as HTMLIFrameElement).contentWindow as any).notReloaded = true;
  });
  const sidebar = page.frameLocator('iframe');
  await sidebar.locator('#tab-channels').click();
  const ozon = sidebar.locator('[data-channel-form="ozon"]');
  await ozon.getByLabel('Доля, %').fill('70');
  await ozon.getByLabel('Название').fill('Ozon основной');
  const reserves = await page.evaluate(() => {
    const doc = (document.querySelector('iframe') as HTMLIFrameElement).contentDocument;
    return /Активных резервов(\d+)/.exec(doc?.querySelector('#summary')?.textContent ?? '')?.[1];
  });
  expect(reserves).toMatch(/^\d+$/);
  await page.getByRole('button', { name: 'Заказ на Wildberries' }).click();
  await page.waitForFunction(
    (before) => {
      const doc = (document.querySelector('iframe') as HTMLIFrameElement).contentDocument;
      const now = /Активных резервов(\d+)/.exec(doc?.querySelector('#summary')?.textContent ?? '')?.[1];
      return now !== undefined && now !== before;
    },
    reserves,
    { timeout: 20_000 },
  );
  expect(await ozon.getByLabel('Доля, %').inputValue()).toBe('70');
  expect(await ozon.getByLabel('Название').inputValue()).toBe('Ozon основной');
  expect(await sidebar.locator('#tab-channels').getAttribute('aria-selected')).toBe('true');
  expect(await sidebar.locator('#tab-channels').getAttribute('data-mark')).toBe('dirty');
  expect(
    await page.evaluate(
      () => ((document.querySelector('iframe') as HTMLIFrameElement).contentWindow as any).notReloaded,
    ),
  ).toBe(true);
  expect(errors).toEqual([]);
});

it('the demo kit is on the sheet and in the panel; «Заказ комплекта на Ozon» reserves its components and lowers them on every channel', async () => {
  const kit = stockRow('НАБОР-1');
  expect([kit('Склад'), kit('Магазин'), kit('Поставщик'), kit('Резерв')]).toEqual(['', '', '', '']);
  const sidebar = page.frameLocator('iframe');
  await sidebar.locator('#tab-warehouses').click();
  await sidebar.locator('#kits .kit[data-kit="НАБОР-1"]').waitFor();
  expect(
    await sidebar
      .locator('#kits .kit-component input')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
  ).toEqual(['DEMO-007', '2', 'DEMO-002', '1']);
  const channels = ['Ozon', 'WB', 'Яндекс Маркет', 'AliExpress', 'Авито'];
  const before = (sku: string) => channels.map((c) => Number(stockRow(sku)(c)));
  const [pots, plates] = [before('DEMO-007'), before('DEMO-002')];
  const forSale = (sku: string) => Number(stockRow(sku)('К продаже'));
  const [potsForSale, platesForSale] = [forSale('DEMO-007'), forSale('DEMO-002')];
  await page.getByRole('button', { name: 'Заказ комплекта на Ozon' }).click();
  await page.waitForFunction(() =>
    /^Заказ комплекта НАБОР-1 на Ozon: резерв — на его компонентах\. Готово\./.test(
      document.querySelector('#status')?.textContent ?? '',
    ),
  );
  // The kit's order line makes two reserves (one per component): said so, not «Ozon: Заказы (0 из 1)»
  // (the orders API may still list an earlier test's order: its line is counted, it makes no reserve again).
  const said = (await page.locator('#status').textContent()) ?? '';
  expect(said).toMatch(/Ozon: строк заказов \d+, новых резервов 2[;.]/);
  expect(said).not.toMatch(/Заказы \(\d+ из \d+\)/);
  const reserves = playground.gas.book.sheet('Резервы').dump();
  const kitRows = reserves
    .slice(1)
    .filter((r) => String(r[reserves[0].indexOf('Комментарий')]).includes('комплект НАБОР-1'));
  expect(kitRows.map((r) => [r[1], r[3], r[4], r[6], r[7]])).toEqual([
    ['Ozon', 'DEMO-007', 2, 'Заказ', 'Активен'],
    ['Ozon', 'DEMO-002', 1, 'Заказ', 'Активен'],
  ]);
  expect(stockRow('НАБОР-1')('Резерв')).toBe('');
  expect(forSale('DEMO-007')).toBe(potsForSale - 2);
  expect(forSale('DEMO-002')).toBe(platesForSale - 1);
  // Every channel of a component shows no more than before, and the ones that showed its whole share show less.
  const [potsAfter, platesAfter] = [before('DEMO-007'), before('DEMO-002')];
  for (const [k, v] of potsAfter.entries()) expect(v).toBeLessThanOrEqual(pots[k]);
  for (const [k, v] of platesAfter.entries()) expect(v).toBeLessThanOrEqual(plates[k]);
  expect(potsAfter[channels.indexOf('Ozon')]).toBeLessThan(pots[channels.indexOf('Ozon')]);
  expect(potsAfter[channels.indexOf('Яндекс Маркет')]).toBeLessThan(pots[channels.indexOf('Яндекс Маркет')]);
  // The marketplace panel shows what the sheet sent.
  await page.waitForFunction(
    (v) =>
      document.querySelector('#markets-table tr[data-sku="DEMO-007"] td[data-market="yandex"]')?.textContent ===
      String(v),
    potsAfter[channels.indexOf('Яндекс Маркет')],
  );
  await page.screenshot({ path: path.join(SHOTS, 'playground-kit-order.png') });
  expect(errors).toEqual([]);
});
