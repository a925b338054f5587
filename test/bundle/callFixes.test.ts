/**
 * Fixing or withdrawing a call from the sidebar (issue 16): only its caller, their school's
 * principal or a leader may; the row is found by its Call ID without reading the log; a fixed row
 * is signed again; a withdrawn row stays, struck through, and counts nowhere.
 */
import type { Emulator } from '../../dev/emulator';
import type { CallFormData, CallToEdit, EditResult, WithdrawResult } from '../../src/contract';
import { CALL_LOG, columnByKey } from '../../src/core/schema';
import { callVerifier } from '../../src/core/signature';
import {
  addCallRows,
  addOakMiddle,
  callInput,
  checkReport,
  newTracker,
  OAK_PRINCIPAL,
  OAK_TEACHER,
  OWNER,
  PRINCIPAL,
  records,
  signingKey,
  submitAs,
  summaryRowOf,
  tab,
  TEACHER,
  TEACHER2,
  TZ,
  upkeep,
  workbookChanges,
  workbookState,
} from './helpers';

const NOT_ON_STAFF = 'nobody@district.example.org';
const SOFIA = { student: 'Sofia Ruiz', studentId: '00124', familyMember: 'Ana Ruiz (grandmother)' };

/** Who tries to change Mr. Nguyen's call, and whether they may. */
const WHO: ReadonlyArray<[string, string, boolean]> = [
  ['its caller', TEACHER2, true],
  ["the school's principal", PRINCIPAL, true],
  ['a leader', OWNER, true],
  ['another teacher of the school', TEACHER, false],
  ["another school's principal", OAK_PRINCIPAL, false],
  ["another school's teacher", OAK_TEACHER, false],
  ['someone not on Staff', NOT_ON_STAFF, false],
  ['a blank account', '', false],
];
const alertsOf = (emu: Emulator) => emu.outbox.filter((m) => m.subject.startsWith('Urgent follow-up'));

function withdraw(emu: Emulator, user: string, callId: unknown): WithdrawResult {
  return emu.callFromClient('withdrawCall', [callId], { user }).value as WithdrawResult;
}

function edit(emu: Emulator, user: string, callId: string, input: Record<string, unknown>): EditResult {
  return emu.callFromClient('editCall', [callId, input], { user }).value as EditResult;
}

function toEdit(emu: Emulator, user: string, callId: string): CallToEdit {
  return emu.callFromClient('getCallToEdit', [callId], { user }).value as CallToEdit;
}

function rowOf(emu: Emulator, callId: string): Record<string, unknown> & { row: number } {
  const index = records(emu, 'Call Log').findIndex((r) => r['Call ID'] === callId);
  return { ...records(emu, 'Call Log')[index], row: index + 2 };
}

/** Whether the row's signature matches what it says now. */
function origin(emu: Emulator, callId: string): string {
  const row = rowOf(emu, callId);
  return callVerifier(signingKey(emu), TZ)((key) => row[columnByKey(CALL_LOG, key).header] ?? '');
}

/** What one call of a function on a just-logged call costs, with `rows` other rows on the Call Log. */
function cost(rows: number, call: (callId: string) => [string, unknown[]]) {
  const emu = newTracker();
  addCallRows(emu, rows);
  const logged = submitAs(emu, TEACHER, callInput());
  if (!logged.ok) throw new Error('not logged');
  const [fn, args] = call(logged.callId);
  const ex = emu.callFromClient(fn, args, { user: TEACHER });
  return { calls: ex.serviceCalls, read: ex.cellsRead, written: ex.cellsWritten, locked: ex.lockHeldCalls };
}

function progressText(emu: Emulator, user = TEACHER): string {
  return (emu.callFromClient('getCallFormData', [], { user }).value as CallFormData).progress.text;
}

/** Ms. Ortiz reached the Chens; Mr. Nguyen logged an urgent call about the Ruiz family. */
function tracker(): { emu: Emulator; ortiz: string; nguyen: string } {
  const emu = newTracker();
  addOakMiddle(emu);
  const ortiz = submitAs(emu, TEACHER, callInput());
  const nguyen = submitAs(emu, TEACHER2, callInput({ ...SOFIA, notes: 'They were evicted last week.' }));
  if (!ortiz.ok || !nguyen.ok) throw new Error('the calls were not logged');
  emu.run('refreshSummary', [], { user: OWNER });
  return { emu, ortiz: ortiz.callId, nguyen: nguyen.callId };
}

describe('Logged by mistake: withdrawCall', () => {
  it('keeps the row, marks who withdrew it and when, strikes it through, and it counts nowhere', () => {
    const { emu, ortiz } = tracker();
    expect(progressText(emu)).toBe('1 of 10 families reached');
    const before = rowOf(emu, ortiz);
    const result = withdraw(emu, TEACHER, ortiz);
    expect(result).toMatchObject({ ok: true, callId: ortiz });
    expect(result.message).toContain('struck through');
    const after = rowOf(emu, ortiz);
    expect(records(emu, 'Call Log')).toHaveLength(2);
    expect(after).toEqual({
      ...before,
      Withdrawn: 'Withdrawn by Ms. Ortiz on 2026-11-23',
      Signature: after.Signature,
    });
    const width = tab(emu, 'Call Log').getLastColumn();
    expect(tab(emu, 'Call Log').getRange(after.row, 1, 1, width).getFontLines()[0]).toEqual(
      new Array(width).fill('line-through'),
    );
    // Signed again with the mark: not "changed by hand".
    expect(origin(emu, ortiz)).toBe('form');
    expect(checkReport(emu)).not.toContain(ortiz);
    // The sidebar, the Summary and Families count it no more.
    expect(progressText(emu)).toBe('0 of 10 families reached');
    emu.run('refreshSummary', [], { user: OWNER });
    expect(summaryRowOf(emu, 'Ms. Ortiz')).toMatchObject({ 'Families Reached': 0, Attempts: 0 });
    const chens = records(emu, 'Families').find((r) => String(r.Students).includes('Liam Chen'));
    expect(chens).toMatchObject({ Attempts: 0, Status: 'Not yet called' });
    // Withdrawn twice: said, nothing written again.
    expect(withdraw(emu, TEACHER, ortiz).message).toContain('Already withdrawn');
  });

  it("closes the call's urgent follow-up and cancels its alert when it has not gone yet", () => {
    const emu = newTracker();
    emu.failMail(() => 'Service unavailable: Gmail');
    const urgent = submitAs(emu, TEACHER, callInput({ notes: 'The family was evicted.' }));
    emu.failMail(null);
    if (!urgent.ok) throw new Error('not logged');
    expect(withdraw(emu, TEACHER, urgent.callId).ok).toBe(true);
    expect(records(emu, 'Follow-ups')).toEqual([
      expect.objectContaining({
        'Call ID': urgent.callId,
        Status: 'Not urgent',
        Resolution: 'Withdrawn by Ms. Ortiz on 2026-11-23: the call was logged by mistake.',
      }),
    ]);
    emu.clock.advance(60 * 60_000);
    upkeep(emu);
    expect(alertsOf(emu)).toEqual([]);
    // The refresh raises nothing for it either.
    expect(records(emu, 'Follow-ups')).toHaveLength(1);
  });

  it.each(WHO)("%s (%s) may withdraw Mr. Nguyen's call: %s", (_who, user, allowed) => {
    const { emu, nguyen } = tracker();
    const before = workbookState(emu);
    const result = withdraw(emu, user, nguyen);
    expect(result.ok).toBe(allowed);
    if (allowed) {
      expect(rowOf(emu, nguyen).Withdrawn).toMatch(/^Withdrawn by .+ on 2026-11-23$/);
      expect(records(emu, 'Follow-ups')[0].Status).toBe('Not urgent');
      return;
    }
    expect(result.message).toMatch(
      /Only the person who logged this call|not on the Staff tab|did not tell the tracker/,
    );
    expect(workbookChanges(before, workbookState(emu))).toEqual([]);
  });

  it('a Call ID that is not on the log, or no Call ID at all, is said in words', () => {
    const { emu } = tracker();
    expect(withdraw(emu, TEACHER, 'C-NOSUCHCALL').message).toBe(
      'No call with Call ID C-NOSUCHCALL is on the Call Log.',
    );
    expect(withdraw(emu, TEACHER, { callId: 'x' }).message).toMatch(/No call was named/);
  });

  it("a Withdrawn mark typed by hand on a colleague's row is listed by Check call log", () => {
    const { emu, ortiz } = tracker();
    const headers = Object.keys(records(emu, 'Call Log')[0]);
    const column = headers.indexOf('Withdrawn') + 1;
    emu.edit(
      'Call Log',
      `${String.fromCharCode(64 + column)}${rowOf(emu, ortiz).row}`,
      [['Withdrawn by me']],
      {
        user: TEACHER2,
      },
    );
    expect(origin(emu, ortiz)).toBe('changed');
    expect(checkReport(emu)).toContain('Changed by hand after logging');
  });

  it('finds the row by its Call ID: what it reads, and holds the lock for, does not grow with the Call Log', () => {
    const small = cost(10, (callId) => ['withdrawCall', [callId]]);
    expect(cost(2_000, (callId) => ['withdrawCall', [callId]])).toEqual(small);
    // One row found and read, one row written (and struck through), whatever the size of the log.
    // The header row is read as wide as setup left the tab: its empty columns trimmed (21 cells fewer).
    expect(small).toEqual({ calls: 50, read: 186, written: 24, locked: 19 });
  });
});

describe('Edit: getCallToEdit and editCall', () => {
  it('fills the form with the call; saving rewrites that row, keeps its identity and signs it again', () => {
    const { emu, ortiz } = tracker();
    const opened = toEdit(emu, TEACHER, ortiz);
    expect(opened).toMatchObject({
      ok: true,
      callId: ortiz,
      values: {
        student: 'Liam Chen',
        outcome: 'Conversation',
        callDate: '2026-11-20',
        urgent: false,
        okToQuote: false,
      },
    });
    const before = rowOf(emu, ortiz);
    const result = edit(emu, TEACHER, ortiz, {
      ...opened.values,
      callDate: '2026-11-19',
      familyStrengths: 'Builds robots and bikes with his dad',
    });
    expect(result).toMatchObject({ ok: true, callId: ortiz, urgent: false });
    const after = rowOf(emu, ortiz);
    expect(records(emu, 'Call Log')).toHaveLength(2);
    for (const kept of ['Call ID', 'Logged At', 'Staff Email', 'Staff Name', 'School', 'row'])
      expect(after[kept]).toEqual(before[kept]);
    expect(after).toMatchObject({
      'Family Strengths': 'Builds robots and bikes with his dad',
      Entry: 'Edited in form',
    });
    expect(after['Call Date']).toEqual(new Date('2026-11-19T06:00:00.000Z'));
    expect(origin(emu, ortiz)).toBe('form');
    expect(checkReport(emu)).not.toContain(ortiz);
  });

  it('is checked like a submit: a bad value is refused with its field, and nothing is written', () => {
    const { emu, ortiz } = tracker();
    const before = records(emu, 'Call Log');
    const result = edit(emu, TEACHER, ortiz, callInput({ callDate: '2027-01-01', familyMember: '' }));
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['callDate', 'familyMember']);
    expect(records(emu, 'Call Log')).toEqual(before);
  });

  it('an edit that makes a call urgent raises its follow-up and alert once; unticking closes it as Not urgent', () => {
    const { emu, ortiz } = tracker();
    const sent = alertsOf(emu).length;
    const values = toEdit(emu, TEACHER, ortiz).values;
    expect(edit(emu, TEACHER, ortiz, { ...values, urgent: true })).toMatchObject({
      ok: true,
      urgent: true,
      urgentReason: 'Marked by caller',
    });
    expect(alertsOf(emu)).toHaveLength(sent + 1);
    expect(records(emu, 'Follow-ups').filter((f) => f['Call ID'] === ortiz)).toHaveLength(1);
    // Saved again unchanged: no second follow-up, no second alert.
    expect(edit(emu, TEACHER, ortiz, { ...values, urgent: true }).ok).toBe(true);
    expect(alertsOf(emu)).toHaveLength(sent + 1);
    expect(edit(emu, TEACHER, ortiz, { ...values, urgent: false })).toMatchObject({
      ok: true,
      urgent: false,
    });
    expect(records(emu, 'Follow-ups').find((f) => f['Call ID'] === ortiz)).toMatchObject({
      Status: 'Not urgent',
      Resolution: 'Urgent was unticked when Ms. Ortiz fixed the call from the form.',
    });
    upkeep(emu);
    expect(alertsOf(emu)).toHaveLength(sent + 1);
  });

  it('the form shows Urgent ticked only when a person ticked it, not when a phrase in the notes set it', () => {
    const { emu, nguyen } = tracker();
    expect(toEdit(emu, TEACHER2, nguyen).values.urgent).toBe(false);
    const result = edit(emu, TEACHER2, nguyen, toEdit(emu, TEACHER2, nguyen).values);
    expect(result).toMatchObject({ ok: true, urgent: true, urgentReason: 'Housing: "evicted"' });
  });

  it.each(WHO)("%s (%s) may fix Mr. Nguyen's call: %s", (_who, user, allowed) => {
    const { emu, nguyen } = tracker();
    const before = records(emu, 'Call Log');
    expect(toEdit(emu, user, nguyen).ok).toBe(allowed);
    const result = edit(emu, user, nguyen, callInput({ ...SOFIA, outcome: 'No answer', familyMember: '' }));
    expect(result.ok).toBe(allowed);
    if (allowed) {
      // Credit stays with the caller.
      expect(rowOf(emu, nguyen)).toMatchObject({ 'Staff Email': TEACHER2, Outcome: 'No answer' });
      return;
    }
    expect(!result.ok && result.errors.form).toMatch(
      /Only the person who logged this call|not on the Staff tab|did not tell the tracker/,
    );
    expect(records(emu, 'Call Log')).toEqual(before);
  });

  it('a withdrawn call cannot be edited', () => {
    const { emu, ortiz } = tracker();
    withdraw(emu, TEACHER, ortiz);
    expect(toEdit(emu, TEACHER, ortiz)).toMatchObject({
      ok: false,
      message: expect.stringContaining('withdrawn'),
    });
    expect(edit(emu, TEACHER, ortiz, callInput()).ok).toBe(false);
  });

  it('finds the row by its Call ID: what it reads, and holds the lock for, does not grow with the Call Log', () => {
    const fix = (callId: string): [string, unknown[]] => [
      'editCall',
      [callId, callInput({ notes: 'A typo fixed' })],
    ];
    const small = cost(10, fix);
    expect(cost(2_000, fix)).toEqual(small);
    // The header row is read as wide as setup left the tab: its empty columns trimmed (21 cells fewer).
    expect(small).toEqual({ calls: 51, read: 210, written: 24, locked: 17 });
  });
});
