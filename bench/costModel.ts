/**
 * An estimate of real Apps Script time from what the emulator counts exactly (service calls,
 * cells moved, round trips). The constants are ranges, low to high; the README's performance
 * section gives their sources, and dev/measure/MeasureCosts.js measures them in a real
 * spreadsheet. An estimate, not a measurement: the counts are the measurement.
 */
export interface Range {
  low: number;
  high: number;
}

export const COSTS = {
  /** One service call (getRange, getValues, setProperty…): a round trip inside Google. */
  callMs: { low: 20, high: 80 },
  /** Per cell read by getValues and its kind (on top of the call). */
  cellReadMs: { low: 0.002, high: 0.015 },
  /** Per cell written by setValues, appendRow and their kind. */
  cellWrittenMs: { low: 0.01, high: 0.04 },
  /** One google.script.run round trip from the sidebar (the browser to Apps Script and back). */
  roundTripMs: { low: 1000, high: 6000 },
} as const;

export interface Counts {
  serviceCalls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Whether the operation is a google.script.run call from the sidebar. */
  fromSidebar?: boolean;
}

function at(counts: Counts, side: keyof Range): number {
  return (
    counts.serviceCalls * COSTS.callMs[side] +
    counts.cellsRead * COSTS.cellReadMs[side] +
    counts.cellsWritten * COSTS.cellWrittenMs[side] +
    (counts.fromSidebar ? COSTS.roundTripMs[side] : 0)
  );
}

/** Estimated seconds in real Apps Script, low to high. */
export function estimateSeconds(counts: Counts): Range {
  return { low: at(counts, 'low') / 1000, high: at(counts, 'high') / 1000 };
}

export interface LockCounts {
  lockHeldCalls: number;
  lockHeldCellsRead: number;
  lockHeldCellsWritten: number;
}

/** Estimated seconds the document lock was held (what other teachers' submits wait for), low to high. */
export function estimateLockSeconds(counts: LockCounts): Range {
  return estimateSeconds({
    serviceCalls: counts.lockHeldCalls,
    cellsRead: counts.lockHeldCellsRead,
    cellsWritten: counts.lockHeldCellsWritten,
  });
}
