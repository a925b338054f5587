/**
 * A synthetic district written into the emulator's tabs through the built bundle's own setup,
 * for the benchmarks that run build/Code.js: rows = Call Log rows, staff = rows / 50, roster =
 * 0.3 × rows, as the measurements were taken.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Emulator } from '../dev/emulator';
import type { Drive } from '../dev/emulator/drive';
import { startOfDay } from '../src/core/dates';
import { CALL_LOG, FOLLOW_UPS, REACHED_OUTCOME, ROSTER, SCHOOLS, STAFF, TabSchema } from '../src/core/schema';
import { ROOM_ROWS } from '../src/sheets/room';
import { SyntheticDistrict, syntheticDistrict } from './syntheticDistrict';

export const TZ = 'America/Chicago';
export const OWNER = 'leader@district.example.org';
const BUILD = path.resolve(__dirname, '../build');

/** build/Code.js with the hand-written comparison script beside it, as one Apps Script project. */
function projectDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-project-'));
  for (const file of ['Code.js', 'Sidebar.html', 'appsscript.json'])
    copyFileSync(path.join(BUILD, file), path.join(dir, file));
  copyFileSync(path.join(__dirname, 'handWritten/HandWritten.js'), path.join(dir, 'HandWritten.js'));
  return dir;
}

/** Writes records under the tab's headers, as one paste. */
function fill(
  emu: Emulator,
  tab: TabSchema,
  items: ReadonlyArray<object>,
  value: (key: string, item: Record<string, unknown>) => unknown,
): void {
  const sheet = emu.spreadsheet.getSheetByName(tab.name);
  if (!sheet || items.length === 0) return;
  const width = sheet.getLastColumn();
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0].map(String);
  const keys = headers.map((h) => tab.columns.find((c) => c.header === h)?.key ?? '');
  const rows = items.map((item) =>
    keys.map((k) => (k ? (value(k, item as Record<string, unknown>) ?? '') : '')),
  );
  // As the add-on keeps the tabs teachers write: empty rows below the data, open to everyone.
  const maxRows = sheet.getMaxRows();
  if (rows.length + 1 > maxRows) {
    sheet.insertRowsAfter(maxRows, rows.length + 1 - maxRows + ROOM_ROWS);
    const [protection] = sheet.getProtections('SHEET' as never);
    if (protection?.getUnprotectedRanges().length)
      protection.setUnprotectedRanges([sheet.getRange(2, 1, sheet.getMaxRows() - 1, sheet.getMaxColumns())]);
  }
  sheet.getRange(2, 1, rows.length, width).setValues(rows);
}

const plain = (key: string, item: Record<string, unknown>): unknown => {
  const v = item[key];
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v; // a day: Sheets makes it a date
  if (typeof v === 'string' && /^[=+\-@0-9]/.test(v)) return `'${v}`;
  return v === null ? '' : v;
};

/** Conversations carry what families said, as real ones do: the long text the refresh leaves unread. */
const withNotes = (key: string, item: Record<string, unknown>): unknown => {
  if (item.outcome === REACHED_OUTCOME) {
    if (key === 'familyStrengths')
      return 'Loves building things with her grandfather; the family cooks together on Sundays.';
    if (key === 'hopesAndDreams') return 'Make friends in the new class and read chapter books by spring.';
    if (key === 'notes') return 'Prefers texts after 5 pm. Older sibling can interpret if needed.';
  }
  return plain(key, item);
};

export interface BenchDistrict {
  emu: Emulator;
  district: SyntheticDistrict;
}

export function benchDistrict(
  rows: number,
  seed = 7,
  shape: { schools?: number; rosterStudents?: number; staff?: number; firstSchool?: number } = {},
  options: { mailQuota?: number; drive?: Drive } = {},
): BenchDistrict {
  const district = syntheticDistrict({
    staff: shape.staff ?? Math.max(1, Math.round(rows / 50)),
    calls: rows,
    rosterStudents: shape.rosterStudents ?? Math.round(rows * 0.3),
    schools: shape.schools,
    firstSchool: shape.firstSchool,
    seed,
  });
  // A tracker joining another's Drive keeps that Drive's clock (the same day: the districts share it).
  const emu = new Emulator({
    timeZone: TZ,
    owner: OWNER,
    ...(options.drive ? {} : { now: new Date(startOfDay(district.today, TZ).getTime() + 15 * 3_600_000) }),
    ...options,
  }).load(projectDir());
  emu.run('setUpTracker', [], { user: OWNER });
  const leader = {
    email: OWNER,
    name: 'District Leader',
    school: 'District Office',
    role: 'Leader',
    callGoal: null,
  };
  fill(emu, STAFF, [leader, ...district.staff], plain);
  fill(emu, SCHOOLS, district.schools, plain);
  fill(emu, ROSTER, district.roster, plain);
  fill(emu, CALL_LOG, district.calls, withNotes);
  fill(emu, FOLLOW_UPS, district.followUps, plain);
  // Rows written from outside stand for a tracker kept before the add-on's ledger: its first
  // refresh adopts them, as it does on an upgrade (else each urgent call would raise and mail anew).
  emu.documentProperties.delete('ledger.version');
  return { emu, district };
}
