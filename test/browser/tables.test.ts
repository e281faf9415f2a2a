/**
 * Every table of the sidebar at 300 px — the summary's «По каналам», the push preview after
 * «Пересчитать» and after «Сохранить» — keeps neighbouring cells apart: no two words or numbers touch,
 * even with long channel names and eight-digit totals.
 */
import type { Page } from 'playwright-core';
import { type Shop, shopSettings } from '../bundle/sendingSetup';
import { closeShopSidebar, openShopSidebar, type ShopSidebar } from './shopSidebar';

jest.setTimeout(90_000);
let shop: Shop;
let page: Page;
let errors: string[] = [];
const started: Partial<ShopSidebar> = {};

beforeAll(async () => {
  ({ shop, page, errors } = await openShopSidebar(20, started));
  // Totals of eight digits and more in «Штук»; a first push so that the preview has rises and falls.
  shop.g.fn.sendStocks('sidebar');
  // A name longer than the line: the name column takes the width, the numbers get only what they need.
  const settings = shopSettings();
  settings.channels[2].name = 'Яндекс Маркет, склад в Москве для отгрузок FBS';
  const saved = shop.g.fn.saveSettings(settings);
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  for (let i = 0; i < 20; i++) shop.book.sheet('Остатки').put(2 + i, 3, i < 3 ? 0 : 999_999 - i);
}, 90_000);

afterAll(() => closeShopSidebar(started));

interface Gap {
  table: string;
  left: string;
  right: string;
  gap: number;
}

/** For every table on screen: the horizontal gap between the text of each two neighbouring cells of a row. */
function cellGaps(p: Page): Promise<Gap[]> {
  return p.evaluate(() => {
    // The box of a cell's text alone: its text nodes' rectangles (a block span's box would be the cell's width).
    const textBox = (cell: Element) => {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let left = Infinity;
      let right = -Infinity;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          left = Math.min(left, r.left);
          right = Math.max(right, r.right);
        }
      }
      return right > left ? { left, right } : null;
    };
    const gaps: Gap[] = [];
    for (const table of document.querySelectorAll('table')) {
      if (!(table as HTMLElement).offsetParent) continue;
      const name = table.id || table.closest('[id]')?.id || 'table';
      for (const tr of table.querySelectorAll('tr')) {
        const cells = [...tr.children];
        for (let i = 0; i + 1 < cells.length; i++) {
          const a = textBox(cells[i]);
          const b = textBox(cells[i + 1]);
          if (a && b)
            gaps.push({
              table: name,
              left: cells[i].textContent ?? '',
              right: cells[i + 1].textContent ?? '',
              gap: b.left - a.right,
            });
        }
      }
    }
    return gaps;
  });
}

it('in every table, neighbouring cells are at least 4 px apart', async () => {
  await page.locator('#recalculate').click();
  await page.locator('[data-feedback="recalc"] #preview').waitFor();
  const afterRecalc = await cellGaps(page);
  await page.locator('#form-save').click();
  await page.locator('#save-bar #preview').waitFor();
  const afterSave = await cellGaps(page);
  const summary = afterRecalc.filter((g) => g.table === 'summary');
  // A header and 4 channels, 2 pairs each; a preview: 2 header rows and 2 rows for each of 3 channels.
  expect(summary).toHaveLength(10);
  expect(summary[0]).toMatchObject({ left: 'Канал', right: 'Позиций' });
  expect(summary[1]).toMatchObject({ left: 'Позиций', right: 'Штук' });
  expect(summary.some((g) => /^\d{8,}$/.test(g.right))).toBe(true);
  for (const shown of [afterRecalc, afterSave]) {
    expect(shown.filter((g) => g.table === 'preview')).toHaveLength(1 + 3 + 3 * (1 + 3));
    expect(shown.filter((g) => g.gap < 4)).toEqual([]);
  }
  expect(errors).toEqual([]);
});
