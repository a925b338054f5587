/**
 * Follow-ups rows found by what the add-on wrote in them, not by reading the tab: each row's
 * Signature starts with the ledger id it stands for, so one Sheets search finds the rows of any
 * number of follow-ups, and only those rows are read.
 */
import { Table, columnBelowHeader, readRowsAt } from './table';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Sheet rows whose Signature starts with one of `ids` and a dot: one search, then one read per
 * run of nearby rows. A row a person copied carries the same id: every such row is returned, and
 * the caller's signature check tells the add-on's own.
 */
export function rowsWithIds(table: Table, ids: readonly string[]): Map<number, unknown[]> {
  if (ids.length === 0 || table.index.signature < 0 || table.sheet.getLastRow() < 2) return new Map();
  const pattern = `^(?:${[...new Set(ids)].map(escapeRegex).join('|')})\\.`;
  const rows = columnBelowHeader(table, 'signature')
    .createTextFinder(pattern)
    .useRegularExpression(true)
    .matchCase(true)
    .findAll()
    .map((cell) => cell.getRow());
  return readRowsAt(table, rows);
}

/** Writes one column's new values on the given rows: one write per run of adjacent rows. */
export function writeColumnCells(table: Table, key: string, values: ReadonlyMap<number, unknown>): void {
  const at = table.index[key];
  if (at < 0 || values.size === 0) return;
  const rows = [...values.keys()].sort((a, b) => a - b);
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    table.sheet
      .getRange(rows[i], at + 1, j - i + 1, 1)
      .setValues(rows.slice(i, j + 1).map((r) => [values.get(r)]));
    i = j + 1;
  }
}
