/**
 * The three channel rules of SPEC 3 and the per-SKU allocation. Everything here works on one SKU's
 * numbers, so the invariants (never above availability, equal splits add up, integers ≥ 0) can be
 * tested directly; the sheet-level work is in allocation.ts.
 */
import { MARKETPLACE_MAXIMUM } from './cells';
import { equalShare } from './equalSplit';
import { type Expr, evaluate, parseFormula } from './formula';
import { type Channel, channelSources, type Settings } from './settings';

export type CompiledRule =
  | { type: 'share'; percent: number }
  | { type: 'equal' }
  | {
      type: 'conditions';
      conditions: { op: '>' | '<' | '=' | '>=' | '<='; value: number; then: Expr }[];
      otherwise: Expr;
    };

export interface CompiledChannel {
  channel: Channel;
  /** Indexes into settings.warehouses of the warehouses this channel takes stock from. */
  sources: number[];
  rule: CompiledRule;
  /** The most this channel's marketplace accepts for one item, if it documents a maximum. */
  maximum?: number;
}

export interface AllocationPlan {
  channels: CompiledChannel[];
  /** Indexes into settings.warehouses of the warehouses in sale. */
  inSale: number[];
}

function compileFormula(text: string): Expr {
  const parsed = parseFormula(text);
  // Settings are validated before they are stored, so a bad formula here is a programming error.
  if (!parsed.ok) throw new Error(`formula does not parse: ${parsed.message}`);
  return parsed.expr;
}

export function compileRule(channel: Channel): CompiledRule {
  const rule = channel.rule;
  if (rule.type !== 'conditions') return rule;
  return {
    type: 'conditions',
    conditions: rule.conditions.map((c) => ({ op: c.op, value: c.value, then: compileFormula(c.then) })),
    otherwise: compileFormula(rule.otherwise),
  };
}

export function compilePlan(settings: Settings): AllocationPlan {
  const indexOf = new Map(settings.warehouses.map((w, i) => [w.id, i]));
  return {
    inSale: settings.warehouses.flatMap((w, i) => (w.inSale ? [i] : [])),
    channels: settings.channels.map((channel) => ({
      channel,
      sources: channelSources(settings, channel).map((w) => indexOf.get(w.id) as number),
      rule: compileRule(channel),
      maximum: MARKETPLACE_MAXIMUM[channel.marketplace],
    })),
  };
}

function holds(op: '>' | '<' | '=' | '>=' | '<=', x: number, value: number): boolean {
  switch (op) {
    case '>':
      return x > value;
    case '<':
      return x < value;
    case '=':
      return x === value;
    case '>=':
      return x >= value;
    case '<=':
      return x <= value;
  }
}

/** What a conditions rule yields for availability x, before clamping; may be non-finite. */
export function applyConditions(rule: Extract<CompiledRule, { type: 'conditions' }>, x: number): number {
  for (const c of rule.conditions) if (holds(c.op, x, c.value)) return evaluate(c.then, x);
  return evaluate(rule.otherwise, x);
}

export interface SkuAllocation {
  forSale: number;
  /** Per channel, in settings order: units shown, or null where the channel does not show this SKU. */
  quantities: (number | null)[];
  unallocated: number;
  /** Channels whose formula gave no finite number (shown as 0 and reported). */
  nonFinite: number[];
  /** Channels whose value was above their marketplace's maximum: shown and sent as it, and reported. */
  capped: { channel: number; wanted: number }[];
}

/** The allocation of one SKU as it is being made, channel by channel in settings order. */
interface Tally {
  quantities: (number | null)[];
  nonFinite: number[];
  capped: SkuAllocation['capped'];
  largest: number;
  equalSum: number;
  equalIndex: number;
  equalCount: number;
}

function startTally(plan: AllocationPlan, shows: readonly boolean[]): Tally {
  let equalCount = 0;
  for (let i = 0; i < plan.channels.length; i++) if (shows[i] && plan.channels[i].rule.type === 'equal') equalCount++;
  return {
    quantities: new Array(plan.channels.length).fill(null),
    nonFinite: [],
    capped: [],
    largest: 0,
    equalSum: 0,
    equalIndex: 0,
    equalCount,
  };
}

/** Channel i's rule on its availability a (SPEC 3.5): never more than a, nor than its marketplace's maximum. */
function allocateChannel(t: Tally, c: CompiledChannel, i: number, a: number): void {
  let x: number;
  const rule = c.rule;
  if (rule.type === 'share') {
    // The epsilon keeps 10 · 70 / 100 at 7 where floating point would give 6.999…
    x = Math.floor((a * rule.percent) / 100 + 1e-9);
  } else if (rule.type === 'equal') {
    x = equalShare(a, t.equalIndex, t.equalCount);
    t.equalIndex++;
  } else {
    x = applyConditions(rule, a);
    if (!Number.isFinite(x)) {
      t.nonFinite.push(i);
      x = 0;
    }
  }
  x = Math.min(Math.max(Math.floor(x), 0), a);
  if (c.maximum !== undefined && x > c.maximum) {
    t.capped.push({ channel: i, wanted: x });
    x = c.maximum;
  }
  t.quantities[i] = x;
  if (rule.type === 'equal') t.equalSum += x;
  else t.largest = Math.max(t.largest, x);
}

function finish(t: Tally, forSale: number): SkuAllocation {
  return {
    forSale,
    quantities: t.quantities,
    unallocated: Math.max(0, forSale - Math.max(t.largest, t.equalSum)),
    nonFinite: t.nonFinite,
    capped: t.capped,
  };
}

/**
 * One SKU: `effective` is e_w per warehouse (settings order, reserves already taken off), `safety`
 * is «Страховой запас», `shows[c]` says whether channel c shows this SKU (filter, id present).
 */
export function allocateSku(
  plan: AllocationPlan,
  effective: readonly number[],
  safety: number,
  shows: readonly boolean[],
): SkuAllocation {
  let inSaleSum = 0;
  for (const w of plan.inSale) inSaleSum += effective[w];
  const t = startTally(plan, shows);
  for (let i = 0; i < plan.channels.length; i++) {
    if (!shows[i]) continue;
    const c = plan.channels[i];
    let sourceSum = 0;
    for (const w of c.sources) sourceSum += effective[w];
    allocateChannel(t, c, i, Math.max(0, sourceSum - safety));
  }
  return finish(t, Math.max(0, inSaleSum - safety));
}

/**
 * The channel rules on availabilities already known: `available[c]` is A_c (SPEC 3.4), `forSale`
 * «К продаже». A kit (SPEC 5.7) comes here with the availabilities its components allow.
 */
export function allocateAvailable(
  plan: AllocationPlan,
  forSale: number,
  available: readonly number[],
  shows: readonly boolean[],
): SkuAllocation {
  const t = startTally(plan, shows);
  for (let i = 0; i < plan.channels.length; i++) if (shows[i]) allocateChannel(t, plan.channels[i], i, available[i]);
  return finish(t, forSale);
}
