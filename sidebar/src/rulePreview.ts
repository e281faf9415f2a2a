/**
 * The rule editor's live preview on the worked example of SPEC 3, with the add-on's own formula
 * parser and the allocation's own equal split (so the preview shows what the sheet will get).
 */
import { equalShare } from '../../src/core/equalSplit';
import { evaluate, parseFormula } from '../../src/core/formula';

export interface DraftRule {
  type: 'share' | 'equal' | 'conditions';
  percent?: number;
  conditions?: { op: '>' | '<' | '=' | '>=' | '<='; value: number; then: string }[];
  otherwise?: string;
}

/** «К продаже» of the worked example: 9 + 5 − 1. */
export const EXAMPLE_AVAILABLE = 13;

function holds(op: string, x: number, v: number): boolean {
  return op === '>' ? x > v : op === '<' ? x < v : op === '=' ? x === v : op === '>=' ? x >= v : x <= v;
}

/** What the rule shows for availability x, or why it cannot say. */
export function ruleResult(
  rule: DraftRule,
  x: number,
): { ok: true; value: number; note?: string } | { ok: false; error: string } {
  if (rule.type === 'share') {
    const p = Number(rule.percent);
    if (!Number.isFinite(p) || p < 0 || p > 100) return { ok: false, error: 'доля — число от 0 до 100' };
    return { ok: true, value: Math.min(x, Math.floor((x * p) / 100 + 1e-9)) };
  }
  if (rule.type === 'equal') return { ok: true, value: x };
  for (const [i, c] of (rule.conditions ?? []).entries()) {
    if (!holds(c.op, x, Number(c.value))) continue;
    const parsed = parseFormula(String(c.then));
    if (!parsed.ok) return { ok: false, error: `условие ${i + 1}: ${parsed.message}` };
    return clamp(evaluate(parsed.expr, x), x, `сработало условие ${i + 1}`);
  }
  const parsed = parseFormula(String(rule.otherwise ?? 'x'));
  if (!parsed.ok) return { ok: false, error: `«иначе»: ${parsed.message}` };
  return clamp(evaluate(parsed.expr, x), x, 'ни одно условие не сработало — «иначе»');
}

function clamp(value: number, x: number, note: string): { ok: true; value: number; note: string } {
  if (!Number.isFinite(value)) return { ok: true, value: 0, note: `${note}; формула дала не число — 0` };
  return { ok: true, value: Math.min(Math.max(Math.floor(value), 0), x), note };
}

export function formulaError(text: string): string | null {
  const parsed = parseFormula(text);
  return parsed.ok ? null : parsed.message;
}

/** What the equal split needs of a channel: its name, its rule and whether a filter may keep a row from it. */
export interface SplitChannel {
  name: string;
  rule: { type: DraftRule['type'] };
  filter?: unknown;
}

/**
 * The equal channels that show a row (`shows`), in settings order, with what each gets of `available`:
 * the allocation's equalShare, remainder to the first ones.
 */
export function equalSplit(
  channels: readonly SplitChannel[],
  available: number,
  shows: (c: SplitChannel) => boolean = () => true,
): { name: string; value: number }[] {
  const sharing = channels.filter((c) => c.rule.type === 'equal' && shows(c));
  return sharing.map((c, i) => ({
    name: c.name.trim() || 'без названия',
    value: equalShare(available, i, sharing.length),
  }));
}

const listed = (split: { name: string; value: number }[]) => split.map((s) => `${s.name} ${s.value}`).join(', ');

/**
 * «доступно 13, делится поровну между 3 каналами: Ozon 5, Wildberries 4, Яндекс Маркет 4», and, when
 * some of them have a product filter, how the rest split a row those filters keep out.
 */
export function equalPreviewText(channels: readonly SplitChannel[], available: number): string {
  const all = equalSplit(channels, available);
  if (all.length < 2) return `доступно ${available}, других каналов с равномерным распределением нет: ${available} шт.`;
  const text = `доступно ${available}, делится поровну между ${all.length} каналами: ${listed(all)}`;
  const filtered = channels.filter((c) => c.rule.type === 'equal' && c.filter);
  const rest = equalSplit(channels, available, (c) => !c.filter);
  if (!filtered.length || !rest.length) return text;
  const names = filtered.map((c) => `«${c.name.trim() || 'без названия'}»`).join(', ');
  const which = filtered.length === 1 ? `фильтр канала ${names}` : `фильтры каналов ${names}`;
  return `${text}. Товар, который не пропускает ${which}, делят остальные: ${listed(rest)}`;
}
