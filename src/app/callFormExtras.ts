/**
 * What the call form shows besides the families: the caller's recent calls (with a link to each
 * row), the follow-ups their calls raised, and the rules that tell, while notes are typed, that
 * a call will be flagged urgent and who will be told.
 */
import { MyFollowUp, RecentCall, UrgentRules } from '../contract';
import { normalizeName } from '../core/households';
import { CallRecord, isOpenFollowUp, isOverdue, School, StaffMember } from '../core/records';
import { readFollowUps } from '../sheets/tabs';
import { Tracker } from '../sheets/tracker';

export const RECENT_CALLS = 5;
export const MY_FOLLOW_UPS = 10;

export interface FormExtras {
  recentCalls: RecentCall[];
  myFollowUps: MyFollowUp[];
  urgentRules: UrgentRules;
}

/** A link that opens the spreadsheet at a row of a tab. */
export function rowUrl(spreadsheetUrl: string, sheetId: number, row: number): string {
  return `${spreadsheetUrl.replace(/#.*$/, '')}#gid=${sheetId}&range=A${row}`;
}

export function formExtras(
  tracker: Tracker,
  caller: { email: string; school: string },
  mine: readonly CallRecord[],
  callLogSheetId: number,
  context: { staff: readonly StaffMember[]; schools: readonly School[] },
): FormExtras {
  const url = tracker.ss.getUrl();
  const recentCalls = [...mine]
    .sort((a, b) => b.row - a.row)
    .slice(0, RECENT_CALLS)
    .map((c) => ({
      callId: c.callId,
      callDate: c.callDate ?? '',
      student: c.student,
      outcome: c.outcome,
      url: rowUrl(url, callLogSheetId, c.row),
    }));

  const myCallIds = new Set(mine.map((c) => c.callId).filter((id) => id !== ''));
  const myFollowUps = readFollowUps(tracker.ss, tracker.sheetTimeZone)
    .followUps.filter((f) => myCallIds.has(f.callId))
    .map((f) => ({
      callId: f.callId,
      student: f.student,
      reason: f.reason,
      status: f.status,
      flaggedOn: f.flaggedOn ?? '',
      overdue: isOverdue(f, tracker.today, tracker.settings.followUpDueDays),
      open: isOpenFollowUp(f),
      row: f.row,
    }))
    // Open ones first, the newest first within each.
    .sort((a, b) => Number(b.open) - Number(a.open) || b.row - a.row)
    .slice(0, MY_FOLLOW_UPS)
    .map(({ open: _open, row: _row, ...f }) => f);

  const school = context.schools.find((s) => normalizeName(s.school) === normalizeName(caller.school));
  const names = new Map(context.staff.filter((s) => s.name).map((s) => [s.email, s.name]));
  const urgentRules: UrgentRules = {
    phrases: tracker.settings.urgentPhrases,
    notify: (school?.followUpEmails ?? []).map((email) => names.get(email) ?? email),
  };
  return { recentCalls, myFollowUps, urgentRules };
}
