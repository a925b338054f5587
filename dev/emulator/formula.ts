/**
 * Evaluates only trivial formulas: number/string/boolean constants, + - * / ^ &, parentheses and single-cell
 * references (`A1`, `'Other sheet'!B2`). Anything else throws `not implemented: evaluating formula <f>`.
 */
import { lettersToColumn } from './a1';

export type Scalar = string | number | boolean;
/** The value of a referenced cell: '' when empty. */
export type RefResolver = (sheetName: string | undefined, row: number, col: number) => Scalar;

type Token =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'ref'; sheet?: string; row: number; col: number }
  | { t: 'op'; v: string };

class Unsupported extends Error {}

const TOKEN =
  /\s*(?:(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+)|"((?:[^"]|"")*)"|(TRUE|FALSE)\b|((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+)\b|([-+*/^&()]))/iy;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(src);
    if (!m || m.index !== start) throw new Unsupported();
    if (m[1] !== undefined) tokens.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ t: 'str', v: m[2].replace(/""/g, '"') });
    else if (m[3] !== undefined) tokens.push({ t: 'bool', v: m[3].toUpperCase() === 'TRUE' });
    else if (m[5] !== undefined) {
      const prefix = m[4]?.slice(0, -1);
      const sheet = prefix?.startsWith("'") ? prefix.slice(1, -1).replace(/''/g, "'") : prefix;
      tokens.push({ t: 'ref', sheet, row: Number(m[6]), col: lettersToColumn(m[5]) });
    } else tokens.push({ t: 'op', v: m[7] });
  }
  return tokens;
}

function toNumber(v: Scalar): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === '') return 0;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Unsupported();
  return n;
}

function toText(v: Scalar): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

const BINARY: Record<string, number> = { '&': 1, '+': 2, '-': 2, '*': 3, '/': 3, '^': 4 };

export function evaluateFormula(
  formula: string,
  resolve: RefResolver,
  notImplemented: (what: string) => Error,
): Scalar {
  try {
    const tokens = tokenize(formula.replace(/^=/, ''));
    let pos = 0;
    const primary = (): Scalar => {
      const tok = tokens[pos++];
      if (!tok) throw new Unsupported();
      if (tok.t === 'num' || tok.t === 'str' || tok.t === 'bool') return tok.v;
      if (tok.t === 'ref') return resolve(tok.sheet, tok.row, tok.col);
      if (tok.v === '(') {
        const v = expr(0);
        const close = tokens[pos++];
        if (!close || close.t !== 'op' || close.v !== ')') throw new Unsupported();
        return v;
      }
      if (tok.v === '-') return -toNumber(expr(3));
      if (tok.v === '+') return toNumber(expr(3));
      throw new Unsupported();
    };
    const expr = (minPrec: number): Scalar => {
      let left = primary();
      for (;;) {
        const op = tokens[pos];
        if (!op || op.t !== 'op' || !(op.v in BINARY) || BINARY[op.v] <= minPrec - (op.v === '^' ? 1 : 0))
          break;
        pos++;
        const right = expr(BINARY[op.v]);
        left = apply(op.v, left, right);
      }
      return left;
    };
    const value = expr(0);
    if (pos !== tokens.length) throw new Unsupported();
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Unsupported();
    return value;
  } catch (e) {
    if (e instanceof Unsupported) throw notImplemented(`evaluating formula ${formula}`);
    throw e;
  }
}

function apply(op: string, a: Scalar, b: Scalar): Scalar {
  switch (op) {
    case '&':
      return toText(a) + toText(b);
    case '+':
      return toNumber(a) + toNumber(b);
    case '-':
      return toNumber(a) - toNumber(b);
    case '*':
      return toNumber(a) * toNumber(b);
    case '/':
      if (toNumber(b) === 0) throw new Unsupported();
      return toNumber(a) / toNumber(b);
    default:
      return toNumber(a) ** toNumber(b);
  }
}
