/**
 * Issue 18, the year's part: Set up tracker run again on a healthy tracker at 1,000, 10,000 and
 * 100,000 Call Log rows (service calls, cells, calls made holding the document lock, an estimate of
 * Apps Script time), and the grid: the cells a tracker uses per 100,000 calls and the year at
 * which the district (40 schools, 2,000 staff, 30,000 households, 150,000 calls a year)
 * reaches a spreadsheet's 10 million cells, in one tracker and with a new tracker each year.
 */
import type { Emulator, Execution } from '../dev/emulator';
import { estimateSeconds } from './costModel';
import { benchDistrict, OWNER } from './district';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const CELL_CAP = 10_000_000;
/** The measurement before this work: Set up tracker run again at 100,000 rows. */
const BEFORE = { calls: 989, cells: '5.18 M', lock: '13–137 s' };

const pad = (s: string | number, n: number) => String(s).padStart(n);
const m = (n: number) => `${(n / 1e6).toFixed(2)} M`;

function setUp(emu: Emulator): Execution<unknown> {
  const ex = emu.run('setUpTracker', [], { user: OWNER });
  const prompt = emu.ui.alerts.at(-1)?.prompt ?? '';
  if (!prompt.includes('No data was moved')) throw new Error(`setup failed: ${prompt}`);
  return ex;
}

console.log('\nSet up tracker run again on a healthy tracker (the bench district: staff = rows / 50):');
console.log(
  `  ${'rows'.padEnd(10)}${pad('calls', 7)}${pad('read', 9)}${pad('written', 9)}${pad('locked', 8)}  est. Apps Script s`,
);
console.log(
  `  ${'before'.padEnd(10)}${pad(BEFORE.calls, 7)}${pad(BEFORE.cells, 9)}${pad('', 9)}${pad('all', 8)}  lock held ${BEFORE.lock} (at 100,000 rows)`,
);
for (const size of SIZES) {
  const { emu } = benchDistrict(size);
  // The first run after the district was pasted in lays out its new rows; the second is the healthy one.
  setUp(emu);
  const ex = setUp(emu);
  const est = estimateSeconds(ex);
  console.log(
    `  ${size.toLocaleString('en-US').padEnd(10)}${pad(ex.serviceCalls, 7)}${pad(ex.cellsRead.toLocaleString('en-US'), 9)}${pad(ex.cellsWritten, 9)}${pad(ex.lockHeldCalls, 8)}  ${est.low.toFixed(1)}–${est.high.toFixed(1)}`,
  );
}

/** Every tab's grid (rows × columns), as Sheets counts toward its cap. */
function gridCells(emu: Emulator): Map<string, { rows: number; columns: number }> {
  return new Map(
    emu.spreadsheet
      .getSheets()
      .map((s) => [s.getName(), { rows: s.getMaxRows(), columns: s.getMaxColumns() }] as const),
  );
}

// The district for one year: 40 schools, 2,000 staff, 150,000 calls, ~30,000 households.
const YEAR_CALLS = 150_000;
const { emu, district } = benchDistrict(YEAR_CALLS, 7, { rosterStudents: 40_000, staff: 2_000 });
setUp(emu);
setUp(emu);
// In use, each urgent call's alert goes out as it is logged; pasted in all at once, a year of them
// would all be owed at the first refresh (more than the ledger's property store holds).
const settings = emu.spreadsheet.getSheetByName('Settings')!;
const alerts = settings
  .getDataRange()
  .getValues()
  .findIndex((row) => row[0] === 'Send Urgent Alerts');
settings.getRange(alerts + 1, 2).setValue('No');
emu.run('refreshSummary', [], { user: OWNER });
const refreshed = emu.ui.alerts.at(-1)?.title !== 'Refresh summary';
if (!refreshed) throw new Error(`the refresh failed: ${emu.ui.alerts.at(-1)?.prompt}`);
const households = new Set(district.roster.map((s) => `${s.school}|${s.familyMember}|${s.phone || s.email}`))
  .size;
const grid = gridCells(emu);
const total = (columns?: number) =>
  [...grid.values()].reduce((sum, g) => sum + g.rows * (columns ?? g.columns), 0);
const growing = ['Call Log', 'Follow-ups'];
const perCall =
  growing.reduce((sum, name) => sum + grid.get(name)!.rows * grid.get(name)!.columns, 0) / YEAR_CALLS;
const fixed = total() - perCall * YEAR_CALLS;
const perCallBefore = growing.reduce((sum, name) => sum + grid.get(name)!.rows * 26, 0) / YEAR_CALLS;
const fixedBefore = total(26) - perCallBefore * YEAR_CALLS;
const yearsToCap = (f: number, p: number) => (CELL_CAP - f) / (p * YEAR_CALLS);

console.log(
  `\nThe grid after one year of the issue's district (${district.schools.length} schools, ${district.staff.length.toLocaleString('en-US')} staff, ${households.toLocaleString('en-US')} households, ${YEAR_CALLS.toLocaleString('en-US')} calls):`,
);
console.log(`  ${'tab'.padEnd(14)}${pad('rows', 9)}${pad('columns', 9)}${pad('cells', 12)}`);
for (const [name, g] of grid)
  console.log(
    `  ${name.padEnd(14)}${pad(g.rows.toLocaleString('en-US'), 9)}${pad(g.columns, 9)}${pad((g.rows * g.columns).toLocaleString('en-US'), 12)}`,
  );
console.log(
  `  total ${m(total())} of ${m(CELL_CAP)} (every tab at Sheets' 26 columns: ${m(total(26))}); per 100,000 calls: ${m(perCall * 100_000)} in Call Log and Follow-ups (26 columns: ${m(perCallBefore * 100_000)})`,
);
const years = yearsToCap(fixed, perCall);
const yearsBefore = yearsToCap(fixedBefore, perCallBefore);
console.log(
  `  one tracker kept for years: 10 M cells in year ${Math.ceil(years)} (month ${Math.ceil(years * 12)}); at 26 columns, month ${Math.ceil(yearsBefore * 12)}`,
);
console.log(
  `  a new tracker each school year (Start a new school year): ${m(total())} at the end of each year, ${(100 * (total() / CELL_CAP)).toFixed(0)}% of the cap, never reached`,
);
const callsPerYearAtCap = Math.floor((CELL_CAP - fixed) / perCall / 10_000) * 10_000;
console.log(
  `  a tracker holding one year of this district's Roster and Staff reaches 10 M cells at about ${callsPerYearAtCap.toLocaleString('en-US')} calls in that year`,
);
