import { benchDistrict, OWNER } from './district';
const size = Number(process.env.N ?? 20000);
const { emu, district } = benchDistrict(size);
emu.run('setUpTracker', [], { user: OWNER });
emu.run('refreshSummary', [], { user: OWNER });
const teachers = district.staff.filter((s) => s.role === 'Teacher');
for (let i = 0; i < 50; i++) {
  const teacher = teachers[(i * 37) % teachers.length];
  const students = district.roster.filter((s) => s.school === teacher.school);
  const st = students[i % students.length];
  emu.callFromClient('submitCall', [{ submissionId: `inc-${i}-xxxxxx`, callDate: district.today, student: st.student, studentId: st.studentId, familyMember: st.familyMember, method: 'Phone', outcome: i % 2 ? 'Conversation' : 'No answer', language: 'English', interpreter: 'None', preferredContact: '', familyStrengths: '', hopesAndDreams: '', notes: '', followUpNeeded: false, urgent: false }], { user: teacher.email });
}
const tr = emu.triggers.find((x) => x.handlerFunction === 'runUpkeep')!;
const up = emu.fireTrigger(tr.uniqueId);
const count = new Map<string, number>();
for (const c of up.calls) count.set(c, (count.get(c) ?? 0) + 1);
console.log('upkeep calls', up.serviceCalls, 'read', up.cellsRead, 'written', up.cellsWritten, 'locked', up.lockHeldCalls);
console.log([...count].sort((a, b) => b[1] - a[1]).slice(0, 25));
