/**
 * A new school year (issue 18): a leader makes a copy of last year's tracker (File → Make a copy)
 * and starts the new year in the copy; in last year's tracker, closes the year. Each step asks
 * with defaults, says what it did, refuses the wrong tracker, and loses nothing: every row of last
 * year's tabs is compared before and after.
 */
import type { Emulator } from '../../dev/emulator';
import type { CallFormData, MySchoolView } from '../../src/contract';
import {
  addRows,
  callInput,
  headersOf,
  newTracker,
  OWNER,
  PRINCIPAL,
  records,
  submitAs,
  SUPPORT,
  tab,
  TEACHER,
  typeRow,
  upkeep,
  workbookChanges,
  workbookState,
} from './helpers';

const DEPUTY = 'deputy@district.example.org';
const DISTRICT_TRACKER = 'https://docs.google.com/spreadsheets/d/1DistrictTrackerOfTheSampleDistrict000/edit';
const urgentSubjects = (emu: Emulator) => emu.outbox.filter((m) => m.subject.startsWith('Urgent follow-up'));
const lastAlert = (emu: Emulator) => emu.ui.alerts.at(-1)?.prompt ?? '';

/** Every tab's rows as values, what a person would compare. */
function everyRow(emu: Emulator): Record<string, unknown[][]> {
  return Object.fromEntries(
    emu.spreadsheet.getSheets().map((s) => [s.getName(), s.getDataRange().getValues()]),
  );
}

/**
 * Last year's tracker, in use: calls, an urgent follow-up still open (its alert sent), one
 * resolved, weekly digests scheduled and sent, a school's own Goal Deadline, a second Leader with
 * an upkeep trigger of their own.
 */
function lastYear(): Emulator {
  const emu = newTracker();
  addRows(emu, 'Staff', [{ Email: DEPUTY, Name: 'Mr. Diaz', School: 'District Office', Role: 'Leader' }]);
  const schools = tab(emu, 'Schools');
  schools.getRange(2, 4).setValue('2026-10-15');
  emu.run('setUpTracker', [], { user: OWNER });
  expect(submitAs(emu, TEACHER, callInput())).toMatchObject({ ok: true });
  expect(
    submitAs(emu, TEACHER, callInput({ student: 'Mateo Ruiz', notes: 'They were evicted last week.' })),
  ).toMatchObject({ ok: true, urgent: true });
  expect(
    submitAs(emu, TEACHER, callInput({ student: 'Sofia Ruiz', notes: 'The family is homeless.' })),
  ).toMatchObject({ ok: true, urgent: true });
  typeRow(
    emu,
    'Follow-ups',
    3,
    { ...records(emu, 'Follow-ups')[1], Status: 'Resolved', Resolution: 'Shelter found' },
    SUPPORT,
  );
  emu.run('scheduleWeeklyDigests', [], { user: OWNER });
  const weekly = emu.triggers.find((t) => t.handlerFunction === 'runWeeklyDigests')!;
  emu.fireTrigger(weekly.uniqueId);
  emu.run('setUpTracker', [], { user: DEPUTY });
  // It reports to a district tracker, which wrote its % Met beside the school's numbers.
  const settings = records(emu, 'Settings');
  tab(emu, 'Settings')
    .getRange(settings.findIndex((r) => r.Setting === 'District Tracker') + 2, 2)
    .setValue(DISTRICT_TRACKER);
  upkeep(emu);
  const rollup = tab(emu, 'Rollup');
  const at = headersOf(emu, 'Rollup').length + 1; // the district's columns, after the school's
  rollup.getRange(1, at, 2, 3).setValues([
    ['District Tracker', 'District % Met', 'District Refreshed At'],
    [DISTRICT_TRACKER, 0.4, new Date()],
  ]);
  return emu;
}

/** Starts the year in `copy` answering: Calls Start Date, Goal Deadline (blank: the default), Roster kept, go. */
function start(copy: Emulator, user = OWNER, answers = { start: '2027-08-02', roster: 'NO' }): void {
  copy.alertResponses = [
    { button: 'OK', text: answers.start },
    { button: 'OK', text: '' },
    answers.roster,
    'YES',
  ];
  copy.run('startNewSchoolYear', [], { user });
}

/** A step refused before it asks anything: no answer is queued. */
function refused(emu: Emulator, fn: 'startNewSchoolYear' | 'closeSchoolYear', user = OWNER): string {
  emu.alertResponses = [];
  emu.run(fn, [], { user });
  return lastAlert(emu);
}

function close(emu: Emulator, next: Emulator, user = OWNER): void {
  emu.alertResponses = [{ button: 'OK', text: `${next.spreadsheet.getUrl()}#gid=0` }, 'YES'];
  emu.run('closeSchoolYear', [], { user });
}

describe('Start a new school year, in a copy of last year’s tracker', () => {
  const original = lastYear();
  const before = everyRow(original);
  const alertsSentLastYear = urgentSubjects(original).length;
  const copy = original.makeCopy({ user: OWNER, name: 'Relationship Call Tracker 2027–28' });
  start(copy);
  const said = lastAlert(copy);

  it('asks for the new year’s days, with last year’s a year later as defaults', () => {
    expect(copy.ui.prompts.map((p) => p.prompt)).toEqual([
      'Calls Start Date for the new school year (YYYY-MM-DD). Leave it blank for 2027-08-01.',
      'Goal Deadline for the new school year (YYYY-MM-DD). Leave it blank for 2027-10-31.',
    ]);
    const settings = Object.fromEntries(records(copy, 'Settings').map((r) => [r.Setting, r.Value]));
    expect(settings['Calls Start Date']).toEqual(new Date('2027-08-02T05:00:00Z'));
    expect(settings['Goal Deadline']).toEqual(new Date('2027-10-31T05:00:00Z'));
    expect(settings['Previous Year Tracker']).toBe(original.spreadsheet.getUrl());
  });

  it('empties the year’s tabs and keeps Staff, Schools, Settings, Alert Routes and the Roster', () => {
    expect(records(copy, 'Call Log')).toEqual([]);
    expect(records(copy, 'Digest Log')).toEqual([]);
    for (const name of ['Staff', 'Alert Routes', 'Roster'])
      expect([name, records(copy, name)]).toEqual([name, records(original, name)]);
    // Maple's own deadline was last year's: cleared, and said.
    expect(records(copy, 'Schools')[0]['Goal Deadline']).toBe('');
    expect(said).toContain('Goal Deadline cleared for Maple Elementary');
  });

  it('empties the Rollup: this year’s numbers only, nothing the district wrote about last year’s tracker; the District Tracker setting is kept', () => {
    expect(records(original, 'Rollup')[0]).toMatchObject({ 'Families Reached': 1, 'District % Met': 0.4 });
    const rollup = records(copy, 'Rollup');
    expect(rollup.map((r) => [r.School, r['Families Reached'], r['District Tracker'] ?? ''])).toEqual([
      ['Maple Elementary', 0, ''],
    ]);
    const settings = Object.fromEntries(records(copy, 'Settings').map((r) => [r.Setting, r.Value]));
    expect(settings['District Tracker']).toBe(DISTRICT_TRACKER);
    expect(said).toContain(
      `This tracker reports to the district tracker ${DISTRICT_TRACKER} (Settings → District Tracker, kept): ask a Leader there to replace last year's link with this one`,
    );
  });

  it('carries the open follow-up over, marked as from last year, signed by this tracker; the closed one stays behind', () => {
    expect(records(copy, 'Follow-ups').map((r) => [r.Student, r.Reason, r.Status])).toEqual([
      ['Mateo Ruiz', 'Housing: "evicted" (from last year)', 'Open'],
    ]);
    expect(said).toContain('1 open follow-up carried over, marked "(from last year)"');
    expect(said).toContain('1 closed one stayed in last year');
  });

  it('rebuilds its Summary whole from this year’s tabs: the carried follow-up counted, nothing of last year’s stored state used', () => {
    const summary = tab(copy, 'Summary').getDataRange().getValues();
    const header = (first: string): number => summary.findIndex((r) => r[0] === first && r[1] !== '');
    const row = (label: string, from: number): unknown[] =>
      summary.slice(from).find((r) => r.includes(label))!;
    const schools = summary[header('School')];
    const maple = row('Maple Elementary', header('School'));
    expect([maple[schools.indexOf('Families Reached')], maple[schools.indexOf('Open Follow-ups')]]).toEqual([
      0, 1,
    ]);
    const staffHeader = summary.findIndex((r) => r[0] === 'Staff');
    const staff = summary[staffHeader];
    const ortiz = row('Ms. Ortiz', staffHeader);
    expect([ortiz[staff.indexOf('Attempts')], ortiz[staff.indexOf('Open Follow-ups')]]).toEqual([0, 1]);
    // A copy has no document properties: its first refresh read this year's (empty) Call Log whole.
    const meta = (emu: Emulator) => {
      const raw = emu.documentProperties.get('state.meta') ?? '';
      return JSON.parse(raw.slice(raw.indexOf('|') + 1)) as {
        base: number;
        blobs: Record<string, { first: number; parts: number }>;
      };
    };
    expect(meta(copy).base).toBe(1);
    // Sidebar Data holds this build's parts alone, each signed with this tracker's key: not one of last year's rows is left.
    const rows = tab(copy, 'Sidebar Data').getDataRange().getValues().slice(1);
    const parts = Object.values(meta(copy).blobs).reduce((n, b) => n + b.parts, 0);
    expect(rows).toHaveLength(parts);
    const lastYears = new Set(
      tab(original, 'Sidebar Data')
        .getDataRange()
        .getValues()
        .map((r) => r[3]),
    );
    expect(rows.filter((r) => lastYears.has(r[3]))).toEqual([]);
  });

  it("a principal's My school in the copy shows this year's numbers, from the copy's own Sidebar Data", () => {
    const view = (emu: Emulator) => {
      emu.dropCaches(); // from the signed row its refresh wrote, not a cache
      const value = emu.callFromClient('getMySchool', [''], { user: PRINCIPAL }).value as MySchoolView;
      expect(value.ok).toBe(true);
      return {
        reached: value.waiting.rosterFamilies - value.waiting.count,
        urgent: value.urgent.lines.map((u) => u.student),
        deadline: value.goal.deadline,
        links: value.links,
      };
    };
    const lastYears = view(original);
    const thisYears = view(copy);
    expect(lastYears).toMatchObject({ reached: 1, urgent: ['Mateo Ruiz'], deadline: '2026-10-15' });
    // Nobody reached yet; the carried follow-up open; this year's deadline; links into the copy's own tabs.
    expect(thisYears).toMatchObject({ reached: 0, urgent: ['Mateo Ruiz'], deadline: '2027-10-31' });
    expect(thisYears.links.summary).toContain(copy.spreadsheet.getUrl());
    expect(thisYears.links.summary).not.toContain(original.spreadsheet.getUrl());
  });

  it('has its own signing key and triggers; the weekly digests go on as last year', () => {
    expect(copy.documentProperties.get('signature.key')).toBeTruthy();
    expect(copy.documentProperties.get('signature.key')).not.toBe(
      original.documentProperties.get('signature.key'),
    );
    expect(copy.triggers.map((t) => [t.handlerFunction, t.createdBy]).sort()).toEqual([
      ['runUpkeep', OWNER],
      ['runWeeklyDigests', OWNER],
    ]);
  });

  it('says exactly what it did, and what to do next in last year’s tracker', () => {
    expect(said).toContain(
      'This spreadsheet is now the tracker for 2027–28: calls from 2027-08-02, goals due 2027-10-31.',
    );
    expect(said).toContain(`Last year's tracker, kept as it was: ${original.spreadsheet.getUrl()}`);
    expect(said).toContain('Emptied: Call Log (3 calls)');
    expect(said).toContain(
      `Close this school year and give it this tracker's link: ${copy.spreadsheet.getUrl()}`,
    );
  });

  it('works as a tracker of its own: teachers log calls, nothing carried over is alerted again', () => {
    copy.clock.set(new Date('2027-09-01T15:00:00Z'));
    expect(submitAs(copy, TEACHER, callInput({ callDate: '2027-08-31' }))).toMatchObject({ ok: true });
    copy.clock.advance(10 * 60_000);
    upkeep(copy);
    expect(urgentSubjects(copy)).toEqual([]);
    expect(records(copy, 'Follow-ups')).toHaveLength(1);
    const form = copy.callFromClient('getCallFormData', [], { user: TEACHER }).value as CallFormData;
    expect(form).toMatchObject({ ok: true, progress: { familiesReached: 1 } });
    // The same day, upkeep refreshes what changed since: the carried follow-up still counted.
    expect(
      submitAs(copy, TEACHER, callInput({ callDate: '2027-09-01', outcome: 'No answer', familyMember: '' })),
    ).toMatchObject({ ok: true });
    copy.clock.advance(10 * 60_000);
    upkeep(copy);
    const summary = tab(copy, 'Summary').getDataRange().getValues();
    const header = summary.find((r) => r[0] === 'Staff')!;
    const ortiz = summary.find((r) => r[0] === 'Ms. Ortiz')!;
    expect([ortiz[header.indexOf('Attempts')], ortiz[header.indexOf('Open Follow-ups')]]).toEqual([2, 1]);
    // My school follows the copy's incremental refresh: the family reached this year.
    const mine = copy.callFromClient('getMySchool', [''], { user: PRINCIPAL }).value as MySchoolView;
    expect(mine.waiting.rosterFamilies - mine.waiting.count).toBe(1);
  });

  it('refuses to start again, and changes nothing', () => {
    const state = workbookState(copy);
    expect(refused(copy, 'startNewSchoolYear')).toContain(
      "This tracker's school year was already started here",
    );
    expect(workbookChanges(state, workbookState(copy))).toEqual([]);
  });

  it('leaves last year’s tracker exactly as it was', () => {
    expect(everyRow(original)).toEqual(before);
    expect(urgentSubjects(original)).toHaveLength(alertsSentLastYear);
  });

  describe('then Close this school year, in last year’s tracker', () => {
    const closing = lastAlert;
    beforeAll(() => close(original, copy));

    it('loses nothing: every row of every tab is as it was, the Summary only has a first line more', () => {
      const after = everyRow(original);
      const [first, ...summary] = after.Summary;
      expect(String(first[0])).toContain(`This year's tracker: ${copy.spreadsheet.getUrl()}`);
      expect({ ...after, Summary: summary }).toEqual(before);
      expect(closing(original)).toContain('nothing in its tabs was deleted or changed');
    });

    it('stops its triggers (the other Leader’s removes itself at its next run)', () => {
      expect(original.triggers.filter((t) => t.createdBy === OWNER)).toEqual([]);
      const deputys = original.triggers.filter((t) => t.createdBy === DEPUTY);
      for (const t of deputys) original.fireTrigger(t.uniqueId);
      expect(original.triggers).toEqual([]);
    });

    it('takes no more calls or follow-ups: the form says where to log; the rows are protected', () => {
      const refused = submitAs(original, TEACHER, callInput());
      expect(refused).toEqual({
        ok: false,
        errors: {
          form: expect.stringContaining(
            `Log calls in this year's tracker: ${copy.spreadsheet.getUrl()}`,
          ) as unknown,
        },
      });
      const form = original.callFromClient('getCallFormData', [], { user: TEACHER }).value;
      expect(form).toMatchObject({
        ok: false,
        message: expect.stringContaining(copy.spreadsheet.getUrl()) as unknown,
      });
      expect(() => original.edit('Call Log', 'G5', [['Typed anyway']], { user: TEACHER })).toThrow(
        'protected cell',
      );
      expect(() => original.edit('Follow-ups', 'H2', [['Resolved']], { user: SUPPORT })).toThrow(
        'protected cell',
      );
    });

    it('refuses to close twice, and changes nothing', () => {
      const state = workbookState(original);
      expect(refused(original, 'closeSchoolYear')).toContain("This tracker's school year was already closed");
      expect(workbookChanges(state, workbookState(original))).toEqual([]);
    });
  });
});

describe('the wrong tracker, the wrong person', () => {
  it('Start a new school year in the tracker in use is refused: nothing is emptied', () => {
    const emu = lastYear();
    const state = workbookState(emu);
    expect(refused(emu, 'startNewSchoolYear')).toContain('This is a tracker in use, not a fresh copy');
    expect(workbookChanges(state, workbookState(emu))).toEqual([]);
  });

  it('Close this school year in a fresh copy is refused', () => {
    const copy = lastYear().makeCopy({ user: OWNER });
    const state = workbookState(copy);
    expect(refused(copy, 'closeSchoolYear')).toContain(
      'This spreadsheet is a copy that has not started a school year',
    );
    expect(workbookChanges(state, workbookState(copy))).toEqual([]);
  });

  it('a teacher or a principal may do neither; Cancel changes nothing', () => {
    const original = lastYear();
    const copy = original.makeCopy({ user: OWNER });
    for (const user of [TEACHER, PRINCIPAL]) {
      const before = [workbookState(original), workbookState(copy)];
      expect(refused(copy, 'startNewSchoolYear', user)).toContain(
        "Only the spreadsheet's owner or a Leader on the Staff tab can start a new school year",
      );
      expect(refused(original, 'closeSchoolYear', user)).toContain(
        "Only the spreadsheet's owner or a Leader on the Staff tab can close the school year",
      );
      expect(workbookChanges(before[0], workbookState(original))).toEqual([]);
      expect(workbookChanges(before[1], workbookState(copy))).toEqual([]);
    }
    const state = workbookState(copy);
    copy.alertResponses = [{ button: 'CANCEL', text: '2027-08-02' }];
    copy.run('startNewSchoolYear', [], { user: OWNER });
    expect(lastAlert(copy)).toBe('Nothing was changed.');
    expect(workbookChanges(state, workbookState(copy))).toEqual([]);
  });

  it('Set up tracker in a fresh copy lays it out but starts nothing: no key, no trigger, and says how to start', () => {
    const copy = lastYear().makeCopy({ user: OWNER });
    copy.run('setUpTracker', [], { user: OWNER });
    expect(lastAlert(copy)).toContain('This spreadsheet is a copy of');
    expect(copy.documentProperties.get('signature.key')).toBeUndefined();
    expect(copy.triggers).toEqual([]);
    start(copy);
    expect(lastAlert(copy)).toContain('This spreadsheet is now the tracker for 2027–28');
  });

  it('a day that is not a day is asked again; the Roster is emptied when the leader says so', () => {
    const copy = lastYear().makeCopy({ user: OWNER });
    copy.alertResponses = [
      { button: 'OK', text: 'next August' },
      { button: 'OK', text: '2027-08-02' },
      { button: 'OK', text: '2027-07-01' },
      { button: 'OK', text: '' },
      'YES',
      'YES',
    ];
    copy.run('startNewSchoolYear', [], { user: OWNER });
    expect(copy.ui.prompts.map((p) => p.prompt.split('.')[0])).toEqual([
      'Calls Start Date for the new school year (YYYY-MM-DD)',
      '"next August" is not a day',
      'Goal Deadline for the new school year (YYYY-MM-DD)',
      '2027-07-01 is before 2027-08-02',
    ]);
    expect(records(copy, 'Roster')).toEqual([]);
    expect(lastAlert(copy)).toContain('and the Roster, as you chose');
  });
});
