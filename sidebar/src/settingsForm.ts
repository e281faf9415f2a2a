/**
 * The settings as a form: sending and schedule, warehouses, channels (marketplace, columns, switch,
 * sources, filter), the rule editor with a live preview, reserves and the guard. Errors from saving
 * appear next to their field (matched by the path the server gives).
 */

import { allowedByWhitelist } from '../../src/core/sources';
import { h } from './dom';
import { type DraftRule, EXAMPLE_AVAILABLE, formulaError, ruleResult } from './rulePreview';
import { call, errorText } from './server';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type Draft = any;

const MARKETPLACES: [string, string][] = [
  ['ozon', 'Ozon'],
  ['wb', 'Wildberries'],
  ['yandex', 'Яндекс Маркет'],
  ['manual', 'Свой канал (без API)'],
];
const RULES: [string, string][] = [
  ['share', 'Доли, %'],
  ['equal', 'Равномерное распределение'],
  ['conditions', 'Условные выражения, f(x)'],
];
const OPS = ['>', '<', '=', '>=', '<='];
const FILTER_OPS: [string, string][] = [
  ['', 'без фильтра'],
  ['equals', 'равно'],
  ['notEquals', 'не равно'],
  ['contains', 'содержит'],
  ['empty', 'пусто'],
  ['notEmpty', 'не пусто'],
];

let uid = 0;
function control(label: string, input: HTMLElement, path: string): HTMLElement {
  const id = `f${++uid}`;
  input.id = id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    h('div', { class: 'field-error', 'data-error-for': path, role: 'status' }),
  );
}

function textInput(value: unknown, onInput: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const input = h('input', { type: 'text', ...attrs }) as HTMLInputElement;
  input.value = value === undefined || value === null ? '' : String(value);
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

function numberInput(
  value: unknown,
  onInput: (v: number) => void,
  attrs: Record<string, string> = {},
): HTMLInputElement {
  const input = h('input', { type: 'number', ...attrs }) as HTMLInputElement;
  input.value = value === undefined ? '' : String(value);
  input.addEventListener('input', () => onInput(input.value === '' ? NaN : Number(input.value)));
  return input;
}

function select(options: [string, string][], value: string, onChange: (v: string) => void): HTMLSelectElement {
  const el = h('select', {}, ...options.map(([v, label]) => h('option', { value: v }, label))) as HTMLSelectElement;
  el.value = value;
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

function checkbox(label: string, checked: boolean, onChange: (v: boolean) => void): HTMLElement {
  const id = `f${++uid}`;
  const input = h('input', { type: 'checkbox', id }) as HTMLInputElement;
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return h('div', { class: 'check' }, input, h('label', { for: id }, label));
}

function nextId(prefix: string, taken: string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`${prefix}${i}`)) return `${prefix}${i}`;
}

export interface FormActions {
  saved(notice: HTMLElement): void;
}

export function settingsForm(state: State, actions: FormActions): HTMLElement {
  const draft: Draft = JSON.parse(JSON.stringify(state.settings));
  const root = h('section', { id: 'settings-form' });
  const status = h('div', { id: 'form-status', 'aria-live': 'polite' });

  const clearErrors = () =>
    root.querySelectorAll('[data-error-for]').forEach((el) => {
      el.textContent = '';
    });
  const showErrors = (errors: { path: string; message: string }[]) => {
    clearErrors();
    const unplaced: string[] = [];
    for (const e of errors) {
      // The nearest field that exists: channels.0.rule.conditions.1.then → … → channels.0.
      let path = e.path;
      let slot: Element | null = null;
      while (path && !(slot = root.querySelector(`[data-error-for="${CSS.escape(path)}"]`)))
        path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
      if (slot) slot.textContent = slot.textContent ? `${slot.textContent}; ${e.message}` : e.message;
      else unplaced.push(e.message);
    }
    status.replaceChildren(
      h(
        'div',
        { class: 'message error', role: 'alert' },
        h('strong', {}, 'Не сохранено. Исправьте отмеченные поля.'),
        unplaced.length ? h('ul', {}, ...unplaced.map((m) => h('li', {}, m))) : null,
      ),
    );
    (
      root
        .querySelector('.field-error:not(:empty)')
        ?.closest('.field')
        ?.querySelector('input,select') as HTMLElement | null
    )?.focus();
  };

  const rerender = () => root.replaceChildren(...build());

  function rulePreview(channel: Draft): HTMLElement {
    const out = h('p', { class: 'preview', 'data-preview-for': channel.id });
    const update = () => {
      const r = ruleResult(channel.rule as DraftRule, EXAMPLE_AVAILABLE);
      out.textContent = r.ok
        ? `На примере из инструкции (доступно ${EXAMPLE_AVAILABLE}): ${r.value} шт.${r.note ? ` — ${r.note}` : ''}`
        : `Ошибка в правиле: ${r.error}`;
      out.className = r.ok ? 'preview' : 'preview error';
    };
    update();
    (out as any).update = update;
    return out;
  }

  function ruleEditor(channel: Draft, i: number): HTMLElement {
    const preview = rulePreview(channel);
    const refresh = () => (preview as any).update();
    const rule = channel.rule ?? (channel.rule = { type: 'share', percent: 100 });
    const body = h('div', {});
    const fill = () => {
      const path = `channels.${i}.rule`;
      if (rule.type === 'share') {
        body.replaceChildren(
          control(
            'Доля, %',
            numberInput(
              rule.percent ?? 100,
              (v) => {
                rule.percent = v;
                refresh();
              },
              { min: '0', max: '100', step: '1' },
            ),
            `${path}.percent`,
          ),
        );
      } else if (rule.type === 'equal') {
        body.replaceChildren(
          h('p', { class: 'muted' }, 'Каналы с этим правилом делят доступное поровну; остаток — первым по порядку.'),
        );
      } else {
        rule.conditions = rule.conditions ?? [];
        const rows = rule.conditions.map((c: any, k: number) => {
          const thenInput = textInput(
            c.then,
            (v) => {
              c.then = v;
              thenError.textContent = formulaError(v) ?? '';
              refresh();
            },
            { 'aria-label': `Условие ${k + 1}: то`, placeholder: 'например 10 или x - 2' },
          );
          const thenError = h(
            'div',
            { class: 'field-error', 'data-error-for': `${path}.conditions.${k}.then` },
            formulaError(String(c.then)) ?? '',
          );
          const remove = h('button', { type: 'button', 'aria-label': `Удалить условие ${k + 1}` }, '×');
          remove.addEventListener('click', () => {
            rule.conditions.splice(k, 1);
            fill();
            refresh();
          });
          return h(
            'div',
            { class: 'condition' },
            h('span', {}, 'если x'),
            select(
              OPS.map((o) => [o, o]),
              c.op,
              (v) => {
                c.op = v;
                refresh();
              },
            ),
            numberInput(
              c.value,
              (v) => {
                c.value = v;
                refresh();
              },
              { 'aria-label': `Условие ${k + 1}: значение`, class: 'short' },
            ),
            h('span', {}, 'то'),
            thenInput,
            remove,
            thenError,
          );
        });
        const add = h('button', { type: 'button' }, 'Добавить условие');
        add.addEventListener('click', () => {
          rule.conditions.push({ op: '>', value: 10, then: '10' });
          fill();
          refresh();
        });
        const otherwise = textInput(
          rule.otherwise ?? 'x',
          (v) => {
            rule.otherwise = v;
            otherwiseError.textContent = formulaError(v) ?? '';
            refresh();
          },
          { 'aria-label': 'Иначе' },
        );
        const otherwiseError = h(
          'div',
          { class: 'field-error', 'data-error-for': `${path}.otherwise` },
          formulaError(String(rule.otherwise ?? 'x')) ?? '',
        );
        body.replaceChildren(
          ...rows,
          add,
          h('div', { class: 'field' }, h('label', {}, 'иначе'), otherwise, otherwiseError),
          h('p', { class: 'muted' }, 'Формулы: числа, x, + − * /, скобки, min(a; b), max(a; b).'),
        );
      }
    };
    fill();
    const type = select(RULES, rule.type, (v) => {
      channel.rule =
        v === 'share'
          ? { type: 'share', percent: 100 }
          : v === 'equal'
            ? { type: 'equal' }
            : { type: 'conditions', conditions: [{ op: '>', value: 10, then: '10' }], otherwise: 'x' };
      rerender();
    });
    return h(
      'fieldset',
      { class: 'rule' },
      h('legend', {}, 'Правило'),
      control('Тип правила', type, `channels.${i}.rule.type`),
      body,
      preview,
    );
  }

  function warehouseCard(w: Draft, i: number): HTMLElement {
    const remove = h('button', { type: 'button' }, 'Удалить склад');
    remove.addEventListener('click', () => {
      draft.warehouses.splice(i, 1);
      rerender();
    });
    return h(
      'div',
      { class: 'card', 'data-warehouse': w.id },
      control(
        'Столбец на листе «Остатки»',
        textInput(w.column, (v) => {
          w.column = v;
        }),
        `warehouses.${i}.column`,
      ),
      control(
        'Тип',
        select(
          [
            ['own', 'Мой'],
            ['supplier', 'Поставщик'],
          ],
          w.type,
          (v) => {
            w.type = v;
          },
        ),
        `warehouses.${i}.type`,
      ),
      checkbox('В продаже', w.inSale, (v) => {
        w.inSale = v;
      }),
      sourceEditor(w, i),
      h('div', { class: 'field-error', 'data-error-for': `warehouses.${i}` }),
      remove,
    );
  }

  function sourceEditor(w: Draft, i: number): HTMLElement {
    const path = `warehouses.${i}.source`;
    const kinds: [string, string][] = [
      ['', 'вручную'],
      ['csv', 'CSV по ссылке'],
      ['yml', 'YML/XML-фид по ссылке'],
      ['sheet', 'другая Google Таблица'],
      ['channel', 'что показывает канал'],
      ['email', 'письмо с CSV'],
    ];
    const kind = select(kinds, w.source?.kind ?? '', (v) => {
      if (!v) delete w.source;
      else
        w.source =
          v === 'csv'
            ? { kind: v, url: '', skuHeader: 'Артикул', qtyHeader: 'Остаток' }
            : v === 'yml'
              ? { kind: v, url: '' }
              : v === 'sheet'
                ? { kind: v, spreadsheetUrl: '', sheet: 'Лист1', skuHeader: 'Артикул', qtyHeader: 'Остаток' }
                : v === 'channel'
                  ? { kind: v, channelId: draft.channels.find((c: Draft) => c.marketplace !== 'manual')?.id ?? '' }
                  : {
                      kind: v,
                      query: 'from:supplier@example.com has:attachment',
                      skuHeader: 'Артикул',
                      qtyHeader: 'Остаток',
                    };
      rerender();
    });
    const src = w.source;
    const fields: HTMLElement[] = [];
    const text = (label: string, key: string, placeholder = '') =>
      fields.push(
        control(
          label,
          textInput(
            src[key],
            (v) => {
              src[key] = v;
              if (key === 'url') check();
            },
            { placeholder },
          ),
          `${path}.${key}`,
        ),
      );
    const warning = h('div', { class: 'field-error source-warning', role: 'status' });
    const check = () => {
      warning.textContent =
        src &&
        (src.kind === 'csv' || src.kind === 'yml') &&
        /^https:\/\//i.test(src.url ?? '') &&
        !allowedByWhitelist(src.url, state.fetchWhitelist)
          ? 'Эта установка не может скачивать с этого адреса: его хост нужно добавить при сборке (OSTATKI_EXTRA_FETCH_HOSTS, см. README). Без этого импорт будет давать ошибку.'
          : '';
    };
    if (src?.kind === 'csv') {
      text('Ссылка на CSV', 'url', 'https://…');
      text('Столбец артикула', 'skuHeader');
      text('Столбец количества', 'qtyHeader');
    }
    if (src?.kind === 'yml') text('Ссылка на YML', 'url', 'https://…');
    if (src?.kind === 'sheet') {
      text('Ссылка на таблицу', 'spreadsheetUrl', 'https://docs.google.com/spreadsheets/…');
      text('Лист', 'sheet');
      text('Столбец артикула', 'skuHeader');
      text('Столбец количества', 'qtyHeader');
    }
    if (src?.kind === 'channel')
      fields.push(
        control(
          'Канал',
          select(
            draft.channels.filter((c: Draft) => c.marketplace !== 'manual').map((c: Draft) => [c.id, c.name]),
            src.channelId,
            (v) => {
              src.channelId = v;
            },
          ),
          `${path}.channelId`,
        ),
      );
    if (src?.kind === 'email') {
      text('Поиск письма (как в Gmail)', 'query');
      text('Столбец артикула', 'skuHeader');
      text('Столбец количества', 'qtyHeader');
    }
    check();
    return h(
      'fieldset',
      {},
      h('legend', {}, 'Откуда берутся остатки'),
      control('Источник', kind, `${path}.kind`),
      ...fields,
      warning,
      src
        ? h('p', { class: 'muted' }, 'Заполняется при каждом запуске по расписанию и «Синхронизировать сейчас».')
        : null,
    );
  }

  function channelCard(c: Draft, i: number): HTMLElement {
    const remove = h('button', { type: 'button' }, 'Удалить канал');
    remove.addEventListener('click', () => {
      draft.channels.splice(i, 1);
      rerender();
    });
    const inSale = draft.warehouses.filter((w: Draft) => w.inSale);
    const sources = h(
      'fieldset',
      {},
      h('legend', {}, 'Склады канала'),
      ...inSale.map((w: Draft) =>
        checkbox(w.column, !c.sources || c.sources.includes(w.id), (on) => {
          const current: string[] = c.sources ?? inSale.map((x: Draft) => x.id);
          const next = on ? [...new Set([...current, w.id])] : current.filter((id) => id !== w.id);
          if (next.length === inSale.length) delete c.sources;
          else c.sources = next;
        }),
      ),
      h('div', { class: 'field-error', 'data-error-for': `channels.${i}.sources` }),
    );
    const filter = c.filter ?? {};
    const filterValue = textInput(
      filter.value ?? '',
      (v) => {
        if (c.filter) c.filter.value = v;
      },
      { 'aria-label': `${c.name}: значение фильтра` },
    );
    const filterBox = h(
      'fieldset',
      {},
      h('legend', {}, 'Фильтр товаров'),
      control(
        'Столбец',
        textInput(filter.header ?? '', (v) => {
          c.filter = { ...(c.filter ?? { op: 'equals' }), header: v };
          if (!v) delete c.filter;
        }),
        `channels.${i}.filter.header`,
      ),
      control(
        'Условие',
        select(FILTER_OPS, filter.op ?? '', (v) => {
          if (!v) delete c.filter;
          else c.filter = { ...(c.filter ?? { header: '' }), op: v };
        }),
        `channels.${i}.filter.op`,
      ),
      control('Значение', filterValue, `channels.${i}.filter.value`),
    );
    return h(
      'div',
      { class: 'card', 'data-channel-form': c.id },
      control(
        'Название',
        textInput(c.name, (v) => {
          c.name = v;
        }),
        `channels.${i}.name`,
      ),
      control(
        'Площадка',
        select(MARKETPLACES, c.marketplace, (v) => {
          c.marketplace = v;
        }),
        `channels.${i}.marketplace`,
      ),
      control(
        'Столбец на листе «Остатки»',
        textInput(c.column, (v) => {
          c.column = v;
        }),
        `channels.${i}.column`,
      ),
      control(
        'Столбец ID товара (пусто — «Артикул»)',
        textInput(c.idHeader ?? '', (v) => {
          if (v.trim()) c.idHeader = v;
          else delete c.idHeader;
        }),
        `channels.${i}.idHeader`,
      ),
      checkbox('Отправлять в этот канал', c.enabled !== false, (v) => {
        c.enabled = v;
      }),
      sources,
      filterBox,
      ruleEditor(c, i),
      h('div', { class: 'field-error', 'data-error-for': `channels.${i}` }),
      remove,
    );
  }

  function build(): HTMLElement[] {
    const addWarehouse = h('button', { type: 'button' }, 'Добавить склад');
    addWarehouse.addEventListener('click', () => {
      draft.warehouses.push({
        id: nextId(
          'w',
          draft.warehouses.map((w: Draft) => w.id),
        ),
        column: 'Новый склад',
        type: 'own',
        inSale: true,
      });
      rerender();
    });
    const addChannel = h('button', { type: 'button' }, 'Добавить канал');
    addChannel.addEventListener('click', () => {
      draft.channels.push({
        id: nextId(
          'c',
          draft.channels.map((c: Draft) => c.id),
        ),
        name: 'Новый канал',
        column: 'Новый канал',
        marketplace: 'manual',
        enabled: true,
        rule: { type: 'share', percent: 100 },
      });
      rerender();
    });
    const reserves = draft.reserves ?? (draft.reserves = {});
    const save = h('button', { type: 'button', class: 'primary', id: 'form-save' }, 'Сохранить') as HTMLButtonElement;
    const saveSend = h(
      'button',
      { type: 'button', id: 'form-save-send' },
      'Сохранить и отправить',
    ) as HTMLButtonElement;
    const selection = h('button', { type: 'button' }, 'Показать для выделенной строки') as HTMLButtonElement;
    const selectionOut = h('div', { id: 'selection-preview', 'aria-live': 'polite' });
    selection.addEventListener('click', async () => {
      selection.disabled = true;
      try {
        const r = await call('previewSelection', draft);
        selectionOut.replaceChildren(
          r.ok
            ? h(
                'div',
                { class: 'card' },
                h('strong', {}, `Строка ${r.row}: ${r.sku}`),
                h('p', {}, r.valid ? `К продаже ${r.forSale}` : 'Строка с ошибкой: ничего не отправляется'),
                ...r.channels.map((c) =>
                  h(
                    'div',
                    { class: 'row' },
                    h('span', {}, c.name),
                    h('strong', {}, c.quantity === null ? '—' : String(c.quantity)),
                  ),
                ),
              )
            : h('p', { class: 'muted' }, r.error),
        );
      } catch (error) {
        selectionOut.replaceChildren(h('div', { class: 'message error', role: 'alert' }, errorText(error)));
      } finally {
        selection.disabled = false;
      }
    });
    const submit = (andSend: boolean, button: HTMLButtonElement) => async () => {
      const label = button.textContent;
      button.disabled = true;
      button.textContent = andSend ? 'Сохраняю и отправляю…' : 'Сохраняю…';
      clearErrors();
      try {
        const result = andSend ? await call('saveAndSend', draft) : await call('saveSettings', draft);
        if (!result.ok) {
          showErrors(result.errors);
          return;
        }
        actions.saved(savedNotice(result.recalculation, 'send' in result ? (result as any).send : undefined));
      } catch (error) {
        status.replaceChildren(h('div', { class: 'message error', role: 'alert' }, errorText(error)));
      } finally {
        button.disabled = false;
        button.textContent = label;
      }
    };
    save.addEventListener('click', submit(false, save));
    saveSend.addEventListener('click', submit(true, saveSend));

    return [
      h('h2', {}, 'Настройки'),
      checkbox('Разрешить отправку остатков', draft.sendEnabled === true, (v) => {
        draft.sendEnabled = v;
      }),
      control(
        'Расписание',
        select(
          [
            ['5', 'каждые 5 минут'],
            ['10', 'каждые 10 минут'],
            ['15', 'каждые 15 минут'],
            ['30', 'каждые 30 минут'],
            ['60', 'каждый час'],
          ],
          String(draft.schedule?.everyMinutes ?? 60),
          (v) => {
            draft.schedule = { everyMinutes: Number(v) };
          },
        ),
        'schedule.everyMinutes',
      ),
      h('h3', {}, 'Склады'),
      h('div', { class: 'field-error', 'data-error-for': 'warehouses' }),
      ...draft.warehouses.map(warehouseCard),
      addWarehouse,
      h('h3', {}, 'Каналы'),
      ...draft.channels.map(channelCard),
      addChannel,
      h('h3', {}, 'Резервы из заказов'),
      checkbox('Резервировать заказы', reserves.enabled === true, (v) => {
        reserves.enabled = v;
      }),
      control(
        'Учитывать заказы с (дата и время, ISO)',
        textInput(
          reserves.activeFrom ?? '',
          (v) => {
            reserves.activeFrom = v;
          },
          { placeholder: '2026-11-01T00:00:00Z' },
        ),
        'reserves.activeFrom',
      ),
      checkbox('Двойное резервирование', reserves.doubleReservation === true, (v) => {
        reserves.doubleReservation = v;
      }),
      control(
        'Ждать заказ, минут',
        numberInput(
          reserves.pendingHoldMinutes ?? 120,
          (v) => {
            reserves.pendingHoldMinutes = v;
          },
          { min: '1', max: '10080' },
        ),
        'reserves.pendingHoldMinutes',
      ),
      h('h3', {}, 'Защита от обнуления'),
      control(
        'Задержать, если в 0 уходит больше, %',
        numberInput(
          Math.round((draft.guard?.maxZeroShare ?? 0.3) * 100),
          (v) => {
            draft.guard = { ...(draft.guard ?? {}), maxZeroShare: v / 100 };
          },
          { min: '0', max: '100' },
        ),
        'guard.maxZeroShare',
      ),
      control(
        '…и хотя бы позиций',
        numberInput(
          draft.guard?.minItems ?? 5,
          (v) => {
            draft.guard = { ...(draft.guard ?? {}), minItems: v };
          },
          { min: '0' },
        ),
        'guard.minItems',
      ),
      h('div', { class: 'actions' }, selection),
      selectionOut,
      status,
      h('div', { class: 'actions sticky' }, save, saveSend),
    ];
  }

  root.replaceChildren(...build());
  return root;
}

function savedNotice(recalc: any, send?: any): HTMLElement {
  if (!recalc.ok)
    return h(
      'div',
      { class: 'message error', role: 'alert' },
      `Настройки сохранены, но пересчёт остановлен: ${recalc.error}`,
    );
  const lines = (recalc.preview as any[]).map((p) =>
    h(
      'tr',
      {},
      h('td', {}, p.name),
      h('td', { class: 'num' }, String(p.changed)),
      h('td', { class: 'num' }, String(p.up)),
      h('td', { class: 'num' }, String(p.down)),
      h('td', { class: 'num' }, String(p.toZero)),
      h('td', {}, p.wouldHold ? 'задержит защита' : p.sendEnabled ? '' : 'отправка выкл.'),
    ),
  );
  return h(
    'div',
    { class: 'message ok', role: 'status' },
    h('strong', {}, send ? `Сохранено и отправлено: ${send.message}` : 'Настройки сохранены, таблица пересчитана.'),
    lines.length
      ? h(
          'table',
          { id: 'preview' },
          h(
            'tr',
            {},
            h('th', {}, 'Канал'),
            h('th', { class: 'num' }, 'изм.'),
            h('th', { class: 'num' }, '↑'),
            h('th', { class: 'num' }, '↓'),
            h('th', { class: 'num' }, 'в 0'),
            h('th', {}, ''),
          ),
          ...lines,
        )
      : null,
  );
}
