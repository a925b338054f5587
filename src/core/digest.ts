/**
 * The weekly digests' content, from pure data: a school's week for its principals and the
 * district's week for its leaders. Every digest of a run comes from one pass over the calls;
 * the staff numbers are the Summary's own (computeSummary), never a second computation.
 */
import {
  addDays,
  Day,
  dayOf,
  daysBetween,
  instantAt,
  shortDay,
  Weekday,
  WEEKDAYS,
  weekdayOf,
  weekStart,
} from './dates';
import { buildHouseholdIndex, HouseholdIndex, normalizeName } from './households';
import { daysOpen, isOverdue } from './followUps';
import { SchoolProgress, StaffProgress, SummaryInput, SummaryResult } from './progress';
import { CallRecord, FollowUpRecord, isCounted, isOpenFollowUp } from './records';
import { cut, FamilyVoice, familyVoiceOf, NameWords, voiceNamesIndex } from './voices';
import { PROGRESS_STATUSES, ProgressStatus, REACHED_OUTCOME } from './schema';
import { GoalCounts } from './settings';

/** Rows a list shows before "and N more": short enough to read on a phone. */
export const LIST_CAP = 25;
export const MAX_VOICES = 3;
/** The newest consenting conversations looked at for those: some say nothing that may be quoted. */
const VOICE_CANDIDATES = 12;
/** Characters of a call's notes shown with an urgent follow-up (only when notes may go in email). */
export const NOTE_LENGTH = 300;
export const DISTRICT_SCOPE = 'District';

export interface Capped<T> {
  rows: T[];
  /** Rows left out after the cap. */
  more: number;
}

export interface DigestLinks {
  summary: string;
  followUps: string;
}

export interface Headline {
  /** Households reached, on the Roster or not. */
  familiesReached: number;
  /** Roster households of the school (0 without a Roster). */
  rosterFamilies: number;
  rosterFamiliesReached: number;
  percentRosterReached: number | null;
  callsPast7Days: number;
  callsPrior7Days: number;
  staffWithGoals: number;
  percentMet: number;
  percentExceeded: number;
  goalDeadline: Day;
  /** Negative once the deadline has passed. */
  daysLeft: number;
}

export interface StaffLine {
  name: string;
  /** What counts toward the goal (Settings' Goal Counts). */
  counted: number;
  goal: number;
  callsPast7Days: number;
  status: ProgressStatus;
}

export interface FollowUpLine {
  student: string;
  /** The reason without note text, unless notes may go in email. */
  reason: string;
  /** The call's notes, only while Include Notes In Emails is Yes. */
  notes: string;
  daysOpen: number | null;
  owner: string;
  overdue: boolean;
}

export interface UnreachedLine {
  students: string;
  attempts: number;
  lastAttempt: Day;
  calledBy: string;
}

export interface LanguageLine {
  language: string;
  conversationsPast7Days: number;
  conversations: number;
  withInterpreter: number;
}

export interface SchoolDigest {
  kind: 'school';
  /** The school's name: the Digest Log's Scope. */
  scope: string;
  recipients: string[];
  weekOf: Day;
  today: Day;
  goalCounts: GoalCounts;
  headline: Headline;
  /** Those who need a check-in first. */
  staff: Capped<StaffLine>;
  /** Statuses of the staff left out after the cap. */
  moreStaffByStatus: Array<{ status: ProgressStatus; count: number }>;
  followUps: Capped<FollowUpLine>;
  openFollowUps: number;
  overdueFollowUps: number;
  unreached: Capped<UnreachedLine>;
  handOffAttempts: number;
  languages: Capped<LanguageLine>;
  /** null while Settings' Share Family Voices In Digests is No. */
  voices: FamilyVoice[] | null;
  /** Of the calls counted for the school's staff, those typed or pasted on the sheet, or changed by hand after logging. */
  callsByHand: number;
  links: DigestLinks;
}

export interface DistrictRow {
  school: string;
  staffWithGoals: number;
  percentMet: number;
  percentExceeded: number;
  familiesReached: number;
  rosterFamilies: number;
  rosterFamiliesReached: number;
  percentRosterReached: number | null;
  callsPast7Days: number;
  openFollowUps: number;
  overdueFollowUps: number;
}

export interface DistrictDigest {
  kind: 'district';
  scope: typeof DISTRICT_SCOPE;
  recipients: string[];
  weekOf: Day;
  today: Day;
  schools: DistrictRow[];
  total: DistrictRow;
  links: DigestLinks;
}

export type Digest = SchoolDigest | DistrictDigest;

export interface Digests {
  /** One per school: on the Schools tab, or with staff with goals, Roster families or calls. */
  schools: SchoolDigest[];
  district: DistrictDigest;
}

export interface DigestInput extends SummaryInput {
  links: DigestLinks;
}

/** The input with its household index built once, for both computeSummary and buildDigests. */
export function withHouseholds(input: DigestInput): DigestInput & { households: HouseholdIndex } {
  return { ...input, households: input.households ?? buildHouseholdIndex(input.roster) };
}

/** The 7-day windows of a digest sent on `today`: the past 7 days (today included) and the 7 before. */
export function digestWindows(today: Day): { past: [Day, Day]; prior: [Day, Day] } {
  return { past: [addDays(today, -6), today], prior: [addDays(today, -13), addDays(today, -7)] };
}

/** The weekly trigger's next run: Digest Day at Digest Hour in `timeZone`, after `now`. */
export function nextDigestTime(now: Date, digestDay: Weekday, hour: number, timeZone: string): Date {
  const today = dayOf(now, timeZone);
  const ahead = (WEEKDAYS.indexOf(digestDay) - WEEKDAYS.indexOf(weekdayOf(today)) + 7) % 7;
  const at = instantAt(addDays(today, ahead), hour, timeZone);
  return at.getTime() > now.getTime() ? at : instantAt(addDays(today, ahead + 7), hour, timeZone);
}

/** The Digest Log's Week Of: the first day, by Week Starts, of the week in which `now` falls. */
export function weekOfSending(
  now: Date,
  timeZone: string,
  weekStarts: SummaryInput['settings']['weekStarts'],
): Day {
  return weekStart(dayOf(now, timeZone), weekStarts);
}

function capped<T>(rows: readonly T[], cap = LIST_CAP): Capped<T> {
  return { rows: rows.slice(0, cap), more: Math.max(0, rows.length - cap) };
}

/** Roster households reached: the Summary keeps the share, and the count is its numerator. */
function rosterReached(p: SchoolProgress): number {
  return Math.round((p.percentRosterReached ?? 0) * p.rosterFamilies);
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function byText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

interface HouseholdTally {
  attempts: number;
  reached: boolean;
  lastAttempt: Day;
  /** A few names each (a household is listed by its students): arrays, as most households have one. */
  students: string[];
  callers: string[];
}

function addName(names: string[], name: string): void {
  if (name && names.length < 5 && !names.includes(name)) names.push(name);
}

interface VoiceCandidate {
  call: CallRecord;
  household: string;
}

interface SchoolTally {
  callsPast7Days: number;
  callsPrior7Days: number;
  households: Map<string, HouseholdTally>;
  languages: Map<string, LanguageLine>;
  /** The newest conversations of the past week whose family agreed to be quoted, newest first. */
  voices: VoiceCandidate[];
}

function newer(a: CallRecord, b: CallRecord): boolean {
  return (a.callDate ?? '') > (b.callDate ?? '') || (a.callDate === b.callDate && a.row > b.row);
}

function keepNewest(list: VoiceCandidate[], candidate: VoiceCandidate): void {
  const at = list.findIndex((v) => newer(candidate.call, v.call));
  if (at >= 0) list.splice(at, 0, candidate);
  else list.push(candidate);
  if (list.length > VOICE_CANDIDATES) list.pop();
}

const CHECK_IN_ORDER = new Map(PROGRESS_STATUSES.map((s, i) => [s, i]));

export function buildDigests(input: DigestInput, summary: SummaryResult): Digests {
  const { settings, today } = input;
  const windows = digestWindows(today);
  const weekOf = weekStart(today, settings.weekStarts);
  const households: HouseholdIndex = input.households ?? buildHouseholdIndex(input.roster);

  const tallies = new Map<string, SchoolTally>();
  const talliesAsTyped = new Map<string, SchoolTally>(); // spares normalizing per call
  const tallyOf = (schoolAsTyped: string): SchoolTally => {
    const known = talliesAsTyped.get(schoolAsTyped);
    if (known) return known;
    const key = normalizeName(schoolAsTyped);
    let tally = tallies.get(key);
    if (!tally) {
      tally = {
        callsPast7Days: 0,
        callsPrior7Days: 0,
        households: new Map(),
        languages: new Map(),
        voices: [],
      };
      tallies.set(key, tally);
    }
    talliesAsTyped.set(schoolAsTyped, tally);
    return tally;
  };

  // A person with Staff rows in two schools has their week counted per school, as the Summary credits them.
  const staffRows = new Map<string, number>();
  for (const m of input.staff) staffRows.set(m.email, (staffRows.get(m.email) ?? 0) + 1);
  const staffWeekKey = (email: string, school: string): string =>
    (staffRows.get(email) ?? 0) > 1 ? `${email}|${normalizeName(school)}` : email;
  const staffPast7 = new Map<string, number>();
  const urgentCalls = new Map<string, CallRecord>();
  const languageKeys = new Map<string, string>();

  for (const call of input.calls) {
    const day = call.callDate;
    // The Summary's rule: a call outside the window, without a caller, or withdrawn does not count.
    if (!day || !call.staffEmail || day < settings.callsStartDate || day > today || !isCounted(call))
      continue;
    if (call.urgent && call.callId) urgentCalls.set(call.callId, call);
    const tally = tallyOf(call.school);
    const reached = call.outcome === REACHED_OUTCOME;
    const inPast7 = day >= windows.past[0];
    if (inPast7) {
      tally.callsPast7Days++;
      const key = staffWeekKey(call.staffEmail, call.school);
      staffPast7.set(key, (staffPast7.get(key) ?? 0) + 1);
    } else if (day >= windows.prior[0]) tally.callsPrior7Days++;

    const household = households.keyFor(call);
    let h = tally.households.get(household);
    if (!h) {
      h = { attempts: 0, reached: false, lastAttempt: day, students: [], callers: [] };
      tally.households.set(household, h);
    }
    h.attempts++;
    h.reached ||= reached;
    if (day > h.lastAttempt) h.lastAttempt = day;
    // Only unreached households are listed: a reached one needs no names.
    if (!h.reached) {
      addName(h.students, call.student);
      addName(h.callers, call.staffName);
    }

    if (!reached) continue;
    let languageKey = languageKeys.get(call.language);
    if (languageKey === undefined) {
      languageKey = (call.language.trim() || 'Not recorded').toLowerCase();
      languageKeys.set(call.language, languageKey);
    }
    let line = tally.languages.get(languageKey);
    if (!line) {
      line = {
        language: call.language.trim() || 'Not recorded',
        conversationsPast7Days: 0,
        conversations: 0,
        withInterpreter: 0,
      };
      tally.languages.set(languageKey, line);
    }
    line.conversations++;
    if (inPast7) line.conversationsPast7Days++;
    if (call.interpreter && call.interpreter !== 'None') line.withInterpreter++;
    if (inPast7 && call.okToQuote && !call.urgent && (call.familyStrengths || call.hopesAndDreams)) {
      keepNewest(tally.voices, { call, household });
    }
  }

  const dueDays = settings.followUpDueDays;
  const followUpsBySchool = new Map<string, FollowUpRecord[]>();
  for (const f of input.followUps) {
    if (!isOpenFollowUp(f)) continue;
    const key = normalizeName(f.school);
    const list = followUpsBySchool.get(key);
    if (list) list.push(f);
    else followUpsBySchool.set(key, [f]);
  }
  const flaggedDay = (f: FollowUpRecord): Day | null => f.flaggedOn;
  const overdueIn = (list: readonly FollowUpRecord[]): number =>
    list.filter((f) => isOverdue(f, today, dueDays)).length;

  const schoolRows = new Map(input.schools.map((s) => [normalizeName(s.school), s]));
  const staffBySchool = new Map<string, GoalProgress[]>();
  // The digest lists staff with a goal; the Summary also lists those without one who logged calls.
  for (const s of summary.staff.filter(hasGoal)) {
    const key = normalizeName(s.school);
    const list = staffBySchool.get(key);
    if (list) list.push(s);
    else staffBySchool.set(key, [s]);
  }
  // The names each caller's quotes are redacted with: the ones the form showed the caller.
  const namesOf = settings.shareFamilyVoicesInDigests ? voiceNamesIndex(input.staff, input.roster) : null;

  const schools: SchoolDigest[] = [];
  const districtRows: DistrictRow[] = [];
  for (const progress of summary.schools) {
    const key = normalizeName(progress.school);
    const tally = tallyOf(progress.school);
    const onSchoolsTab = schoolRows.get(key);
    const active =
      progress.staffWithGoals > 0 ||
      progress.rosterFamilies > 0 ||
      tally.households.size > 0 ||
      (followUpsBySchool.get(key)?.length ?? 0) > 0;
    if (!onSchoolsTab && !active) continue; // e.g. a district office on Staff: no school to report on
    const openList = followUpsBySchool.get(key) ?? [];
    const digest = schoolDigest({
      progress,
      tally,
      staff: staffBySchool.get(key) ?? [],
      staffPast7: (email) => staffPast7.get(staffWeekKey(email, progress.school)) ?? 0,
      voiceNames: (call) => (namesOf ? namesOf(call) : []),
      openFollowUps: openList,
      urgentCalls,
      flaggedDay,
      households,
      recipients: onSchoolsTab?.principalEmails ?? [],
      goalDeadline: onSchoolsTab?.goalDeadline ?? settings.goalDeadline,
      input,
      weekOf,
    });
    schools.push(digest);
    districtRows.push({
      school: progress.school,
      staffWithGoals: progress.staffWithGoals,
      percentMet: progress.percentMet,
      percentExceeded: share(progress.exceededGoal, progress.staffWithGoals),
      familiesReached: progress.familiesReached,
      rosterFamilies: progress.rosterFamilies,
      rosterFamiliesReached: rosterReached(progress),
      percentRosterReached: progress.percentRosterReached,
      callsPast7Days: tally.callsPast7Days,
      openFollowUps: progress.openFollowUps,
      overdueFollowUps: overdueIn(openList),
    });
  }

  const d = summary.district;
  const allOpen = [...followUpsBySchool.values()].flat();
  const total: DistrictRow = {
    school: DISTRICT_SCOPE,
    staffWithGoals: d.staffWithGoals,
    percentMet: d.percentMet,
    percentExceeded: share(d.exceededGoal, d.staffWithGoals),
    familiesReached: d.familiesReached,
    rosterFamilies: d.rosterFamilies,
    rosterFamiliesReached: rosterReached(d),
    percentRosterReached: d.percentRosterReached,
    callsPast7Days: [...tallies.values()].reduce((n, t) => n + t.callsPast7Days, 0),
    openFollowUps: d.openFollowUps,
    overdueFollowUps: overdueIn(allOpen),
  };
  const leaders = [...new Set(input.staff.filter((m) => m.role === 'Leader').map((m) => m.email))];
  return {
    schools,
    district: {
      kind: 'district',
      scope: DISTRICT_SCOPE,
      recipients: leaders,
      weekOf,
      today,
      schools: districtRows,
      total,
      links: input.links,
    },
  };
}

interface SchoolParts {
  progress: SchoolProgress;
  tally: SchoolTally;
  staff: readonly GoalProgress[];
  staffPast7: (email: string) => number;
  /** The names a call's quote is redacted with. */
  voiceNames: (call: CallRecord) => NameWords;
  openFollowUps: readonly FollowUpRecord[];
  urgentCalls: ReadonlyMap<string, CallRecord>;
  flaggedDay: (f: FollowUpRecord) => Day | null;
  households: HouseholdIndex;
  recipients: string[];
  goalDeadline: Day;
  input: DigestInput;
  weekOf: Day;
}

/** A staff row with a goal, so with a status. */
type GoalProgress = StaffProgress & { goal: number; status: ProgressStatus };

function hasGoal(s: StaffProgress): s is GoalProgress {
  return s.goal !== null && s.status !== null;
}

function schoolDigest(p: SchoolParts): SchoolDigest {
  const { settings, today } = p.input;
  const { progress, tally } = p;

  const staffLines = p.staff
    .map<StaffLine>((s) => ({
      name: s.name,
      counted: s.counted,
      goal: s.goal,
      callsPast7Days: p.staffPast7(s.email),
      status: s.status,
    }))
    .sort(
      (a, b) =>
        (CHECK_IN_ORDER.get(a.status) ?? 0) - (CHECK_IN_ORDER.get(b.status) ?? 0) || byText(a.name, b.name),
    );
  const staff = capped(staffLines);
  const moreStaffByStatus = PROGRESS_STATUSES.map((status) => ({
    status,
    count: staffLines.slice(LIST_CAP).filter((s) => s.status === status).length,
  })).filter((s) => s.count > 0);

  const urgentOpen = p.openFollowUps
    .map((f) => ({ f, call: p.urgentCalls.get(f.callId) }))
    .filter(({ f, call }) => call !== undefined || /^urgent\b/i.test(f.reason))
    .map(({ f, call }) => ({ f, call, flagged: p.flaggedDay(f) }))
    .sort((a, b) =>
      (a.flagged ?? '9999') < (b.flagged ?? '9999')
        ? -1
        : (a.flagged ?? '9999') > (b.flagged ?? '9999')
          ? 1
          : a.f.row - b.f.row,
    );
  const followUps = capped(
    urgentOpen.map<FollowUpLine>(({ f, call }) => ({
      student: f.student,
      // Without notes in email, only the matched phrases: a hand-written reason may quote the notes.
      reason: settings.includeNotesInEmails
        ? f.reason
        : call?.urgentReason
          ? `Urgent: ${call.urgentReason}`
          : 'Urgent',
      notes:
        settings.includeNotesInEmails && call?.notes ? cut(call.notes.replace(/\s+/g, ' '), NOTE_LENGTH) : '',
      daysOpen: daysOpen(f, today),
      owner: f.assignedTo,
      overdue: isOverdue(f, today, settings.followUpDueDays),
    })),
  );

  const unreachedLines = [...tally.households.values()]
    .filter((h) => !h.reached && h.attempts >= settings.attemptsBeforeHandOff)
    .sort((a, b) => (a.lastAttempt < b.lastAttempt ? -1 : a.lastAttempt > b.lastAttempt ? 1 : 0))
    .map<UnreachedLine>((h) => ({
      students: h.students.join(', '),
      attempts: h.attempts,
      lastAttempt: h.lastAttempt,
      calledBy: h.callers.join(', '),
    }));

  const languages = capped(
    [...tally.languages.values()].sort(
      (a, b) => b.conversations - a.conversations || byText(a.language, b.language),
    ),
  );

  let voices: FamilyVoice[] | null = null;
  if (settings.shareFamilyVoicesInDigests) {
    voices = [];
    for (const { call } of tally.voices) {
      if (voices.length === MAX_VOICES) break;
      const voice = familyVoiceOf(call, p.voiceNames(call));
      if (voice.kind) voices.push(voice);
    }
  }

  return {
    kind: 'school',
    scope: progress.school,
    recipients: p.recipients,
    weekOf: p.weekOf,
    today,
    goalCounts: settings.goalCounts,
    headline: {
      familiesReached: progress.familiesReached,
      rosterFamilies: progress.rosterFamilies,
      rosterFamiliesReached: rosterReached(progress),
      percentRosterReached: progress.percentRosterReached,
      callsPast7Days: tally.callsPast7Days,
      callsPrior7Days: tally.callsPrior7Days,
      staffWithGoals: progress.staffWithGoals,
      percentMet: progress.percentMet,
      percentExceeded: share(progress.exceededGoal, progress.staffWithGoals),
      goalDeadline: p.goalDeadline,
      daysLeft: daysBetween(today, p.goalDeadline),
    },
    staff,
    moreStaffByStatus,
    followUps,
    callsByHand: p.staff.reduce((n, s) => n + s.byHand, 0),
    openFollowUps: p.openFollowUps.length,
    overdueFollowUps: p.openFollowUps.filter((f) => isOverdue(f, today, settings.followUpDueDays)).length,
    unreached: capped(unreachedLines),
    handOffAttempts: settings.attemptsBeforeHandOff,
    languages,
    voices,
    links: p.input.links,
  };
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** `Relationship calls · Maple Elementary · week of Nov 23: 64% of families reached`. */
export function digestSubject(digest: Digest): string {
  const reached =
    digest.kind === 'school'
      ? { count: digest.headline.familiesReached, share: digest.headline.percentRosterReached }
      : { count: digest.total.familiesReached, share: digest.total.percentRosterReached };
  const figure =
    reached.share === null
      ? `${reached.count.toLocaleString('en-US')} ${reached.count === 1 ? 'family' : 'families'} reached`
      : `${percent(reached.share)} of families reached`;
  return `Relationship calls · ${digest.scope} · week of ${shortDay(digest.weekOf)}: ${figure}`;
}
