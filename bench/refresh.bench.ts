/**
 * The built bundle over district-sized tabs in the emulator: how many service calls a Summary
 * refresh and a submit make (the budget that matters in Apps Script), and how long they take
 * here. Run by `npm run bench` after the pure summary benchmark.
 */
import path from 'node:path';
import { Emulator } from '../dev/emulator';
import { startOfDay } from '../src/core/dates';
import { CALL_LOG, FOLLOW_UPS, ROSTER, SCHOOLS, STAFF, TabSchema } from '../src/core/schema';
import { syntheticDistrict } from './syntheticDistrict';

const STAFF_COUNT = 2_000;
const CALL_COUNT = 100_000;
const TZ = 'America/Chicago';
const OWNER = 'leader@district.example.org';

const district = syntheticDistrict({
  staff: STAFF_COUNT,
  calls: CALL_COUNT,
  rosterStudents: 30_000,
  seed: 7,
});
const emu = new Emulator({
  timeZone: TZ,
  owner: OWNER,
  now: new Date(startOfDay(district.today, TZ).getTime() + 15 * 3_600_000),
}).load(path.resolve(__dirname, '../build'));
emu.run('setUpTracker', [], { user: OWNER });

/** Writes records under the tab's headers, as one paste. */
function fill(
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
  const maxRows = sheet.getMaxRows();
  if (rows.length + 1 > maxRows) sheet.insertRowsAfter(maxRows, rows.length + 1 - maxRows);
  sheet.getRange(2, 1, rows.length, width).setValues(rows);
}

const plain = (key: string, item: Record<string, unknown>): unknown => {
  const v = item[key];
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v; // a day: Sheets makes it a date
  if (typeof v === 'string' && /^[=+\-@0-9]/.test(v)) return `'${v}`;
  return v === null ? '' : v;
};

const leaderRow = {
  email: OWNER,
  name: 'District Leader',
  school: 'District Office',
  role: 'Leader',
  callGoal: null,
};
fill(STAFF, [leaderRow, ...district.staff], plain);
fill(SCHOOLS, district.schools, plain);
fill(ROSTER, district.roster, plain);
fill(CALL_LOG, district.calls, plain);
fill(FOLLOW_UPS, district.followUps, plain);

function timed<T>(label: string, run: () => { serviceCalls: number; value: T }): void {
  const started = process.hrtime.bigint();
  const alertsBefore = emu.ui.alerts.length;
  const execution = run();
  // Menu actions report errors in an alert instead of throwing: a benchmark of a failure is no benchmark.
  const alert = emu.ui.alerts[alertsBefore];
  if (alert) throw new Error(`${label} failed: ${alert.prompt}`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const outcome =
    (execution.value as { ok?: boolean } | undefined)?.ok === false ? ' (REFUSED: see the value)' : '';
  console.log(
    `${label}: ${execution.serviceCalls} service calls, ${ms.toFixed(0)} ms in the emulator${outcome}`,
  );
  if (outcome) console.log(JSON.stringify(execution.value));
}

timed(`refreshSummary (${STAFF_COUNT} staff, ${CALL_COUNT} call rows)`, () =>
  emu.run('refreshSummary', [], { user: OWNER }),
);
const teacher = district.staff[0];
timed(`submitCall over ${CALL_COUNT} call rows`, () =>
  emu.callFromClient(
    'submitCall',
    [
      {
        submissionId: 'bench-submission-1',
        callDate: district.today,
        student: 'Bench Student',
        studentId: '',
        familyMember: 'Bench Parent (mother)',
        method: 'Phone',
        outcome: 'Conversation',
        language: 'English',
        interpreter: 'None',
        preferredContact: '',
        familyStrengths: '',
        hopesAndDreams: '',
        notes: '',
        followUpNeeded: false,
        urgent: false,
      },
    ],
    { user: teacher.email },
  ),
);
