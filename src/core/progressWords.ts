/**
 * A caller's progress in words, against their goal, the deadline and the pace the Summary uses:
 * "5 of 8 families reached — 3 to go, 12 days left", "Goal met: 9 of 8 families reached".
 */
import { Day, daysBetween, shortDay } from './dates';
import { paceFor, statusFor } from './progress';
import { ProgressStatus } from './schema';

export interface ProgressFacts {
  goal: number | null;
  /** What counts toward the goal under Goal Counts. */
  counted: number;
  attempts: number;
  /** Settings' Goal Counts. */
  counts: 'Families reached' | 'All attempts';
}

export interface GoalWindow {
  callsStartDate: Day;
  /** The caller's school's Goal Deadline (else Settings'). */
  deadline: Day;
  today: Day;
}

export interface ProgressWords {
  /** "5 of 8 families reached — 3 to go, 12 days left". */
  headline: string;
  /** Where the caller stands against the pace: "On pace for Dec 19." ('' without a goal). */
  pace: string;
  /** The Summary's status, null without a goal. */
  status: ProgressStatus | null;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "families reached" / "calls logged", agreeing with `n`. */
function unitOf(counts: ProgressFacts['counts'], n: number): string {
  return counts === 'All attempts'
    ? `${n === 1 ? 'call' : 'calls'} logged`
    : `${n === 1 ? 'family' : 'families'} reached`;
}

function timeLeft(window: GoalWindow): string {
  const days = daysBetween(window.today, window.deadline);
  if (days > 0) return `${plural(days, 'day', 'days')} left`;
  if (days === 0) return 'the deadline is today';
  return `the deadline passed on ${shortDay(window.deadline)}`;
}

export function progressWords(p: ProgressFacts, window: GoalWindow): ProgressWords {
  const { goal, counted } = p;
  if (goal === null) return { headline: `${counted} ${unitOf(p.counts, counted)}`, pace: '', status: null };
  const of = `${counted} of ${goal} ${unitOf(p.counts, goal)}`;
  const status = statusFor(counted, p.attempts, goal, window.callsStartDate, window.deadline, window.today);
  if (counted > goal) return { headline: `Goal exceeded: ${of}`, pace: '', status };
  if (counted === goal) return { headline: `Goal met: ${of}`, pace: '', status };
  const headline = `${of} — ${goal - counted} to go, ${timeLeft(window)}`;
  const due = Math.ceil(paceFor(goal, window.callsStartDate, window.deadline, window.today) - 1e-9);
  const pace =
    counted >= due
      ? `On pace for ${shortDay(window.deadline)}.`
      : `Behind pace: ${due - counted} more would put you on pace today.`;
  return { headline, pace, status };
}

/** "12 families are assigned to you": households on the Roster with the caller's email in Assigned To. */
export function assignedText(households: number): string {
  return households === 0
    ? ''
    : `${plural(households, 'family is', 'families are')} assigned to you on the Roster.`;
}
