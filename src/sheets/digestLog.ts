/** The Digest Log tab: read once per run, one row appended per email attempt. */
import { DigestLogEntry, toDigestLogEntry } from '../core/digestLog';
import { DIGEST_LOG } from '../core/schema';
import { appendRows, cellGetter, isBlankRow, readOptionalTable, rowFor, SETUP_HINT, Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface DigestLogRow {
  sentAt: Date;
  weekOf: string;
  scope: string;
  recipients: string;
  status: string;
  trigger: string;
  detail: string;
}

export interface DigestLog {
  entries: DigestLogEntry[];
  /** Appends one row after the last one (each attempt is recorded as it happens). */
  append(row: DigestLogRow): void;
}

export function openDigestLog(ss: Spreadsheet, timeZone: string): DigestLog {
  const table: Table | null = readOptionalTable(ss, DIGEST_LOG);
  if (!table) throw new Error(`The "${DIGEST_LOG.name}" tab is missing. ${SETUP_HINT}`);
  const entries: DigestLogEntry[] = [];
  let lastRow = 1;
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    entries.push(toDigestLogEntry(cellGetter(table, row), timeZone));
    lastRow = i + 2;
  });
  return {
    entries,
    append(row) {
      appendRows(table, [rowFor(table, row)], lastRow);
      lastRow++;
    },
  };
}
