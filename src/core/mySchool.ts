/**
 * "My school": the four things a principal asks before a staff meeting, from the numbers the
 * Summary shows (each refresh computes both from the school's numbers): what share of staff met
 * and exceeded the goal, who needs a check-in, which families nobody has reached, which urgent
 * follow-ups are open and overdue. Computed by each refresh for each school it refreshes and kept
 * on its own, so that opening it reads the school's few cells whatever the district's size. Each
 * line knows where it stands on Summary, Families or Follow-ups.
 */
import { followUpOfFact } from './callFacts';
import { Day, daysBetween } from './dates';
import { FamilyRow } from './families';
import { daysOpen, isHandOff, isOverdue } from './followUps';
import { normalizeName } from './households';
import { SchoolProgress, StaffProgress } from './progress';
import { FollowUpRecord, isOpenFollowUp } from './records';
import { ProgressStatus } from './schema';
import type { SchoolNumbers, SchoolNumbersContext } from './schoolNumbers';
import type { SchoolState } from './schoolState';

/** Lines each list keeps: what fits a sidebar's first screens; the tab has the rest. */
export const MY_SCHOOL_LIST_CAP = 25;
/** The staff a principal checks in with: none of their calls yet, or behind the pace. */
export const CHECK_IN_STATUSES: readonly ProgressStatus[] = ['Not started', 'Behind'];

export interface CheckInLine {
  name: string;
  status: ProgressStatus;
  counted: number;
  goal: number;
  /** 'YYYY-MM-DD', or '' before their first call. */
  lastCall: Day | '';
  /**
   * Its place in the school's staff rows on the Summary (0: the first): the rows of a school move
   * when another school's change in number, so its row is found as the sidebar opens.
   */
  place: number;
}

export interface WaitingLine {
  students: string;
  priority: string;
  /** Staff names (Roster's Assigned To). */
  assignedTo: string;
  status: FamilyRow['status'];
  attempts: number;
  /** The Families row; 0 when not known (the link goes to the tab). */
  row: number;
}

export interface UrgentLine {
  student: string;
  reason: string;
  status: string;
  daysOpen: number | null;
  /** Days past Follow-up Due Days; 0 when not overdue. */
  daysOver: number;
  /** The Follow-ups row. */
  row: number;
}

export interface MySchoolPart {
  school: string;
  /** When the refresh that computed it ran (ms). */
  refreshedAt: number;
  goal: {
    staffWithGoals: number;
    metGoal: number;
    exceededGoal: number;
    percentMet: number;
    percentExceeded: number;
    deadline: Day;
    /** Negative once the deadline has passed. */
    daysLeft: number;
  };
  checkIns: { count: number; lines: CheckInLine[] };
  waiting: { count: number; priority: number; rosterFamilies: number; lines: WaitingLine[] };
  urgent: { open: number; overdue: number; lines: UrgentLine[] };
}

export interface MySchoolInput {
  /** The school's row of the Summary's school table. */
  progress: SchoolProgress;
  /** The school's staff rows of the Summary, in their order there. */
  staff: readonly StaffProgress[];
  /** The school's households on Families (waiting first, priority first). */
  families: readonly FamilyRow[];
  /** The Families row of the i-th of them (0: not known); asked only of the families listed. */
  familyRow: (family: FamilyRow, i: number) => number;
  /** The school's follow-ups the add-on wrote. */
  followUps: readonly FollowUpRecord[];
  deadline: Day;
  today: Day;
  /** Settings' Follow-up Due Days. */
  dueDays: number;
  refreshedAt: number;
}

const CHECK_IN_RANK = new Map(CHECK_IN_STATUSES.map((s, i) => [s, i]));

export function mySchoolPart(input: MySchoolInput): MySchoolPart {
  const { progress, today, dueDays } = input;
  const checkIns = input.staff
    .flatMap((s, place): CheckInLine[] =>
      s.goal !== null && s.status !== null && CHECK_IN_RANK.has(s.status)
        ? [
            {
              name: s.name,
              status: s.status,
              counted: s.counted,
              goal: s.goal,
              lastCall: s.lastCall ?? '',
              place,
            },
          ]
        : [],
    )
    .sort((a, b) => (CHECK_IN_RANK.get(a.status) ?? 0) - (CHECK_IN_RANK.get(b.status) ?? 0));
  const waiting = input.families.flatMap((family, i) => (family.status === 'Reached' ? [] : [{ family, i }]));
  const urgent = input.followUps
    .filter((f) => isOpenFollowUp(f) && !isHandOff(f))
    .map((f): UrgentLine => ({
      student: f.student,
      reason: f.reason,
      status: f.status || 'Open',
      daysOpen: daysOpen(f, today),
      daysOver: isOverdue(f, today, dueDays) && f.flaggedOn ? daysBetween(f.flaggedOn, today) - dueDays : 0,
      row: f.row,
    }))
    // Overdue first, the longest overdue first; then the longest open.
    .sort((a, b) => b.daysOver - a.daysOver || (b.daysOpen ?? 0) - (a.daysOpen ?? 0) || a.row - b.row);
  return {
    school: progress.school,
    refreshedAt: input.refreshedAt,
    goal: {
      staffWithGoals: progress.staffWithGoals,
      metGoal: progress.metGoal,
      exceededGoal: progress.exceededGoal,
      percentMet: progress.percentMet,
      percentExceeded: progress.percentExceeded,
      deadline: input.deadline,
      daysLeft: daysBetween(today, input.deadline),
    },
    checkIns: { count: checkIns.length, lines: checkIns.slice(0, MY_SCHOOL_LIST_CAP) },
    waiting: {
      count: waiting.length,
      priority: waiting.filter(({ family }) => family.priority !== '').length,
      rosterFamilies: progress.rosterFamilies,
      lines: waiting.slice(0, MY_SCHOOL_LIST_CAP).map(({ family, i }) => ({
        students: family.students.join(', '),
        priority: family.priority,
        assignedTo: family.assignedTo.join(', '),
        status: family.status,
        attempts: family.attempts,
        row: input.familyRow(family, i),
      })),
    },
    urgent: {
      open: urgent.length,
      overdue: urgent.filter((u) => u.daysOver > 0).length,
      lines: urgent.slice(0, MY_SCHOOL_LIST_CAP),
    },
  };
}

/**
 * A school's part from what the refresh computed of it (src/core/schoolNumbers.ts): its Summary
 * rows, its Families rows (`familyRow`: where the i-th of them stands on Families) and its
 * follow-ups. Null for what names no school.
 */
export function mySchoolOf(
  numbers: SchoolNumbers,
  state: SchoolState,
  ctx: SchoolNumbersContext,
  familyRow: (family: FamilyRow, i: number) => number,
  refreshedAt: number,
): MySchoolPart | null {
  if (!numbers.row) return null;
  const deadline =
    ctx.schools.find((s) => normalizeName(s.school) === numbers.school)?.goalDeadline ??
    ctx.settings.goalDeadline;
  return mySchoolPart({
    progress: numbers.row,
    staff: numbers.staff,
    families: numbers.families,
    familyRow,
    followUps: state.followUps.map(followUpOfFact),
    deadline,
    today: ctx.today,
    dueDays: ctx.settings.followUpDueDays,
    refreshedAt,
  });
}

/**
 * The part as stored: the lists' last lines are left out until it fits `maxChars` (a list of long
 * names; its count still says how many there are).
 */
export function encodeMySchool(part: MySchoolPart, maxChars: number): string {
  const copy: MySchoolPart = {
    ...part,
    checkIns: { ...part.checkIns, lines: [...part.checkIns.lines] },
    waiting: { ...part.waiting, lines: [...part.waiting.lines] },
    urgent: { ...part.urgent, lines: [...part.urgent.lines] },
  };
  const lists: Array<{ lines: unknown[] }> = [copy.checkIns, copy.waiting, copy.urgent];
  let text = JSON.stringify(copy);
  while (text.length > maxChars && lists.some((l) => l.lines.length > 0)) {
    lists.reduce((a, b) => (b.lines.length > a.lines.length ? b : a)).lines.pop();
    text = JSON.stringify(copy);
  }
  return text;
}

/** A stored part; null when the text is not one. */
export function decodeMySchool(text: string): MySchoolPart | null {
  try {
    const part = JSON.parse(text) as MySchoolPart;
    return part &&
      typeof part.school === 'string' &&
      part.goal &&
      part.checkIns &&
      part.waiting &&
      part.urgent
      ? part
      : null;
  } catch {
    return null;
  }
}
