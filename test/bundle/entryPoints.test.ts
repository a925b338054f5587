/**
 * Every top-level function of the built bundle is callable through google.script.run by any
 * editor, from the browser's devtools. Each is called here as a teacher, a principal, someone not
 * on Staff and a blank account (the trigger handlers also with made-up events, one of them naming
 * the leader's real trigger), and the whole workbook is compared before and after: every tab's
 * cells, the protections, the triggers, the properties and the outbox. Nothing may change beyond
 * what that person may do from the menu or the form.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import type { Emulator } from '../../dev/emulator';
import {
  BUILD_DIR,
  callInput,
  newTracker,
  OWNER,
  PRINCIPAL,
  submitAs,
  TEACHER,
  TEACHER2,
  upkeep,
  workbookChanges,
  workbookState,
  WorkbookState,
} from './helpers';

const NOT_ON_STAFF = 'nobody@district.example.org';
const ROLES = { teacher: TEACHER, principal: PRINCIPAL, 'not on Staff': NOT_ON_STAFF, blank: '' } as const;
type Role = keyof typeof ROLES;

/** Every function a script's global scope holds after loading the bundle: what google.script.run can name. */
function topLevelFunctions(): string[] {
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(path.join(BUILD_DIR, 'Code.js'), 'utf8'), context);
  return Object.keys(context)
    .filter((name) => typeof context[name] === 'function' && !name.endsWith('_'))
    .sort();
}

/** The names in the README's table of entry points. */
function readmeEntryPoints(): string[] {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Entry points'));
  const table = section.slice(0, section.indexOf('\n## ', 1));
  const firstCells = table.split('\n').map((line) => line.split('|')[1] ?? '');
  return firstCells.flatMap((cell) => [...cell.matchAll(/`(\w+)\(/g)].map((m) => m[1])).sort();
}

interface Fixture {
  emu: Emulator;
  /** The leader's own triggers: the upkeep and the weekly digests. */
  upkeepUid: string;
  weeklyUid: string;
  /** A call Mr. Nguyen logged (not the teacher's, nor anyone's in these tests). */
  othersCallId: string;
}

/**
 * A tracker in the state the attacks need: an alert owed to Maple's contacts and due now, the
 * Summary stale, the upkeep's last run long ago, and a weekly digest schedule.
 */
function fixture(): Fixture {
  const emu = newTracker();
  emu.run('scheduleWeeklyDigests', [], { user: OWNER });
  submitAs(emu, TEACHER, callInput());
  emu.failMail(() => 'Service unavailable: Gmail');
  const urgent = submitAs(emu, TEACHER2, callInput({ notes: 'The family was evicted last week.' }));
  emu.failMail(null);
  if (!urgent.ok) throw new Error('the urgent call was not logged');
  emu.clock.advance(60 * 60_000);
  const uid = (handler: string) => emu.triggers.find((t) => t.handlerFunction === handler)!.uniqueId;
  return {
    emu,
    upkeepUid: uid('runUpkeep'),
    weeklyUid: uid('runWeeklyDigests'),
    othersCallId: urgent.callId,
  };
}

/** The arguments a poking editor passes: a plausible input per function, made-up and borrowed trigger events. */
function argumentLists(name: string, f: Fixture): unknown[][] {
  switch (name) {
    case 'runUpkeep':
      return [[], [{ triggerUid: 'made-up' }], [{ triggerUid: f.upkeepUid }], [{ triggerUid: f.weeklyUid }]];
    case 'runWeeklyDigests':
      return [[], [{ triggerUid: 'made-up' }], [{ triggerUid: f.weeklyUid }], [{ triggerUid: f.upkeepUid }]];
    case 'onEdit':
      return [[], [{ range: { row: 2 }, user: { email: OWNER }, value: 'x' }]];
    case 'submitCall':
      return [[callInput()]];
    case 'getDigestPreview':
      return [['Maple Elementary'], ['District']];
    // Mr. Nguyen's urgent call, kept urgent by the edit so that upkeep still owes its alert.
    case 'getCallToEdit':
    case 'withdrawCall':
      return [[f.othersCallId]];
    case 'editCall':
      return [[f.othersCallId, callInput({ notes: 'The family was evicted last week.' })]];
    default:
      return [[]];
  }
}

const SUMMARY_STALE = 'document property summary.staleSince';

/**
 * What each person may change by calling a function: what the same person may do from the menu
 * or the form. Anything not listed here must change nothing.
 */
function allowed(name: string, role: Role, change: string): boolean {
  const onStaff = role === 'teacher' || role === 'principal';
  switch (name) {
    case 'submitCall':
      // Logging a call: a row of their own, and the Summary marked stale.
      return onStaff && (change === 'tab Call Log' || change === SUMMARY_STALE);
    case 'refreshSummary':
      // Others are refused, and the Summary is left for upkeep to refresh.
      if (role !== 'principal') return change === SUMMARY_STALE;
      return (
        ['tab Summary', 'tab Families', 'tab Sidebar Data'].includes(change) ||
        change.startsWith('document property ')
      );
    case 'getCallFormData':
      // The sidebar keeps what it read of Settings, Alert Routes and the header rows for the submit.
      return onStaff && change === 'document property form.context';
    case 'editCall':
    case 'withdrawCall':
      // A principal fixes or withdraws a call of their school: its row, its follow-up, the ledger.
      return (
        role === 'principal' &&
        (['tab Call Log', 'tab Follow-ups'].includes(change) || change.startsWith('document property '))
      );
    case 'sendDigestsNow':
      // A principal sends their own school's digest, recorded in the add-on's ledger.
      return (
        role === 'principal' && (change === `mail to ${PRINCIPAL}` || change.startsWith('document property '))
      );
    default:
      return false;
  }
}

const functions = topLevelFunctions();

describe('top-level functions', () => {
  it('are the entry points of src/main.ts, and the README lists each with who may call it', () => {
    expect(functions).toContain('runUpkeep');
    expect(functions).toContain('runWeeklyDigests');
    expect(readmeEntryPoints()).toEqual(functions);
  });

  describe.each(Object.keys(ROLES) as Role[])('called from the browser by %s', (role) => {
    let f: Fixture;
    /** The workbook as the previous function left it. */
    let state: WorkbookState;
    beforeAll(() => {
      f = fixture();
      state = workbookState(f.emu);
    });

    it.each(functions)('%s changes and sends nothing beyond what they may do', (name) => {
      const errors: unknown[] = [];
      for (const args of argumentLists(name, f)) {
        try {
          f.emu.callFromClient(name, args, { user: ROLES[role] });
        } catch (e) {
          errors.push(e);
        }
      }
      const after = workbookState(f.emu);
      const unexpected = workbookChanges(state, after).filter((c) => !allowed(name, role, c));
      state = after;
      expect(unexpected).toEqual([]);
      // A poke at a trigger handler is answered in words, never with an error mailed to the maintainer.
      if (name === 'runUpkeep' || name === 'runWeeklyDigests') expect(errors).toEqual([]);
    });
  });

  it('a trigger handler called from the browser says that it did nothing, and logs it', () => {
    const f = fixture();
    for (const [name, args] of [
      ['runUpkeep', [{ triggerUid: f.upkeepUid }]],
      ['runWeeklyDigests', [{ triggerUid: f.weeklyUid }]],
    ] as const) {
      const ex = f.emu.callFromClient(name, [...args], { user: TEACHER });
      expect(ex.value).toMatch(/nothing was (changed or )?sent/);
      expect(ex.logs.join('\n')).toContain(String(ex.value));
    }
  });

  it("a principal's call of runUpkeep does not make the leader's trigger remove itself", () => {
    const f = fixture();
    f.emu.callFromClient('runUpkeep', [], { user: PRINCIPAL });
    f.emu.clock.advance(5 * 60_000);
    const run = upkeep(f.emu);
    expect(run.value).toBe('Upkeep ran.');
    expect(f.emu.triggers.filter((t) => t.handlerFunction === 'runUpkeep')).toEqual([
      expect.objectContaining({ uniqueId: f.upkeepUid, createdBy: OWNER }),
    ]);
    // The owed alert went out once, from the leader's trigger, to Maple's follow-up contacts.
    expect(f.emu.outbox.filter((m) => m.subject.startsWith('Urgent follow-up'))).toHaveLength(1);
  });
});
