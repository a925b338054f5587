import { callFactOf, CallFact } from '../../src/core/callFacts';
import {
  ColumnStore,
  decodeColumns,
  encodeColumns,
  runsHave,
  StringTable,
  toRuns,
} from '../../src/core/compact';
import { computeSummary, districtProgress } from '../../src/core/progress';
import {
  addToJournal,
  decodeState,
  emptyJournal,
  encodeState,
  encodeStudentIds,
  journalLine,
  parseJournal,
  RowSchoolsBuilder,
  rowSchoolsOf,
  SchoolState,
  studentIdLookup,
  withJournal,
} from '../../src/core/schoolState';
import { CALL_FACT_FIELDS } from '../../src/core/callFacts';
import { syntheticDistrict } from '../../bench/syntheticDistrict';
import { callRecord } from './fixtures';

const fact = (over: Partial<CallFact>): CallFact => ({ ...callFactOf(callRecord({}), 'roster:1'), ...over });

describe('compact columns', () => {
  it('round-trip records: repeated text kept once, rows as differences, nulls and flags', () => {
    const calls = [
      fact({ row: 2, callDate: null, urgent: true, urgentReason: 'Housing: "evicted"' }),
      fact({ row: 3, callId: 'C-2' }),
      fact({ row: 40, callId: 'C-3', staffName: 'Mr. Nguyen' }),
    ];
    const strings = new StringTable();
    const columns = encodeColumns(calls, CALL_FACT_FIELDS, strings);
    expect(columns.row).toEqual([2, 1, 37]);
    expect(strings.values.filter((v) => v === 'ortiz@x.org')).toHaveLength(1);
    expect(decodeColumns(JSON.parse(JSON.stringify(columns)), CALL_FACT_FIELDS, strings.values)).toEqual(
      calls,
    );
    expect(decodeColumns({ ...columns, outcome: [0] }, CALL_FACT_FIELDS, strings.values)).toBeNull();
  });

  it('a column store gives back what it was given, past its first capacity', () => {
    const store = new ColumnStore<CallFact>(CALL_FACT_FIELDS);
    const many = Array.from({ length: 3_000 }, (_, i) =>
      fact({ row: i + 2, callId: `C-${i}`, urgent: i % 7 === 0 }),
    );
    many.forEach((f) => store.push(f));
    expect(store.length).toBe(3_000);
    expect([store.get(0), store.get(2_999)]).toEqual([many[0], many[2_999]]);
  });

  it('row runs', () => {
    const runs = toRuns([9, 2, 3, 4, 7, 3]);
    expect(runs).toEqual([
      [2, 4],
      [7, 7],
      [9, 9],
    ]);
    expect([1, 2, 5, 7, 9, 10].map((r) => runsHave(runs, r))).toEqual([
      false,
      true,
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('school states and the journal', () => {
  const state: SchoolState = {
    school: 'maple',
    students: [],
    staff: [{ email: 'ortiz@x.org', name: 'Ms. Ortiz', school: 'Maple', role: 'Teacher', callGoal: 10 }],
    calls: [fact({ row: 2 }), fact({ row: 3, callId: 'C-3' })],
    followUps: [],
  };

  it('a state survives its text; another version or a cut text is no state', () => {
    const text = encodeState(state);
    expect(decodeState(text)).toEqual(state);
    expect(decodeState(text.replace('"v":4', '"v":3'))).toBeNull();
    expect(decodeState(text.slice(0, -5))).toBeNull();
  });

  it("the journal's rows replace a state's, later lines win, and a last line cut short is left out", () => {
    const edited = { ...fact({ row: 3, callId: 'C-3', outcome: 'Conversation' }), schools: 'maple' };
    const moved = { ...fact({ row: 2 }), schools: 'oak' };
    const flags = { blank: false, invalid: false, notFromForm: false, unknown: false };
    const first = journalLine({
      calls: [{ ...edited, ...flags, outcome: 'No answer' }],
      followUps: [],
      staff: new Map(),
    });
    const second = journalLine({
      calls: [
        { ...edited, ...flags },
        { ...moved, ...flags },
        { ...fact({ row: 9, callId: 'C-9' }), ...flags, schools: 'maple|oak' },
      ],
      followUps: [],
      staff: new Map(),
    });
    const journal = parseJournal(`${first}\n${second}\n${second.slice(0, 20)}`);
    expect(journal).not.toBeNull();
    const now = withJournal(state, journal!);
    expect(now.calls.map((c) => [c.row, c.outcome])).toEqual([
      [3, 'Conversation'],
      [9, 'No answer'],
    ]);
    expect(parseJournal(`${second.slice(0, 20)}\n${first}`)).toBeNull();
    const empty = emptyJournal();
    addToJournal(empty, { calls: [], followUps: [], staff: new Map() });
    expect(withJournal(state, empty)).toBe(state);
  });

  it('which schools each row bore on, a code per row whatever the number of sets', () => {
    const builder = new RowSchoolsBuilder(200);
    for (let row = 2; row <= 200; row++)
      builder.set(row, row % 3 === 0 ? [] : [`school ${row % 120}`, 'district office']);
    const schoolsOf = rowSchoolsOf(builder.encode());
    expect(schoolsOf).not.toBeNull();
    expect(schoolsOf!(3)).toEqual([]);
    expect(schoolsOf!(4)).toEqual(['district office', 'school 4']);
    expect(schoolsOf!(200)).toEqual(['district office', 'school 80']);
    expect(schoolsOf!(201)).toEqual([]);
  });

  it('Student IDs that name one household, with its school; an ID two households share names none', () => {
    const lookup = studentIdLookup(
      encodeStudentIds(
        [
          { studentId: '00123', school: 'Maple' },
          { studentId: ' 00123', school: 'Maple' },
          { studentId: 'X9', school: 'Oak' },
          { studentId: 'x9', school: 'Oak' },
        ],
        ['roster:0', 'roster:0', 'roster:2', 'roster:3'],
      ),
    );
    expect(lookup!('00123')).toEqual({ household: 'roster:0', school: 'maple' });
    expect(lookup!('X9')).toBeNull();
    expect(lookup!('nobody')).toBeNull();
  });
});

describe("the district's row", () => {
  it('is every school’s contribution added up: the same as counting the district at once', () => {
    const district = syntheticDistrict({ staff: 60, calls: 3_000, rosterStudents: 900, seed: 3, schools: 5 });
    const result = computeSummary(district);
    expect(districtProgress(Object.values(result.contributions))).toEqual(result.district);
    expect(result.district.familiesReached).toBeGreaterThan(0);
  });
});
