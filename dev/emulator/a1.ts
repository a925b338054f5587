/** A1 notation: column letters, cell rectangles, `'Sheet name'!A1:B2` parsing. All coordinates are 1-based. */

export interface Rect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface ParsedA1 {
  sheetName?: string;
  /** Undefined parts are open ends (`A:A` has no rows, `2:2` has no columns, `A2:C` has no end row). */
  startRow?: number;
  startCol?: number;
  endRow?: number;
  endCol?: number;
}

export function columnToLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function rectToA1(rect: Rect): string {
  const start = columnToLetters(rect.col) + rect.row;
  if (rect.numRows === 1 && rect.numCols === 1) return start;
  return `${start}:${columnToLetters(rect.col + rect.numCols - 1)}${rect.row + rect.numRows - 1}`;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parseCell(text: string): { row?: number; col?: number } | null {
  const m = CELL.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  return { col: m[1] ? lettersToColumn(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
}

/** Splits `'My sheet'!A1:B2` / `Sheet1!A1` / `A1` ; returns null when the text is not A1 notation. */
export function parseA1(a1: string): ParsedA1 | null {
  let sheetName: string | undefined;
  let rest = a1.trim();
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    const name = rest.slice(0, bang);
    rest = rest.slice(bang + 1);
    sheetName = name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
    if (!sheetName) return null;
  }
  const [first, second, extra] = rest.split(':');
  if (extra !== undefined || !first) return null;
  const start = parseCell(first);
  const end = second === undefined ? start : parseCell(second);
  if (!start || !end) return null;
  if (second === undefined && (start.row === undefined || start.col === undefined)) return null;
  return { sheetName, startRow: start.row, startCol: start.col, endRow: end.row, endCol: end.col };
}

/** Resolves open ends against the sheet size and orders the corners. */
export function resolveA1(p: ParsedA1, maxRows: number, maxCols: number): Rect {
  const r1 = p.startRow ?? 1;
  const c1 = p.startCol ?? 1;
  const r2 = p.endRow ?? maxRows;
  const c2 = p.endCol ?? maxCols;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return { row, col, numRows: Math.max(r1, r2) - row + 1, numCols: Math.max(c1, c2) - col + 1 };
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.col < b.col + b.numCols &&
    b.col < a.col + a.numCols
  );
}
