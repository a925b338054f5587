/**
 * Mail goes only where the protected tabs say (issue 15): the add-on's automation runs with a
 * leader's authority, so nothing a teacher can type on Follow-ups, the Alert column or the Digest
 * Log decides what is sent or to whom. Each attack is tried on the built bundle as a hostile
 * teacher would; each legitimate path still sends exactly once.
 */
import {
  addOakMiddle,
  addRows,
  callInput,
  cellUnder,
  headersOf,
  newTracker,
  OAK_PRINCIPAL,
  OAK_TEACHER,
  OWNER,
  PRINCIPAL,
  records,
  sendNow,
  signed,
  STAFF_ROWS,
  SUPPORT,
  submitAs,
  tab,
  TEACHER,
  TEACHER2,
  typeRow,
  upkeep,
} from './helpers';
import type { Emulator, EmulatorOptions } from '../../dev/emulator';

const ATTACKER = TEACHER2;
const OUTSIDER = 'victim@elsewhere.example.org';
const LIAISON = 'liaison.maple@district.example.org';
const OAK_COUNSELOR = 'counselor.oak@district.example.org';

/** Maple (as in the helpers) and Oak, each with its own follow-up contacts. */
function district(options: EmulatorOptions = {}): Emulator {
  const emu = newTracker(options);
  addOakMiddle(emu, OAK_COUNSELOR);
  return emu;
}

/** A Follow-ups row as a hostile teacher types it: every column the old sender read. */
function forgedFollowUp(i: number): Record<string, unknown> {
  return {
    'Call ID': `C-FORGED${i}`,
    'Flagged At': new Date('2026-11-23T14:00:00Z'),
    School: 'Maple Elementary',
    Staff: 'IT Support',
    'Staff Email': ATTACKER,
    Student: 'Confirm your password at http://phish.example/login',
    Reason: 'Safety: "abuse"',
    'Assigned To': OUTSIDER,
    Status: 'Open',
    Alert: i % 2 === 0 ? 'Pending: x' : 'Failed: x',
  };
}

function setSetting(emu: Emulator, name: string, value: string): void {
  const row = records(emu, 'Settings').findIndex((r) => r.Setting === name) + 2;
  tab(emu, 'Settings')
    .getRange(row, headersOf(emu, 'Settings').indexOf('Value') + 1)
    .setValue(value);
}

const sentTo = (emu: Emulator) => emu.outbox.flatMap((m) => m.to.split(','));

/** An urgent call whose alert could not go today: the day's mail quota was used up when it was logged. */
function urgentCallWithoutQuota(emu: Emulator): void {
  emu.failMail(() => 'Service invoked too many times for one day: email.');
  expect(submitAs(emu, TEACHER, callInput({ urgent: true }))).toMatchObject({ ok: true });
  emu.failMail(null);
  expect(emu.outbox).toEqual([]);
}

describe('rows typed on Follow-ups are reports, never instructions', () => {
  it('one typed row mails nobody: not its Assigned To, not from the leader, not with its text', () => {
    const emu = district();
    typeRow(emu, 'Follow-ups', 2, forgedFollowUp(0), ATTACKER);
    for (let i = 0; i < 4; i++) {
      upkeep(emu);
      emu.clock.advance(5 * 60_000);
    }
    expect(emu.outbox).toEqual([]);
    emu.run('checkCallLog', [], { user: OWNER });
    expect(emu.ui.dialogs.at(-1)?.html).toContain('1 row was not written by the add-on');
  });

  it('100 typed rows send nothing, and the weekly digests still have their quota', () => {
    const emu = district({ mailQuota: 10 });
    addRows(
      emu,
      'Follow-ups',
      Array.from({ length: 100 }, (_, i) => forgedFollowUp(i)),
    );
    for (let i = 0; i < 6; i++) {
      upkeep(emu);
      emu.clock.advance(5 * 60_000);
    }
    expect(emu.outbox).toEqual([]);
    sendNow(emu, OWNER);
    expect(sentTo(emu)).toContain(PRINCIPAL);
    expect(sentTo(emu)).toContain(OAK_PRINCIPAL);
    expect(sentTo(emu)).not.toContain(OUTSIDER);
  });

  it('an urgent call is mailed to the addresses Schools names when it is sent, whatever its row says', () => {
    const emu = district();
    urgentCallWithoutQuota(emu);
    const row = 2;
    // The teacher retargets the pending alert's row, and a leader changes Schools meanwhile.
    emu.edit('Follow-ups', cellUnder(emu, 'Follow-ups', 'Assigned To', row), [[OUTSIDER]], {
      user: ATTACKER,
    });
    emu.edit('Follow-ups', cellUnder(emu, 'Follow-ups', 'Student', row), [['Reset your password here']], {
      user: ATTACKER,
    });
    const schools = tab(emu, 'Schools');
    schools.getRange(2, headersOf(emu, 'Schools').indexOf('Follow-up Emails') + 1).setValue(LIAISON);
    emu.clock.advance(24 * 3600_000);
    upkeep(emu);
    expect(emu.outbox).toHaveLength(1);
    expect(emu.outbox[0].to).toBe(LIAISON);
    expect(emu.outbox[0].body).toContain('Liam Chen');
    expect(emu.outbox[0].body).not.toContain('Reset your password');
    expect(records(emu, 'Follow-ups')[0]['Assigned To']).toBe(LIAISON);
  });
});

describe('the Alert column is written from the add-on’s own record', () => {
  it('typing "Sent" over a pending alert does not stop it, and the cell tells the truth again', () => {
    const emu = district();
    urgentCallWithoutQuota(emu);
    const where = cellUnder(emu, 'Follow-ups', 'Alert', 2);
    emu.edit('Follow-ups', where, [['Sent 2026-11-23 09:00 to nobody']], { user: ATTACKER });
    expect(records(emu, 'Follow-ups')[0].Alert).toMatch(/^Pending: /);
    emu.clock.advance(24 * 3600_000);
    upkeep(emu);
    expect(emu.outbox).toHaveLength(1);
    expect(records(emu, 'Follow-ups')[0].Alert).toMatch(/^Sent /);
  });

  it('typing "Failed" or "Pending" over a sent alert does not send it again', () => {
    const emu = district();
    submitAs(emu, TEACHER, callInput({ urgent: true }));
    expect(emu.outbox).toHaveLength(1);
    const sent = records(emu, 'Follow-ups')[0].Alert;
    for (const typed of ['Failed: x', 'Pending: x']) {
      emu.edit('Follow-ups', cellUnder(emu, 'Follow-ups', 'Alert', 2), [[typed]], { user: ATTACKER });
      upkeep(emu);
      emu.run('refreshSummary', [], { user: OWNER });
      upkeep(emu);
    }
    expect(emu.outbox).toHaveLength(1);
    expect(records(emu, 'Follow-ups')[0].Alert).toMatch(/^Sent /);
    expect(String(sent)).toMatch(/^Sent /);
  });

  it('clearing a follow-up row restores it without a second alert, its status kept', () => {
    const emu = district();
    submitAs(emu, TEACHER, callInput({ urgent: true }));
    emu.edit('Follow-ups', cellUnder(emu, 'Follow-ups', 'Status', 2), [['Resolved']], { user: SUPPORT });
    const width = headersOf(emu, 'Follow-ups').length;
    emu.edit(
      'Follow-ups',
      `A2:${cellUnder(emu, 'Follow-ups', headersOf(emu, 'Follow-ups')[width - 1], 2)}`,
      [new Array(width).fill('')],
      { user: ATTACKER },
    );
    emu.run('refreshSummary', [], { user: OWNER });
    upkeep(emu);
    const rows = records(emu, 'Follow-ups').filter((r) => r['Call ID'] !== '');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Status: 'Resolved', Alert: expect.stringMatching(/^Sent/) });
    expect(emu.outbox).toHaveLength(1);
  });

  it('a row cleared between two upkeep runs is back after the next one, with no second alert', () => {
    const emu = district();
    submitAs(emu, TEACHER, callInput({ urgent: true }));
    submitAs(emu, TEACHER2, callInput({ urgent: true, student: 'Mateo Ruiz', familyMember: 'Ana Ruiz' }));
    upkeep(emu);
    const width = headersOf(emu, 'Follow-ups').length;
    emu.edit(
      'Follow-ups',
      `A2:${cellUnder(emu, 'Follow-ups', headersOf(emu, 'Follow-ups')[width - 1], 2)}`,
      [new Array(width).fill('')],
      { user: ATTACKER },
    );
    upkeep(emu);
    const rows = records(emu, 'Follow-ups').filter((r) => r['Call ID'] !== '');
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ Status: 'Open', Alert: expect.stringMatching(/^Sent/) });
    expect(emu.outbox).toHaveLength(2);
  });
});

describe('unticking Urgent', () => {
  it("another school's teacher cannot: the tick comes back with a note, the alert still goes", () => {
    const emu = district();
    urgentCallWithoutQuota(emu);
    const where = cellUnder(emu, 'Call Log', 'Urgent', 2);
    emu.edit('Call Log', where, [[false]], { user: OAK_TEACHER });
    expect(tab(emu, 'Call Log').getRange(where).getValue()).toBe(true);
    expect(tab(emu, 'Call Log').getRange(where).getNote()).toContain('only the caller');
    expect(records(emu, 'Follow-ups')[0].Status).toBe('Open');
    emu.clock.advance(24 * 3600_000);
    upkeep(emu);
    expect(emu.outbox).toHaveLength(1);
  });

  it('the caller can: the follow-up closes as Not urgent and its pending alert is not sent', () => {
    const emu = district();
    urgentCallWithoutQuota(emu);
    emu.edit('Call Log', cellUnder(emu, 'Call Log', 'Urgent', 2), [[false]], { user: TEACHER });
    expect(records(emu, 'Follow-ups')[0]).toMatchObject({ Status: 'Not urgent' });
    emu.clock.advance(24 * 3600_000);
    upkeep(emu);
    expect(emu.outbox).toEqual([]);
    // Unticked by someone allowed to: not a change by hand that the caller answers for.
    emu.run('refreshSummary', [], { user: OWNER });
    const ortiz = records(emu, 'Summary').find((r) => Object.values(r).includes('Ms. Ortiz'));
    expect(ortiz).toBeDefined();
  });
});

describe('unticking Urgent while a Follow-ups header is retyped', () => {
  it('is undone with a note saying how to repair it, and closes nothing; with the header back, the untick works', () => {
    const emu = district();
    urgentCallWithoutQuota(emu);
    const reason = cellUnder(emu, 'Follow-ups', 'Reason', 1);
    emu.edit('Follow-ups', reason, [['Why']], { user: OWNER });
    const where = cellUnder(emu, 'Call Log', 'Urgent', 2);
    emu.edit('Call Log', where, [[false]], { user: TEACHER });
    expect(tab(emu, 'Call Log').getRange(where).getValue()).toBe(true);
    expect(tab(emu, 'Call Log').getRange(where).getNote()).toContain('Set up tracker');
    emu.edit('Follow-ups', reason, [['Reason']], { user: OWNER });
    expect(records(emu, 'Follow-ups')[0].Status).toBe('Open');
    emu.edit('Call Log', where, [[false]], { user: TEACHER });
    expect(records(emu, 'Follow-ups')[0].Status).toBe('Not urgent');
  });
});

describe('the Digest Log is a report', () => {
  it('a principal cannot type on it, and a row typed there by anyone skips nobody', () => {
    const emu = district();
    expect(() =>
      emu.edit(
        'Digest Log',
        'A2:G2',
        [['2026-11-23', '2026-11-23', 'Oak Middle', OAK_PRINCIPAL, 'Sent', 'weekly', '']],
        {
          user: PRINCIPAL,
        },
      ),
    ).toThrow(/protected/);
    // Even the owner's typed row is not read: Oak's principal still gets this week's digest.
    tab(emu, 'Digest Log')
      .getRange(2, 1, 1, 7)
      .setValues([[new Date(), '2026-11-23', 'Oak Middle', OAK_PRINCIPAL, 'Sent', 'weekly', '']]);
    sendNow(emu, OWNER);
    expect(sentTo(emu)).toContain(OAK_PRINCIPAL);
  });
});

describe('delivery that may fail', () => {
  it('"Service unavailable" on the 3rd of 10 digests leaves it owed, and upkeep sends it once', () => {
    const emu = district();
    const more = Array.from({ length: 8 }, (_, i) => `p${i}@district.example.org`);
    const schools = tab(emu, 'Schools');
    schools
      .getRange(2, headersOf(emu, 'Schools').indexOf('Principal Emails') + 1)
      .setValue([PRINCIPAL, ...more].join(', '));
    let n = 0;
    emu.failMail(() => (++n === 3 ? 'Service unavailable: Gmail' : null));
    sendNow(emu, OWNER);
    emu.failMail(null);
    const failedOne = emu.outbox.length;
    const log = records(emu, 'Digest Log');
    expect(log.filter((r) => r.Status === 'Pending')).toHaveLength(1);
    expect(String(log.find((r) => r.Status === 'Pending')!.Detail)).toContain('Service unavailable');
    upkeep(emu);
    expect(emu.outbox).toHaveLength(failedOne); // it waits a few minutes before trying again
    emu.clock.advance(6 * 60_000);
    upkeep(emu);
    expect(emu.outbox).toHaveLength(failedOne + 1);
    const perRecipient = new Map<string, number>();
    for (const m of emu.outbox)
      if (m.subject.includes('Maple')) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    expect([...perRecipient.values()].every((c) => c === 1)).toBe(true);
    expect(perRecipient.size).toBe(9);
  });

  it('1,000 alerts through a mail service that fails 10% of the time: each arrives exactly once', () => {
    const emu = district({ mailQuota: 100_000 });
    setSetting(emu, 'Max Alerts Per School Per Day', '500');
    const teachers = [STAFF_ROWS[2], STAFF_ROWS[3], STAFF_ROWS[4]];
    // A thousand urgent calls logged with the form (signed rows), raised by one refresh.
    addRows(
      emu,
      'Call Log',
      signed(
        emu,
        Array.from({ length: 1000 }, (_, i) => ({
          'Call ID': `C-URGENT${String(i).padStart(4, '0')}`,
          'Logged At': new Date('2026-11-23T14:00:00Z'),
          'Staff Email': teachers[i % 3].Email,
          'Staff Name': teachers[i % 3].Name,
          School: 'Maple Elementary',
          'Call Date': '2026-11-20',
          Student: `Student ${i}`,
          Method: 'Phone',
          Outcome: 'No answer',
          Urgent: true,
          'Urgent Reason': 'Marked by caller',
        })),
      ),
    );
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    emu.failMail(() => (random() < 0.1 ? 'Service unavailable: Gmail' : null));
    const owed = () => [...emu.documentProperties.keys()].some((k) => k.startsWith('a.'));
    upkeep(emu); // the refresh raises the thousand follow-ups
    for (let run = 0; run < 400 && owed(); run++) {
      emu.clock.advance(10 * 60_000);
      upkeep(emu);
    }
    expect(owed()).toBe(false);
    expect(records(emu, 'Follow-ups').filter((r) => !String(r.Alert).startsWith('Sent'))).toEqual([]);
    const byStudent = new Map<string, number>();
    for (const m of emu.outbox.filter((m) => m.subject.startsWith('Urgent follow-up'))) {
      const student = /Student: (Student \d+)/.exec(m.body ?? '')?.[1] ?? '';
      byStudent.set(student, (byStudent.get(student) ?? 0) + 1);
    }
    expect(byStudent.size).toBe(1000);
    expect([...byStudent.values()].every((c) => c === 1)).toBe(true);
  });
});

describe('a cap on automatic mail', () => {
  it('a school gets at most its daily cap; the rest wait for tomorrow, and its contacts and the Leaders hear once', () => {
    const emu = district();
    setSetting(emu, 'Max Alerts Per School Per Day', '3');
    for (let i = 0; i < 5; i++)
      submitAs(
        emu,
        TEACHER,
        callInput({ urgent: true, student: `Kid ${i}`, studentId: '', offRoster: true }),
      );
    upkeep(emu);
    upkeep(emu);
    const alerts = emu.outbox.filter((m) => m.subject.startsWith('Urgent follow-up'));
    const notices = emu.outbox.filter((m) => m.subject.startsWith('Urgent alerts held'));
    expect(alerts).toHaveLength(3);
    expect(notices).toHaveLength(1);
    expect(notices[0].to.split(',').sort()).toEqual([LIAISON, OWNER, SUPPORT].sort());
    emu.clock.advance(24 * 3600_000);
    upkeep(emu);
    expect(emu.outbox.filter((m) => m.subject.startsWith('Urgent follow-up'))).toHaveLength(5);
  });
});
