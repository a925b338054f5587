/** The Summary as the refresh writes it: from each school's numbers and what the whole log says. */
import { stamp } from '../core/dates';
import {
  bySchoolName,
  districtProgress,
  logNotes,
  SchoolContribution,
  SchoolProgress,
  StaffProgress,
  SummaryResult,
} from '../core/progress';
import { LogCounts } from '../core/schoolState';
import { SummaryBlocks, summaryLayout } from '../core/summaryTable';
import { writeSummary } from '../sheets/summaryTab';
import { Tracker } from '../sheets/tracker';
import { unreadableNames } from './settings';

/** What the menu's confirmation says of a refresh. */
export interface RefreshOutcome {
  staffShown: number;
  /** The Summary's notes: settings that could not be read, calls that need attention. */
  problems: string[];
}

export interface SummaryParts {
  /** Every school's staff rows, in the staff table's order. */
  staff: StaffProgress[];
  schools: SchoolProgress[];
  contributions: Record<string, SchoolContribution>;
  counts: LogCounts;
}

/** The Summary's notes: the settings that could not be read, then what the log's rows need. */
export function summaryNotes(tracker: Tracker, counts: LogCounts): string[] {
  return [
    ...tracker.settingsProblems.map((p) => `Settings: ${p}`),
    ...logNotes({ ...counts, callsStartDate: tracker.settings.callsStartDate, today: tracker.today }),
  ];
}

export function stampOf(tracker: Tracker): string {
  return `${stamp(tracker.now, tracker.settings.timeZone)} (${tracker.settings.timeZone})`;
}

export function summaryResultOf(tracker: Tracker, parts: SummaryParts): SummaryResult {
  return {
    staff: parts.staff,
    schools: [...parts.schools].sort(bySchoolName),
    district: districtProgress(Object.values(parts.contributions)),
    callsByUnknownStaff: { count: parts.counts.unknownCalls, emails: parts.counts.unknownEmails },
    invalidCallRows: parts.counts.invalidCallRows,
    problems: summaryNotes(tracker, parts.counts),
    contributions: parts.contributions,
  };
}

/** Writes the whole tab (`districtPercentMet`: beside the school's, once a district tracker read this one); returns where each school's rows went. */
export function writeWholeSummary(
  tracker: Tracker,
  districtPercentMet: number | null,
  parts: SummaryParts,
): { outcome: RefreshOutcome; blocks: SummaryBlocks } {
  const result = summaryResultOf(tracker, parts);
  const layout = summaryLayout(result, stampOf(tracker), unreadableNames(tracker), districtPercentMet);
  writeSummary(tracker.ss, layout);
  return { outcome: { staffShown: result.staff.length, problems: result.problems }, blocks: layout.blocks };
}
