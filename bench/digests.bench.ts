/**
 * Weekly digests for a district of 40 schools, 2,000 staff and 100,000 calls: the pure compute
 * (model and rendering of every digest), the largest email, and the service calls of a leader's
 * "Send digests now" through the built bundle in the emulator. Run by `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import { buildDigests, withHouseholds } from '../src/core/digest';
import { computeSummary } from '../src/core/progress';
import { renderDigest } from '../src/ui/digestEmail';
import { benchDistrict, OWNER } from './district';

const CALL_COUNT = 100_000;
const RUNS = 5;

const { emu, district } = benchDistrict(CALL_COUNT, 8, {}, { mailQuota: 1_500 });
// Family words on a share of the conversations, so the voices and their anonymizing are measured too.
district.calls.forEach((c, i) => {
  if (i % 7 === 0) c.hopesAndDreams = `${c.student.split(' ')[0]} wants to read more with ${c.familyMember}`;
});
const links = { summary: 'https://example/#gid=1', followUps: 'https://example/#gid=2' };

function compute(): { ms: number; largest: { scope: string; bytes: number }; emails: number } {
  const started = performance.now();
  const input = withHouseholds({ ...district, links });
  const digests = buildDigests(input, computeSummary(input));
  const all = [...digests.schools, digests.district];
  let largest = { scope: '', bytes: 0 };
  for (const d of all) {
    const bytes = Buffer.byteLength(renderDigest(d).htmlBody);
    if (bytes > largest.bytes) largest = { scope: d.scope, bytes };
  }
  return { ms: performance.now() - started, largest, emails: all.length };
}

const warmUp = compute();
const runs = Array.from({ length: RUNS }, () => compute().ms).sort((a, b) => a - b);
console.log(
  `digests compute (summary + model + HTML of ${warmUp.emails} digests; ${district.staff.length} staff, ${CALL_COUNT} calls): ` +
    `median ${runs[Math.floor(RUNS / 2)].toFixed(1)} ms (warm-up ${warmUp.ms.toFixed(1)} ms)`,
);
console.log(`largest digest HTML: ${warmUp.largest.scope}, ${(warmUp.largest.bytes / 1024).toFixed(1)} KB`);

// ---- the built bundle in the emulator, over the same district

const started = process.hrtime.bigint();
emu.alertResponses = ['YES']; // Send them? Yes
const execution = emu.run('sendDigestsNow', [], { user: OWNER });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const report = String(emu.ui.alerts.at(-1)?.prompt ?? '');
if (!report.startsWith('Sent ')) throw new Error(`Send digests now failed: ${report}`);
const mail = execution.calls.filter((c) => c === 'MailApp.sendEmail').length;
const reads = execution.calls.filter((c) => c === 'Range.getValues').length;
console.log(
  `sendDigestsNow (${CALL_COUNT} call rows): ${execution.serviceCalls} service calls ` +
    `(${mail} MailApp.sendEmail, ${reads} Range.getValues), ${emu.outbox.length} emails, ${ms.toFixed(0)} ms in the emulator`,
);
