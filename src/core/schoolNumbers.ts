/**
 * One school's numbers from its state alone: its Summary rows, what it adds to the district's
 * row, and its Families rows. The same counting code as the district's (computeSummary,
 * computeFamilies) over the calls that bear on the school, so a school refreshed on its own
 * shows what a whole refresh would.
 */
import { callOfFact, followUpOfFact } from './callFacts';
import { Day } from './dates';
import { computeFamilies, FamilyRow } from './families';
import { normalizeName } from './households';
import {
  computeSummary,
  emptyContribution,
  SchoolContribution,
  SchoolProgress,
  StaffProgress,
} from './progress';
import { School } from './records';
import { SchoolNumbers as RollupRow, schoolRollup } from './rollup';
import { SchoolState } from './schoolState';
import { Settings } from './settings';
import { studentsIndex } from './snapshot';

export interface SchoolNumbers {
  /** normalizeName of the school. */
  school: string;
  /** Its staff rows on the Summary (its people's rows at this school). */
  staff: StaffProgress[];
  /** Its row in the Summary's school table; null for '' (what names no school). */
  row: SchoolProgress | null;
  contribution: SchoolContribution;
  /** A row per household of its Roster. */
  families: FamilyRow[];
  /** What it publishes on the Rollup tab; null with `row`. */
  rollup: RollupRow | null;
}

export interface SchoolNumbersContext {
  schools: readonly School[];
  settings: Settings;
  today: Day;
}

export function schoolNumbers(state: SchoolState, ctx: SchoolNumbersContext): SchoolNumbers {
  const households = studentsIndex(state.students);
  const calls = state.calls.map(callOfFact);
  const followUps = state.followUps.map(followUpOfFact);
  const own = (name: string): boolean => normalizeName(name) === state.school;
  const summary = computeSummary({
    staff: state.staff,
    schools: ctx.schools,
    roster: state.students,
    calls,
    followUps,
    settings: ctx.settings,
    today: ctx.today,
    households,
  });
  const families = computeFamilies({
    roster: state.students.filter((s) => own(s.school)),
    calls,
    staff: state.staff,
    settings: ctx.settings,
    today: ctx.today,
    households,
  });
  const row = state.school === '' ? null : (summary.schools.find((r) => own(r.school)) ?? null);
  return {
    school: state.school,
    staff: summary.staff.filter((s) => own(s.school)),
    row,
    contribution: summary.contributions[state.school] ?? emptyContribution(),
    families,
    rollup: row && schoolRollup(row, calls, followUps, ctx.settings, ctx.today),
  };
}
