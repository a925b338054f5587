/**
 * Issue 18's table, measured in one run: every entry point of the built bundle over districts of
 * 1,000, 10,000 and 100,000 Call Log rows (calls, cells read and written, calls made holding the
 * lock, local time, peak heap, estimated Apps Script time and document-lock time), beside the
 * hand-written loggers; then the refresh's heap at 200,000 rows; then the issue's "before" table
 * beside the new figures at 100,000 rows, and which limit a district meets first.
 * Run by `npm run bench` (node --expose-gc, for the heap figures).
 */
import type { Execution } from '../dev/emulator';
import { prng } from '../dev/prng';
import { estimateLockSeconds, estimateSeconds, Range } from './costModel';
import { benchDistrict, OWNER } from './district';
import type { SyntheticDistrict } from './syntheticDistrict';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const HEAP_SIZE = Number(process.env.BENCH_HEAP_SIZE ?? 200_000);
const gc = (globalThis as { gc?: () => void }).gc;

type Emu = ReturnType<typeof benchDistrict>['emu'];

interface Row {
  op: string;
  ex: Execution<unknown>;
  ms: number;
  heapMb: number | null;
  fromSidebar: boolean;
}

function callInput(
  id: string,
  day: string,
  student = 'Bench Student',
  studentId = '',
): Record<string, unknown> {
  return {
    submissionId: id,
    callDate: day,
    student,
    studentId,
    familyMember: 'Bench Parent (mother)',
    method: 'Phone',
    outcome: 'Conversation',
    language: 'English',
    interpreter: 'None',
    preferredContact: '',
    familyStrengths: 'Loves soccer',
    hopesAndDreams: 'Read more',
    notes: '',
    followUpNeeded: false,
    urgent: false,
    // A family not on the Roster is logged as typed only when the teacher says so.
    offRoster: studentId === '',
  };
}

/**
 * Runs `op` once. With --expose-gc and `heap`, samples the heap after a full GC at every service
 * call (the script's live data at its peak); the time spent sampling is left out of the local time.
 */
function measure(
  emu: Emu,
  label: string,
  op: () => Execution<unknown>,
  { fromSidebar = false, heap = false } = {},
): Row {
  let sampling = 0n;
  let peak = 0;
  let base = 0;
  const sample = heap && gc;
  if (sample) {
    gc();
    base = peak = process.memoryUsage().heapUsed;
    emu.onServiceCall = () => {
      const started = process.hrtime.bigint();
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      sampling += process.hrtime.bigint() - started;
    };
  }
  const alerts = emu.ui.alerts.length;
  const started = process.hrtime.bigint();
  let ex: Execution<unknown>;
  try {
    ex = op();
  } finally {
    emu.onServiceCall = null;
  }
  const ms = Number(process.hrtime.bigint() - started - sampling) / 1e6;
  // Menu actions report errors in an alert; setup and Send digests now report success in one too
  // (the last one shown: Send digests now asks first).
  const alert = emu.ui.alerts.length > alerts ? emu.ui.alerts[emu.ui.alerts.length - 1] : undefined;
  if (alert && !alert.prompt.includes('No data was moved') && !alert.prompt.startsWith('Sent '))
    throw new Error(`${label} failed: ${alert.prompt}`);
  if ((ex.value as { ok?: boolean } | undefined)?.ok === false)
    throw new Error(`${label} refused: ${JSON.stringify(ex.value)}`);
  // What the emulator still holds after the run (its copy of the cells and cache values written,
  // which live on Google's side in Apps Script) is not the script's: the script's own peak is the rest.
  let kept = 0;
  if (sample) {
    gc();
    kept = Math.max(0, process.memoryUsage().heapUsed - base);
  }
  return { op: label, ex, ms, heapMb: sample ? (peak - base - kept) / 2 ** 20 : null, fromSidebar };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const k = (n: number) =>
  n >= 1_000_000
    ? `${(n / 1e6).toFixed(2)} M`
    : n >= 10_000
      ? `${(n / 1000).toFixed(0)} k`
      : n.toLocaleString('en-US');
const range = (r: Range, digits = 1) => `${r.low.toFixed(digits)}–${r.high.toFixed(digits)}`;
const estimate = (r: Row) => estimateSeconds({ ...r.ex, fromSidebar: r.fromSidebar });

function print(rows: readonly Row[]): void {
  console.log(
    `  ${'operation'.padEnd(40)}${pad('calls', 7)}${pad('read', 9)}${pad('written', 9)}${pad('locked', 8)}${pad('local ms', 10)}${pad('heap MB', 9)}  ${'est. Apps Script s'.padEnd(20)}est. lock s`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.op.padEnd(40)}${pad(r.ex.serviceCalls, 7)}${pad(k(r.ex.cellsRead), 9)}${pad(k(r.ex.cellsWritten), 9)}${pad(r.ex.lockHeldCalls, 8)}${pad(r.ms.toFixed(0), 10)}${pad(r.heapMb === null ? '-' : r.heapMb.toFixed(1), 9)}  ${range(estimate(r)).padEnd(20)}${range(estimateLockSeconds(r.ex), 2)}`,
    );
  }
}

function upkeep(emu: Emu): Execution<unknown> {
  const trigger = emu.triggers.find((t) => t.handlerFunction === 'runUpkeep');
  if (!trigger) throw new Error('no upkeep trigger');
  return emu.fireTrigger(trigger.uniqueId);
}

/** `count` calls by teachers all over the district, each about a family of their school. */
function logCalls(emu: Emu, district: SyntheticDistrict, count: number, tag: string): void {
  const random = prng(count);
  const teachers = district.staff.filter((s) => s.role === 'Teacher');
  const bySchool = new Map<string, typeof district.roster>();
  for (const s of district.roster) bySchool.set(s.school, [...(bySchool.get(s.school) ?? []), s]);
  for (let i = 0; i < count; i++) {
    const teacher = teachers[Math.floor(random() * teachers.length)];
    const students = bySchool.get(teacher.school) ?? [];
    const student = students[Math.floor(random() * students.length)];
    const input = callInput(`${tag}-${i}-bench`, district.today, student.student, student.studentId);
    if (random() < 0.5) Object.assign(input, { outcome: 'No answer', familyMember: '' });
    const result = emu.callFromClient('submitCall', [input], { user: teacher.email }).value as {
      ok: boolean;
    };
    if (!result.ok) throw new Error(`a call was refused: ${JSON.stringify(result)}`);
  }
}

function a1(column: number, row: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

/** 500 rows pasted below the log (as a teacher does from another sheet), then their Urgent ticked and unticked. */
function bulkEdits(emu: Emu, teacher: string): { paste: Row; untick: Row } {
  const sheet = emu.spreadsheet.getSheetByName('Call Log')!;
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
  const first = sheet.getLastRow() + 1;
  const last = first + 499;
  if (last > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), last - sheet.getMaxRows());
  const row = (i: number) =>
    headers.map((h) =>
      h === 'Call Date'
        ? '2026-09-15'
        : h === 'Student'
          ? `Pasted Student ${i}`
          : h === 'Method'
            ? 'Phone'
            : h === 'Outcome'
              ? 'No answer'
              : h === 'Language'
                ? 'English'
                : h === 'Interpreter'
                  ? 'None'
                  : h === 'Follow-up Needed' || h === 'Urgent'
                    ? false
                    : '',
    );
  const values = Array.from({ length: 500 }, (_, i) => row(i));
  const paste = measure(emu, 'onEdit: 500 rows pasted', () =>
    emu.edit('Call Log', `A${first}:${a1(headers.length, last)}`, values, { user: teacher })!,
  );
  const urgent = a1(headers.indexOf('Urgent') + 1, 0).replace(/0$/, '');
  const column = `${urgent}${first}:${urgent}${last}`;
  emu.edit(
    'Call Log',
    column,
    values.map(() => [true]),
    { user: teacher },
  );
  upkeep(emu); // raises their 500 follow-ups
  const untick = measure(emu, 'onEdit: 500 Urgent unticked', () =>
    emu.edit(
      'Call Log',
      column,
      values.map(() => [false]),
      { user: teacher },
    )!,
  );
  return { paste, untick };
}

const results = new Map<number, Map<string, Row>>();

for (const size of SIZES) {
  const { emu, district } = benchDistrict(size);
  // Someone halfway down Staff: the hand-written lookup's average case.
  const teachers = district.staff.filter((s) => s.role === 'Teacher');
  const teacher = teachers[Math.floor(teachers.length / 2)];
  const user = { user: teacher.email };
  let n = 0;
  const input = () => callInput(`bench-${size}-${++n}`, district.today);
  const rows: Row[] = [];
  const add = (row: Row): Row => (rows.push(row), row);
  add(measure(emu, 'setUpTracker (menu)', () => emu.run('setUpTracker', [], { user: OWNER })));
  const heap = { heap: true };
  const sidebar = { fromSidebar: true, heap: true };
  add(
    measure(
      emu,
      'refreshSummary (menu): full rebuild',
      () => emu.run('refreshSummary', [], { user: OWNER }),
      heap,
    ),
  );
  add(measure(emu, 'sidebar open', () => emu.callFromClient('getCallFormData', [], user), sidebar));
  const first = input();
  add(measure(emu, 'submitCall', () => emu.callFromClient('submitCall', [input()], user), sidebar));
  emu.callFromClient('submitCall', [first], user);
  add(measure(emu, 'submitCall, retried', () => emu.callFromClient('submitCall', [first], user), sidebar));
  // A teacher fixes one of their school's calls by hand: the sidebars and submits until the next refresh.
  const log = emu.spreadsheet.getSheetByName('Call Log')!;
  const headers = log.getRange(1, 1, 1, log.getLastColumn()).getValues()[0].map(String);
  const staffCol = headers.indexOf('Staff Email');
  const mine = log
    .getRange(2, staffCol + 1, Math.min(log.getLastRow() - 1, 5_000), 1)
    .getValues()
    .findIndex(([email]) => email === teacher.email);
  const edited = mine >= 0 ? mine + 2 : 2;
  add(
    measure(emu, 'onEdit (one cell)', () =>
      emu.edit('Call Log', a1(headers.indexOf('Method') + 1, edited), [['Video']], user)!,
    ),
  );
  add(
    measure(
      emu,
      'sidebar open after a hand edit',
      () => emu.callFromClient('getCallFormData', [], user),
      sidebar,
    ),
  );
  add(
    measure(
      emu,
      'submitCall after a hand edit',
      () => emu.callFromClient('submitCall', [input()], user),
      sidebar,
    ),
  );
  logCalls(emu, district, 50, `fifty-${size}`);
  add(measure(emu, 'upkeep: refresh after 50 calls', () => upkeep(emu), heap));
  add(measure(emu, 'upkeep run, nothing to do', () => upkeep(emu)));
  const bulk = bulkEdits(emu, teacher.email);
  add(bulk.paste);
  add(bulk.untick);
  add(measure(emu, 'checkCallLog (menu)', () => emu.run('checkCallLog', [], { user: OWNER })));
  add(
    measure(emu, 'sendDigestsNow (menu)', () => {
      emu.alertResponses = ['YES']; // Send them? Yes
      return emu.run('sendDigestsNow', [], { user: OWNER });
    }),
  );
  emu.clock.set(new Date(emu.clock.now().getTime() + 24 * 3_600_000));
  add(measure(emu, 'upkeep: next day, full rebuild', () => upkeep(emu)));
  const handOpen = add(
    measure(emu, 'hand-written: sidebar open', () => emu.callFromClient('handWrittenOpenForm', [], user), {
      fromSidebar: true,
    }),
  );
  const handSubmit = add(
    measure(emu, 'hand-written: submit', () => emu.callFromClient('handWrittenSubmitCall', [input()], user), {
      fromSidebar: true,
    }),
  );
  add(
    measure(
      emu,
      'hand-written, batched: submit',
      () => emu.callFromClient('handWrittenBatchedSubmitCall', [input()], user),
      { fromSidebar: true },
    ),
  );
  console.log(
    `\n${size.toLocaleString('en-US')} Call Log rows (${district.staff.length} staff, ${district.roster.length} roster students, 40 schools):`,
  );
  print(rows);
  const byOp = new Map(rows.map((r) => [r.op, r]));
  for (const [label, a, b] of [
    ['sidebar open', byOp.get('sidebar open')!, handOpen],
    ['submit', byOp.get('submitCall')!, handSubmit],
  ] as const) {
    const cellsA = a.ex.cellsRead + a.ex.cellsWritten;
    const cellsB = b.ex.cellsRead + b.ex.cellsWritten;
    const estA = estimateSeconds({ ...a.ex, fromSidebar: true });
    const estB = estimateSeconds({ ...b.ex, fromSidebar: true });
    console.log(
      `  ${label}, tracker ÷ hand-written: calls ×${(a.ex.serviceCalls / b.ex.serviceCalls).toFixed(2)}, cells moved ×${(cellsA / cellsB).toFixed(3)}, est. time ×${(estA.low / estB.low).toFixed(2)}–${(estA.high / estB.high).toFixed(2)}`,
    );
  }
  const form = emu.callFromClient('getCallFormData', [], user).value;
  console.log(`  sidebar payload: ${(JSON.stringify(form).length / 1024).toFixed(1)} KB`);
  results.set(size, byOp);
}

// The refresh's heap where a district outgrows one tracker: a full rebuild, then a refresh after 50 calls.
{
  const { emu, district } = benchDistrict(HEAP_SIZE);
  emu.run('setUpTracker', [], { user: OWNER });
  const rows = [
    measure(
      emu,
      'refreshSummary (menu): full rebuild',
      () => emu.run('refreshSummary', [], { user: OWNER }),
      {
        heap: true,
      },
    ),
  ];
  logCalls(emu, district, 50, 'heap');
  rows.push(measure(emu, 'upkeep: refresh after 50 calls', () => upkeep(emu), { heap: true }));
  console.log(`\n${HEAP_SIZE.toLocaleString('en-US')} Call Log rows, the refresh's heap:`);
  print(rows);
  results.set(HEAP_SIZE, new Map(rows.map((r) => [r.op, r])));
}

// The table, "before" as it measured it, beside this run's figures at 100,000 rows.
const at = results.get(100_000);
if (at) {
  const get = (op: string) => at.get(op)!;
  const cells = (r: Row) => `${k(r.ex.cellsRead)} + ${k(r.ex.cellsWritten)}`;
  const lock = (r: Row) => `${range(estimateLockSeconds(r.ex), 2)} s`;
  const heap = results.get(HEAP_SIZE);
  const lines: Array<[string, string, string, string, string]> = [
    [
      'sidebar open / submit (clean)',
      '36 / 44 calls, 292 / 191 cells, lock 0 / ≤ 1 s',
      `${get('sidebar open').ex.serviceCalls} / ${get('submitCall').ex.serviceCalls}`,
      `${cells(get('sidebar open'))} / ${cells(get('submitCall'))}`,
      `0 / ${lock(get('submitCall'))}`,
    ],
    [
      'sidebar open / submit after a hand edit',
      '44–52 calls, 2.53 M cells (6–46 s each)',
      `${get('sidebar open after a hand edit').ex.serviceCalls} / ${get('submitCall after a hand edit').ex.serviceCalls}`,
      `${cells(get('sidebar open after a hand edit'))} / ${cells(get('submitCall after a hand edit'))}`,
      `0 / ${lock(get('submitCall after a hand edit'))}`,
    ],
    [
      'refresh by upkeep (after 50 calls)',
      '138–163 calls, 2.34 M + 310 k cells, lock 4–20 s',
      `${get('upkeep: refresh after 50 calls').ex.serviceCalls}`,
      cells(get('upkeep: refresh after 50 calls')),
      lock(get('upkeep: refresh after 50 calls')),
    ],
    [
      'full rebuild (menu; upkeep once a day)',
      '(was every refresh)',
      `${get('refreshSummary (menu): full rebuild').ex.serviceCalls} / ${get('upkeep: next day, full rebuild').ex.serviceCalls}`,
      cells(get('refreshSummary (menu): full rebuild')),
      lock(get('refreshSummary (menu): full rebuild')),
    ],
    [
      'Set up tracker run again',
      '989 calls, 5.18 M cells, lock 13–137 s',
      `${get('setUpTracker (menu)').ex.serviceCalls}`,
      cells(get('setUpTracker (menu)')),
      lock(get('setUpTracker (menu)')),
    ],
    [
      'onEdit: 500 pasted / 500 unticked',
      '1,536 / ~3,130 calls, 42 k / 149 k cells, est. 31–124 s / 63–253 s',
      `${get('onEdit: 500 rows pasted').ex.serviceCalls} / ${get('onEdit: 500 Urgent unticked').ex.serviceCalls}`,
      `${cells(get('onEdit: 500 rows pasted'))} / ${cells(get('onEdit: 500 Urgent unticked'))}`,
      `est. ${range(estimate(get('onEdit: 500 rows pasted')))} / ${range(estimate(get('onEdit: 500 Urgent unticked')))} s`,
    ],
    [
      'refresh heap (full rebuild; after 50 calls)',
      '63 MB of a 64 MB target (91.5 MB at 150,000 rows)',
      '',
      `${get('refreshSummary (menu): full rebuild').heapMb?.toFixed(1)} MB; ${get('upkeep: refresh after 50 calls').heapMb?.toFixed(1)} MB`,
      heap
        ? `at ${k(HEAP_SIZE)} rows: ${heap.get('refreshSummary (menu): full rebuild')?.heapMb?.toFixed(1)} MB; ${heap.get('upkeep: refresh after 50 calls')?.heapMb?.toFixed(1)} MB`
        : '',
    ],
  ];
  console.log('\nIssue 18 at 100,000 Call Log rows: before (the issue) and now (this run)');
  console.log(
    `  ${'operation'.padEnd(44)}${'before'.padEnd(70)}${'calls'.padEnd(12)}${'cells read + written'.padEnd(34)}lock / time`,
  );
  for (const [op, before, calls, cellsMoved, last] of lines)
    console.log(`  ${op.padEnd(44)}${before.padEnd(70)}${calls.padEnd(12)}${cellsMoved.padEnd(34)}${last}`);

  // Which limit a district meets first, growing the log: the full rebuild's time against the
  // 6-minute limit (it grows with the log), the refresh after 50 calls against 2 s of lock.
  const sizes = [...results.keys()]
    .filter((s) => results.get(s)?.has('refreshSummary (menu): full rebuild'))
    .sort((a, b) => a - b);
  const largest = sizes[sizes.length - 1];
  const full = results.get(largest)!.get('refreshSummary (menu): full rebuild')!;
  const perRow = estimate(full).high / largest;
  console.log(
    `\nThe full rebuild (nightly) at ${k(largest)} rows is estimated at ${range(estimate(full))} s: at the high estimate it reaches Apps Script's 6-minute limit near ${k(Math.floor(360 / perRow / 1000) * 1000)} rows.`,
  );
}
