import {
  addCallRows,
  addOakMiddle,
  addRows,
  callInput,
  headersOf,
  newEmulator,
  newTracker,
  OAK_PRINCIPAL,
  OAK_TEACHER,
  OWNER,
  PRINCIPAL,
  records,
  SCHOOL_ROWS,
  STAFF_ROWS,
  SUPPORT,
  tab,
  TEACHER,
  TEACHER2,
  IDLE_UPKEEP_CALLS,
} from './helpers';
import type { SubmitResult } from '../../src/contract';
import type { Emulator, EmulatorOptions } from '../../dev/emulator';

const LIAISON = 'liaison.maple@district.example.org';
const MAPLE_FOLLOW_UP = [SUPPORT, LIAISON];

/** Maple Elementary (as in the helpers) and Oak Middle with its own principal and nobody for follow-ups. */
function district(options: EmulatorOptions = {}): Emulator {
  const emu = newTracker(options);
  addOakMiddle(emu);
  return emu;
}

function submit(emu: Emulator, user: string, input: Record<string, unknown>): SubmitResult {
  return emu.callFromClient('submitCall', [input], { user }).value as SubmitResult;
}

function upkeep(emu: Emulator) {
  const trigger = emu.triggers.find((t) => t.handlerFunction === 'runUpkeep');
  if (!trigger) throw new Error('no upkeep trigger');
  return emu.fireTrigger(trigger.uniqueId);
}

function setSetting(emu: Emulator, name: string, value: string): void {
  const rows = records(emu, 'Settings');
  const at = rows.findIndex((r) => r.Setting === name);
  const column = headersOf(emu, 'Settings').indexOf('Value') + 1;
  tab(emu, 'Settings')
    .getRange(at + 2, column)
    .setValue(value);
}

function cellOf(emu: Emulator, tabName: string, header: string, row: number): string {
  const column = headersOf(emu, tabName).indexOf(header) + 1;
  const a1 = String.fromCharCode(64 + column);
  return `${a1}${row}`;
}

const recipients = (to: string) => to.split(',').sort();

describe('an urgent call submitted from the sidebar', () => {
  it('emails exactly the routed addresses once, as the teacher, with a working link and no note text', () => {
    const emu = district();
    const result = submit(
      emu,
      TEACHER,
      callInput({ notes: 'Mom said they were evicted last night <b>help</b>', urgent: false }),
    );
    expect(result).toMatchObject({ ok: true, urgent: true, urgentReason: 'Housing: "evicted"' });
    expect(emu.outbox).toHaveLength(1);
    const [mail] = emu.outbox;
    expect(recipients(mail.to)).toEqual([...MAPLE_FOLLOW_UP].sort());
    expect(mail).toMatchObject({
      subject: 'Urgent follow-up · Maple Elementary · Housing',
      sentBy: TEACHER,
      replyTo: TEACHER,
    });
    for (const body of [mail.body ?? '', mail.htmlBody ?? '']) {
      expect(body).toContain('Liam Chen');
      expect(body).toContain('Ms. Ortiz');
      expect(body).toContain('Nov 20');
      expect(body).toMatch(/Housing: (&quot;|")evicted(&quot;|")/);
      expect(body).not.toContain('last night');
    }
    // The link opens the Follow-ups tab at this call's row.
    const link = /#gid=(\d+)&range=A(\d+)/.exec(mail.body ?? '');
    expect(link).not.toBeNull();
    expect(Number(link![1])).toBe(tab(emu, 'Follow-ups').getSheetId());
    const row = Number(link![2]);
    const followUp = records(emu, 'Follow-ups')[row - 2];
    expect(followUp).toMatchObject({
      'Call ID': result.ok ? result.callId : '',
      Reason: 'Housing: "evicted"',
      Alert: `Sent 2026-11-23 09:00 to ${SUPPORT}, ${LIAISON}`,
    });
    expect(String(followUp['Call Log Row'])).toMatch(
      new RegExp(`#gid=${tab(emu, 'Call Log').getSheetId()}&range=A2$`),
    );
  });

  it('a retried submit (the same submission id) emails nothing again', () => {
    const emu = district();
    const input = callInput({ urgent: true });
    submit(emu, TEACHER, input);
    const again = submit(emu, TEACHER, input);
    expect(again).toMatchObject({ ok: true, alreadyLogged: true });
    expect(emu.outbox).toHaveLength(1);
    upkeep(emu);
    expect(emu.outbox).toHaveLength(1);
    expect(records(emu, 'Follow-ups')).toHaveLength(1);
  });

  it('Safety goes to the school’s principal and follow-up contacts; another school’s principal gets nothing', () => {
    const emu = district();
    submit(emu, TEACHER, callInput({ notes: 'He says he feels unsafe at home.' }));
    expect(emu.outbox).toHaveLength(1);
    expect(recipients(emu.outbox[0].to)).toEqual([PRINCIPAL, ...MAPLE_FOLLOW_UP].sort());
    expect(emu.outbox.some((m) => m.to.includes(OAK_PRINCIPAL))).toBe(false);
  });

  it('marked urgent at a school with no Follow-up Emails: its principal, not Maple’s', () => {
    const emu = district();
    submit(emu, OAK_TEACHER, callInput({ urgent: true, student: 'Ava Stone', studentId: '' }));
    expect(emu.outbox.map((m) => [m.to, m.subject])).toEqual([
      [OAK_PRINCIPAL, 'Urgent follow-up · Oak Middle · Marked urgent'],
    ]);
  });

  it('with nobody to tell, the row says so, Check call log names the school, and it goes out once Schools is filled', () => {
    const emu = district();
    const schools = tab(emu, 'Schools');
    schools.getRange(3, headersOf(emu, 'Schools').indexOf('Principal Emails') + 1).setValue('');
    submit(emu, OAK_TEACHER, callInput({ urgent: true, student: 'Ava Stone', studentId: '' }));
    expect(emu.outbox).toHaveLength(0);
    expect(records(emu, 'Follow-ups')[0].Alert).toBe(
      'Pending: nobody to tell: Oak Middle has no Follow-up Emails or Principal Emails on Schools',
    );
    emu.run('checkCallLog', [], { user: OWNER });
    expect(emu.ui.dialogs.at(-1)?.html).toContain(
      '1 urgent follow-up for Oak Middle has nobody to alert: add Follow-up Emails (or Principal Emails) for Oak Middle on the Schools tab',
    );
    schools
      .getRange(3, headersOf(emu, 'Schools').indexOf('Follow-up Emails') + 1)
      .setValue('nurse.oak@district.example.org');
    upkeep(emu);
    expect(emu.outbox.map((m) => m.to)).toEqual(['nurse.oak@district.example.org']);
    expect(records(emu, 'Follow-ups')[0]['Assigned To']).toBe('nurse.oak@district.example.org');
  });

  it('with Send Urgent Alerts = No, no email goes out and the row says alerts are off', () => {
    const emu = district();
    setSetting(emu, 'Send Urgent Alerts', 'No');
    submit(emu, TEACHER, callInput({ urgent: true }));
    upkeep(emu);
    expect(emu.outbox).toHaveLength(0);
    expect(records(emu, 'Follow-ups')[0].Alert).toBe('Off: Send Urgent Alerts is No on Settings');
  });

  it('carries the note, escaped, only while Include Notes In Emails is Yes', () => {
    const emu = district();
    setSetting(emu, 'Include Notes In Emails', 'Yes');
    submit(emu, TEACHER, callInput({ notes: 'No food at home <script>x</script>' }));
    const [mail] = emu.outbox;
    expect(mail.subject).toBe('Urgent follow-up · Maple Elementary · Food');
    expect(mail.body).toContain('No food at home <script>x</script>');
    expect(mail.htmlBody).toContain('No food at home &lt;script&gt;x&lt;/script&gt;');
    expect(mail.htmlBody).not.toContain('<script>');
  });
});

describe('pending alerts and the upkeep trigger', () => {
  it('the mail quota used up leaves the alert pending; the trigger sends it once when the quota returns', () => {
    const emu = district({ mailQuota: 2 });
    submit(emu, TEACHER, callInput({ urgent: true }));
    submit(
      emu,
      TEACHER2,
      callInput({ notes: 'The bus never came today', student: 'Sofia Ruiz', studentId: '00124' }),
    );
    expect(emu.outbox).toHaveLength(1);
    const pending = records(emu, 'Follow-ups')[1];
    expect(pending.Alert).toBe("Pending: the daily email quota is used up; sent once Google's quota allows");
    upkeep(emu);
    expect(emu.outbox).toHaveLength(1);
    emu.clock.advance(24 * 3600_000);
    upkeep(emu);
    upkeep(emu);
    expect(emu.outbox).toHaveLength(2);
    expect(emu.outbox[1]).toMatchObject({
      subject: 'Urgent follow-up · Maple Elementary · Transportation',
      sentBy: OWNER,
      replyTo: TEACHER2,
    });
    expect(records(emu, 'Follow-ups')[1].Alert).toMatch(/^Sent 2026-11-24 09:00 to /);
  });

  it('a row typed on the Call Log gets its Follow-ups row and alert from the trigger, not from onEdit', () => {
    const emu = district();
    const headers = headersOf(emu, 'Call Log');
    const row: Record<string, unknown> = {
      'Call ID': 'C-TYPED01',
      'Logged At': '2026-11-23',
      'Staff Email': TEACHER,
      'Staff Name': 'Ms. Ortiz',
      School: 'Maple Elementary',
      'Call Date': '2026-11-22',
      Student: 'Mateo Ruiz',
      'Student ID': '00123',
      'Family Member': 'Ana Ruiz (grandmother)',
      Method: 'Phone',
      Outcome: 'Conversation',
      Notes: 'Tuvimos un desalojo, estamos con mi hermana',
      Urgent: false,
    };
    emu.edit(
      'Call Log',
      `A2:${String.fromCharCode(64 + headers.length)}2`,
      [headers.map((h) => row[h] ?? '')],
      {
        user: TEACHER,
      },
    );
    expect(records(emu, 'Call Log')[0]).toMatchObject({
      Urgent: true,
      'Urgent Reason': 'Housing: "desalojo"',
    });
    expect(emu.outbox).toHaveLength(0);
    upkeep(emu);
    expect(records(emu, 'Follow-ups')).toEqual([
      expect.objectContaining({
        'Call ID': 'C-TYPED01',
        Reason: 'Housing: "desalojo"',
        Student: 'Mateo Ruiz',
        Phone: '555-0101',
        Alert: expect.stringMatching(/^Sent 2026-11-23 09:00 to /),
      }),
    ]);
    expect(emu.outbox).toHaveLength(1);
    // Typed on the sheet, not logged with the form: nothing typed there is quoted, and no reply-to.
    expect(emu.outbox[0]).toMatchObject({ sentBy: OWNER });
    expect(emu.outbox[0].replyTo).toBeUndefined();
    expect(emu.outbox[0].body).not.toContain('Mateo');
    upkeep(emu);
    emu.run('refreshSummary', [], { user: OWNER });
    expect(emu.outbox).toHaveLength(1);
    expect(records(emu, 'Follow-ups')).toHaveLength(1);
  });

  it('two upkeep runs at once send a pending alert once', async () => {
    const emu = district({ mailQuota: 2 });
    submit(emu, TEACHER, callInput({ urgent: true }));
    submit(emu, TEACHER, callInput({ urgent: true, student: 'Mateo Ruiz', studentId: '00123' }));
    expect(emu.outbox).toHaveLength(1);
    emu.clock.advance(24 * 3600_000);
    // The leader's trigger started twice at once, each run with the trigger's own event.
    const event = { triggerUid: emu.triggers.find((t) => t.handlerFunction === 'runUpkeep')!.uniqueId };
    await emu.runConcurrently([
      { fn: 'runUpkeep', args: [event], user: OWNER },
      { fn: 'runUpkeep', args: [event], user: OWNER },
    ]);
    expect(emu.outbox).toHaveLength(2);
  });

  it('an idle run reads no cell; with an alert pending, its service calls do not grow with the Call Log (200 vs 5,000)', () => {
    const runWith = (rows: number) => {
      const emu = district();
      addCallRows(emu, rows);
      upkeep(emu);
      const idle = upkeep(emu);
      expect(idle.calls.filter((c) => /^(Spreadsheet|Sheet|Range)\./.test(c))).toEqual(IDLE_UPKEEP_CALLS);
      expect(idle.cellsRead).toBe(0);
      const headers = headersOf(emu, 'Call Log');
      const urgent = headers.indexOf('Urgent') + 1;
      emu.edit('Call Log', `${String.fromCharCode(64 + urgent)}2`, [[true]], { user: TEACHER });
      const run = upkeep(emu);
      expect(emu.outbox).toHaveLength(1);
      return run.serviceCalls;
    };
    const small = runWith(200);
    expect(runWith(5000)).toBe(small);
  });
});

describe('seen through to the end', () => {
  it('onEdit stamps Resolved At, asks for a Resolution, and clears the stamp when reopened', () => {
    const emu = district();
    submit(emu, TEACHER, callInput({ urgent: true }));
    const status = cellOf(emu, 'Follow-ups', 'Status', 2);
    emu.edit('Follow-ups', status, [['Resolved']], { user: SUPPORT });
    const resolvedAt = records(emu, 'Follow-ups')[0]['Resolved At'] as Date;
    expect(resolvedAt).toBeInstanceOf(Date);
    expect(resolvedAt.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    const resolution = cellOf(emu, 'Follow-ups', 'Resolution', 2);
    expect(tab(emu, 'Follow-ups').getRange(resolution).getNote()).toContain(
      'Say what was done in Resolution',
    );
    emu.edit('Follow-ups', resolution, [['Called the family; connected them to the food bank']], {
      user: SUPPORT,
    });
    expect(tab(emu, 'Follow-ups').getRange(resolution).getNote()).toBe('');
    emu.edit('Follow-ups', status, [['In progress']], { user: SUPPORT });
    expect(records(emu, 'Follow-ups')[0]['Resolved At']).toBe('');
  });

  it('a paste unticking two urgent rows closes both follow-ups and rewrites no other row, whatever the size of Follow-ups', () => {
    const onEditCost = (otherFollowUps: number) => {
      const emu = district();
      addRows(
        emu,
        'Follow-ups',
        Array.from({ length: otherFollowUps }, (_, i) => ({
          'Call ID': `C-OLD${i}`,
          School: 'Maple Elementary',
          Reason: 'Housing: "evicted"',
          Status: 'Resolved',
          Resolution: 'Called the shelter; kept as typed',
        })),
      );
      submit(emu, TEACHER, callInput({ notes: 'Family is homeless this month' }));
      submit(
        emu,
        TEACHER,
        callInput({ notes: 'No answer at home', outcome: 'Left message', familyMember: '' }),
      );
      submit(emu, TEACHER, callInput({ notes: 'They were evicted on Friday' }));
      const column = cellOf(emu, 'Call Log', 'Urgent', 2).replace(/\d+$/, '');
      const edit = emu.edit('Call Log', `${column}2:${column}4`, [[false], [false], [false]], {
        user: TEACHER,
      });
      const followUps = records(emu, 'Follow-ups');
      const mine = followUps.slice(otherFollowUps);
      expect(mine.map((r) => r.Status)).toEqual(['Not urgent', 'Not urgent']);
      expect(
        followUps.slice(0, otherFollowUps).every((r) => r.Resolution === 'Called the shelter; kept as typed'),
      ).toBe(true);
      return { calls: edit!.serviceCalls, read: edit!.cellsRead, written: edit!.cellsWritten };
    };
    const small = onEditCost(5);
    const large = onEditCost(2_000);
    // The same calls; of Follow-ups only its Signature column is read in full (one read, not a search per call).
    expect(large).toEqual({ ...small, read: small.read + 1_995 });
  });

  it('unticking Urgent on the Call Log closes the follow-up as Not urgent and clears Urgent Reason', () => {
    const emu = district();
    submit(emu, TEACHER, callInput({ notes: 'Family is homeless this month' }));
    const urgent = cellOf(emu, 'Call Log', 'Urgent', 2);
    emu.edit('Call Log', urgent, [[false]], { user: TEACHER });
    expect(records(emu, 'Call Log')[0]).toMatchObject({ Urgent: false, 'Urgent Reason': '' });
    expect(records(emu, 'Follow-ups')[0]).toMatchObject({
      Status: 'Not urgent',
      Resolution: 'Urgent was unticked on the Call Log.',
    });
    expect(records(emu, 'Follow-ups')[0]['Resolved At']).toBeInstanceOf(Date);
  });

  it('the Summary counts open follow-ups; resolving one lowers the count', () => {
    const emu = district();
    submit(emu, TEACHER, callInput({ urgent: true }));
    emu.run('refreshSummary', [], { user: OWNER });
    const openCount = () => {
      const values = tab(emu, 'Summary').getDataRange().getValues();
      const header = values.findIndex((r) => r[0] === 'School' && r[1] === 'Staff');
      const col = values[header].indexOf('Open Follow-ups');
      return values.slice(header + 1).find((r) => r[2] === TEACHER)?.[col];
    };
    expect(openCount()).toBe(1);
    emu.edit('Follow-ups', cellOf(emu, 'Follow-ups', 'Status', 2), [['Resolved']], { user: SUPPORT });
    emu.run('refreshSummary', [], { user: OWNER });
    expect(openCount()).toBe(0);
  });
});

describe('Set up tracker and Alert Routes', () => {
  it('creates Alert Routes with default categories, and a second run keeps a leader’s edits', () => {
    const emu = district();
    const routes = records(emu, 'Alert Routes');
    expect(routes.map((r) => r.Category)).toEqual([
      'Safety',
      'Housing',
      'Food',
      'Health',
      'Transportation',
      'Family crisis',
      'Bullying',
    ]);
    expect(String(routes[1].Phrases)).toContain('desalojo');
    expect(routes[0].Notify).toBe('Principal, Follow-up');
    tab(emu, 'Alert Routes').getRange('C3').setValue('Follow-up, housing@district.example.org');
    emu.run('setUpTracker', [], { user: OWNER });
    expect(records(emu, 'Alert Routes')).toHaveLength(7);
    expect(records(emu, 'Alert Routes')[1].Notify).toBe('Follow-up, housing@district.example.org');
    submit(emu, TEACHER, callInput({ notes: 'Got an eviction notice' }));
    expect(recipients(emu.outbox[0].to)).toEqual([...MAPLE_FOLLOW_UP, 'housing@district.example.org'].sort());
  });

  it('moves a customized Urgent Phrases setting into an Other route, once, keeping the value', () => {
    const emu = newEmulator();
    emu.run('setUpTracker', [], { user: OWNER });
    // A tracker from before Alert Routes: its Settings row, no Alert Routes tab.
    emu.spreadsheet.deleteSheet(emu.spreadsheet.getSheetByName('Alert Routes')!);
    addRows(emu, 'Settings', [{ Setting: 'Urgent Phrases', Value: 'evicted\nflood\nfire' }]);
    addRows(emu, 'Staff', STAFF_ROWS);
    addRows(emu, 'Schools', SCHOOL_ROWS);
    emu.run('setUpTracker', [], { user: OWNER });
    expect(emu.ui.alerts.at(-1)?.prompt).toContain(
      'Settings: moved your Urgent Phrases to Alert Routes → Other (flood, fire)',
    );
    const other = records(emu, 'Alert Routes').filter((r) => r.Category === 'Other');
    expect(other).toEqual([{ Category: 'Other', Phrases: 'flood\nfire', Notify: 'Follow-up' }]);
    const moved = records(emu, 'Settings').find((r) => String(r.Setting).startsWith('Urgent Phrases'));
    expect(moved).toEqual({
      Setting: 'Urgent Phrases (moved to Alert Routes)',
      Value: 'evicted\nflood\nfire',
    });
    emu.run('setUpTracker', [], { user: OWNER });
    expect(records(emu, 'Alert Routes').filter((r) => r.Category === 'Other')).toHaveLength(1);
    submit(emu, TEACHER, callInput({ notes: 'The basement had a flood' }));
    expect(records(emu, 'Follow-ups')[0].Reason).toBe('Other: "flood"');
  });

  it('Follow-ups has the Status dropdown and highlights overdue rows by Follow-up Due Days', () => {
    const emu = district();
    const sheet = tab(emu, 'Follow-ups');
    const status = headersOf(emu, 'Follow-ups').indexOf('Status') + 1;
    expect(sheet.getRange(2, status).getDataValidation()?.getCriteriaValues()[0]).toEqual([
      'Open',
      'In progress',
      'Resolved',
      'Not urgent',
    ]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(1);
    expect(rules[0].getBooleanCondition()?.getCriteriaValues()[0]).toBe(
      '=AND(ISNUMBER($B2),$H2<>"Resolved",$H2<>"Not urgent",TODAY()-INT($B2)>IFERROR(VALUE(VLOOKUP("Follow-up Due Days",INDIRECT("\'Settings\'!A:B"),2,FALSE)),2))',
    );
    emu.run('setUpTracker', [], { user: OWNER });
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
  });
});
