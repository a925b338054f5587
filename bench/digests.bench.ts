/**
 * Weekly digests for a district of 40 schools, 2,000 staff and 100,000 calls: the pure compute
 * (model and rendering of every digest), the largest email, and the service calls of a leader's
 * "Send digests now" through the built bundle in the emulator. Run by `npm run bench`.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Emulator } from '../dev/emulator';
import { startOfDay } from '../src/core/dates';
import { buildDigests, withHouseholds } from '../src/core/digest';
import { computeSummary } from '../src/core/progress';
import { CALL_LOG, FOLLOW_UPS, ROSTER, SCHOOLS, STAFF, TabSchema } from '../src/core/schema';
import { renderDigest } from '../src/ui/digestEmail';
import { syntheticDistrict } from './syntheticDistrict';

const STAFF_COUNT = 2_000;
const CALL_COUNT = 100_000;
const TZ = 'America/Chicago';
const OWNER = 'leader@district.example.org';
const RUNS = 5;

const district = syntheticDistrict({
  staff: STAFF_COUNT,
  calls: CALL_COUNT,
  rosterStudents: 30_000,
  seed: 8,
});
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
  `digests compute (summary + model + HTML of ${warmUp.emails} digests; ${STAFF_COUNT} staff, ${CALL_COUNT} calls): ` +
    `median ${runs[Math.floor(RUNS / 2)].toFixed(1)} ms (warm-up ${warmUp.ms.toFixed(1)} ms)`,
);
console.log(`largest digest HTML: ${warmUp.largest.scope}, ${(warmUp.largest.bytes / 1024).toFixed(1)} KB`);

// ---- the built bundle in the emulator

const emu = new Emulator({
  timeZone: TZ,
  owner: OWNER,
  now: new Date(startOfDay(district.today, TZ).getTime() + 15 * 3_600_000),
  mailQuota: 1_500,
}).load(path.resolve(__dirname, '../build'));
emu.run('setUpTracker', [], { user: OWNER });

function fill(tab: TabSchema, items: ReadonlyArray<object>): void {
  const sheet = emu.spreadsheet.getSheetByName(tab.name);
  if (!sheet || items.length === 0) return;
  const width = sheet.getLastColumn();
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0].map(String);
  const keys = headers.map((h) => tab.columns.find((c) => c.header === h)?.key ?? '');
  const rows = items.map((item) =>
    keys.map((k) => {
      const v = k ? (item as Record<string, unknown>)[k] : '';
      if (Array.isArray(v)) return v.join(', ');
      if (typeof v === 'string' && /^[=+\-@0-9]/.test(v) && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return `'${v}`;
      return v ?? '';
    }),
  );
  const maxRows = sheet.getMaxRows();
  if (rows.length + 1 > maxRows) sheet.insertRowsAfter(maxRows, rows.length + 1 - maxRows);
  sheet.getRange(2, 1, rows.length, width).setValues(rows);
}

const leader = {
  email: OWNER,
  name: 'District Leader',
  school: 'District Office',
  role: 'Leader',
  callGoal: null,
};
fill(STAFF, [leader, ...district.staff]);
fill(SCHOOLS, district.schools);
fill(ROSTER, district.roster);
fill(CALL_LOG, district.calls);
fill(FOLLOW_UPS, district.followUps);

const started = process.hrtime.bigint();
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
