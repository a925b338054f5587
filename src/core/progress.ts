/**
 * Goal progress for the Summary tab: per staff member, per school and for the district, in
 * one pass over the calls (a district logs 100,000 calls; nothing here scans per call).
 */
import { Day, daysBetween, weekStart } from './dates';
import { buildHouseholdIndex, HouseholdIndex, normalizeName } from './households';
import { isOverdue } from './followUps';
import {
  CallRecord,
  FollowUpRecord,
  isCounted,
  isOpenFollowUp,
  RosterStudent,
  School,
  StaffMember,
} from './records';
import { PROGRESS_STATUSES, ProgressStatus, REACHED_OUTCOME } from './schema';
import { Settings } from './settings';

export interface SummaryInput {
  staff: readonly StaffMember[];
  schools: readonly School[];
  roster: readonly RosterStudent[];
  calls: readonly CallRecord[];
  followUps: readonly FollowUpRecord[];
  settings: Settings;
  today: Day;
  /** Rows of Call Log that break the schema (from the checks): counted and reported, not dropped silently. */
  invalidCallRows?: number;
  /** The Roster's household index when the caller built it already (Families and the digests share it). */
  households?: HouseholdIndex;
}

export interface StaffProgress {
  school: string;
  name: string;
  email: string;
  /** null: no goal on Staff (listed because they logged calls). */
  goal: number | null;
  /** Distinct households this staff member had a conversation with. */
  familiesReached: number;
  /** Every call they logged. */
  attempts: number;
  /** Calls dated in the current week. */
  thisWeek: number;
  /** counted / goal: 0.75 is 75%; a goal of 0 is met (1); null without a goal. */
  percentOfGoal: number | null;
  /** null without a goal. */
  status: ProgressStatus | null;
  lastCall: Day | null;
  openFollowUps: number;
  /** Open for longer than Settings' Follow-up Due Days. */
  overdueFollowUps: number;
  /** What counts toward the goal under Settings' Goal Counts. */
  counted: number;
  /** Of their counted calls, those typed or pasted on the sheet, or changed by hand after logging. */
  byHand: number;
}

export interface SchoolProgress {
  school: string;
  staffWithGoals: number;
  /** Met or exceeded. */
  metGoal: number;
  exceededGoal: number;
  /** Share of staff with goals who met (or exceeded) it, 0..1; 0 when nobody has a goal. */
  percentMet: number;
  /** Share of staff with goals who exceeded it, 0..1; 0 when nobody has a goal. */
  percentExceeded: number;
  /** Distinct households reached in this school, by anyone. */
  familiesReached: number;
  rosterFamilies: number;
  /** Roster households reached / Roster households; null without a Roster. */
  percentRosterReached: number | null;
  openFollowUps: number;
  overdueFollowUps: number;
}

/**
 * What one school adds to the district's row: its own staff with goals, households, Roster and
 * follow-ups. The district row is the sum of every school's (and of what names no school, under '').
 */
export interface SchoolContribution {
  staffWithGoals: number;
  metGoal: number;
  exceededGoal: number;
  /** Households of this school (on its Roster, or not on any) that someone reached. */
  householdsReached: number;
  rosterFamilies: number;
  rosterFamiliesReached: number;
  openFollowUps: number;
  overdueFollowUps: number;
}

export interface SummaryResult {
  /**
   * Staff with a goal, and staff without one who logged calls. Sorted by school, then by status
   * (Not started and Behind first; no goal last), then by name (case-insensitive).
   */
  staff: StaffProgress[];
  /** Sorted by name. */
  schools: SchoolProgress[];
  /** school = 'District'. */
  district: SchoolProgress;
  callsByUnknownStaff: { count: number; emails: string[] };
  invalidCallRows: number;
  /** Sentences for the Summary's notes. */
  problems: string[];
  /** By normalizeName of the school ('' for staff and follow-ups with a blank School). */
  contributions: Record<string, SchoolContribution>;
}

/**
 * The number of the goal that should be done by `today`: the goal times the share of the
 * window from `start` to `deadline` that has elapsed. Today counts as elapsed (on the first
 * day one day's share is due; on the deadline the whole goal), so pace reaches the goal on
 * the deadline itself. Before the start nothing is due; after the deadline, the whole goal.
 */
export function paceFor(goal: number, start: Day, deadline: Day, today: Day): number {
  const windowDays = daysBetween(start, deadline) + 1;
  // A deadline before the start leaves no window: the whole goal is due.
  if (windowDays <= 0) return goal;
  const share = Math.min(1, Math.max(0, (daysBetween(start, today) + 1) / windowDays));
  return goal * share;
}

/** "Not started" means no call at all: a caller with unanswered attempts has started, and may be behind. */
export function statusFor(
  counted: number,
  attempts: number,
  goal: number,
  start: Day,
  deadline: Day,
  today: Day,
): ProgressStatus {
  if (counted > goal) return 'Exceeded goal';
  if (counted === goal) return 'Met goal';
  if (attempts === 0) return 'Not started';
  return counted >= paceFor(goal, start, deadline, today) ? 'On pace' : 'Behind';
}

interface StaffTally {
  member: StaffMember;
  attempts: number;
  thisWeek: number;
  households: Set<string>;
  lastCall: Day | null;
  openFollowUps: number;
  overdueFollowUps: number;
  byHand: number;
}

interface SchoolTally {
  school: string;
  households: Set<string>;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function listed(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const items = map.get(key);
  if (items) items.push(item);
  else map.set(key, [item]);
}

function byText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** What the Summary's notes say of the whole Call Log. */
export interface LogNotesInput {
  unknownCalls: number;
  unknownEmails: readonly string[];
  invalidCallRows: number;
  /** Of the calls counted, those typed or pasted on the sheet, and those changed by hand after logging. */
  typed: number;
  changed: number;
  uncounted: number;
  callsStartDate: Day;
  today: Day;
}

export function logNotes(n: LogNotesInput): string[] {
  const problems: string[] = [];
  if (n.unknownCalls > 0) {
    problems.push(
      `${plural(n.unknownCalls, 'call was', 'calls were')} logged by ${plural(n.unknownEmails.length, 'person', 'people')} not on Staff (${listed(n.unknownEmails)}): add them to Staff so their calls count.`,
    );
  }
  if (n.invalidCallRows > 0) {
    problems.push(
      `${plural(n.invalidCallRows, 'row', 'rows')} of the Call Log ${n.invalidCallRows === 1 ? 'breaks' : 'break'} its rules: Relationship Calls → Check call log lists them with what to fix.`,
    );
  }
  if (n.typed + n.changed > 0) {
    const parts = [
      ...(n.typed > 0 ? [`${plural(n.typed, 'was', 'were')} typed or pasted on the sheet`] : []),
      ...(n.changed > 0 ? [`${plural(n.changed, 'was', 'were')} changed by hand after logging`] : []),
    ];
    problems.push(
      `Of the calls counted, ${parts.join(' and ')}: the "Typed or Changed by Hand" column says whose, and Relationship Calls → Check call log lists them.`,
    );
  }
  if (n.uncounted > 0) {
    problems.push(
      `${plural(n.uncounted, 'call was', 'calls were')} not counted: no Staff Email, or no Call Date from ${n.callsStartDate} to ${n.today}.`,
    );
  }
  return problems;
}

/** Whether a call counts toward the Summary: a Staff Email, and a Call Date from Calls Start Date to today. */
export function isCountedDay(
  call: Pick<CallRecord, 'callDate' | 'staffEmail'>,
  start: Day,
  today: Day,
): boolean {
  const day = call.callDate;
  return Boolean(day && call.staffEmail && day >= start && day <= today);
}

function progressOf(school: string, c: SchoolContribution, familiesReached: number): SchoolProgress {
  const people = c.staffWithGoals;
  return {
    school,
    staffWithGoals: people,
    metGoal: c.metGoal,
    exceededGoal: c.exceededGoal,
    percentMet: people === 0 ? 0 : c.metGoal / people,
    percentExceeded: people === 0 ? 0 : c.exceededGoal / people,
    familiesReached,
    rosterFamilies: c.rosterFamilies,
    percentRosterReached: c.rosterFamilies === 0 ? null : c.rosterFamiliesReached / c.rosterFamilies,
    openFollowUps: c.openFollowUps,
    overdueFollowUps: c.overdueFollowUps,
  };
}

export function emptyContribution(): SchoolContribution {
  return {
    staffWithGoals: 0,
    metGoal: 0,
    exceededGoal: 0,
    householdsReached: 0,
    rosterFamilies: 0,
    rosterFamiliesReached: 0,
    openFollowUps: 0,
    overdueFollowUps: 0,
  };
}

/** The district's row: every school's contribution added up. */
export function districtProgress(contributions: Iterable<SchoolContribution>): SchoolProgress {
  const total = emptyContribution();
  for (const c of contributions)
    for (const key of Object.keys(total) as Array<keyof SchoolContribution>) total[key] += c[key];
  return progressOf('District', total, total.householdsReached);
}

/** Who needs a word first: Not started, then Behind, … ; staff without a goal last. */
export function byStaffOrder(a: StaffProgress, b: StaffProgress): number {
  const rank = (p: StaffProgress): number =>
    p.status === null ? PROGRESS_STATUSES.length : PROGRESS_STATUSES.indexOf(p.status);
  // By the school as Staff names it whatever its case or spacing, so each school's rows are together.
  return (
    byText(normalizeName(a.school), normalizeName(b.school)) ||
    rank(a) - rank(b) ||
    byText(a.name, b.name) ||
    byText(a.email, b.email)
  );
}

export function bySchoolName(a: SchoolProgress, b: SchoolProgress): number {
  return byText(a.school, b.school);
}

export function computeSummary(input: SummaryInput): SummaryResult {
  const { settings, today } = input;
  const households = input.households ?? buildHouseholdIndex(input.roster);

  // Schools come from Schools, Staff and Roster alike, matched whatever their case or spacing.
  const schools = new Map<string, SchoolTally>();
  const schoolsAsTyped = new Map<string, SchoolTally | undefined>(); // spares normalizing per call
  const schoolTally = (name: string): SchoolTally | undefined => {
    if (schoolsAsTyped.has(name)) return schoolsAsTyped.get(name);
    const key = normalizeName(name);
    let tally = schools.get(key);
    if (!tally && key) {
      tally = { school: name.trim(), households: new Set() };
      schools.set(key, tally);
    }
    schoolsAsTyped.set(name, tally);
    return tally;
  };
  const deadlines = new Map<string, Day>();
  for (const s of input.schools) {
    schoolTally(s.school);
    if (s.goalDeadline) deadlines.set(normalizeName(s.school), s.goalDeadline);
  }
  for (const m of input.staff) schoolTally(m.school);
  for (const r of input.roster) schoolTally(r.school);

  // Every Staff row tallies its calls (a person may have a row per school); only rows with a goal are shown.
  const tallies: StaffTally[] = input.staff.map((member) => ({
    member,
    attempts: 0,
    thisWeek: 0,
    households: new Set(),
    lastCall: null,
    openFollowUps: 0,
    overdueFollowUps: 0,
    byHand: 0,
  }));
  const rowsByEmail = new Map<string, StaffTally[]>();
  const rowsByName = new Map<string, StaffTally[]>();
  for (const tally of tallies) {
    const email = tally.member.email;
    if (email) pushTo(rowsByEmail, email, tally);
    const name = normalizeName(tally.member.name);
    if (name) pushTo(rowsByName, name, tally);
  }
  /** The row whose School is the record's, else the first: a person's calls count once. */
  const rowFor = (rows: readonly StaffTally[], school: string): StaffTally => {
    if (rows.length === 1) return rows[0];
    const key = normalizeName(school);
    return rows.find((r) => normalizeName(r.member.school) === key) ?? rows[0];
  };

  const thisWeekFrom = weekStart(today, settings.weekStarts);
  // Only the calls that raised a follow-up need to be found again by their Call ID.
  const followedUpCalls = new Set(input.followUps.map((f) => f.callId));
  const tallyByCallId = new Map<string, StaffTally>();
  const reachedAnywhere = new Set<string>();
  const unknownStaff = new Map<string, number>();
  let unknownCalls = 0;
  let uncounted = 0;
  let typed = 0;
  let changed = 0;
  for (const call of input.calls) {
    // A call withdrawn as logged by mistake is kept on the Call Log and counted nowhere.
    if (!isCounted(call)) continue;
    // Outside the window a call breaks the rules (the checks list it); it must not count.
    if (!isCountedDay(call, settings.callsStartDate, today)) {
      uncounted++;
      continue;
    }
    const day = call.callDate as Day;
    const reached = call.outcome === REACHED_OUTCOME;
    const household = reached ? households.keyFor(call) : '';
    if (reached) {
      reachedAnywhere.add(household);
      schoolTally(call.school)?.households.add(household);
    }
    const rows = rowsByEmail.get(call.staffEmail);
    if (!rows) {
      unknownCalls++;
      unknownStaff.set(call.staffEmail, (unknownStaff.get(call.staffEmail) ?? 0) + 1);
      continue;
    }
    const tally = rowFor(rows, call.school);
    tally.attempts++;
    if (call.origin === 'typed' || call.origin === 'changed') {
      tally.byHand++;
      if (call.origin === 'typed') typed++;
      else changed++;
    }
    if (day >= thisWeekFrom) tally.thisWeek++;
    if (tally.lastCall === null || day > tally.lastCall) tally.lastCall = day;
    if (reached) tally.households.add(household);
    if (call.callId && followedUpCalls.has(call.callId)) tallyByCallId.set(call.callId, tally);
  }

  const followUpsCounted: Array<{ school: string; overdue: boolean }> = [];
  for (const f of input.followUps) {
    if (!isOpenFollowUp(f)) continue;
    const overdue = isOverdue(f, today, settings.followUpDueDays);
    followUpsCounted.push({ school: f.school, overdue });
    // Names the school on the Summary even when only Follow-ups mentions it.
    schoolTally(f.school);
    // The call that raised it names its owner exactly; the Staff name is for rows people added.
    const named = rowsByName.get(normalizeName(f.staff));
    const owner = tallyByCallId.get(f.callId) ?? (named ? rowFor(named, f.school) : undefined);
    if (owner) {
      owner.openFollowUps++;
      if (overdue) owner.overdueFollowUps++;
    }
  }

  const staff: StaffProgress[] = [];
  for (const t of tallies) {
    const goal = t.member.callGoal;
    // Without a goal a person is listed once they log calls: their work shows, their goal is blank.
    if (goal === null && t.attempts === 0) continue;
    const counted = settings.goalCounts === 'All attempts' ? t.attempts : t.households.size;
    const deadline = deadlines.get(normalizeName(t.member.school)) ?? settings.goalDeadline;
    staff.push({
      school: t.member.school,
      name: t.member.name,
      email: t.member.email,
      goal,
      familiesReached: t.households.size,
      attempts: t.attempts,
      thisWeek: t.thisWeek,
      percentOfGoal: goal === null ? null : goal === 0 ? 1 : counted / goal,
      status:
        goal === null ? null : statusFor(counted, t.attempts, goal, settings.callsStartDate, deadline, today),
      lastCall: t.lastCall,
      openFollowUps: t.openFollowUps,
      overdueFollowUps: t.overdueFollowUps,
      counted,
      byHand: t.byHand,
    });
  }
  staff.sort(byStaffOrder);

  const contributions: Record<string, SchoolContribution> = {};
  const contribution = (school: string): SchoolContribution =>
    (contributions[normalizeName(school)] ??= emptyContribution());
  for (const s of staff) {
    if (s.goal === null) continue;
    const c = contribution(s.school);
    c.staffWithGoals++;
    if (s.status === 'Met goal' || s.status === 'Exceeded goal') c.metGoal++;
    if (s.status === 'Exceeded goal') c.exceededGoal++;
  }
  for (const f of followUpsCounted) {
    const c = contribution(f.school);
    c.openFollowUps++;
    if (f.overdue) c.overdueFollowUps++;
  }
  for (const key of reachedAnywhere) {
    const owner = key.startsWith('off-roster:')
      ? key.slice('off-roster:'.length, key.indexOf('|'))
      : (households.studentsOf(key)[0]?.school ?? '');
    contribution(owner).householdsReached++;
  }
  const schoolRows = [...schools.entries()]
    .map(([key, t]) => {
      const c = contribution(key);
      const rosterKeys = households.rosterHouseholds(key);
      c.rosterFamilies = rosterKeys.length;
      c.rosterFamiliesReached = rosterKeys.filter((k) => reachedAnywhere.has(k)).length;
      return progressOf(t.school, c, t.households.size);
    })
    .sort(bySchoolName);

  const unknownEmails = [...unknownStaff.keys()].sort();
  const invalidCallRows = input.invalidCallRows ?? 0;
  return {
    staff,
    schools: schoolRows,
    district: districtProgress(Object.values(contributions)),
    callsByUnknownStaff: { count: unknownCalls, emails: unknownEmails },
    invalidCallRows,
    problems: logNotes({
      unknownCalls,
      unknownEmails,
      invalidCallRows,
      typed,
      changed,
      uncounted,
      callsStartDate: settings.callsStartDate,
      today,
    }),
    contributions,
  };
}
