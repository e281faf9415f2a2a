/**
 * The f(x) formulas of the «Условные выражения» rule (SPEC 3): numbers, x, + - * /,
 * parentheses, min(a,b), max(a,b). Parsed into a tree and evaluated; never eval'ed.
 * A seller may type the Cyrillic «х» for x and «мин»/«макс» for min/max.
 */
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'x' }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'call'; fn: 'min' | 'max'; args: [Expr, Expr] };

export type ParseResult = { ok: true; expr: Expr } | { ok: false; message: string };

type Token =
  | { t: 'num'; value: number; pos: number }
  | { t: 'x'; pos: number }
  | { t: 'fn'; fn: 'min' | 'max'; pos: number }
  | { t: 'op'; op: '+' | '-' | '*' | '/'; pos: number }
  | { t: '('; pos: number }
  | { t: ')'; pos: number }
  | { t: 'sep'; pos: number }
  | { t: 'end'; pos: number };

class FormulaError extends Error {}

const FUNCTION_NAMES: Record<string, 'min' | 'max'> = { min: 'min', max: 'max', мин: 'min', макс: 'max' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const pos = i + 1; // positions are shown to people, so they count from 1
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const match = /^(\d+(\.\d*)?|\.\d+)/.exec(text.slice(i));
      if (!match) throw new FormulaError(`непонятное число в позиции ${pos}`);
      tokens.push({ t: 'num', value: Number(match[0]), pos });
      i += match[0].length;
      continue;
    }
    const word = /^[a-zа-яё]+/i.exec(text.slice(i));
    if (word) {
      const lower = word[0].toLowerCase();
      if (lower === 'x' || lower === 'х') tokens.push({ t: 'x', pos });
      else if (FUNCTION_NAMES[lower]) tokens.push({ t: 'fn', fn: FUNCTION_NAMES[lower], pos });
      else throw new FormulaError(`неизвестное слово «${word[0]}» в позиции ${pos}: можно x, min, max`);
      i += word[0].length;
      continue;
    }
    if (ch === '+' || ch === '-' || ch === '*' || ch === '/') tokens.push({ t: 'op', op: ch, pos });
    else if (ch === '(') tokens.push({ t: '(', pos });
    else if (ch === ')') tokens.push({ t: ')', pos });
    else if (ch === ',' || ch === ';') tokens.push({ t: 'sep', pos });
    else throw new FormulaError(`недопустимый символ «${ch}» в позиции ${pos}`);
    i++;
  }
  tokens.push({ t: 'end', pos: text.length + 1 });
  return tokens;
}

function describe(token: Token): string {
  switch (token.t) {
    case 'end':
      return 'конец формулы';
    case 'num':
      return `число ${token.value}`;
    case 'x':
      return 'x';
    case 'fn':
      return token.fn;
    case 'op':
      return `«${token.op}»`;
    case 'sep':
      return 'разделитель аргументов';
    default:
      return `«${token.t}»`;
  }
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    const expr = this.sum();
    const next = this.peek();
    if (next.t !== 'end') {
      const hint = next.t === 'sep' ? ' (десятичный разделитель — точка: 2.5)' : '';
      throw new FormulaError(`неожиданно ${describe(next)} в позиции ${next.pos}${hint}`);
    }
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.at];
  }
  private take(): Token {
    return this.tokens[this.at++];
  }

  private sum(): Expr {
    let left = this.product();
    for (let next = this.peek(); next.t === 'op' && (next.op === '+' || next.op === '-'); next = this.peek()) {
      this.take();
      left = { kind: 'bin', op: next.op, left, right: this.product() };
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    for (let next = this.peek(); next.t === 'op' && (next.op === '*' || next.op === '/'); next = this.peek()) {
      this.take();
      left = { kind: 'bin', op: next.op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const next = this.peek();
    if (next.t === 'op' && (next.op === '-' || next.op === '+')) {
      this.take();
      const arg = this.unary();
      return next.op === '-' ? { kind: 'neg', arg } : arg;
    }
    return this.primary();
  }

  private primary(): Expr {
    const token = this.take();
    switch (token.t) {
      case 'num':
        return { kind: 'num', value: token.value };
      case 'x':
        return { kind: 'x' };
      case '(': {
        const inner = this.sum();
        this.expect(')', 'закрывающая скобка «)»');
        return inner;
      }
      case 'fn': {
        this.expect('(', `«(» после ${token.fn}`);
        const first = this.sum();
        this.expect('sep', `второй аргумент ${token.fn} через «,» или «;»`);
        const second = this.sum();
        this.expect(')', `«)» после аргументов ${token.fn}`);
        return { kind: 'call', fn: token.fn, args: [first, second] };
      }
      default:
        throw new FormulaError(`ожидалось число, x или «(», а стоит ${describe(token)} (позиция ${token.pos})`);
    }
  }

  private expect(type: Token['t'], what: string): void {
    const token = this.take();
    if (token.t !== type)
      throw new FormulaError(`ожидалось: ${what}, а стоит ${describe(token)} (позиция ${token.pos})`);
  }
}

export function parseFormula(text: string): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, message: 'формула пуста' };
  if (text.length > 500) return { ok: false, message: 'формула длиннее 500 символов' };
  try {
    return { ok: true, expr: new Parser(tokenize(text)).parse() };
  } catch (error) {
    if (error instanceof FormulaError) return { ok: false, message: error.message };
    throw error;
  }
}

/** The value of the formula for x; may be NaN or ±Infinity (division by zero), which callers report. */
export function evaluate(expr: Expr, x: number): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'x':
      return x;
    case 'neg':
      return -evaluate(expr.arg, x);
    case 'call': {
      const a = evaluate(expr.args[0], x);
      const b = evaluate(expr.args[1], x);
      return expr.fn === 'min' ? Math.min(a, b) : Math.max(a, b);
    }
    case 'bin': {
      const a = evaluate(expr.left, x);
      const b = evaluate(expr.right, x);
      switch (expr.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
      }
    }
  }
}
