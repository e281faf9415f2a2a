/**
 * «Первый запуск»: with no «Остатки», the offer to create it from the template or to find the columns of
 * the sheet the seller has open; with «Остатки» but no saved settings, what the detection proposes
 * (warehouses with «В продаже», id columns → channels with a marketplace preset), ticked to confirm, and
 * «Сохранить найденное», which saves them with the ordinary saveSettings. Its own words tell it apart
 * from the save bar's «Сохранить» (the whole form) under it.
 */
import { CHANNEL_PRESETS, type Marketplace, presetOf } from '../../src/core/channelPresets';
import { type PickedProposals, withProposals } from '../../src/core/setupDraft';
import { h } from './dom';
import type { State } from './draft';
import { checkbox, select } from './fields';
import { call, errorText } from './server';

type Refresh = (text: string, kind?: 'ok' | 'error') => void;
type Found = Extract<Awaited<ReturnType<typeof call<'detectColumns'>>>, { ok: true }>;
type Detection = Found['detection'];

function note(kind: 'ok' | 'error' | 'warning', text: string): HTMLElement {
  return h('div', { class: `message ${kind}`, role: kind === 'ok' ? 'status' : 'alert' }, text);
}

export function setupView(state: State, refresh: Refresh): HTMLElement | null {
  const firstRun = state.settingsStatus === 'none';
  if (state.stockSheet.exists && !firstRun) return null;
  const body = h('div', {});
  const root = h('section', { id: 'setup' }, h('h2', {}, 'Первый запуск'), body);
  if (state.stockSheet.exists) void detect(state, body, refresh);
  else body.replaceChildren(...offer(state, body, refresh));
  return root;
}

/** No «Остатки» yet: the template, or the columns of the seller's own sheet. */
function offer(state: State, body: HTMLElement, refresh: Refresh): HTMLElement[] {
  const create = h('button', { type: 'button', class: 'primary', id: 'create-stock-sheet' }, 'Создать лист «Остатки»');
  const find = h('button', { type: 'button', id: 'detect-columns' }, 'Найти столбцы на открытом листе');
  const feedback = h('div', {});
  create.addEventListener('click', async () => {
    (create as HTMLButtonElement).disabled = true;
    try {
      const made = await call('createStockSheet');
      if (made.ok) refresh(made.message);
      else feedback.replaceChildren(note('error', made.error));
    } catch (error) {
      feedback.replaceChildren(note('error', errorText(error)));
    } finally {
      (create as HTMLButtonElement).disabled = false;
    }
  });
  find.addEventListener('click', () => void detect(state, body, refresh));
  return [
    h(
      'p',
      {},
      'В таблице нет листа «Остатки». На нём надстройка ведёт остатки: строка на товар, столбец на каждый склад и на каждый канал.',
    ),
    h('div', { class: 'actions' }, create, find),
    h(
      'p',
      { class: 'muted' },
      'Уже ведёте остатки на своём листе? Откройте его и нажмите «Найти столбцы на открытом листе».',
    ),
    feedback,
  ];
}

async function detect(state: State, body: HTMLElement, refresh: Refresh): Promise<void> {
  body.replaceChildren(h('p', { class: 'muted' }, 'Ищу склады и столбцы ID…'));
  try {
    const found = await call('detectColumns');
    if (!found.ok) {
      body.replaceChildren(note('error', found.error), ...(state.stockSheet.exists ? [] : offer(state, body, refresh)));
      return;
    }
    // While «Остатки» is missing, the template stays on offer under what was found.
    body.replaceChildren(
      proposalsView(state, found, refresh),
      ...(found.isStockSheet ? [] : offer(state, body, refresh)),
    );
  } catch (error) {
    body.replaceChildren(note('error', errorText(error)));
  }
}

/** What the seller ticks: each proposal with its current choice. */
interface Choices {
  warehouses: { header: string; type: 'own' | 'supplier'; inSale: boolean; on: boolean }[];
  channels: { header: string; marketplace: Marketplace | ''; on: boolean }[];
}

function proposalsView(state: State, found: Found, refresh: Refresh): HTMLElement {
  const d = found.detection;
  const choices: Choices = {
    warehouses: d.warehouses.map((w) => ({ header: w.header, type: w.type, inSale: w.inSale, on: w.checked })),
    channels: d.idColumns.map((c) => ({ header: c.header, marketplace: c.marketplace ?? '', on: c.checked })),
  };
  const status = h('div', { id: 'setup-status', 'aria-live': 'polite' });
  const save = h('button', { type: 'button', class: 'primary', id: 'setup-save' }, SAVE_LABEL) as HTMLButtonElement;
  save.addEventListener('click', () => void saveChoices(state, found, choices, { save, status, refresh }));
  const nothing = !d.warehouses.length && !d.idColumns.length;
  return h(
    'div',
    { id: 'detection' },
    h('p', { class: 'muted' }, sheetLine(found)),
    ...d.notes.map((text) => note('warning', text)),
    found.isStockSheet || nothing
      ? null
      : note(
          'warning',
          `Это лист «${found.sheet}». При сохранении он будет переименован в «Остатки» — данные на нём не изменятся.`,
        ),
    d.sku ? h('p', {}, `Артикул: столбец ${d.sku.letter} «${d.sku.header}».`) : null,
    warehouseChoices(d, choices),
    channelChoices(d, choices),
    skippedList(d),
    nothing
      ? h(
          'p',
          { class: 'muted' },
          'Предложить нечего: склады опишите на вкладке «Склады», каналы — на вкладке «Каналы», и нажмите «Сохранить» внизу панели.',
        )
      : null,
    status,
    nothing ? null : h('div', { class: 'actions' }, save),
    nothing
      ? null
      : h(
          'p',
          { class: 'muted' },
          `«${SAVE_LABEL}» сохраняет отмеченное здесь; «Сохранить» внизу панели — все настройки вкладок.`,
        ),
  );
}

/** The setup's own button: it saves what was found, not the form of the save bar. */
const SAVE_LABEL = 'Сохранить найденное';

function sheetLine(found: Found): string {
  const d = found.detection;
  if (!d.headerRow) return `Лист «${found.sheet}».`;
  return `Лист «${found.sheet}»: заголовки в строке ${d.headerRow}, просмотрено строк с товарами: ${d.sampledRows}.`;
}

const WAREHOUSE_TYPES: ['own' | 'supplier', string][] = [
  ['own', 'Мой'],
  ['supplier', 'Поставщик'],
];

function warehouseChoices(d: Detection, choices: Choices): HTMLElement | null {
  if (!d.warehouses.length) return null;
  return h(
    'fieldset',
    { class: 'proposals' },
    h('legend', {}, 'Склады'),
    ...d.warehouses.map((w, i) => {
      const choice = choices.warehouses[i];
      const type = select(WAREHOUSE_TYPES, choice.type, (v) => {
        choice.type = v;
      });
      type.setAttribute('aria-label', `«${w.header}»: тип склада`);
      return h(
        'div',
        { class: 'proposal', 'data-proposal': `warehouse:${w.letter}` },
        checkbox(`${w.letter} «${w.header}»`, choice.on, (on) => {
          choice.on = on;
        }),
        type,
        checkbox('В продаже', choice.inSale, (inSale) => {
          choice.inSale = inSale;
        }),
        h('div', { class: 'muted reason' }, w.reason),
      );
    }),
  );
}

const MARKETPLACE_CHOICES: [Marketplace | '', string][] = [
  ['', 'выберите площадку'],
  ...CHANNEL_PRESETS.filter((p) => p.marketplace !== 'manual').map((p): [Marketplace, string] => [
    p.marketplace,
    p.label,
  ]),
];

function channelChoices(d: Detection, choices: Choices): HTMLElement | null {
  if (!d.idColumns.length) return null;
  return h(
    'fieldset',
    { class: 'proposals' },
    h('legend', {}, 'Каналы по столбцам ID'),
    ...d.idColumns.map((c, i) => {
      const choice = choices.channels[i];
      const needs = h('div', { class: 'muted reason' }, choice.marketplace ? presetOf(choice.marketplace).needs : '');
      const marketplace = select(MARKETPLACE_CHOICES, choice.marketplace, (v) => {
        choice.marketplace = v;
        needs.textContent = v ? presetOf(v).needs : '';
      });
      marketplace.setAttribute('aria-label', `«${c.header}»: площадка`);
      return h(
        'div',
        { class: 'proposal', 'data-proposal': `channel:${c.letter}` },
        checkbox(`${c.letter} «${c.header}» → канал`, choice.on, (on) => {
          choice.on = on;
        }),
        marketplace,
        h('div', { class: 'muted reason' }, c.reason),
        needs,
      );
    }),
  );
}

function skippedList(d: Detection): HTMLElement | null {
  if (!d.skipped.length) return null;
  return h(
    'details',
    {},
    h('summary', {}, `Не подошли (${d.skipped.length})`),
    h(
      'ul',
      { class: 'problems' },
      ...d.skipped.map((s) =>
        h('li', { class: 'muted' }, `${s.letter} «${s.header || 'без заголовка'}» — ${s.reason}`),
      ),
    ),
  );
}

interface SaveParts {
  save: HTMLButtonElement;
  status: HTMLElement;
  refresh: Refresh;
}

/** The ticked proposals, or what stops them from being saved. */
function picked(state: State, choices: Choices): { ok: true; picked: PickedProposals } | { ok: false; error: string } {
  const warehouses = choices.warehouses
    .filter((w) => w.on)
    .map((w) => ({ header: w.header, type: w.type, inSale: w.inSale }));
  const channels = choices.channels.filter((c) => c.on);
  const unnamed = channels.find((c) => !c.marketplace);
  if (unnamed) return { ok: false, error: `Выберите площадку для столбца «${unnamed.header}».` };
  if (state.settingsStatus === 'none' && !warehouses.length)
    return { ok: false, error: 'Отметьте хотя бы один склад: без него надстройке нечего считать.' };
  return {
    ok: true,
    picked: {
      warehouses,
      channels: channels.map((c) => ({ idHeader: c.header, marketplace: c.marketplace as Marketplace })),
    },
  };
}

async function saveChoices(state: State, found: Found, choices: Choices, parts: SaveParts): Promise<void> {
  const chosen = picked(state, choices);
  if (!chosen.ok) return void parts.status.replaceChildren(note('error', chosen.error));
  parts.save.disabled = true;
  parts.save.textContent = 'Сохраняю…';
  try {
    if (!found.isStockSheet) {
      const renamed = await call('createStockSheet', { fromSheet: found.sheet });
      if (!renamed.ok) return void parts.status.replaceChildren(note('error', renamed.error));
      // Renamed: should saving fail below, pressing «Сохранить» again must not rename a second time.
      found.isStockSheet = true;
    }
    const draft = withProposals(state.settings, chosen.picked, {
      replaceWarehouses: state.settingsStatus === 'none',
      sheetHeaders: found.headers,
    });
    const saved = await call('saveSettings', draft);
    if (!saved.ok) {
      parts.status.replaceChildren(
        h(
          'div',
          { class: 'message error', role: 'alert' },
          h('strong', {}, 'Не сохранено:'),
          h('ul', {}, ...saved.errors.map((e) => h('li', {}, e.message))),
        ),
      );
      return;
    }
    parts.refresh(savedText(chosen.picked, saved.recalculation), saved.recalculation.ok ? 'ok' : 'error');
  } catch (error) {
    parts.status.replaceChildren(note('error', errorText(error)));
  } finally {
    parts.save.disabled = false;
    parts.save.textContent = SAVE_LABEL;
  }
}

type Recalculation = Extract<Awaited<ReturnType<typeof call<'saveSettings'>>>, { ok: true }>['recalculation'];

function savedText(p: PickedProposals, recalc: Recalculation): string {
  const list = (items: string[]) => items.map((x) => `«${x}»`).join(', ');
  const parts = [
    p.warehouses.length
      ? `склады ${p.warehouses.map((w) => `«${w.header}»${w.inSale === false ? ' (не в продаже)' : ''}`).join(', ')}`
      : '',
    p.channels.length ? `каналы ${list(p.channels.map((c) => presetOf(c.marketplace).label))}` : '',
  ].filter(Boolean);
  const what = parts.length ? `Сохранено: ${parts.join('; ')}.` : 'Сохранено.';
  return recalc.ok ? `${what} Таблица пересчитана.` : `${what} Но пересчёт остановлен: ${recalc.error}`;
}
