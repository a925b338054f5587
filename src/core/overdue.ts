/** When an open follow-up is overdue: flagged more than Settings' Follow-up Due Days ago. */
import { Day, daysBetween } from './dates';

/** Whole days a follow-up has been open; null when its flag time is unknown (a row typed by hand). */
export function daysOpen(flaggedAtDay: Day | null, today: Day): number | null {
  return flaggedAtDay === null ? null : Math.max(0, daysBetween(flaggedAtDay, today));
}

export function isOverdue(flaggedAtDay: Day | null, today: Day, dueDays: number): boolean {
  const open = daysOpen(flaggedAtDay, today);
  return open !== null && open > dueDays;
}
