/**
 * The upkeep trigger's run, every few minutes: the work a teacher's submit leaves for later.
 * Each step is cheap when it has nothing to do, and one step's failure does not stop the next.
 *
 * Triggers heal: each run that does every step records when and whose it was. Setup by any leader
 * installs that leader's own trigger when no run finished for a while, and a trigger that finds
 * another person's trigger doing the job removes itself, so two never keep doing the same work.
 */
import { stamp } from '../core/dates';
import { sendPendingDigests } from './digests';
import { sendPendingAlerts } from './alerts';
import { loggedSinceRefresh, refreshSummaryIfStale } from './summary';
import { syncProtectionsIfStale } from './access';
import { effectiveEmail } from '../sheets/session';
import { yearClosedAsRead } from '../sheets/yearState';
import { FOLLOW_UPS } from '../core/schema';
import { extendOverdueHighlight } from '../sheets/alertSetup';
import { keepRoom } from '../sheets/room';
import { findSheet } from '../sheets/table';
import { activeSpreadsheet } from '../sheets/tracker';
import {
  lastUpkeepRun,
  recordUpkeepInstalled,
  recordUpkeepRun,
  upkeepInstalled,
  UpkeepMark,
} from '../sheets/state';
import {
  hasOwnUpkeepTrigger,
  installUpkeepTrigger,
  removeOwnUpkeepTriggers,
  refusedUnlessOwnTrigger,
  UPKEEP_HANDLER,
} from '../sheets/triggers';

/** A trigger runs every 5 minutes: three missed runs in a row mean it is gone or failing. */
export const UPKEEP_STALE_MS = 15 * 60_000;

/**
 * Calls were logged since the last refresh: the tabs teachers write keep empty rows below their
 * data (teachers may not add rows; src/sheets/room.ts). A run with nothing logged asks only the
 * Call Log's last row, which the refresh step asks anyway.
 */
function keepRoomIfBusy(): void {
  const log = loggedSinceRefresh();
  if (!log) return;
  keepRoom(log.sheet, log.sheet.getMaxRows(), log.lastRow);
  const followUps = findSheet(activeSpreadsheet(), FOLLOW_UPS);
  if (!followUps) return;
  const rows = followUps.getMaxRows();
  if (keepRoom(followUps, rows) > rows) extendOverdueHighlight(followUps);
}

const STEPS: ReadonlyArray<readonly [string, () => void]> = [
  ['bring the protected tabs up to date with Staff', syncProtectionsIfStale],
  ['keep empty rows for new calls and follow-ups', keepRoomIfBusy],
  ['refresh the Summary', refreshSummaryIfStale],
  ['send pending digests', sendPendingDigests],
  ['send pending alerts', sendPendingAlerts],
];

function isFresh(mark: UpkeepMark | null, now: Date): mark is UpkeepMark {
  return mark !== null && now.getTime() - mark.at.getTime() < UPKEEP_STALE_MS;
}

export const UPKEEP_NOT_FROM_TRIGGER =
  'Upkeep runs only from its own trigger, every 5 minutes: nothing was changed or sent. To refresh the Summary now, a principal or leader chooses Relationship Calls → Refresh summary.';

/**
 * The trigger's run. Started any other way (google.script.run from the sidebar, with or without
 * a made-up event, or the script editor) it changes and sends nothing, and says so in the log and
 * in what it returns: a teacher's poke must not send mail from the leader's quota, record a run
 * that makes the leader's trigger remove itself, or fail into the maintainer's inbox.
 */
export function runUpkeep(event: unknown): string {
  const refused = refusedUnlessOwnTrigger(event, UPKEEP_HANDLER, UPKEEP_NOT_FROM_TRIGGER);
  if (refused) return refused;
  // The properties as this execution, just begun, read them: no second read.
  if (yearClosedAsRead()) {
    removeOwnUpkeepTriggers();
    return "This tracker's school year is closed: this upkeep trigger removed itself.";
  }
  const me = effectiveEmail();
  const now = new Date();
  const last = lastUpkeepRun();
  if (isFresh(last, now) && last.by !== me) {
    removeOwnUpkeepTriggers();
    return `Upkeep is done by ${last.by}'s trigger: this one removed itself.`;
  }
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
  recordUpkeepRun({ at: now, by: me });
  return 'Upkeep ran.';
}

/**
 * Setup: installs this person's upkeep trigger unless they have one, or another person's ran (or
 * was installed) in the last 15 minutes. Says what it did, or null when nothing was needed.
 */
export function ensureUpkeep(me: string, now: Date, timeZone: string): string | null {
  if (hasOwnUpkeepTrigger()) return null;
  const last = lastUpkeepRun();
  const installed = upkeepInstalled();
  const latest = [last, installed]
    .filter((m): m is UpkeepMark => isFresh(m, now))
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  if (latest && latest.by !== me) return null;
  installUpkeepTrigger();
  recordUpkeepInstalled({ at: now, by: me });
  return last
    ? `installed your upkeep trigger (Summary refresh, pending follow-ups): the last one stopped running after ${stamp(last.at, timeZone)}`
    : 'installed the upkeep trigger (Summary refresh, pending follow-ups)';
}
