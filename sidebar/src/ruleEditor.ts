/**
 * A channel's rule (SPEC 3): its type, the fields of that type, and a live preview on the worked
 * example that updates with every keystroke.
 */
import { h } from './dom';
import type { Channel, FormContext, Rule } from './draft';
import { control, numberInput, select, textInput } from './fields';
import { EXAMPLE_AVAILABLE, equalPreviewText, formulaError, ruleResult } from './rulePreview';

type ShareRule = Extract<Rule, { type: 'share' }>;
type ConditionsRule = Extract<Rule, { type: 'conditions' }>;
type Condition = ConditionsRule['conditions'][number];

const RULES: [Rule['type'], string][] = [
  ['share', 'Доли, %'],
  ['equal', 'Равномерное распределение'],
  ['conditions', 'Условные выражения, f(x)'],
];
const OPS: Condition['op'][] = ['>', '<', '=', '>=', '<='];

/** How the rule's fields reach back: where their errors go, the preview, and a redraw of the fields. */
interface RuleFields {
  path: string;
  refreshPreview(): void;
  refill(): void;
}

export function ruleEditor(ctx: FormContext, channel: Channel, i: number): HTMLElement {
  const preview = rulePreview(ctx.draft.channels, channel);
  channel.rule ??= { type: 'share', percent: 100 };
  const rule = channel.rule;
  const body = h('div', {});
  // Adding or removing a condition redraws only this rule's fields; the rest of the form stays as it is.
  const fill = () =>
    body.replaceChildren(
      ...ruleFields(rule, { path: `channels.${i}.rule`, refreshPreview: preview.update, refill: fill }),
    );
  fill();
  const type = select(RULES, rule.type, (v) => {
    channel.rule = freshRule(v);
    ctx.rerender();
  });
  return h(
    'fieldset',
    { class: 'rule' },
    h('legend', {}, 'Правило'),
    control('Тип правила', type, `channels.${i}.rule.type`),
    body,
    preview.element,
  );
}

function freshRule(type: Rule['type']): Rule {
  if (type === 'share') return { type: 'share', percent: 100 };
  if (type === 'equal') return { type: 'equal' };
  return { type: 'conditions', conditions: [{ op: '>', value: 10, then: '10' }], otherwise: 'x' };
}

/**
 * «На примере из инструкции…»: what the rule gives on the worked example, or what is wrong with it.
 * An equal rule depends on the other channels (their rules, names, filters), so its words follow
 * every edit in the form, not only this rule's.
 */
function rulePreview(channels: Channel[], channel: Channel): { element: HTMLElement; update(): void } {
  const element = h('p', { class: 'preview', 'data-preview-for': channel.id });
  const update = () => {
    const r = ruleResult(channel.rule, EXAMPLE_AVAILABLE);
    if (r.ok && channel.rule.type === 'equal')
      element.textContent = `На примере из инструкции: ${equalPreviewText(channels, EXAMPLE_AVAILABLE)}`;
    else
      element.textContent = r.ok
        ? `На примере из инструкции (доступно ${EXAMPLE_AVAILABLE}): ${r.value} шт.${r.note ? ` — ${r.note}` : ''}`
        : `Ошибка в правиле: ${r.error}`;
    element.className = r.ok ? 'preview' : 'preview error';
  };
  // A listener on the document outlives a redraw of the form: it leaves once its preview is gone.
  const onEdit = () => {
    if (element.isConnected) update();
    else for (const type of ['input', 'change']) document.removeEventListener(type, onEdit);
  };
  if (channel.rule.type === 'equal') for (const type of ['input', 'change']) document.addEventListener(type, onEdit);
  update();
  return { element, update };
}

function ruleFields(rule: Rule, fields: RuleFields): HTMLElement[] {
  if (rule.type === 'share') return [shareField(rule, fields)];
  if (rule.type === 'equal')
    return [h('p', { class: 'muted' }, 'Каналы с этим правилом делят доступное поровну; остаток — первым по порядку.')];
  return conditionsFields(rule, fields);
}

function shareField(rule: ShareRule, fields: RuleFields): HTMLElement {
  const percent = numberInput(
    rule.percent ?? 100,
    (v) => {
      rule.percent = v;
      fields.refreshPreview();
    },
    { min: '0', max: '100', step: '1' },
  );
  return control('Доля, %', percent, `${fields.path}.percent`);
}

function conditionsFields(rule: ConditionsRule, fields: RuleFields): HTMLElement[] {
  rule.conditions = rule.conditions ?? [];
  const rows = rule.conditions.map((c, k) => conditionRow(rule, c, k, fields));
  const add = h('button', { type: 'button' }, 'Добавить условие');
  add.addEventListener('click', () => {
    rule.conditions.push({ op: '>', value: 10, then: '10' });
    fields.refill();
    fields.refreshPreview();
  });
  return [
    ...rows,
    add,
    otherwiseField(rule, fields),
    h('p', { class: 'muted' }, 'Формулы: числа, x, + − * /, скобки, min(a; b), max(a; b).'),
  ];
}

/** «если x > 10 то 10 ×», with the formula's own error under it as it is typed. */
function conditionRow(rule: ConditionsRule, c: Condition, k: number, fields: RuleFields): HTMLElement {
  const thenError = h(
    'div',
    { class: 'field-error', 'data-error-for': `${fields.path}.conditions.${k}.then` },
    formulaError(String(c.then)) ?? '',
  );
  const thenInput = textInput(
    c.then,
    (v) => {
      c.then = v;
      thenError.textContent = formulaError(v) ?? '';
      fields.refreshPreview();
    },
    { 'aria-label': `Условие ${k + 1}: то`, placeholder: 'например 10 или x - 2' },
  );
  const remove = h('button', { type: 'button', 'aria-label': `Удалить условие ${k + 1}` }, '×');
  remove.addEventListener('click', () => {
    rule.conditions.splice(k, 1);
    fields.refill();
    fields.refreshPreview();
  });
  return h(
    'div',
    { class: 'condition' },
    h('span', {}, 'если x'),
    conditionOp(c, fields),
    conditionValue(c, k, fields),
    h('span', {}, 'то'),
    thenInput,
    remove,
    thenError,
  );
}

function conditionOp(c: Condition, fields: RuleFields): HTMLSelectElement {
  return select(
    OPS.map((o) => [o, o] as const),
    c.op,
    (v) => {
      c.op = v;
      fields.refreshPreview();
    },
  );
}

function conditionValue(c: Condition, k: number, fields: RuleFields): HTMLInputElement {
  return numberInput(
    c.value,
    (v) => {
      c.value = v;
      fields.refreshPreview();
    },
    { 'aria-label': `Условие ${k + 1}: значение`, class: 'short' },
  );
}

function otherwiseField(rule: ConditionsRule, fields: RuleFields): HTMLElement {
  const otherwiseError = h(
    'div',
    { class: 'field-error', 'data-error-for': `${fields.path}.otherwise` },
    formulaError(String(rule.otherwise ?? 'x')) ?? '',
  );
  const otherwise = textInput(
    rule.otherwise ?? 'x',
    (v) => {
      rule.otherwise = v;
      otherwiseError.textContent = formulaError(v) ?? '';
      fields.refreshPreview();
    },
    { 'aria-label': 'Иначе' },
  );
  return h('div', { class: 'field' }, h('label', {}, 'Иначе'), otherwise, otherwiseError);
}
