/**
 * Issue 10: a teacher's sidebar and submit move the same number of cells at any Call Log size,
 * hold the document lock for a few calls, and stay exact whatever happens to the caches.
 */
import type { CallFormData, SubmitResult } from '../../src/contract';
import type { Execution } from '../../dev/emulator';
import {
  addCallRows,
  callInput,
  headersOf,
  newTracker,
  OWNER,
  records,
  tab,
  TEACHER,
  TEACHER2,
} from './helpers';

type Emu = ReturnType<typeof newTracker>;

function submit(emu: Emu, user: string, input: Record<string, unknown>): Execution<SubmitResult> {
  return emu.callFromClient('submitCall', [input], { user }) as Execution<SubmitResult>;
}

function open(emu: Emu, user: string): Execution<CallFormData> {
  return emu.callFromClient('getCallFormData', [], { user }) as Execution<CallFormData>;
}

/** A tracker with `n` logged calls whose upkeep has refreshed since. */
function district(n: number): Emu {
  const emu = newTracker();
  addCallRows(emu, n);
  emu.run('refreshSummary', [], { user: OWNER });
  return emu;
}

const cells = (ex: Execution<unknown>) => ({ read: ex.cellsRead, written: ex.cellsWritten });

describe('what a teacher waits for does not grow with the Call Log', () => {
  const sizes = [1_000, 50_000];
  const measured = sizes.map((n) => {
    const emu = district(n);
    const form = open(emu, TEACHER);
    const input = callInput();
    const first = submit(emu, TEACHER, input);
    const retry = submit(emu, TEACHER, input);
    return { form, first, retry };
  });

  it.each(['form', 'first', 'retry'] as const)(
    '%s: the same cells and calls at 1,000 and 50,000 rows',
    (op) => {
      const [small, large] = measured.map((m) => m[op]);
      expect(large.serviceCalls).toBe(small.serviceCalls);
      expect(cells(large)).toEqual(cells(small));
      expect(small.cellsRead + small.cellsWritten).toBeLessThan(1_000);
    },
  );

  it('a plain call is logged in 24 service calls, households, signature and retry check included', () => {
    expect(measured.map((m) => m.first.serviceCalls)).toEqual([24, 24]);
    expect(measured.map((m) => m.first.value.ok)).toEqual([true, true]);
    // The form saw the Settings, Alert Routes and header rows as it opened: the submit reads none of them.
    expect(measured[0].first.calls.filter((c) => c === 'Sheet.getDataRange')).toEqual([]);
  });

  it('a retry writes nothing and answers with the first try', () => {
    const { first, retry } = measured[1];
    expect(retry.value).toMatchObject({ ok: true, alreadyLogged: true });
    expect(retry.cellsWritten).toBe(0);
    if (first.value.ok && retry.value.ok) expect(retry.value.callId).toBe(first.value.callId);
  });

  it('the document lock is held for the read of the rows logged since, the append and the flush: 8 calls', () => {
    expect(measured.map((m) => m.first.lockHeldCalls)).toEqual([8, 8]);
  });
});

describe("a hand edit does not put the district on every teacher's click", () => {
  /** After a refresh, a teacher fixes a call of their school by hand; the next sidebars and submits read only that row. */
  function afterHandEdit(n: number) {
    const emu = district(n);
    open(emu, TEACHER);
    const headers = headersOf(emu, 'Call Log');
    const cell = (header: string) =>
      tab(emu, 'Call Log')
        .getRange(10, headers.indexOf(header) + 1)
        .getA1Notation();
    emu.edit('Call Log', cell('Outcome'), [['Conversation']], { user: TEACHER });
    emu.edit('Call Log', cell('Family Member'), [['A parent']], { user: TEACHER });
    const form = open(emu, TEACHER);
    const first = submit(emu, TEACHER2, callInput());
    const retry = submit(emu, TEACHER2, callInput());
    // Staff and Roster edited too: each sidebar still reads only its own rows.
    emu.edit('Staff', 'E4', [[12]], { user: OWNER });
    emu.edit('Roster', 'H4', [['Cantonese']], { user: OWNER });
    const later = open(emu, TEACHER);
    return { form, first, retry, later };
  }
  const measured = [1_000, 20_000].map(afterHandEdit);

  it.each(['form', 'first', 'retry', 'later'] as const)(
    '%s: the same cells and calls at 1,000 and 20,000 rows',
    (op) => {
      const [small, large] = measured.map((m) => m[op]);
      expect(large.serviceCalls).toBe(small.serviceCalls);
      expect(cells(large)).toEqual(cells(small));
    },
  );

  it('exact budgets: the sidebar reads 146 cells, a submit 125 (the edited row among them) in 26 calls', () => {
    const [small] = measured;
    // The Call Log's header row is read as wide as setup left the tab: its empty columns trimmed.
    expect(cells(small.form)).toEqual({ read: 146, written: 0 });
    expect([small.first.serviceCalls, small.first.cellsRead, small.first.cellsWritten]).toEqual([
      26, 125, 24,
    ]);
    expect(small.form.value.progress.counted).toBe(open(district(1_000), TEACHER).value.progress.counted + 1);
  });
});

describe('households stay exact between refreshes', () => {
  it('a family reached by one teacher shows as reached to the next at once', () => {
    const emu = district(200);
    expect(submit(emu, TEACHER, callInput()).value.ok).toBe(true);
    const liam = open(emu, TEACHER2).value.families.find((f) => f.student === 'Liam Chen');
    expect(liam).toMatchObject({ attempts: 1, reached: { by: 'Ms. Ortiz', on: '2026-11-20', byMe: false } });
    const second = submit(emu, TEACHER2, callInput()).value;
    expect(second.ok && second.warnings).toEqual(['This family was already reached by Ms. Ortiz on Nov 20.']);
  });

  it('siblings count once toward a goal, whichever child is called', () => {
    const emu = district(0);
    submit(emu, TEACHER, callInput({ student: 'Mateo Ruiz', studentId: '00123', familyMember: 'Ana Ruiz' }));
    const result = submit(
      emu,
      TEACHER,
      callInput({ student: 'Sofia Ruiz', studentId: '00124', familyMember: 'Ana Ruiz' }),
    ).value;
    expect(result.ok && result.progress).toMatchObject({ counted: 1, attempts: 2 });
  });

  it('when the cache drops its keys, the hidden copy answers the same', () => {
    const emu = district(200);
    submit(emu, TEACHER, callInput());
    const before = open(emu, TEACHER).value;
    emu.dropCaches();
    const after = open(emu, TEACHER);
    expect(after.value).toEqual(before);
    expect(after.calls).toContain('Range.getValues');
  });

  it('a hand edit above the refreshed rows shows in the sidebar at once, and after the next refresh', () => {
    const emu = district(0);
    submit(emu, TEACHER, callInput({ outcome: 'No answer', familyMember: '' }));
    emu.run('refreshSummary', [], { user: OWNER });
    // Someone turns that unanswered call into a conversation by hand.
    const outcome = records(emu, 'Call Log').length + 1;
    const column = headersOf(emu, 'Call Log').indexOf('Outcome') + 1;
    emu.edit('Call Log', tab(emu, 'Call Log').getRange(outcome, column).getA1Notation(), [['Conversation']], {
      user: TEACHER,
    });
    const form = open(emu, TEACHER).value;
    expect(form.progress.counted).toBe(1);
    emu.run('refreshSummary', [], { user: OWNER });
    expect(open(emu, TEACHER).value.progress.counted).toBe(1);
  });

  it('a row deleted by hand is noticed: calls logged after it still count', () => {
    const emu = district(0);
    submit(emu, TEACHER, callInput({ student: 'Mateo Ruiz', studentId: '00123', familyMember: 'Ana Ruiz' }));
    submit(emu, TEACHER, callInput({ outcome: 'No answer', familyMember: '' }));
    emu.run('refreshSummary', [], { user: OWNER });
    // Deleting row 2 moves row 3 up: the next call is appended onto the row the refresh read last.
    const sheet = tab(emu, 'Call Log');
    const width = headersOf(emu, 'Call Log').length;
    sheet.getRange(2, 1, 1, width).setValues(sheet.getRange(3, 1, 1, width).getValues());
    sheet.getRange(3, 1, 1, width).clearContent();
    expect(submit(emu, TEACHER2, callInput()).value.ok).toBe(true);
    expect(records(emu, 'Call Log')).toHaveLength(2);
    const liam = open(emu, TEACHER).value.families.find((f) => f.student === 'Liam Chen');
    expect(liam?.reached?.by).toBe('Mr. Nguyen');
  });
});
