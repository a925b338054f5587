/**
 * The district rollup for 40 schools, each with a tracker of its own (2,500 Call Log rows, 50
 * staff and 750 roster students each: the district of the scale table, split by school), and a
 * district tracker over them: what each school's refresh adds to publish its Rollup, and the
 * district's refresh and weekly digest through the built bundles in the emulator, with the
 * service calls and cells that decide their time in Apps Script (bench/costModel.ts).
 * Run by `npm run bench`; BENCH_SCHOOLS=5 for a quick look.
 */
import path from 'node:path';
import { Emulator, type Execution } from '../dev/emulator';
import { estimateSeconds } from './costModel';
import { benchDistrict, OWNER, TZ } from './district';

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 40);
const ROWS_PER_SCHOOL = 2_500;
const DISTRICT_BUILD = path.resolve(__dirname, '../build-district');

function line(label: string, ex: Execution<unknown>, ms: number): string {
  const est = estimateSeconds(ex);
  return `  ${label.padEnd(44)}${String(ex.serviceCalls).padStart(6)} calls ${ex.cellsRead.toLocaleString('en-US').padStart(8)} read ${ex.cellsWritten.toLocaleString('en-US').padStart(7)} written ${ms.toFixed(0).padStart(6)} ms   est. ${est.low.toFixed(1)}–${est.high.toFixed(1)} s`;
}

function timed(run: () => Execution<unknown>): { ex: Execution<unknown>; ms: number } {
  const started = process.hrtime.bigint();
  const ex = run();
  return { ex, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

const built = process.hrtime.bigint();
const trackers: Emulator[] = [];
let refresh: { ex: Execution<unknown>; ms: number } | null = null;
for (let i = 0; i < SCHOOLS; i++) {
  const { emu } = benchDistrict(
    ROWS_PER_SCHOOL,
    100 + i,
    { schools: 1, firstSchool: i + 1 },
    {
      drive: trackers[0]?.drive,
    },
  );
  emu.run('setUpTracker', [], { user: OWNER });
  const r = timed(() => emu.run('refreshSummary', [], { user: OWNER }));
  refresh ??= r;
  trackers.push(emu);
}
console.log(
  `\nDistrict rollup: ${SCHOOLS} school trackers of ${ROWS_PER_SCHOOL.toLocaleString('en-US')} Call Log rows each (built in ${(Number(process.hrtime.bigint() - built) / 1e9).toFixed(0)} s)`,
);

// What publishing adds to a school's refresh: the same refresh without a Rollup tab.
const first = trackers[0];
const withRollup = timed(() => first.run('refreshSummary', [], { user: OWNER }));
const rollupTab = first.spreadsheet.getSheetByName('Rollup');
if (!rollupTab) throw new Error('no Rollup tab');
first.spreadsheet.deleteSheet(rollupTab);
const without = timed(() => first.run('refreshSummary', [], { user: OWNER }));
first.run('setUpTracker', [], { user: OWNER });
first.run('refreshSummary', [], { user: OWNER });
console.log(line("a school's refresh (menu), publishing", withRollup.ex, withRollup.ms));
console.log(
  `  publishing adds ${withRollup.ex.serviceCalls - without.ex.serviceCalls} calls, ${withRollup.ex.cellsRead - without.ex.cellsRead} cells read, ${withRollup.ex.cellsWritten - without.ex.cellsWritten} written`,
);
if (!refresh) throw new Error('no school tracker');

const district = new Emulator({
  timeZone: TZ,
  owner: OWNER,
  name: 'District rollup',
  drive: first.drive,
}).load(DISTRICT_BUILD);
district.run('setUpDistrictRollup', [], { user: OWNER });
const staff = district.spreadsheet.getSheetByName('Staff');
const trackersTab = district.spreadsheet.getSheetByName('Trackers');
if (!staff || !trackersTab) throw new Error('Set up district rollup made no Staff or Trackers tab');
staff
  .getRange(2, 1, 3, 4)
  .setValues(
    ['leader', 'superintendent', 'deputy'].map((who) => [
      `${who}@district.example.org`,
      who,
      'District Office',
      'Leader',
    ]),
  );
trackersTab.getRange(2, 1, SCHOOLS, 1).setValues(trackers.map((t) => [t.url]));
district.run('setUpDistrictRollup', [], { user: OWNER });

const menu = timed(() => district.run('refreshDistrictRollup', [], { user: OWNER }));
const report = district.ui.alerts.at(-1)?.prompt ?? '';
if (!report.startsWith(`District tab refreshed: ${SCHOOLS} of ${SCHOOLS}`)) throw new Error(report);
console.log(line(`refreshDistrictRollup (menu), ${SCHOOLS} trackers`, menu.ex, menu.ms));
// The same refresh over one tracker: what each more tracker costs, and what the district's own tabs cost.
const single = new Emulator({ timeZone: TZ, owner: OWNER, drive: first.drive }).load(DISTRICT_BUILD);
single.run('setUpDistrictRollup', [], { user: OWNER });
single.spreadsheet.getSheetByName('Trackers')?.getRange(2, 1).setValue(first.url);
const one = single.run('refreshDistrictRollup', [], { user: OWNER });
const perTracker = SCHOOLS > 1 ? (menu.ex.serviceCalls - one.serviceCalls) / (SCHOOLS - 1) : one.serviceCalls;
console.log(
  `  each school tracker: ${perTracker.toFixed(1)} calls, ${((menu.ex.cellsRead - one.cellsRead) / Math.max(1, SCHOOLS - 1)).toFixed(0)} cells read; the district's own tabs: ${(one.serviceCalls - perTracker).toFixed(0)} calls`,
);
const weekly = district.triggers.find((t) => t.handlerFunction === 'runDistrictDigest');
if (!weekly) throw new Error('no weekly district digest trigger');
const digest = timed(() => district.fireTrigger(weekly.uniqueId));
console.log(line('runDistrictDigest (weekly trigger): refresh + digest', digest.ex, digest.ms));
console.log(
  `  ${district.outbox.length} district digests sent, ${(Buffer.byteLength(district.outbox[0]?.htmlBody ?? '') / 1024).toFixed(1)} KB of HTML each`,
);
