/**
 * Issue 11, case 1: a submit never loses a follow-up. What it needs is checked before anything is
 * written; a follow-up that still cannot be written is added by the upkeep trigger, once.
 */
import type { SubmitResult } from '../../src/contract';
import { callInput, newTracker, OWNER, records, tab, TEACHER } from './helpers';

type Emu = ReturnType<typeof newTracker>;

function submit(emu: Emu, input: Record<string, unknown>): SubmitResult {
  return emu.callFromClient('submitCall', [input], { user: TEACHER }).value as SubmitResult;
}

function upkeep(emu: Emu): void {
  const trigger = emu.triggers.find((t) => t.handlerFunction === 'runUpkeep');
  if (!trigger) throw new Error('no upkeep trigger');
  emu.fireTrigger(trigger.uniqueId);
}

const urgent = () => callInput({ notes: 'They were evicted on Friday.' });

describe('a submit that would raise a follow-up', () => {
  it('refuses before writing anything when the Follow-ups tab is gone, and names it', () => {
    const emu = newTracker();
    emu.spreadsheet.deleteSheet(emu.spreadsheet.getSheetByName('Follow-ups')!);
    expect(submit(emu, urgent())).toEqual({
      ok: false,
      errors: {
        form: 'The "Follow-ups" tab is missing. Run Relationship Calls → Set up tracker to repair it.',
      },
    });
    expect(records(emu, 'Call Log')).toHaveLength(0);
  });

  it('refuses before writing anything when a Follow-ups header was renamed, and names it', () => {
    const emu = newTracker();
    const headers = tab(emu, 'Follow-ups').getRange(1, 1, 1, 10).getValues()[0];
    tab(emu, 'Follow-ups')
      .getRange(1, headers.indexOf('Reason') + 1)
      .setValue('Why');
    expect(submit(emu, urgent())).toEqual({
      ok: false,
      errors: { form: expect.stringContaining('The Follow-ups tab has no "Reason" column in row 1.') },
    });
    expect(records(emu, 'Call Log')).toHaveLength(0);
  });

  it('a plain call does not need Follow-ups at all', () => {
    const emu = newTracker();
    emu.spreadsheet.deleteSheet(emu.spreadsheet.getSheetByName('Follow-ups')!);
    expect(submit(emu, callInput()).ok).toBe(true);
    expect(records(emu, 'Call Log')).toHaveLength(1);
  });

  it('keeps the call when Follow-ups refuses the teacher; upkeep adds the follow-up once; a retry adds nothing', () => {
    const emu = newTracker();
    const protection = tab(emu, 'Follow-ups').protect();
    protection.removeEditors(protection.getEditors());
    protection.addEditor(OWNER);
    protection.setUnprotectedRanges([]);
    const input = urgent();
    const result = submit(emu, input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toContain(
      'Your call was saved. Its follow-up could not be added to the Follow-ups tab just now; the tracker adds it within a few minutes.',
    );
    expect(records(emu, 'Call Log')).toHaveLength(1);
    expect(records(emu, 'Follow-ups')).toHaveLength(0);
    expect(submit(emu, input)).toMatchObject({ ok: true, alreadyLogged: true });
    upkeep(emu);
    upkeep(emu);
    const rows = records(emu, 'Follow-ups');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'Call ID': result.callId, Reason: 'Housing: "evicted"' });
  });
});

describe('the hand-off', () => {
  const noAnswer = () => callInput({ outcome: 'No answer', familyMember: '' });

  it('fires once, on the attempt that reaches the number', () => {
    const emu = newTracker();
    for (let i = 0; i < 4; i++) submit(emu, noAnswer());
    const handOffs = records(emu, 'Follow-ups').filter((r) => String(r.Reason).startsWith('Not reached'));
    expect(handOffs).toHaveLength(1);
  });

  it('a hand-off whose row could not be written is added by upkeep, and never twice', () => {
    const emu = newTracker();
    submit(emu, noAnswer());
    submit(emu, noAnswer());
    const protection = tab(emu, 'Follow-ups').protect();
    protection.removeEditors(protection.getEditors());
    protection.addEditor(OWNER);
    expect(submit(emu, noAnswer()).ok).toBe(true); // the third attempt: its hand-off cannot be written
    protection.remove();
    submit(emu, noAnswer()); // a fourth attempt before upkeep runs
    upkeep(emu);
    upkeep(emu);
    const handOffs = records(emu, 'Follow-ups').filter((r) => String(r.Reason).startsWith('Not reached'));
    expect(handOffs).toHaveLength(1);
  });
});
