/**
 * «Комплекты» on the «Склады» tab (SPEC 5.7): the kits of the sheet «Комплекты», each with its
 * components and the errors the last recalculation found in its lines; a kit is added, edited or removed
 * here and «Сохранить комплекты» writes the sheet (its own button: the settings' «Сохранить» below does not).
 * The working copy outlives the panel's redraws while the sheet's kits stay as they were read; save
 * errors appear beside their fields.
 */
import { type HeldKitErrors, holdKitErrors, placedKitErrors, withoutKit } from '../../src/core/kitForm';
import { h } from './dom';
import { feedbackSlot, message } from './feedback';
import { button, control, textInput } from './fields';
import { markOwnForm, remark } from './formMarks';
import { failedDetails, sendOutcome } from './pushPreview';
import { call, errorText } from './server';

type State = Awaited<ReturnType<typeof call<'getState'>>>;
type Saved = Awaited<ReturnType<typeof call<'saveKits'>>>;

interface DraftKit {
  /** The SKU it has on the sheet; none: added here. */
  was?: string;
  sku: string;
  components: { sku: string; qty: string }[];
}

type Part = DraftKit['components'][number];
type Placed = ReturnType<typeof placedKitErrors<DraftKit, Part>>;

/**
 * The working copy, and the errors of its last failed save, held by the kits and components they are
 * about: shown again on each drawing until the next save, and gone with a kit or component removed.
 */
let kept: {
  base: string;
  start: string;
  draft: DraftKit[];
  removed: string[];
  held?: HeldKitErrors<DraftKit, Part>;
} | null = null;

/** The held errors at their places in the form as it is now. */
function keptErrors(): Placed {
  if (!kept?.held) return [];
  return placedKitErrors(
    kept.held,
    kept.draft.map((k) => ({ ref: k, parts: k.components })),
  );
}

/** The copy holds edits not on the sheet yet. */
export function kitsUnsaved(): boolean {
  return !!kept && JSON.stringify([kept.draft, kept.removed]) !== kept.start;
}

markOwnForm('warehouses', () => (keptErrors().length ? 'error' : kitsUnsaved() ? 'dirty' : null));

/**
 * The settings' «Сохранить» leaves the kits as they are: its result says so while the kits form holds
 * unsaved edits, and is no green «сохранено» then.
 */
export function withUnsavedKits(notice: HTMLElement): HTMLElement {
  if (!kitsUnsaved()) return notice;
  if (notice.classList.contains('ok')) {
    notice.classList.replace('ok', 'warning');
    notice.setAttribute('role', 'alert');
  }
  // Right under the headline, above the push preview: not to be missed.
  const note = h('p', { class: 'kits-unsaved' }, 'Комплекты не сохранены: нажмите «Сохранить комплекты».');
  notice.insertBefore(note, notice.children[1] ?? null);
  return notice;
}

function copyOf(state: State) {
  const base = JSON.stringify(state.kits);
  const edited = kept && JSON.stringify([kept.draft, kept.removed]) !== kept.start;
  if (kept && kept.base !== base && !edited) kept = null;
  if (!kept) {
    const draft: DraftKit[] = state.kits.list.map((k) => ({
      was: k.sku,
      sku: k.sku,
      components: k.components.map((c) => ({ sku: c.sku, qty: String(c.qty) })),
    }));
    kept = { base, draft, removed: [], start: JSON.stringify([draft, []]) };
  }
  return kept;
}

export function kitsView(state: State, saved: (notice: HTMLElement) => void): HTMLElement {
  // Its copy outlives the panel's redraws like the settings form's: a refresh may draw over its fields.
  const section = h('section', { id: 'kits', 'data-kept-draft': 'kits' });
  const draw = () => {
    section.replaceChildren(...kitsBody(state, section, draw, saved));
    const errors = keptErrors();
    if (errors.length) placeErrors(section, errors);
    remark();
  };
  for (const type of ['input', 'change']) section.addEventListener(type, remark);
  draw();
  return section;
}

function kitsBody(state: State, section: HTMLElement, draw: () => void, saved: (n: HTMLElement) => void): Node[] {
  const copy = copyOf(state);
  const head = [
    h('h2', {}, 'Комплекты'),
    h(
      'p',
      { class: 'muted field-note' },
      'Комплект — строка листа «Остатки» с пустыми ячейками складов: его остаток считается из компонентов, а заказ комплекта резервирует компоненты. Сохраняется на лист «Комплекты» своей кнопкой.',
    ),
  ];
  if (state.kits.error) return [...head, message('error', state.kits.error)];
  const more = state.kits.total - state.kits.list.length;
  const save = h('button', { type: 'button', class: 'primary', id: 'kits-save' }, 'Сохранить комплекты');
  save.addEventListener('click', () => void saveKits(section, save as HTMLButtonElement, saved));
  return [
    ...head,
    more > 0
      ? h(
          'p',
          { class: 'muted' },
          `Показаны первые ${state.kits.list.length} из ${state.kits.total}; остальные — на листе «Комплекты», сохранение их не меняет.`,
        )
      : null,
    ...copy.draft.map((kit, i) => kitCard(state, kit, i, draw)),
    state.kits.list.length === 0 && copy.draft.length === 0
      ? h('p', { class: 'muted', id: 'kits-empty' }, 'Комплектов пока нет.')
      : null,
    button('Добавить комплект', () => {
      copy.draft.push({ sku: '', components: [{ sku: '', qty: '1' }] });
      draw();
    }),
    h('div', { class: 'field-error', 'data-error-for': 'kits', role: 'status' }),
    h('div', { class: 'actions' }, save),
    feedbackSlot('kits'),
  ].filter((x): x is HTMLElement => x instanceof HTMLElement);
}

function kitCard(state: State, kit: DraftKit, i: number, draw: () => void): HTMLElement {
  const copy = kept;
  const remove = button('Удалить комплект', () => {
    copy?.draft.splice(i, 1);
    if (kit.was) copy?.removed.push(kit.was);
    // Gone from the form, and so are its errors and the ones that name it.
    if (copy?.held) copy.held = withoutKit(copy.held, kit);
    draw();
  });
  const add = button('+ компонент', () => {
    kit.components.push({ sku: '', qty: '1' });
    draw();
  });
  return h(
    'div',
    { class: 'card kit', 'data-kit': kit.was ?? `new-${i}` },
    control(
      'Артикул комплекта',
      textInput(kit.sku, (v) => {
        kit.sku = v;
      }),
      `kits.${i}.sku`,
    ),
    ...kitProblems(state, kit),
    h('div', { class: 'group-title' }, 'Состав'),
    ...kit.components.map((_, j) => componentRow(kit, i, j, draw)),
    h('div', { class: 'field-error', 'data-error-for': `kits.${i}.components`, role: 'status' }),
    h('div', { class: 'actions' }, add, remove),
  );
}

let uid = 0;

/** «Артикул», a narrow «Кол-во» and «×» on one line; their errors under the line, at full width. */
function componentRow(kit: DraftKit, i: number, j: number, draw: () => void): HTMLElement {
  const c = kit.components[j];
  const path = `kits.${i}.components.${j}`;
  const drop = h('button', { type: 'button', class: 'link', 'aria-label': `Убрать компонент ${j + 1}` }, '×');
  drop.addEventListener('click', () => {
    kit.components.splice(j, 1);
    draw();
  });
  const field = (label: string, input: HTMLInputElement) => {
    input.id = `kit-field-${++uid}`;
    return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
  };
  const sku = textInput(c.sku, (v) => {
    c.sku = v;
  });
  const qty = textInput(
    c.qty,
    (v) => {
      c.qty = v;
    },
    { inputmode: 'numeric' },
  );
  return h(
    'div',
    { class: 'kit-component', 'data-component': String(j) },
    field('Артикул', sku),
    field('Кол-во', qty),
    drop,
    h('div', { class: 'field-error', 'data-error-for': `${path}.sku`, role: 'status' }),
    h('div', { class: 'field-error', 'data-error-for': `${path}.qty`, role: 'status' }),
  );
}

/** What the last recalculation said about this kit: its lines on «Комплекты», its row on «Остатки». */
function kitProblems(state: State, kit: DraftKit): HTMLElement[] {
  const view = state.kits.list.find((k) => k.sku === kit.was);
  if (!view) return [];
  const rows = new Set(view.components.map((c) => c.row));
  const problems = (state.lastRecalc?.problems ?? []).filter(
    (p) =>
      (p.sheet === 'Комплекты' && rows.has(p.row)) ||
      (p.sheet === 'Остатки' && p.text.includes(`«${view.sku}»`) && p.text.includes('комплект')),
  );
  return problems.map((p) => h('p', { class: `kit-problem ${p.severity}`, role: 'status' }, p.text));
}

async function saveKits(section: HTMLElement, save: HTMLButtonElement, saved: (n: HTMLElement) => void) {
  const copy = kept;
  if (!copy || save.disabled) return;
  for (const slot of section.querySelectorAll('[data-error-for]')) slot.textContent = '';
  copy.held = undefined;
  remark();
  save.disabled = true;
  save.textContent = 'Сохраняю…';
  try {
    const { kits, removed } = outgoing(copy.draft, copy.removed);
    const sent = copy.draft.map((k) => ({ ref: k, sku: k.sku, parts: [...k.components] }));
    const result = await call('saveKits', kits, removed);
    if (!result.ok) {
      copy.held = holdKitErrors(result.errors, sent);
      placeErrors(section, keptErrors());
      remark();
      section
        .querySelector('[data-error-for]:not(:empty)')
        ?.closest('.field, .card')
        ?.scrollIntoView({ block: 'center' });
      return;
    }
    kept = null;
    saved(savedNotice(result));
  } catch (error) {
    section.querySelector('[data-feedback="kits"]')?.replaceChildren(message('error', errorText(error)));
  } finally {
    save.disabled = false;
    save.textContent = 'Сохранить комплекты';
  }
}

/**
 * What «Сохранить комплекты» sends. A kit removed and added back under its SKU («Удалить комплект», then
 * «Добавить комплект» with the same SKU) is sent as an edit of that kit, and is no longer removed: it is
 * saved as the form shows it. A removed SKU another kit is renamed to stays removed.
 */
function outgoing(draft: readonly DraftKit[], removedSkus: readonly string[]) {
  const removed = new Set(removedSkus);
  const kits = draft.map((k) => {
    const sku = k.sku.trim();
    const again = !k.was && removed.has(sku);
    if (again) removed.delete(sku);
    return { ...k, ...(again ? { was: sku } : {}), components: k.components.map((c) => ({ ...c })) };
  });
  return { kits, removed: [...removed] };
}

/**
 * Each error beside its field, one line each; under the button, «Не сохранено» and every error on its own
 * line, named by its kit (and component), so that the list is read without scrolling up.
 */
function placeErrors(section: HTMLElement, errors: Placed): void {
  for (const e of errors)
    section.querySelector(`[data-error-for="${CSS.escape(e.path)}"]`)?.append(h('div', {}, e.message));
  const draft = kept?.draft ?? [];
  const named = (e: Placed[number]) => {
    if (e.kit === undefined) return e.message;
    const sku = draft[e.kit]?.sku.trim();
    const kit = sku ? `«${sku}»` : `Комплект ${e.kit + 1}`;
    return `${kit}${e.part === undefined ? '' : `, компонент ${e.part + 1}`}: ${e.message}`;
  };
  const notice = message('error', '');
  notice.replaceChildren(
    h('strong', {}, 'Не сохранено: исправьте отмеченное.'),
    ...errors.map((e) => h('p', { class: 'kit-save-error' }, named(e))),
  );
  section.querySelector('[data-feedback="kits"]')?.replaceChildren(notice);
}

/**
 * The result of «Сохранить комплекты»: the run it started told with the send's words and colour
 * (pushPreview.ts) in one headline, what the channels that failed said collapsed under «Подробнее» (at
 * 300 px they would fill the screen), and what a row just added still lacks.
 */
function savedNotice(result: Extract<Saved, { ok: true }>): HTMLElement {
  const outcome = sendOutcome(result.sync, 'kits');
  const reasons = failedDetails(result.sync);
  const lines = [
    ...result.addedRows.map((sku) => `На лист «Остатки» добавлена строка «${sku}» с пустыми складами.`),
    ...result.rowHints,
    ...result.notes,
  ];
  return h(
    'div',
    {
      class: `message ${outcome.kind}`,
      role: outcome.kind === 'ok' ? 'status' : 'alert',
      'data-outcome': 'kits',
      'data-kind': outcome.kind,
    },
    h('strong', {}, outcome.headline),
    reasons.length
      ? h('details', { class: 'kit-send-reasons' }, h('summary', {}, 'Подробнее'), ...reasons.map((l) => h('p', {}, l)))
      : null,
    ...lines.map((l) => h('p', {}, l)),
  );
}
