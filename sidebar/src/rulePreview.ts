/** The rule editor's live preview on the worked example of SPEC 3, with the add-on's own formula parser. */
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
  if (rule.type === 'equal') return { ok: true, value: x, note: 'делится поровну между каналами с этим правилом' };
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
