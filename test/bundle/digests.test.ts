/**
 * Weekly digests through the built bundle: who may preview, send, schedule and stop; what each
 * email holds (and never holds); the Digest Log's one-per-week rule; quota; rejected addresses.
 */
import { Emulator, EmulatorOptions } from '../../dev/emulator';
import {
  addCallRows,
  addOwnFollowUps,
  addRows,
  newTracker,
  NOW,
  OWNER,
  PRINCIPAL,
  records,
  signed,
  STRANGER,
  tab,
  TEACHER,
  IDLE_UPKEEP_CALLS,
} from './helpers';

const OAK_PRINCIPAL = 'principal.oak@district.example.org';
const OAK_TEACHER = 'baker@district.example.org';
const LEADER2 = 'deputy@district.example.org';

/** Maple (from the helpers) and Oak Middle, each with calls this week. */
function district(options: EmulatorOptions = {}): Emulator {
  const emu = newTracker(options);
  addRows(emu, 'Staff', [
    { Email: OAK_PRINCIPAL, Name: 'Mr. Okafor', School: 'Oak Middle', Role: 'Principal', 'Call Goal': '' },
    { Email: OAK_TEACHER, Name: 'Ms. Baker', School: 'Oak Middle', Role: 'Teacher', 'Call Goal': 2 },
    {
      Email: LEADER2,
      Name: 'Deputy Superintendent',
      School: 'District Office',
      Role: 'Leader',
      'Call Goal': '',
    },
  ]);
  // As a leader would after adding people to Staff: the new Leader and Principal get their protections.
  emu.run('setUpTracker', [], { user: OWNER });
  addRows(emu, 'Schools', [
    {
      School: 'Oak Middle',
      'Principal Emails': OAK_PRINCIPAL,
      'Follow-up Emails': '',
      'Goal Deadline': '2026-12-18',
    },
  ]);
  addRows(emu, 'Roster', [
    {
      'Student ID': '900',
      Student: 'Zed Quill',
      School: 'Oak Middle',
      'Family Member': 'Yara Quill (mother)',
      Phone: '555-0900',
    },
  ]);
  // Logged with the form, the family having agreed to be quoted.
  addRows(
    emu,
    'Call Log',
    signed(emu, [
      call('C-M1', TEACHER, 'Ms. Ortiz', 'Maple Elementary', '2026-11-20', 'Liam Chen', 'Wei Chen (father)', {
        Language: 'Mandarin',
        Interpreter: 'Staff interpreter',
        'Hopes & Dreams': 'Wei hopes Liam makes friends; Ms. Ortiz will check in',
        'OK to Quote': true,
      }),
    ]),
  );
  addRows(emu, 'Call Log', [
    call(
      'C-M2',
      TEACHER,
      'Ms. Ortiz',
      'Maple Elementary',
      '2026-11-12',
      'Mateo Ruiz',
      'Ana Ruiz (grandmother)',
    ),
    call('C-M3', TEACHER, 'Ms. Ortiz', 'Maple Elementary', '2026-11-21', '<b>Ana</b>', 'Rosa Diaz (mother)', {
      Urgent: true,
      'Urgent Reason': 'eviction',
      Notes: 'Family faces eviction on Friday',
      'Family Strengths': 'Never quote an urgent call',
    }),
    call('C-O1', OAK_TEACHER, 'Ms. Baker', 'Oak Middle', '2026-11-22', 'Zed Quill', 'Yara Quill (mother)', {
      'Family Strengths': 'Zed loves chess with Yara',
    }),
  ]);
  addOwnFollowUps(emu, [
    {
      'Call ID': 'C-M3',
      'Flagged At': new Date('2026-11-18T15:00:00Z'),
      School: 'Maple Elementary',
      Staff: 'Ms. Ortiz',
      Student: '<b>Ana</b>',
      Reason: 'Urgent: eviction on Friday, notes say more',
      'Assigned To': 'counselor.maple@district.example.org',
      Status: 'Open',
    },
  ]);
  return emu;
}

function call(
  id: string,
  email: string,
  name: string,
  school: string,
  day: string,
  student: string,
  familyMember: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    'Call ID': id,
    'Logged At': new Date(NOW.getTime() - 3_600_000),
    'Staff Email': email,
    'Staff Name': name,
    School: school,
    'Call Date': day,
    Student: student,
    'Family Member': familyMember,
    Method: 'Phone',
    Outcome: 'Conversation',
    Language: 'English',
    Interpreter: 'None',
    'Follow-up Needed': false,
    Urgent: false,
    ...extra,
  };
}

function log(emu: Emulator): Array<Record<string, unknown>> {
  return records(emu, 'Digest Log');
}

function mailTo(emu: Emulator, address: string) {
  const found = emu.outbox.filter((m) => m.to === address);
  expect(found).toHaveLength(1);
  return found[0];
}

function lastAlert(emu: Emulator): string {
  return String(emu.ui.alerts.at(-1)?.prompt ?? '');
}

const weekly = (emu: Emulator) => emu.triggers.filter((t) => t.handlerFunction === 'runWeeklyDigests');

describe('Send digests now', () => {
  it("a leader sends each school's digest to its principals and the district digest to every leader", () => {
    const emu = district();
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(emu.outbox.map((m) => m.to).sort()).toEqual([LEADER2, OWNER, PRINCIPAL, OAK_PRINCIPAL].sort());
    const maple = mailTo(emu, PRINCIPAL);
    expect(maple.subject).toBe(
      'Relationship calls · Maple Elementary · week of Nov 23: 100% of families reached',
    );
    expect(maple.htmlBody).toContain('<th scope="col"');
    expect(maple.body).toContain('Ms. Ortiz: 3 / 10 families reached, 2 calls in the past 7 days, Behind');
    expect(mailTo(emu, OWNER).subject).toMatch(/^Relationship calls · District · week of Nov 23: /);

    const rows = log(emu);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ Status: 'Sent', Trigger: 'menu' });
      expect(row['Week Of']).toBeInstanceOf(Date);
      expect((row['Week Of'] as Date).toISOString()).toBe('2026-11-23T06:00:00.000Z'); // midnight in Chicago
    }
    expect(rows.map((r) => r.Scope).sort()).toEqual([
      'District',
      'District',
      'Maple Elementary',
      'Oak Middle',
    ]);
    expect(lastAlert(emu)).toContain('Sent 4 digests');
  });

  it("nothing of another school is in a school's digest, and no student is named in the district's", () => {
    const emu = district();
    emu.run('sendDigestsNow', [], { user: OWNER });
    const maple = mailTo(emu, PRINCIPAL);
    const oak = mailTo(emu, OAK_PRINCIPAL);
    for (const text of [maple.htmlBody!, maple.body!]) {
      for (const other of ['Oak', 'Baker', 'Zed', 'Quill', 'chess', 'Okafor'])
        expect(text).not.toContain(other);
    }
    for (const text of [oak.htmlBody!, oak.body!]) {
      for (const other of ['Maple', 'Ortiz', 'Liam', 'Chen', 'Ruiz', 'eviction', 'Ana'])
        expect(text).not.toContain(other);
    }
    const districtMail = mailTo(emu, OWNER);
    for (const student of ['Liam', 'Mateo', 'Zed', 'Ana'])
      expect(districtMail.htmlBody).not.toContain(student);
    expect(districtMail.body).toContain('Oak Middle');
    expect(districtMail.body).toContain('Maple Elementary');
  });

  it('escapes user text, quotes no urgent call, keeps names and notes out of what it quotes', () => {
    const emu = district();
    emu.run('sendDigestsNow', [], { user: OWNER });
    const maple = mailTo(emu, PRINCIPAL);
    const html = maple.htmlBody!;
    expect(html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    expect(html).not.toContain('<b>Ana</b>');
    expect(html).not.toMatch(/<script|<img|<link|@import|url\(/i);
    // The urgent follow-up: student, the matched phrase only (Include Notes In Emails is No), 5 days, overdue.
    expect(maple.body).toContain(
      '- <b>Ana</b>: Urgent: eviction (5 days open, OVERDUE; owner: counselor.maple@district.example.org)',
    );
    expect(maple.body).not.toContain('notes say more');
    expect(maple.body).not.toContain('Friday');
    expect(maple.body).toContain('"… hopes … makes friends; … will check in" (hopes & dreams)');
    expect(maple.body).not.toContain('Never quote an urgent call');
    expect(maple.body).toContain('- Mandarin: 1 in the past 7 days, 1 so far, 1 with an interpreter');
  });

  it('shows note text only while Include Notes In Emails is Yes, and no family voices while sharing is off', () => {
    const emu = district();
    const settings = tab(emu, 'Settings');
    const names = settings
      .getRange(1, 1, settings.getLastRow(), 1)
      .getValues()
      .map((r) => r[0]);
    settings.getRange(names.indexOf('Include Notes In Emails') + 1, 2).setValue('Yes');
    settings.getRange(names.indexOf('Share Family Voices In Digests') + 1, 2).setValue('No');
    emu.run('sendDigestsNow', [], { user: OWNER });
    const maple = mailTo(emu, PRINCIPAL);
    expect(maple.body).toContain(
      'Urgent: eviction on Friday, notes say more Notes: Family faces eviction on Friday',
    );
    expect(maple.body).not.toContain('WHAT FAMILIES TOLD US');
    expect(maple.htmlBody).not.toContain('What families told us');
  });

  it('never sends a digest twice in a week; a leader who confirms sends it again, logged as a resend', () => {
    const emu = district();
    emu.run('sendDigestsNow', [], { user: OWNER });
    emu.alertResponses = ['NO'];
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(emu.ui.alerts.at(-2)).toMatchObject({ buttons: 'YES_NO' });
    expect(String(emu.ui.alerts.at(-2)?.prompt)).toContain('4 digests were already sent this week');
    expect(emu.outbox).toHaveLength(4);
    expect(lastAlert(emu)).toContain('Already sent this week, so not sent again');

    // The weekly trigger after a menu send sends nothing either.
    emu.run('scheduleWeeklyDigests', [], { user: OWNER });
    emu.fireTrigger(weekly(emu)[0].uniqueId);
    expect(emu.outbox).toHaveLength(4);

    emu.alertResponses = ['YES'];
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(emu.outbox).toHaveLength(8);
    const resends = log(emu).slice(4);
    expect(resends).toHaveLength(4);
    for (const r of resends) expect(r.Detail).toBe(`Resend, confirmed by ${OWNER}.`);
  });

  it('a new week sends again', () => {
    const emu = district();
    emu.run('sendDigestsNow', [], { user: OWNER });
    emu.clock.set(new Date(NOW.getTime() + 7 * 86_400_000));
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(emu.outbox).toHaveLength(8);
    expect(emu.outbox.at(-1)?.subject).toContain('week of Nov 30');
  });

  it("a principal sends only their own school's digest, and cannot resend it", () => {
    const emu = district();
    emu.run('sendDigestsNow', [], { user: PRINCIPAL });
    expect(emu.outbox.map((m) => m.to)).toEqual([PRINCIPAL]);
    // The Digest Log is the Leaders' tab: the principal's send is written there by the next upkeep run.
    expect(log(emu)).toEqual([]);
    emu.fireTrigger(emu.triggers.find((t) => t.handlerFunction === 'runUpkeep')!.uniqueId);
    expect(log(emu).map((r) => [r.Scope, r.Status, r.Trigger])).toEqual([
      ['Maple Elementary', 'Sent', 'menu'],
    ]);
    emu.run('sendDigestsNow', [], { user: PRINCIPAL });
    expect(emu.outbox).toHaveLength(1);
    expect(lastAlert(emu)).toContain('Already sent this week');
  });

  it.each([
    ['a teacher', TEACHER, /Digests are for principals/],
    ['someone not on Staff', STRANGER, /not on the Staff tab/],
  ])('%s is told why and nothing is sent or logged', (_who, user, message) => {
    const emu = district();
    for (const fn of ['sendDigestsNow', 'previewDigest', 'scheduleWeeklyDigests', 'stopWeeklyDigests']) {
      emu.run(fn, [], { user });
      expect(lastAlert(emu)).toMatch(message);
    }
    expect(emu.outbox).toEqual([]);
    expect(log(emu)).toEqual([]);
    expect(emu.ui.dialogs).toEqual([]);
    expect(emu.triggers.filter((t) => t.handlerFunction === 'runWeeklyDigests')).toEqual([]);
    expect(() => emu.callFromClient('getDigestPreview', ['Maple Elementary'], { user })).toThrow(message);
  });

  it('when the quota runs out mid-send, the rest wait as Pending and upkeep sends them the next day, once', () => {
    const emu = district({ mailQuota: 3 });
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(emu.outbox).toHaveLength(3);
    expect(log(emu).map((r) => r.Status)).toEqual(['Sent', 'Sent', 'Sent', 'Pending']);
    expect(String(log(emu)[3].Detail)).toMatch(/Waiting for email quota/);
    expect(lastAlert(emu)).toMatch(/daily email quota ran out\): District \(deputy@/);

    const upkeep = emu.triggers.find((t) => t.handlerFunction === 'runUpkeep')!;
    emu.fireTrigger(upkeep.uniqueId); // refreshes the Summary, which had never been
    // Still no quota today: upkeep reads no tab and sends nothing.
    const noQuota = emu.fireTrigger(upkeep.uniqueId);
    expect(noQuota.calls.filter((c) => /^(Spreadsheet|Sheet|Range)\./.test(c))).toEqual(IDLE_UPKEEP_CALLS);
    expect(noQuota.cellsRead).toBe(0);
    expect(emu.outbox).toHaveLength(3);

    emu.clock.set(new Date(NOW.getTime() + 86_400_000));
    emu.fireTrigger(upkeep.uniqueId);
    expect(emu.outbox).toHaveLength(4);
    const last = log(emu).at(-1)!;
    expect(last).toMatchObject({
      Status: 'Sent',
      Trigger: 'menu',
      Detail: 'Was pending: sent once it could go.',
    });
    // Nothing waits any more: the next run reads its flags (and the Call Log's last row), no mail.
    const idle = emu.fireTrigger(upkeep.uniqueId);
    expect(idle.calls.filter((c) => /^(Spreadsheet|Sheet|Range)\./.test(c))).toEqual(IDLE_UPKEEP_CALLS);
    expect(idle.calls.filter((c) => c.startsWith('MailApp'))).toEqual([]);
    emu.run('sendDigestsNow', [], { user: OWNER }); // the leader's click asks before resending anything
    expect(emu.outbox).toHaveLength(4);
  });

  it('an address MailApp rejects is logged Failed with its message; the others are still sent', () => {
    const emu = district();
    const schools = tab(emu, 'Schools');
    schools.getRange(2, 2).setValue(`principal@maple, ${PRINCIPAL}`);
    emu.alertResponses = [];
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(emu.outbox.map((m) => m.to)).toContain(PRINCIPAL);
    const failed = log(emu).filter((r) => r.Status === 'Failed');
    expect(failed).toEqual([
      expect.objectContaining({
        Scope: 'Maple Elementary',
        Recipients: 'principal@maple',
        Detail: 'Invalid email: principal@maple',
      }),
    ]);
    expect(lastAlert(emu)).toContain(
      'Failed: Maple Elementary to principal@maple: Invalid email: principal@maple',
    );
  });

  it("a school without Principal Emails is logged and named in the leader's report", () => {
    const emu = district();
    tab(emu, 'Schools').getRange(3, 2).setValue('');
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(emu.outbox.map((m) => m.to)).not.toContain(OAK_PRINCIPAL);
    expect(log(emu).find((r) => r.Scope === 'Oak Middle')).toMatchObject({
      Status: 'Failed',
      Recipients: '',
      Detail: 'Nothing sent: Oak Middle has no Principal Emails on the Schools tab.',
    });
    expect(lastAlert(emu)).toContain('Nobody to send to: Oak Middle.');
  });

  it('service calls do not grow with the Call Log: 200 versus 5,000 rows', () => {
    const calls = (n: number) => {
      const emu = district();
      addCallRows(emu, n);
      return emu.run('sendDigestsNow', [], { user: OWNER }).serviceCalls;
    };
    expect(calls(5_000)).toBe(calls(200));
  });

  it('the email of a school of 150 staff stays under 100 KB', () => {
    const emu = district();
    addRows(
      emu,
      'Staff',
      Array.from({ length: 150 }, (_, i) => ({
        Email: `t${i}@district.example.org`,
        Name: `Teacher Number ${i}`,
        School: 'Maple Elementary',
        Role: 'Teacher',
        'Call Goal': 8,
      })),
    );
    addCallRows(emu, 2_000);
    emu.run('sendDigestsNow', [], { user: PRINCIPAL });
    const html = mailTo(emu, PRINCIPAL).htmlBody!;
    expect(Buffer.byteLength(html)).toBeLessThan(100_000);
    expect(html).toMatch(/and 128 more: /);
  });
});

describe('Preview digest', () => {
  it('shows a principal exactly the HTML that would be sent to their school, and sends and writes nothing', () => {
    const emu = district();
    const before = JSON.stringify(emu.toJSON().sheets);
    emu.run('previewDigest', [], { user: PRINCIPAL });
    const dialog = emu.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe('Preview digest');
    expect(dialog.html).toContain(PRINCIPAL);
    expect(dialog.html).not.toContain('<select');
    expect(emu.outbox).toEqual([]);
    expect(JSON.stringify(emu.toJSON().sheets)).toBe(before);

    const preview = emu.callFromClient('getDigestPreview', ['Maple Elementary'], { user: PRINCIPAL })
      .value as {
      htmlBody: string;
      recipients: string[];
    };
    expect(preview.recipients).toEqual([PRINCIPAL]);
    emu.run('sendDigestsNow', [], { user: PRINCIPAL });
    expect(mailTo(emu, PRINCIPAL).htmlBody).toBe(preview.htmlBody);
    expect(() => emu.callFromClient('getDigestPreview', ['Oak Middle'], { user: PRINCIPAL })).toThrow(
      /cannot preview the digest of Oak Middle/,
    );
    expect(() => emu.callFromClient('getDigestPreview', ['District'], { user: PRINCIPAL })).toThrow();
  });

  it('lets a leader choose a school or the district', () => {
    const emu = district();
    emu.run('previewDigest', [], { user: OWNER });
    const html = emu.ui.dialogs.at(-1)!.html;
    expect(html).toContain('<option value="Maple Elementary">');
    expect(html).toContain('<option value="District" selected>');
    expect(html).toContain('google.script.run');
    const oak = emu.callFromClient('getDigestPreview', ['Oak Middle'], { user: OWNER }).value as {
      subject: string;
    };
    expect(oak.subject).toContain('Oak Middle');
    expect(emu.outbox).toEqual([]);
    expect(log(emu)).toEqual([]);
  });
});

describe('Schedule and stop weekly digests', () => {
  it('installs exactly one weekly trigger, even when run twice, and says when and from whom', () => {
    const emu = district();
    emu.run('scheduleWeeklyDigests', [], { user: OWNER });
    emu.run('scheduleWeeklyDigests', [], { user: OWNER });
    expect(weekly(emu)).toHaveLength(1);
    expect(weekly(emu)[0].schedule).toBe('every 1 weeks on MONDAY at hour 7 (America/Chicago)');
    const told = lastAlert(emu);
    expect(told).toContain('The next ones go out Monday 2026-11-30 07:00');
    expect(told).toContain(`sent from your account, ${OWNER}`);
    expect(emu.triggers.some((t) => t.handlerFunction === 'runUpkeep')).toBe(true);
  });

  it('the weekly trigger sends what was not sent this week', () => {
    const emu = district();
    emu.run('sendDigestsNow', [], { user: PRINCIPAL });
    emu.run('scheduleWeeklyDigests', [], { user: OWNER });
    emu.fireTrigger(weekly(emu)[0].uniqueId);
    expect(emu.outbox).toHaveLength(4);
    expect(
      log(emu)
        .slice(1)
        .map((r) => r.Trigger),
    ).toEqual(['weekly', 'weekly', 'weekly']);
  });

  it("a second leader's schedule replaces the first: the old trigger ends itself without sending", () => {
    const emu = district();
    emu.run('scheduleWeeklyDigests', [], { user: OWNER });
    const first = weekly(emu)[0];
    emu.run('scheduleWeeklyDigests', [], { user: LEADER2 });
    expect(lastAlert(emu)).toContain(`replaces the schedule ${OWNER} set up`);
    emu.fireTrigger(first.uniqueId);
    expect(emu.outbox).toEqual([]);
    expect(weekly(emu).map((t) => t.createdBy)).toEqual([LEADER2]);
  });

  it('stop removes only the weekly trigger; the upkeep trigger stays', () => {
    const emu = district();
    emu.run('scheduleWeeklyDigests', [], { user: OWNER });
    emu.run('stopWeeklyDigests', [], { user: OWNER });
    expect(weekly(emu)).toEqual([]);
    expect(emu.triggers.map((t) => t.handlerFunction)).toEqual(['runUpkeep']);
    expect(lastAlert(emu)).toContain('Weekly digests are stopped');
    emu.run('stopWeeklyDigests', [], { user: OWNER });
    expect(lastAlert(emu)).toBe('No weekly digest was scheduled. Nothing changed.');
  });

  it('a principal may not schedule or stop', () => {
    const emu = district();
    emu.run('scheduleWeeklyDigests', [], { user: PRINCIPAL });
    expect(lastAlert(emu)).toMatch(/Only a district Leader/);
    expect(weekly(emu)).toEqual([]);
  });
});

describe('two runs at once', () => {
  it('never send the same digest twice', async () => {
    const emu = district();
    emu.run('scheduleWeeklyDigests', [], { user: OWNER });
    // The weekly trigger started twice at once, each run with the trigger's own event.
    const event = { triggerUid: weekly(emu)[0].uniqueId };
    await emu.runConcurrently([
      { fn: 'runWeeklyDigests', args: [event], user: OWNER },
      { fn: 'runWeeklyDigests', args: [event], user: OWNER },
    ]);
    expect(emu.outbox).toHaveLength(4);
    expect(log(emu).filter((r) => r.Status === 'Sent')).toHaveLength(4);
  });
});
