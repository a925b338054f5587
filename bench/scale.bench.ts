/**
 * Issue 10's table: every entry point of the built bundle over districts of 1,000, 10,000 and
 * 100,000 Call Log rows, with what the emulator counts exactly (service calls, cells read and
 * written, calls made holding the lock), local time, peak heap and an estimate of real Apps
 * Script time; beside it, the same teacher operations done the hand-written way.
 * Run by `npm run bench` (node --expose-gc, for the heap figures).
 */
import type { Execution } from '../dev/emulator';
import { estimateSeconds } from './costModel';
import { benchDistrict, OWNER } from './district';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const gc = (globalThis as { gc?: () => void }).gc;

interface Row {
  op: string;
  ex: Execution<unknown>;
  ms: number;
  heapMb: number | null;
  fromSidebar: boolean;
}

function callInput(id: string, day: string): Record<string, unknown> {
  return {
    submissionId: id,
    callDate: day,
    student: 'Bench Student',
    studentId: '',
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
  };
}

/**
 * Runs `op` once. With --expose-gc, samples the heap after a full GC at every service call (the
 * script's live data at its peak); the time spent sampling is left out of the local time.
 */
function measure(
  emu: ReturnType<typeof benchDistrict>['emu'],
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
  // Menu actions report errors in an alert; setup and Send digests now report success in one too.
  const alert = emu.ui.alerts[alerts];
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
const k = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)} k` : n.toLocaleString('en-US'));

function print(rows: readonly Row[]): void {
  console.log(
    `  ${'operation'.padEnd(30)}${pad('calls', 7)}${pad('read', 9)}${pad('written', 9)}${pad('locked', 8)}${pad('local ms', 10)}${pad('heap MB', 9)}  est. Apps Script s`,
  );
  for (const r of rows) {
    const est = estimateSeconds({ ...r.ex, fromSidebar: r.fromSidebar });
    console.log(
      `  ${r.op.padEnd(30)}${pad(r.ex.serviceCalls, 7)}${pad(k(r.ex.cellsRead), 9)}${pad(k(r.ex.cellsWritten), 9)}${pad(r.ex.lockHeldCalls, 8)}${pad(r.ms.toFixed(0), 10)}${pad(r.heapMb === null ? '-' : r.heapMb.toFixed(1), 9)}  ${est.low.toFixed(1)}–${est.high.toFixed(1)}`,
    );
  }
}

for (const size of SIZES) {
  const { emu, district } = benchDistrict(size);
  // Someone halfway down Staff: the hand-written lookup's average case.
  const teachers = district.staff.filter((s) => s.role === 'Teacher');
  const teacher = teachers[Math.floor(teachers.length / 2)];
  const user = { user: teacher.email };
  let n = 0;
  const input = () => callInput(`bench-${size}-${++n}`, district.today);
  const rows: Row[] = [];
  rows.push(measure(emu, 'setUpTracker (menu)', () => emu.run('setUpTracker', [], { user: OWNER })));
  const heap = { heap: true };
  const sidebar = { fromSidebar: true, heap: true };
  rows.push(
    measure(emu, 'refreshSummary (menu)', () => emu.run('refreshSummary', [], { user: OWNER }), heap),
  );
  rows.push(measure(emu, 'sidebar open', () => emu.callFromClient('getCallFormData', [], user), sidebar));
  const first = input();
  rows.push(measure(emu, 'submitCall', () => emu.callFromClient('submitCall', [input()], user), sidebar));
  emu.callFromClient('submitCall', [first], user);
  rows.push(
    measure(emu, 'submitCall, retried', () => emu.callFromClient('submitCall', [first], user), sidebar),
  );
  rows.push(measure(emu, 'onEdit (one cell)', () => emu.edit('Call Log', 'J2', [['Video']], user)!));
  rows.push(measure(emu, 'checkCallLog (menu)', () => emu.run('checkCallLog', [], { user: OWNER })));
  rows.push(measure(emu, 'sendDigestsNow (menu)', () => emu.run('sendDigestsNow', [], { user: OWNER })));
  // Upkeep acts only when its own trigger starts it: fire the trigger setup installed.
  const upkeepTrigger = emu.triggers.find((t) => t.handlerFunction === 'runUpkeep')!.uniqueId;
  rows.push(measure(emu, 'upkeep run, Summary stale', () => emu.fireTrigger(upkeepTrigger), heap));
  rows.push(measure(emu, 'upkeep run, nothing to do', () => emu.fireTrigger(upkeepTrigger)));
  const ours = { open: rows[2], submit: rows[3] };
  const handOpen = measure(
    emu,
    'hand-written: sidebar open',
    () => emu.callFromClient('handWrittenOpenForm', [], user),
    { fromSidebar: true },
  );
  const handSubmit = measure(
    emu,
    'hand-written: submit',
    () => emu.callFromClient('handWrittenSubmitCall', [input()], user),
    { fromSidebar: true },
  );
  rows.push(handOpen, handSubmit);
  console.log(
    `\n${size.toLocaleString('en-US')} Call Log rows (${district.staff.length} staff, ${district.roster.length} roster students, 40 schools):`,
  );
  print(rows);
  for (const [label, a, b] of [
    ['sidebar open', ours.open, handOpen],
    ['submit', ours.submit, handSubmit],
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
}

// The teacher's payload when one school has 2,000 roster families (issue 10: one round trip).
{
  const big = benchDistrictOneSchool();
  const form = big.emu.callFromClient('getCallFormData', [], { user: big.teacher }).value as {
    families: unknown[];
  };
  console.log(
    `\nOne school with ${big.households.toLocaleString('en-US')} roster families: the sidebar receives ${form.families.length} students in ${(JSON.stringify(form).length / 1024).toFixed(0)} KB.`,
  );
}

function benchDistrictOneSchool(): {
  emu: ReturnType<typeof benchDistrict>['emu'];
  teacher: string;
  households: number;
} {
  const { emu, district } = benchDistrict(5_000, 13, { schools: 1, rosterStudents: 2_650 });
  emu.run('refreshSummary', [], { user: OWNER });
  const households = new Set(district.roster.map((s) => `${s.familyMember}|${s.phone || s.email}`)).size;
  return { emu, teacher: district.staff[0].email, households };
}
