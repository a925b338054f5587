/**
 * How long the Summary's pure compute takes for a large district (DESIGN §4: well under a
 * second of V8 time for 2,000 staff and 100,000 calls). Run: npx tsx bench/summary.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { computeSummary } from '../src/core/progress';
import { summaryLayout } from '../src/core/summaryTable';
import { syntheticDistrict } from './syntheticDistrict';

const STAFF = 2000;
const CALLS = 100_000;
const ROSTER_STUDENTS = 30_000;
const RUNS = 5;

const district = syntheticDistrict({
  staff: STAFF,
  calls: CALLS,
  rosterStudents: ROSTER_STUDENTS,
  seed: 20260901,
});

function once(): { ms: number; rows: number } {
  const started = performance.now();
  const result = computeSummary(district);
  const layout = summaryLayout(result, '2026-10-01 07:00 America/Chicago');
  return { ms: performance.now() - started, rows: layout.values.length };
}

const warmUp = once();
const runs = Array.from({ length: RUNS }, () => once().ms);
const median = [...runs].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
// Machines differ tenfold in allocation speed (small VMs especially): print a yardstick with the figure.
function yardstick(): number {
  const started = performance.now();
  const map = new Map<string, number>();
  for (let i = 0; i < 1_000_000; i++) map.set(`k${i}`, i);
  return performance.now() - started;
}

console.log(
  `summary compute: ${STAFF} staff, ${CALLS} calls, ${ROSTER_STUDENTS} roster students: median ${median.toFixed(1)} ms ` +
    `(warm-up ${warmUp.ms.toFixed(1)} ms; runs: ${runs.map((ms) => ms.toFixed(1)).join(', ')}; ${warmUp.rows} Summary rows)`,
);
console.log(`machine yardstick: 1,000,000 Map.set with new string keys in ${yardstick().toFixed(0)} ms`);
