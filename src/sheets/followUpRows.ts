/**
 * Follow-ups rows found by what the add-on wrote in them: each row's Signature starts with the
 * ledger id it stands for, so one read of that column finds the rows of any number of
 * follow-ups (a constant number of calls however many), and only those rows are read whole.
 */
import { Table, readRowsAt } from './table';

/**
 * Sheet rows whose Signature starts with one of `ids` and a dot: one read of the column, then
 * one read per run of nearby rows. A row a person copied carries the same id: every such row is
 * returned, and the caller's signature check tells the add-on's own.
 */
export function rowsWithIds(table: Table, ids: readonly string[]): Map<number, unknown[]> {
  const lastRow = table.sheet.getLastRow();
  if (ids.length === 0 || table.index.signature < 0 || lastRow < 2) return new Map();
  const wanted = new Set(ids);
  const rows: number[] = [];
  table.sheet
    .getRange(2, table.index.signature + 1, lastRow - 1, 1)
    .getValues()
    .forEach(([signature], i) => {
      const text = String(signature);
      const dot = text.lastIndexOf('.');
      if (dot > 0 && wanted.has(text.slice(0, dot))) rows.push(i + 2);
    });
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
