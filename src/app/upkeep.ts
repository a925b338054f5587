/**
 * The upkeep trigger's run, every few minutes: the work a teacher's submit leaves for later.
 * Each step is cheap when it has nothing to do, and one step's failure does not stop the next.
 */
import { sendPendingDigests } from './digests';
import { refreshSummaryIfStale } from './summary';

const STEPS: ReadonlyArray<readonly [string, () => void]> = [
  ['refresh the Summary', refreshSummaryIfStale],
  ['send pending digests', sendPendingDigests],
];

export function runUpkeep(): void {
  const failures: string[] = [];
  for (const [name, step] of STEPS) {
    try {
      step();
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // The trigger's failure email (and the executions list) is where a maintainer looks.
  if (failures.length > 0) throw new Error(`Upkeep could not ${failures.join('; ')}`);
}
