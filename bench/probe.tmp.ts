import { benchDistrict, OWNER } from './district';
const gc = (globalThis as { gc?: () => void }).gc!;
const size = Number(process.env.N ?? 100000);
let t = Date.now();
const { emu, district } = benchDistrict(size);
emu.run('setUpTracker', [], { user: OWNER });
function heapOf<T>(f: () => T): [T, number] {
  gc(); const base = process.memoryUsage().heapUsed; let peak = base;
  emu.onServiceCall = () => { gc(); peak = Math.max(peak, process.memoryUsage().heapUsed); };
  const r = f(); emu.onServiceCall = null; gc();
  const kept = process.memoryUsage().heapUsed - base;
  return [r, (peak - base - Math.max(0, kept)) / 2 ** 20];
}
t = Date.now();
const [ex, heap] = heapOf(() => emu.run('refreshSummary', [], { user: OWNER }));
console.log('full', Date.now() - t, 'ms calls', ex.serviceCalls, 'read', ex.cellsRead, 'written', ex.cellsWritten, 'locked', ex.lockHeldCalls, 'heap', heap.toFixed(1), 'alerts', emu.ui.alerts.slice(-1).map(a=>a.prompt));
const sd = emu.spreadsheet.getSheetByName('Sidebar Data')!.getDataRange().getValues();
console.log('sidebar data rows', sd.length, 'chars', sd.reduce((n, r) => n + String(r[2]).length, 0));
if (process.env.INC) {
  const teachers = district.staff.filter((s) => s.role === 'Teacher');
  let ok = 0;
  for (let i = 0; i < 50; i++) {
    const teacher = teachers[(i * 37) % teachers.length];
    const students = district.roster.filter((s) => s.school === teacher.school);
    const st = students[i % students.length];
    const r = emu.callFromClient('submitCall', [{ submissionId: `inc-${i}-xxxxxx`, callDate: district.today, student: st.student, studentId: st.studentId, familyMember: st.familyMember, method: 'Phone', outcome: i % 2 ? 'Conversation' : 'No answer', language: 'English', interpreter: 'None', preferredContact: '', familyStrengths: '', hopesAndDreams: '', notes: '', followUpNeeded: false, urgent: false }], { user: teacher.email });
    if ((r.value as any).ok) ok++;
  }
  const tr = emu.triggers.find((x) => x.handlerFunction === 'runUpkeep')!;
  t = Date.now();
  const [up, h2] = heapOf(() => emu.fireTrigger(tr.uniqueId));
  console.log('ok', ok, 'upkeep', Date.now() - t, 'ms calls', up.serviceCalls, 'read', up.cellsRead, 'written', up.cellsWritten, 'locked', up.lockHeldCalls, 'heap', h2.toFixed(1));
}
