/**
 * "My school": the four things a principal asks before a staff meeting, from the numbers the
 * Summary shows (the same refresh computes both): what share of staff met and exceeded the goal,
 * who needs a check-in, which families nobody has reached, which urgent follow-ups are open and
 * overdue. Computed once per school by the refresh and kept in that school's snapshot, so that
 * opening it reads the school's few cells whatever the district's size. Each line keeps the row it
 * stands for on Summary, Families or Follow-ups.
 */
import { Day, daysBetween } from './dates';
import { FamilyRow } from './families';
import { daysOpen, isHandOff, isOverdue } from './followUps';
import { normalizeName } from './households';
import { SchoolProgress, StaffProgress, SummaryResult } from './progress';
import { FollowUpRecord, isOpenFollowUp, School } from './records';
import { ProgressStatus } from './schema';
import { Settings } from './settings';

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
  /** The Summary row. */
  row: number;
}

export interface WaitingLine {
  students: string;
  priority: string;
  /** Staff names (Roster's Assigned To). */
  assignedTo: string;
  status: FamilyRow['status'];
  attempts: number;
  /** The Families row. */
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
  /** The school's staff rows of the Summary, with their sheet rows. */
  staff: ReadonlyArray<{ progress: StaffProgress; row: number }>;
  /** The school's households on Families (waiting first, priority first), with their sheet rows. */
  families: ReadonlyArray<{ family: FamilyRow; row: number }>;
  /** The school's follow-ups the add-on wrote. */
  followUps: readonly FollowUpRecord[];
  deadline: Day;
  today: Day;
  /** Settings' Follow-up Due Days. */
  dueDays: number;
}

const CHECK_IN_RANK = new Map(CHECK_IN_STATUSES.map((s, i) => [s, i]));

export function mySchoolPart(input: MySchoolInput): MySchoolPart {
  const { progress, today, dueDays } = input;
  const checkIns = input.staff
    .flatMap(({ progress: s, row }): CheckInLine[] =>
      s.goal !== null && s.status !== null && CHECK_IN_RANK.has(s.status)
        ? [
            {
              name: s.name,
              status: s.status,
              counted: s.counted,
              goal: s.goal,
              lastCall: s.lastCall ?? '',
              row,
            },
          ]
        : [],
    )
    .sort((a, b) => (CHECK_IN_RANK.get(a.status) ?? 0) - (CHECK_IN_RANK.get(b.status) ?? 0));
  const waiting = input.families.filter(({ family }) => family.status !== 'Reached');
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
      lines: waiting.slice(0, MY_SCHOOL_LIST_CAP).map(({ family, row }) => ({
        students: family.students.join(', '),
        priority: family.priority,
        assignedTo: family.assignedTo.join(', '),
        status: family.status,
        attempts: family.attempts,
        row,
      })),
    },
    urgent: {
      open: urgent.length,
      overdue: urgent.filter((u) => u.daysOver > 0).length,
      lines: urgent.slice(0, MY_SCHOOL_LIST_CAP),
    },
  };
}

export interface MySchoolPartsInput {
  summary: SummaryResult;
  /** The Summary sheet row of the first staff row (result.staff in order below it). */
  firstStaffRow: number;
  /** The Families tab's rows in order (row 2 onwards). */
  families: readonly FamilyRow[];
  followUps: readonly FollowUpRecord[];
  schools: readonly School[];
  settings: Pick<Settings, 'goalDeadline' | 'followUpDueDays'>;
  today: Day;
}

/** Every school's part, by normalizeName of the school: one pass over what the refresh computed. */
export function mySchoolParts(input: MySchoolPartsInput): Map<string, MySchoolPart> {
  const group = <T>(items: readonly T[], schoolOf: (item: T) => string): Map<string, T[]> => {
    const by = new Map<string, T[]>();
    for (const item of items) {
      const key = normalizeName(schoolOf(item));
      const list = by.get(key);
      if (list) list.push(item);
      else by.set(key, [item]);
    }
    return by;
  };
  const staff = group(
    input.summary.staff.map((progress, i) => ({ progress, row: input.firstStaffRow + i })),
    (s) => s.progress.school,
  );
  const families = group(
    input.families.map((family, i) => ({ family, row: i + 2 })),
    (f) => f.family.school,
  );
  const followUps = group(input.followUps, (f) => f.school);
  const deadlines = new Map(input.schools.map((s) => [normalizeName(s.school), s.goalDeadline]));
  const parts = new Map<string, MySchoolPart>();
  for (const progress of input.summary.schools) {
    const key = normalizeName(progress.school);
    parts.set(
      key,
      mySchoolPart({
        progress,
        staff: staff.get(key) ?? [],
        families: families.get(key) ?? [],
        followUps: followUps.get(key) ?? [],
        deadline: deadlines.get(key) ?? input.settings.goalDeadline,
        today: input.today,
        dueDays: input.settings.followUpDueDays,
      }),
    );
  }
  return parts;
}
