/**
 * One tracker per school and a district tracker over them (issue 19), on the built bundle in the
 * emulator: several spreadsheets in one Drive, each with its own owner and sharing.
 */
import { Emulator } from '../../dev/emulator';
import { DISTRICT, DISTRICT_TOTAL } from '../../src/core/schema';
import { SUMMARY_SCHOOL_HEADERS } from '../../src/core/summaryTable';
import {
  addCallRows,
  addRows,
  BUILD_DIR,
  callInput,
  NOW,
  OAK_PRINCIPAL,
  OAK_TEACHER,
  OWNER,
  PRINCIPAL,
  records,
  STRANGER,
  submitAs,
  TEACHER,
  TEACHER2,
  TZ,
  sendNow,
} from './helpers';
import { districtTracker, listTrackers, schoolTracker } from './districtWorld';

const LEADER = OWNER;
const SUPERINTENDENT = 'superintendent@district.example.org';
const PINE_PRINCIPAL = 'principal.pine@district.example.org';
const PINE_TEACHER = 'reed@district.example.org';
const CEDAR_PRINCIPAL = 'principal.cedar@district.example.org';

interface World {
  maple: Emulator;
  oak: Emulator;
  pine: Emulator;
  cedar: Emulator;
  district: Emulator;
}

function call(
  school: string,
  family: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const word = school.split(' ')[0];
  return callInput({
    student: `${word} Student ${family * 2}`,
    studentId: '',
    familyMember: `${word} Parent ${family} (mother)`,
    callDate: '2026-11-23',
    ...overrides,
  });
}

/**
 * Maple (the leader's own), Oak (shared with the leader to edit, the leader a Leader there), Pine
 * (shared to view only), Cedar (not shared). Maple: one teacher met her goal, one has not, one
 * urgent call. Oak: its teacher met his goal. Each tracker refreshed by its owner.
 */
function world(): World {
  const maple = schoolTracker(
    null,
    'Maple Elementary',
    {
      principal: PRINCIPAL,
      teachers: [
        { email: TEACHER, name: 'Ms. Ortiz', goal: 1 },
        { email: TEACHER2, name: 'Mr. Nguyen', goal: 2 },
      ],
      families: 3,
    },
    { owner: LEADER, leaders: [LEADER] },
  );
  const drive = maple.drive;
  const oak = schoolTracker(
    drive,
    'Oak Middle',
    { principal: OAK_PRINCIPAL, teachers: [{ email: OAK_TEACHER, name: 'Ms. Kim', goal: 1 }], families: 2 },
    { leaders: [LEADER] },
  );
  oak.share(LEADER, 'edit');
  const pine = schoolTracker(drive, 'Pine High', {
    principal: PINE_PRINCIPAL,
    teachers: [{ email: PINE_TEACHER, name: 'Mr. Reed', goal: 3 }],
    families: 2,
  });
  pine.share(LEADER, 'view');
  const cedar = schoolTracker(drive, 'Cedar Elementary', {
    principal: CEDAR_PRINCIPAL,
    teachers: [{ email: 'cho@district.example.org', name: 'Mx. Cho', goal: 1 }],
    families: 1,
  });

  expect(submitAs(maple, TEACHER, call('Maple Elementary', 0)).ok).toBe(true);
  expect(
    submitAs(maple, TEACHER2, call('Maple Elementary', 1, { outcome: 'No answer', familyMember: '' })).ok,
  ).toBe(true);
  expect(
    submitAs(maple, TEACHER, call('Maple Elementary', 2, { notes: 'The family was evicted last week.' })),
  ).toMatchObject({ ok: true, urgent: true });
  expect(submitAs(oak, OAK_TEACHER, call('Oak Middle', 0)).ok).toBe(true);
  for (const [emu, owner] of [
    [maple, LEADER],
    [oak, OAK_PRINCIPAL],
    [pine, PINE_PRINCIPAL],
    [cedar, CEDAR_PRINCIPAL],
  ] as const)
    emu.run('refreshSummary', [], { user: owner });

  const district = districtTracker(drive, LEADER, [LEADER, SUPERINTENDENT]);
  addRows(district, 'Staff', [
    { Email: OAK_PRINCIPAL, Name: 'Mr. Diaz', School: 'Oak Middle', Role: 'Principal', 'Call Goal': '' },
  ]);
  listTrackers(district, [maple.url, oak.url, pine.url, cedar.url, 'the old one', `${maple.url}#gid=0`]);
  return { maple, oak, pine, cedar, district };
}

function byName(rows: Array<Record<string, unknown>>, key = 'School'): Map<string, Record<string, unknown>> {
  return new Map(rows.map((r) => [String(r[key]), r]));
}

function lastAlert(emu: Emulator): string {
  return emu.ui.alerts[emu.ui.alerts.length - 1]?.prompt ?? '';
}

function trigger(emu: Emulator, handler: string): string {
  const found = emu.triggers.find((t) => t.handlerFunction === handler);
  if (!found) throw new Error(`no ${handler} trigger`);
  return found.uniqueId;
}

/** Every cell of every tab, and every email sent, as one text. */
function everything(emu: Emulator): string {
  const cells = emu.spreadsheet
    .getSheets()
    .map((s) => s.getDataRange().getDisplayValues().flat().join(' | '))
    .join('\n');
  const mail = emu.outbox.map((m) => `${m.subject}\n${m.body ?? ''}\n${m.htmlBody ?? ''}`).join('\n');
  return `${cells}\n${mail}`;
}

describe('a district tracker over school trackers', () => {
  let w: World;
  beforeAll(() => {
    w = world();
    w.district.run('refreshDistrictRollup', [], { user: LEADER });
  });

  it('shows a row per school with its numbers, the district total and a chart of % Met by school', () => {
    const rows = byName(records(w.district, DISTRICT.name));
    // A tracker that could not be opened is named by its link.
    expect([...rows.keys()]).toEqual([
      w.cedar.url,
      'Maple Elementary',
      'Oak Middle',
      'Pine High',
      'the old one',
      DISTRICT_TOTAL,
    ]);
    expect(rows.get('Maple Elementary')).toMatchObject({
      'Staff With Goals': 2,
      'Met Goal': 1,
      'Exceeded Goal': 1,
      '% Met': 0.5,
      'Families Reached': 2,
      'Roster Families': 3,
      'Calls This Week': 3,
      'Calls Last Week': 0,
      'Open Urgent Follow-ups': 1,
      'Overdue Urgent Follow-ups': 0,
      'Families Waiting': 0,
      'Last Refreshed': NOW,
      Status: '',
      Tracker: w.maple.url,
    });
    expect(rows.get('Maple Elementary')?.['% Roster Reached']).toBeCloseTo(2 / 3);
    expect(rows.get('Oak Middle')).toMatchObject({
      'Staff With Goals': 1,
      'Met Goal': 1,
      '% Met': 1,
      Status: '',
    });
    expect(rows.get('Pine High')).toMatchObject({ 'Staff With Goals': 1, 'Met Goal': 0, '% Met': 0 });
    expect(rows.get(DISTRICT_TOTAL)).toMatchObject({
      'Staff With Goals': 4,
      'Met Goal': 2,
      'Exceeded Goal': 1,
      '% Met': 0.5,
      '% Exceeded Goal': 0.25,
      'Families Reached': 3,
      'Roster Families': 7,
      'Calls This Week': 4,
      'Open Urgent Follow-ups': 1,
      Status: 'Adds up 3 schools; 2 trackers not read (see their rows).',
    });
    const tab = w.district.spreadsheet.getSheetByName(DISTRICT.name)!;
    const [chart] = tab.getCharts();
    expect(chart.getRanges().map((r) => r.getValues().flat())).toEqual([
      [w.cedar.url, 'Maple Elementary', 'Oak Middle', 'Pine High', 'the old one'],
      ['', 0.5, 1, 0, ''],
    ]);
    expect(tab.getFrozenRows()).toBe(1);
  });

  it("says on a tracker's row why it was not read and what to do; the Trackers tab says what each link gave", () => {
    const rows = byName(records(w.district, DISTRICT.name));
    const cedar = records(w.district, DISTRICT.name).find((r) => r.Tracker === w.cedar.url);
    expect(cedar?.Status).toBe(
      `Not shared with ${LEADER}, whose account runs this refresh: share the tracker with them (Viewer is enough to read its numbers; as a Leader on its Staff they also show the district's % Met there).`,
    );
    expect(rows.get('the old one')?.Status).toMatch(/^Not a spreadsheet link: paste/);
    const trackers = records(w.district, 'Trackers').map((r) => [r.Schools, r.Status]);
    expect(trackers).toEqual([
      ['Maple Elementary', 'Read.'],
      ['Oak Middle', 'Read.'],
      [
        'Pine High',
        `Read. Its Summary cannot show the district's % Met: ${LEADER} is not a Leader on its Staff (add them there, then run Set up tracker there).`,
      ],
      ['', expect.stringMatching(/^Not shared with/)],
      ['', expect.stringMatching(/^Not a spreadsheet link/)],
      ['', 'Listed again on row 2: read once.'],
    ]);
    expect(lastAlert(w.district)).toMatch(
      /^District tab refreshed: 3 of 5 school trackers read, 3 schools\./,
    );
  });

  it('never holds a student, a family or a note: every tab and every email is numbers and school names', () => {
    w.district.alertResponses = [];
    w.district.run('sendDistrictDigestNow', [], { user: LEADER });
    const all = everything(w.district);
    expect(w.district.outbox.length).toBeGreaterThan(0);
    for (const word of ['Student', 'Parent', 'evicted', '555-', 'Ortiz', 'Nguyen', 'Kim', '(mother)'])
      expect(all).not.toContain(word);
    // What a school publishes is numbers only too.
    expect(
      everything(w.maple)
        .split('\n')
        .find((l) => l.startsWith('School | Staff With Goals')),
    ).toBeDefined();
    const rollup = w.maple.spreadsheet
      .getSheetByName('Rollup')!
      .getDataRange()
      .getDisplayValues()
      .flat()
      .join(' ');
    for (const word of ['Student', 'Parent', 'evicted', '555-', 'Ortiz']) expect(rollup).not.toContain(word);
  });

  it("writes the district's % Met back where the leader may, and the school's Summary shows it beside its own", () => {
    expect(records(w.maple, 'Rollup')[0]).toMatchObject({
      'District Tracker': w.district.url,
      'District % Met': 0.5,
      'District Refreshed At': NOW,
    });
    expect(records(w.oak, 'Rollup')[0]['District % Met']).toBe(0.5);
    // Pine is only shared with the leader to view: nothing is written there.
    expect(Object.keys(records(w.pine, 'Rollup')[0])).not.toContain('District % Met');

    w.maple.run('refreshSummary', [], { user: LEADER });
    const summary = w.maple.spreadsheet.getSheetByName('Summary')!.getDataRange().getValues();
    const header = summary.findIndex(
      (r) => r[0] === SUMMARY_SCHOOL_HEADERS[0] && r[1] === SUMMARY_SCHOOL_HEADERS[1],
    );
    const maple = summary.slice(header + 1).find((r) => r[0] === 'Maple Elementary')!;
    const at = (h: string) => SUMMARY_SCHOOL_HEADERS.indexOf(h);
    expect([maple[at('% Met')], maple[at('District % Met')]]).toEqual([0.5, 0.5]);
  });
});

describe('school trackers that cannot be read', () => {
  it('never break the others: deleted, not set up for the district, or with old numbers, each says so on its row', () => {
    const w = world();
    w.oak.trash();
    // As a tracker set up before the Rollup tab came.
    const pineRollup = w.pine.spreadsheet.getSheetByName('Rollup')!;
    w.pine.spreadsheet.deleteSheet(pineRollup);
    w.district.clock.advance(2 * 86_400_000);
    w.district.run('refreshDistrictRollup', [], { user: LEADER });
    const rows = records(w.district, DISTRICT.name);
    const status = (url: string) => rows.find((r) => r.Tracker === url)?.Status;
    expect(status(w.oak.url)).toBe(
      `Not found: no spreadsheet at this link that ${LEADER} can open. It was deleted, or the link is wrong; if the link is right, share that tracker with ${LEADER}.`,
    );
    expect(status(w.pine.url)).toBe(
      'Not set up for the district: it has no Rollup tab. A Leader there runs Relationship Calls → Set up tracker (it adds the tab), and its next refresh fills it.',
    );
    expect(status(w.maple.url)).toBe(
      'Stale: its numbers are from 2026-11-23 09:00, and its upkeep trigger has not refreshed them since. A Leader of that tracker runs Relationship Calls → Set up tracker there (it reinstalls the trigger).',
    );
    expect(rows.find((r) => r.School === 'Maple Elementary')?.['Staff With Goals']).toBe(2);
    expect(rows[rows.length - 1].Status).toBe(
      'Adds up 1 school; 4 trackers not read (see their rows), 1 school with old numbers.',
    );

    // The school's own upkeep catches up: its numbers are current again at the next refresh.
    w.maple.fireTrigger(trigger(w.maple, 'runUpkeep'));
    w.district.run('refreshDistrictRollup', [], { user: LEADER });
    expect(records(w.district, DISTRICT.name).find((r) => r.Tracker === w.maple.url)?.Status).toBe('');
  });

  it('a district tracker deployed with the school manifest says what to do instead of failing tracker by tracker', () => {
    const maple = schoolTracker(null, 'Maple Elementary', {
      principal: PRINCIPAL,
      teachers: [{ email: TEACHER, name: 'Ms. Ortiz', goal: 1 }],
      families: 1,
    });
    const narrow = new Emulator({ timeZone: TZ, owner: LEADER, drive: maple.drive }).load(BUILD_DIR);
    narrow.run('setUpDistrictRollup', [], { user: LEADER });
    listTrackers(narrow, [maple.url]);
    narrow.run('refreshDistrictRollup', [], { user: LEADER });
    expect(lastAlert(narrow)).toMatch(/^This spreadsheet's script may not open other spreadsheets/);
  });
});

describe('the district digest', () => {
  it("goes weekly to the district tracker's Leaders from its own schedule, says what is old or missing, never twice", () => {
    const w = world();
    const id = trigger(w.district, 'runDistrictDigest');
    w.district.fireTrigger(id);
    const sent = w.district.outbox;
    expect(sent.map((m) => m.to).sort()).toEqual([LEADER, SUPERINTENDENT]);
    expect(sent[0].subject).toBe(
      'Relationship calls · District · week of Nov 23: 50% of staff met their goal',
    );
    expect(sent[0].body).toContain('NUMBERS OLD OR MISSING');
    expect(sent[0].body).toMatch(/- the old one: Not a spreadsheet link/);
    expect(sent[0].body).toContain(`Not shared with ${LEADER}`);
    expect(sent[0].body).toContain('- 50% of 4 staff with a goal met it, 25% exceeded it');
    // Built from the District tab, which the weekly run refreshed first.
    expect(records(w.district, DISTRICT.name).length).toBe(6);

    w.district.fireTrigger(id);
    w.district.alertResponses = ['NO'];
    w.district.run('sendDistrictDigestNow', [], { user: LEADER });
    expect(w.district.outbox).toHaveLength(2);
    expect(lastAlert(w.district)).toBe(
      `Already sent this week, so not sent again: ${LEADER}, ${SUPERINTENDENT}.`,
    );
    // A leader who confirms sends it again.
    w.district.alertResponses = ['YES'];
    w.district.run('sendDistrictDigestNow', [], { user: LEADER });
    expect(w.district.outbox).toHaveLength(4);
  });

  it("a passing failure of Google's mail service waits, and the daily run sends it once", () => {
    const w = world();
    w.district.run('refreshDistrictRollup', [], { user: LEADER });
    w.district.failMail((to) => (to === SUPERINTENDENT ? 'Service unavailable: Gmail' : null));
    w.district.run('sendDistrictDigestNow', [], { user: LEADER });
    expect(w.district.outbox.map((m) => m.to)).toEqual([LEADER]);
    expect(lastAlert(w.district)).toMatch(/Not sent yet .*: superintendent@district\.example\.org\./);
    w.district.failMail(null);
    const daily = trigger(w.district, 'runDistrictRefresh');
    w.district.clock.advance(24 * 3600_000);
    w.district.fireTrigger(daily);
    w.district.fireTrigger(daily);
    expect(w.district.outbox.map((m) => m.to)).toEqual([LEADER, SUPERINTENDENT]);
  });

  it("a school tracker a district reads sends no district digest of its own; its school's digest still goes", () => {
    const w = world();
    const subjects = (emu: Emulator) => emu.outbox.map((m) => m.subject.split(' · ')[1]);
    sendNow(w.oak, LEADER);
    expect(subjects(w.oak)).toEqual(['Oak Middle', 'District']);
    w.district.run('refreshDistrictRollup', [], { user: LEADER });
    w.oak.clock.advance(7 * 86_400_000);
    w.oak.run('refreshSummary', [], { user: OAK_PRINCIPAL });
    sendNow(w.oak, LEADER);
    expect(subjects(w.oak)).toEqual(['Oak Middle', 'District', 'Oak Middle']);

    // Or before any district read it: its Settings name its district tracker.
    const pine = w.pine;
    const settings = records(pine, 'Settings');
    const row = settings.findIndex((r) => r.Setting === 'District Tracker') + 2;
    pine.spreadsheet.getSheetByName('Settings')!.getRange(row, 2).setValue(w.district.url);
    addRows(pine, 'Staff', [
      { Email: LEADER, Name: 'Dr. Reyes', School: 'District Office', Role: 'Leader', 'Call Goal': '' },
    ]);
    sendNow(pine, LEADER);
    expect(subjects(pine)).toEqual(['Pine High']);
  });
});

describe('who may run the district tracker', () => {
  it('only its owner and Leaders: anyone else calling an entry point changes and sends nothing, and is told why', () => {
    const w = world();
    w.district.run('refreshDistrictRollup', [], { user: LEADER });
    const before = JSON.stringify(w.district.toJSON().sheets);
    const triggers = w.district.triggers.length;
    for (const user of [TEACHER, OAK_PRINCIPAL, STRANGER, '']) {
      for (const fn of [
        'setUpDistrictRollup',
        'refreshDistrictRollup',
        'previewDistrictDigest',
        'sendDistrictDigestNow',
      ]) {
        w.district.run(fn, [], { user });
        expect(lastAlert(w.district)).toMatch(
          user === ''
            ? /^Google did not tell the tracker who you are/
            : /^Only the (spreadsheet's|district tracker's) owner/,
        );
      }
    }
    expect(w.district.ui.dialogs).toEqual([]);
    expect(JSON.stringify(w.district.toJSON().sheets)).toBe(before);
    expect(w.district.outbox).toEqual([]);
    expect(w.district.triggers).toHaveLength(triggers);
  });

  it('its trigger handlers act only as their own trigger: from the sidebar or with a made-up event they do nothing', () => {
    const w = world();
    const before = JSON.stringify(w.district.toJSON().sheets);
    const real = trigger(w.district, 'runDistrictDigest');
    for (const user of [TEACHER, OAK_PRINCIPAL, STRANGER, '', SUPERINTENDENT]) {
      for (const fn of ['runDistrictRefresh', 'runDistrictDigest']) {
        for (const args of [[], [{ triggerUid: real }], [{ triggerUid: '999' }]]) {
          const ex = w.district.callFromClient(fn, args, { user });
          expect(ex.value).toMatch(
            /^Nothing was done: this runs only as the district tracker’s own scheduled trigger/,
          );
        }
      }
    }
    expect(JSON.stringify(w.district.toJSON().sheets)).toBe(before);
    expect(w.district.outbox).toEqual([]);
    expect(records(w.maple, 'Rollup')[0]['District % Met']).toBeUndefined();
  });

  it("a Leader added to the district's Staff may edit its protected tabs after the next daily run", () => {
    const w = world();
    const editors = () =>
      w.district.spreadsheet
        .getSheetByName(DISTRICT.name)!
        .getProtections('SHEET' as never)[0]
        .getEditors()
        .map((u) => u.getEmail());
    const deputy = 'deputy@district.example.org';
    const row = records(w.district, 'Staff').length + 2;
    w.district.edit('Staff', `A${row}:E${row}`, [[deputy, 'Deputy', 'District Office', 'Leader', '']], {
      user: LEADER,
    });
    expect(editors()).not.toContain(deputy);
    w.district.fireTrigger(trigger(w.district, 'runDistrictRefresh'));
    expect(editors()).toContain(deputy);
  });

  it("a replaced schedule's triggers remove themselves; each setup refuses to make one kind of tracker the other", () => {
    const w = world();
    const old = trigger(w.district, 'runDistrictRefresh');
    w.district.run('setUpDistrictRollup', [], { user: SUPERINTENDENT });
    expect(w.district.fireTrigger(old).value).toBe(
      'This trigger belonged to a replaced schedule and removed itself.',
    );
    expect(w.district.triggers.filter((t) => t.createdBy === LEADER)).toHaveLength(1);
    expect(w.district.triggers.filter((t) => t.createdBy === SUPERINTENDENT)).toHaveLength(2);

    w.district.run('setUpTracker', [], { user: LEADER });
    expect(lastAlert(w.district)).toMatch(/^This spreadsheet is a district tracker/);
    w.maple.run('setUpDistrictRollup', [], { user: LEADER });
    expect(lastAlert(w.maple)).toMatch(/^This spreadsheet is a school tracker \(it has a Call Log tab\)/);
  });

  it("each kind of tracker shows its own menu; the Rollup is the owner's and Leaders' only", () => {
    const w = world();
    w.district.open({ user: LEADER });
    w.maple.open({ user: TEACHER });
    const captions = (emu: Emulator) =>
      emu.ui.menus[0].items.flatMap((i) => ('caption' in i ? [i.caption] : []));
    expect(captions(w.district)).toEqual([
      'Refresh district rollup',
      'Preview district digest',
      'Send district digest now',
      'Set up district rollup',
    ]);
    expect(captions(w.maple)).not.toContain('Set up district rollup');
    expect(() => w.maple.edit('Rollup', 'B2', [[99]], { user: TEACHER })).toThrow(
      'You are trying to edit a protected cell or object.',
    );
    expect(() => w.maple.edit('Rollup', 'B2', [[99]], { user: PRINCIPAL })).toThrow('protected');
    // A principal's refresh leaves the Rollup to the upkeep trigger (a Leader's run).
    const before = records(w.maple, 'Rollup');
    submitAs(w.maple, TEACHER2, call('Maple Elementary', 1));
    w.maple.run('refreshSummary', [], { user: PRINCIPAL });
    expect(records(w.maple, 'Rollup')).toEqual(before);
  });
});

describe('what the refresh costs', () => {
  it("a constant number of service calls and cells per school tracker, whatever the size of the schools' Call Logs", () => {
    const w = world();
    const cost = (links: string[]) => {
      const d = districtTracker(w.maple.drive, LEADER, [LEADER]);
      listTrackers(d, links);
      return d.run('refreshDistrictRollup', [], { user: LEADER });
    };
    cost([w.maple.url, w.oak.url]); // both Rollups now hold the district's columns too
    const one = cost([w.maple.url]);
    const two = cost([w.maple.url, w.oak.url]);
    expect([one.serviceCalls, two.serviceCalls - one.serviceCalls]).toEqual([72, 11]);
    // Each school tracker costs its Rollup tab (a header and a row of 18 cells) and its row on Trackers.
    expect(two.cellsRead - one.cellsRead).toBe(36 + 4);
    // Listed twice: read once.
    expect(cost([w.maple.url, w.oak.url, `${w.maple.url}#gid=1`]).serviceCalls).toBe(two.serviceCalls);

    addCallRows(w.maple, 2000);
    w.maple.run('refreshSummary', [], { user: LEADER });
    const bigger = cost([w.maple.url, w.oak.url]);
    expect([bigger.serviceCalls, bigger.cellsRead]).toEqual([two.serviceCalls, two.cellsRead]);
  });

  it("publishing adds a constant to a school's refresh", () => {
    const w = world();
    const refresh = () => w.oak.run('refreshSummary', [], { user: OAK_PRINCIPAL }).serviceCalls;
    const published = refresh();
    w.oak.spreadsheet.deleteSheet(w.oak.spreadsheet.getSheetByName('Rollup')!);
    // Reading the tab, who may write it, and one write of formats and values (less the look-up by
    // name that finds no tab once the recorded one is gone).
    expect(published - refresh()).toBe(9);
  });
});
