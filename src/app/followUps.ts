/**
 * The Follow-ups tab: a row per urgent call and per household still unreached after the hand-off
 * number of attempts. What the add-on owes is kept in its ledger (src/core/ledger.ts), where no
 * editor can type; the rows are what people work from, signed with the ledger id they stand for.
 * A submit raises its follow-ups at once; the upkeep refresh raises what is missing (calls typed
 * on the sheet, hand-offs), closes hand-offs of families reached since, restores rows people
 * cleared or deleted (without a second alert), writes the Alert column back from the ledger, and
 * keeps Days Open current. onEdit stamps Resolved At and lets only the right people untick Urgent.
 */
import { editedHeaderRow, editedRowValues, forgetEditedRowValues, touches } from '../sheets/editEvent';
import {
  alertReport,
  FollowUpDraft,
  PENDING_WHY,
  handOffReasonOf,
  HouseholdTally,
  isHandOff,
  missingFollowUps,
  reachedResolution,
  TICKED_ON_SHEET,
  daysOpen,
  kindLabel,
  overdueText,
  tallyHouseholds,
} from '../core/followUps';
import { HouseholdIndex, normalizeName } from '../core/households';
import { handOffId, KnownFollowUp, QueuedAlert, urgentId } from '../core/ledger';
import {
  BLANK_CALL,
  CallRecord,
  FollowUpRecord,
  isOpenFollowUp,
  RosterStudent,
  School,
  StaffMember,
  text,
  toFollowUpRecord,
} from '../core/records';
import { MARKED_BY_CALLER } from '../core/urgency';
import { CALL_LOG, CLOSED_STATUSES, FOLLOW_UPS } from '../core/schema';
import { callFactsOf, callSigner, callVerifier, followUpSigner, followUpVerifier } from '../core/signature';
import { HouseholdFacts } from '../core/snapshot';
import { extendOverdueHighlight } from '../sheets/alertSetup';
import { ledger, ledgerNow, recordLedger } from '../sheets/ledgerStore';
import { rowsWithIds, writeColumnCells } from '../sheets/followUpRows';
import { markSummaryStale, signingKey, signingKeyOrCreate } from '../sheets/state';
import { setTrackerProperties, trackerProperties } from '../sheets/properties';
import {
  cellGetter,
  findSheet,
  indexColumns,
  isTab,
  readRowsOf,
  Table,
  TrackerLayoutError,
} from '../sheets/table';
import { findStaffRows, followUpHeader, readFollowUps, readSchools } from '../sheets/tabs';
import { urgencyFor } from './routing';
import { openTracker, Tracker } from '../sheets/tracker';
import { NOTE_PREFIX } from './checks';
import { appendFollowUpRows, queuedAlertFor, raiseFollowUps } from './raise';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The follow-ups a just-logged call raises: its urgent note, and the hand-off when the call took
 * its household past Attempts Before Hand-off (`handOff`: the household's key and facts, this call included).
 */
export function followUpsFor(
  record: CallRecord,
  handOff: { key: string; facts: HouseholdFacts } | null,
): FollowUpDraft[] {
  const drafts: FollowUpDraft[] = [];
  if (record.urgent)
    drafts.push({
      kind: 'urgent',
      id: urgentId(record.callId),
      call: record,
      reason: record.urgentReason || TICKED_ON_SHEET,
    });
  if (handOff)
    drafts.push({
      kind: 'hand-off',
      id: handOffId(record.school, handOff.key),
      call: record,
      reason: handOffReasonOf(handOff.facts),
    });
  return drafts;
}

/** A row of Follow-ups and the ledger id its signature stands for (null: typed or altered by a person). */
interface SignedRow {
  record: FollowUpRecord;
  id: string | null;
}

function kindOf(f: Pick<FollowUpRecord, 'reason'>): 'urgent' | 'hand-off' {
  return isHandOff(f) ? 'hand-off' : 'urgent';
}

function signedRows(followUps: readonly FollowUpRecord[]): SignedRow[] {
  const verify = followUpVerifier(signingKey());
  return followUps.map((record) => ({
    record,
    id: verify(record.signature, { callId: record.callId, school: record.school, kind: kindOf(record) }),
  }));
}

/**
 * The rows the add-on wrote (counted on the Summary and in digests) apart from rows people typed,
 * pasted or altered (they send nothing and count nowhere; Check call log lists them).
 */
export function ownFollowUps(followUps: readonly FollowUpRecord[]): {
  own: FollowUpRecord[];
  typed: FollowUpRecord[];
} {
  const own: FollowUpRecord[] = [];
  const typed: FollowUpRecord[] = [];
  for (const { record, id } of signedRows(followUps)) (id ? own : typed).push(record);
  return { own, typed };
}

const LEDGER_VERSION = 'ledger.version';

/**
 * Setup: a tracker whose Follow-ups tab holds no row yet starts with the ledger (nothing to
 * adopt); from then on every row the add-on did not write is a person's.
 */
export function startLedgerIfEmpty(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  if (trackerProperties()[LEDGER_VERSION]) return;
  const sheet = findSheet(ss, FOLLOW_UPS);
  if (sheet && sheet.getLastRow() <= 1) startLedger();
}

/** From now on every Follow-ups row the add-on did not write (and record) is a person's. */
export function startLedger(): void {
  setTrackerProperties({ [LEDGER_VERSION]: '1' });
}

/** The Alert cell of a pre-ledger row, read for the last time: was the alert delivered, or still owed? */
function adoptedAlert(alert: string): KnownFollowUp['alert'] {
  const state = alert.split(/[\s:]/)[0].toLowerCase();
  if (state === 'sent') return 'sent';
  if (state === 'off') return 'off';
  return state === 'pending' || state === 'failed' || state === 'sending' ? 'queued' : 'earlier';
}

/**
 * A tracker from before the ledger: its Follow-ups rows become the add-on's own once, and are
 * signed, so nothing is raised or alerted twice. Alerts its rows say were still owed stay owed,
 * and go out naming only the school and the row (what was typed there cannot be verified).
 * Returns the ids it gave the rows.
 */
function adoptRows(
  tracker: Tracker,
  table: Table,
  followUps: readonly FollowUpRecord[],
  idOfHandOff: (callId: string) => string | null,
): Map<number, string> {
  const known = new Map<string, KnownFollowUp>();
  const queued: QueuedAlert[] = [];
  const ids = new Map<number, string>();
  const signatures = new Map<number, string>();
  const sign = followUpSigner(signingKeyOrCreate());
  const recorded = ledgerNow();
  for (const f of followUps) {
    const kind = kindOf(f);
    const id = kind === 'hand-off' ? idOfHandOff(f.callId) : f.callId ? urgentId(f.callId) : null;
    // Raised since the add-on kept a ledger (a submit before this first refresh): already its own.
    if (!id || known.has(id) || recorded.known(id)) continue;
    const alert = kind === 'hand-off' ? 'none' : adoptedAlert(f.alert);
    known.set(id, { id, kind, closed: !isOpenFollowUp(f), alert });
    ids.set(f.row, id);
    signatures.set(f.row, sign({ id, callId: f.callId, school: f.school, kind }));
    if (alert === 'queued')
      queued.push({
        ...queuedAlertFor(
          tracker,
          {
            kind,
            id,
            call: { ...NO_CALL, callId: f.callId, school: f.school, callDate: f.callDate },
            reason: f.reason,
          },
          false,
          PENDING_WHY.queued,
        ),
      });
  }
  recordLedger({ known: [...known.values()], queued });
  writeColumnCells(table, 'signature', signatures);
  setTrackerProperties({ [LEDGER_VERSION]: '1' });
  return ids;
}

/** A call nobody can find any more, for an adopted alert: only its id, school and day are known. */
const NO_CALL: CallRecord = { ...BLANK_CALL, urgent: true };

const RESTORED_CLOSED =
  'Restored by the add-on: this row had been cleared or deleted. It was closed; see the version history for how.';

/** What a refresh knows of the calls it looks at: the calls, and the households they touch, tallied over the whole log. */
export interface CallsToFollow {
  calls: readonly CallRecord[];
  /** By hand-off id: the tally of every household the calls touch (of every call of the log, not only these). */
  tallies: ReadonlyMap<string, HouseholdTally>;
  roster: readonly RosterStudent[];
  schools: readonly School[];
}

/**
 * Closes hand-offs whose households are reached: row by row, found by Sheets' search, and in the
 * ledger. Returns the rows closed, as they now stand.
 */
function closeReachedHandOffs(
  tracker: Tracker,
  table: Table,
  tallies: ReadonlyMap<string, HouseholdTally>,
): FollowUpRecord[] {
  const now = ledgerNow();
  const due = [...tallies.values()].filter((t) => {
    const known = now.known(t.id);
    return t.facts.reached && known?.kind === 'hand-off' && !known.closed;
  });
  const closed: FollowUpRecord[] = [];
  if (due.length === 0) return closed;
  const verify = followUpVerifier(signingKey());
  const cells = {
    status: new Map<number, unknown>(),
    resolution: new Map<number, unknown>(),
    resolvedAt: new Map<number, unknown>(),
    daysOpen: new Map<number, unknown>(),
    overdue: new Map<number, unknown>(),
  };
  const byId = new Map(due.map((t) => [t.id, t]));
  for (const [row, values] of rowsWithIds(table, [...byId.keys()])) {
    const f = toFollowUpRecord(cellGetter(table, values), row, tracker.sheetTimeZone);
    const id = verify(f.signature, { callId: f.callId, school: f.school, kind: 'hand-off' });
    const tally = id ? byId.get(id) : undefined;
    if (!tally || !isOpenFollowUp(f)) continue;
    const resolution = reachedResolution(tally.facts.reached!);
    cells.status.set(row, 'Resolved');
    cells.resolution.set(row, resolution);
    cells.resolvedAt.set(row, tally.facts.reached!.day);
    const done: FollowUpRecord = {
      ...f,
      status: 'Resolved',
      resolution,
      resolvedOn: tally.facts.reached!.day,
    };
    // Closed: open no longer, overdue no longer.
    cells.daysOpen.set(row, daysOpen(done, tracker.today) ?? '');
    cells.overdue.set(row, '');
    closed.push(done);
  }
  for (const [key, values] of Object.entries(cells)) writeColumnCells(table, key, values);
  // Closed in the ledger even when its row is gone: a restored row then comes back closed.
  recordLedger({ known: due.map((t) => ({ ...now.known(t.id)!, closed: true })) });
  return closed;
}

/**
 * Holding the document lock, for calls new or edited since the last refresh (or every call):
 * raises the follow-ups they call for that the ledger does not know, and closes the hand-offs of
 * households they reached. Reads no more of Follow-ups than its header and the rows it closes.
 * Returns the rows it added and the rows it closed.
 */
export function followCalls(
  tracker: Tracker,
  input: CallsToFollow,
  table: Table = followUpHeader(tracker.ss),
): FollowUpRecord[] {
  const raised = raiseFollowUps(
    tracker,
    { table, schools: input.schools, callLog: findSheet(tracker.ss, CALL_LOG) },
    missingFollowUps(input.calls, (id) => ledger.known(id) !== null, input.tallies, tracker.settings),
    { students: input.roster, claimFor: null, verified: (d) => d.call.origin === 'form' },
  );
  return [...raised.added, ...closeReachedHandOffs(tracker, table, input.tallies)];
}

/**
 * Whether following these calls would raise or close anything (the ledger as it stands): a
 * refresh takes the lock and reads Follow-ups' header only then.
 */
export function followUpsOwed(
  input: Pick<CallsToFollow, 'calls' | 'tallies'>,
  settings: { attemptsBeforeHandOff: number },
): boolean {
  const now = ledgerNow();
  if (missingFollowUps(input.calls, (id) => now.known(id) !== null, input.tallies, settings).length > 0)
    return true;
  return [...input.tallies.values()].some((t) => {
    const known = now.known(t.id);
    return t.facts.reached && known?.kind === 'hand-off' && !known.closed;
  });
}

/**
 * Holding the document lock, from the full refresh (which has read every tab): follows every
 * call (above), then reads Follow-ups whole to keep the ledger's closed flags in step with the
 * Status people set, restore rows people cleared or deleted (with no second alert), write the
 * Alert column back from the ledger, and bring Days Open up to date. Returns the add-on's
 * follow-ups as they now stand.
 */
export function reconcileFollowUps(
  tracker: Tracker,
  calls: readonly CallRecord[],
  roster: readonly RosterStudent[],
  schools: readonly School[],
  households: Pick<HouseholdIndex, 'keyFor'>,
): FollowUpRecord[] {
  const counted = calls.filter((c) => c.callId !== '');
  const tallies = tallyHouseholds(counted, households);
  const byCall = new Map(counted.map((c) => [c.callId, c]));
  const before = readFollowUps(tracker.ss, tracker.sheetTimeZone);
  if (!before.table) return [];
  if (!trackerProperties()[LEDGER_VERSION])
    adoptRows(tracker, before.table, before.followUps, (callId) => {
      const call = byCall.get(callId);
      return call ? handOffId(call.school, households.keyFor(call)) : null;
    });
  followCalls(tracker, { calls: counted, tallies, roster, schools }, before.table);

  // Read again: the rows as they stand after what was raised and closed.
  const { table, followUps } = readFollowUps(tracker.ss, tracker.sheetTimeZone);
  if (!table) return [];
  const rows = signedRows(followUps);
  const now = ledgerNow();
  const queuedById = new Map(now.queued().map((a) => [a.id, a]));
  const rowOf = new Map<string, FollowUpRecord>();
  for (const { record, id } of rows) if (id && !rowOf.has(id)) rowOf.set(id, record);
  const alerts = new Map<number, unknown>();
  const changed: KnownFollowUp[] = [];
  const restore: Array<{ draft: FollowUpDraft; known: KnownFollowUp; reached: string | null }> = [];
  for (const known of ledger.allKnown()) {
    const current = now.known(known.id) ?? known;
    const f = rowOf.get(current.id);
    if (!f) {
      const tally = current.kind === 'hand-off' ? tallies.get(current.id) : undefined;
      const call = current.kind === 'urgent' ? byCall.get(current.id) : tally?.latest;
      if (!call) continue;
      const reason = tally ? handOffReasonOf(tally.facts) : call.urgentReason || TICKED_ON_SHEET;
      const reached = tally?.facts.reached ? reachedResolution(tally.facts.reached) : null;
      restore.push({ draft: { kind: current.kind, id: current.id, call, reason }, known: current, reached });
      continue;
    }
    const closed = !isOpenFollowUp(f);
    if (closed !== current.closed) changed.push({ ...current, closed });
    const report = alertReport(current, queuedById.get(current.id), f.alert);
    if (report !== f.alert) alerts.set(f.row, report);
  }
  const restored = appendFollowUpRows(
    tracker,
    { table, schools, callLog: findSheet(tracker.ss, CALL_LOG) },
    roster,
    restore.map((r) => r.draft),
    (draft) => {
      const r = restore.find((x) => x.draft === draft)!;
      const alert = alertReport(r.known, queuedById.get(r.known.id), '');
      if (r.reached) return { alert, status: 'Resolved', resolution: r.reached };
      return r.known.closed ? { alert, status: 'Resolved', resolution: RESTORED_CLOSED } : { alert };
    },
  );
  recordLedger({ known: changed });
  writeColumnCells(table, 'alert', alerts);
  // Rows appended past the end of the sheet: the overdue highlight grows to cover them.
  extendOverdueHighlight(table.sheet);
  updateDaysOpen(table, followUps, tracker);
  return [...rows.filter((r) => r.id !== null).map((r) => r.record), ...restored];
}

/**
 * The columns the add-on keeps current on its rows, by key: Days Open, Overdue (how many days past
 * Follow-up Due Days) and Kind (filled in on rows written before the column existed).
 */
function keptColumns(tracker: Tracker): Array<[string, (f: FollowUpRecord) => unknown]> {
  const { today } = tracker;
  const dueDays = tracker.settings.followUpDueDays;
  return [
    ['daysOpen', (f) => daysOpen(f, today) ?? ''],
    ['overdue', (f) => overdueText(f, today, dueDays)],
    ['kind', (f) => kindLabel(f)],
  ];
}

/**
 * Between full rebuilds, the kept columns of the rows a refresh read (`followUps`, their `cells`
 * by row): a Status a person set closes or reopens a follow-up. Where a cell no longer holds what
 * it should, one write per run of rows.
 */
export function keepFollowUpCells(
  tracker: Tracker,
  table: Table,
  followUps: readonly FollowUpRecord[],
  cells: ReadonlyMap<number, readonly unknown[]>,
): void {
  for (const [key, valueOf] of keptColumns(tracker)) {
    const at = table.index[key];
    if (at < 0) continue;
    const values = new Map<number, unknown>();
    for (const f of followUps) {
      const value = valueOf(f);
      if (cells.get(f.row)?.[at] !== value) values.set(f.row, value);
    }
    writeColumnCells(table, key, values);
  }
}

/** The kept columns of every row: one write of each column, when a value changed. */
function updateDaysOpen(table: Table, followUps: readonly FollowUpRecord[], tracker: Tracker): void {
  const byRow = new Map(followUps.map((f) => [f.row, f]));
  for (const [key, valueOf] of keptColumns(tracker)) {
    const column = table.index[key];
    if (column < 0 || table.rows.length === 0) continue;
    let changed = false;
    const values = table.rows.map((row, i) => {
      const f = byRow.get(i + 2);
      const value = f ? valueOf(f) : row[column];
      if (row[column] !== value) changed = true;
      return [value];
    });
    if (changed) table.sheet.getRange(2, column + 1, values.length, 1).setValues(values);
  }
}

// ---- onEdit (a simple trigger: it may write this spreadsheet, never send mail)

const RESOLUTION_NOTE = `${NOTE_PREFIX}Say what was done in Resolution, so the next person knows.`;

function isClosed(status: string): boolean {
  return CLOSED_STATUSES.some((s) => s.toLowerCase() === status.trim().toLowerCase());
}

function editedRows(range: GoogleAppsScript.Spreadsheet.Range): { first: number; last: number } | null {
  const first = Math.max(range.getRow(), 2);
  const last = range.getRow() + range.getNumRows() - 1;
  return last < first ? null : { first, last };
}

/** Status set by a person: stamps Resolved At when closed, clears it when reopened; asks for a Resolution. */
function statusEdited(tracker: Tracker, sheet: Sheet, range: GoogleAppsScript.Spreadsheet.Range): void {
  const rows = editedRows(range);
  if (!rows) return;
  const headers = editedHeaderRow(sheet);
  const width = headers.length;
  const index = indexColumns(FOLLOW_UPS, headers);
  const { status, resolvedAt, resolution } = index;
  if (status < 0 || resolvedAt < 0 || !(touches(range, status) || touches(range, resolution))) return;
  const block = sheet.getRange(rows.first, 1, rows.last - rows.first + 1, width);
  const values = block.getValues();
  const stamps = values.map((row) => [row[resolvedAt]]);
  let stampsChanged = false;
  values.forEach((row, r) => {
    const closed = isClosed(text(row[status]));
    if (closed && stamps[r][0] === '') {
      stamps[r][0] = tracker.today;
      stampsChanged = true;
    } else if (!closed && stamps[r][0] !== '' && touches(range, status)) {
      stamps[r][0] = '';
      stampsChanged = true;
    }
  });
  if (stampsChanged) sheet.getRange(rows.first, resolvedAt + 1, stamps.length, 1).setValues(stamps);
  if (resolution < 0) return;
  const notesRange = sheet.getRange(rows.first, resolution + 1, values.length, 1);
  const notes = notesRange.getNotes();
  let notesChanged = false;
  values.forEach((row, r) => {
    const wanted =
      text(row[status]).toLowerCase() === 'resolved' && text(row[resolution]) === '' ? RESOLUTION_NOTE : '';
    const mine = notes[r][0].startsWith(NOTE_PREFIX);
    if (wanted && notes[r][0] !== wanted) {
      notes[r][0] = wanted;
      notesChanged = true;
    } else if (!wanted && mine) {
      notes[r][0] = '';
      notesChanged = true;
    }
  });
  if (notesChanged) notesRange.setNotes(notes);
}

/** Who may untick Urgent on a call: its caller, the school's principal and follow-up contacts, a leader, the owner. */
function untickAllowed(
  editor: string,
  people: { rows: readonly StaffMember[]; owner: string },
  call: { staffEmail: string; school: string },
  school: School | undefined,
): boolean {
  if (!editor) return false;
  if (editor === call.staffEmail) return true;
  const editorRows = people.rows;
  if (editorRows.some((r) => r.role === 'Leader')) return true;
  if (editor === people.owner) return true;
  const sameSchool = (name: string) => normalizeName(name) === normalizeName(call.school);
  if (editorRows.some((r) => r.role === 'Principal' && sameSchool(r.school))) return true;
  return [...(school?.principalEmails ?? []), ...(school?.followUpEmails ?? [])].includes(editor);
}

const UNTICK_UNREADABLE = `${NOTE_PREFIX}Urgent was ticked again: its follow-up could not be closed, because a header of the Follow-ups tab was changed. Relationship Calls → Set up tracker repairs it; then untick again.`;

/** Follow-ups' header row, or null when a person changed it so that its rows cannot be read. */
function followUpsIfReadable(tracker: Tracker): Table | null {
  try {
    return followUpHeader(tracker.ss);
  } catch (error) {
    if (error instanceof TrackerLayoutError) return null;
    throw error;
  }
}

const UNTICK_REFUSED = (editor: string): string =>
  `${NOTE_PREFIX}Urgent was ticked again: only the caller, the school's principal or follow-up contacts, or a leader can untick it (${editor ? `not ${editor}` : 'Google did not say who unticked it'}). Its follow-up stays open.`;

/**
 * Urgent ticked, unticked or notes typed on the Call Log. An untick by someone allowed closes the
 * call's follow-up as Not urgent (and cancels its alert if not yet sent); anyone else's is undone
 * with a note saying why. A tick, or a phrase in the notes, fills Urgent Reason and marks the
 * Summary stale, so the next upkeep run raises the follow-up and sends its alert. A row the form
 * signed stays signed through the add-on's own changes, never through a person's.
 */
function callEdited(
  tracker: Tracker,
  sheet: Sheet,
  range: GoogleAppsScript.Spreadsheet.Range,
  editor: string,
): void {
  const rows = editedRows(range);
  if (!rows) return;
  const headers = editedHeaderRow(sheet);
  const width = headers.length;
  const index = indexColumns(CALL_LOG, headers);
  const watched = ['urgent', 'notes', 'familyStrengths', 'hopesAndDreams'].map((k) => index[k]);
  if (index.urgent < 0 || index.urgentReason < 0 || !watched.some((c) => c >= 0 && touches(range, c))) return;
  const texts = ['notes', 'familyStrengths', 'hopesAndDreams'].some(
    (k) => index[k] >= 0 && touches(range, index[k]),
  );
  const values = editedRowValues(sheet, rows.first, rows.last, width);
  const reasons = values.map((row) => [row[index.urgentReason]]);
  const ticks = values.map((row) => [row[index.urgent]]);
  const signatures = values.map((row) => [index.signature >= 0 ? row[index.signature] : '']);
  const refused: number[] = [];
  const unticked: string[] = [];
  let flagged = false;
  // Asked of Sheets once per edit, however many rows it unticks.
  let people: { rows: StaffMember[]; schools: School[]; owner: string; followUps: Table | null } | null =
    null;
  const verify = callVerifier(signingKey(), tracker.sheetTimeZone);
  const sign = signingKey() ? callSigner(signingKey()!, tracker.sheetTimeZone) : null;
  values.forEach((row, r) => {
    const get = cellGetter({ index }, row);
    const call = {
      urgent: get('urgent') === true,
      notes: text(get('notes')),
      familyStrengths: text(get('familyStrengths')),
      hopesAndDreams: text(get('hopesAndDreams')),
    };
    const oldReason = text(reasons[r][0]);
    // Whether the row was the form's, as it stood before this edit changed Urgent or its reason.
    const wasSigned =
      verify((key: string) =>
        key === 'urgent' ? oldReason !== '' : key === 'urgentReason' ? oldReason : get(key),
      ) === 'form';
    const resign = (): void => {
      if (!wasSigned || !sign) return;
      const now = (key: string): unknown =>
        key === 'urgent' ? ticks[r][0] === true : key === 'urgentReason' ? reasons[r][0] : get(key);
      signatures[r][0] = sign(callFactsOf(now));
    };
    // Unticked: the row was urgent (it has a reason). A pasted row that never was is checked for phrases.
    if (!call.urgent && touches(range, index.urgent) && oldReason !== '') {
      people ??= {
        rows: editor ? findStaffRows(tracker.ss, editor).rows : [],
        schools: readSchools(tracker.ss, tracker.sheetTimeZone),
        owner: tracker.ss.getOwner()?.getEmail().toLowerCase() ?? '',
        followUps: followUpsIfReadable(tracker),
      };
      const target = { staffEmail: text(get('staffEmail')).toLowerCase(), school: text(get('school')) };
      const school = people.schools.find((s) => normalizeName(s.school) === normalizeName(target.school));
      if (!untickAllowed(editor, people, target, school) || !people.followUps) {
        ticks[r][0] = true;
        refused.push(r);
        return;
      }
      reasons[r][0] = '';
      if (text(get('callId'))) unticked.push(text(get('callId')));
      resign();
      return;
    }
    if (!call.urgent && !texts) return;
    if (call.urgent && oldReason !== '' && !texts) return;
    const matched = urgencyFor(tracker, { ...call, urgent: false });
    if (!call.urgent && !matched.urgent) return;
    // New words: the reason says what they match now (a copied row keeps nothing of its source's reason).
    const kept = [MARKED_BY_CALLER, TICKED_ON_SHEET].filter((p) => oldReason.includes(p));
    const parts = [...kept, ...(matched.reason ? [matched.reason] : [])];
    const reason = parts.length > 0 ? parts.join('; ') : TICKED_ON_SHEET;
    if (call.urgent && reason === oldReason) return;
    reasons[r][0] = reason;
    ticks[r][0] = true;
    flagged = true;
    resign();
  });
  const changed = (a: unknown[][], column: number) =>
    column >= 0 && a.some((v, r) => v[0] !== values[r][column]);
  if (changed(reasons, index.urgentReason))
    sheet.getRange(rows.first, index.urgentReason + 1, reasons.length, 1).setValues(reasons);
  if (changed(ticks, index.urgent))
    sheet.getRange(rows.first, index.urgent + 1, ticks.length, 1).setValues(ticks);
  if (changed(signatures, index.signature))
    sheet.getRange(rows.first, index.signature + 1, signatures.length, 1).setValues(signatures);
  forgetEditedRowValues();
  // Set in the loop above (TypeScript cannot see that a callback assigned it).
  const followUps = (people as { followUps: Table | null } | null)?.followUps;
  if (refused.length > 0) {
    const cells = sheet.getRange(rows.first, index.urgent + 1, values.length, 1);
    const notes = cells.getNotes();
    const note = followUps === null ? UNTICK_UNREADABLE : UNTICK_REFUSED(editor);
    for (const r of refused) notes[r][0] = note;
    cells.setNotes(notes);
  }
  if (flagged) markSummaryStale(tracker.now);
  if (unticked.length > 0 && followUps) closeAsNotUrgent(tracker, unticked, undefined, followUps);
}

/**
 * Follow-ups of calls that stopped being urgent: closed as Not urgent on the tab, closed in the
 * ledger, and their alerts cancelled if not yet sent.
 */
export function closeAsNotUrgent(
  tracker: Tracker,
  callIds: readonly string[],
  resolution = 'Urgent was unticked on the Call Log.',
  table: Table = followUpHeader(tracker.ss),
): void {
  const ids = callIds.map(urgentId);
  const now = ledgerNow();
  const known = ids.flatMap((id) => {
    const k = now.known(id);
    return k && k.kind === 'urgent'
      ? [{ ...k, closed: true, alert: k.alert === 'queued' ? ('cancelled' as const) : k.alert }]
      : [];
  });
  recordLedger({ known, delivered: known.filter((k) => k.alert === 'cancelled').map((k) => k.id) });
  const rows = rowsWithIds(table, ids);
  const cells = {
    status: new Map<number, unknown>(),
    resolvedAt: new Map<number, unknown>(),
    resolution: new Map<number, unknown>(),
    alert: new Map<number, unknown>(),
  };
  const knownById = new Map(known.map((k) => [k.id, k]));
  for (const [row, values] of rows) {
    const f = toFollowUpRecord(cellGetter(table, values), row, tracker.sheetTimeZone);
    const k = knownById.get(text(cellGetter(table, values)('signature')).split('.')[0]);
    if (!k || isHandOff(f) || !isOpenFollowUp(f)) continue;
    cells.status.set(row, 'Not urgent');
    if (!f.resolvedOn) cells.resolvedAt.set(row, tracker.today);
    if (!f.resolution) cells.resolution.set(row, resolution);
    if (k.alert === 'cancelled') cells.alert.set(row, alertReport(k, undefined, f.alert));
  }
  for (const [key, values] of Object.entries(cells)) writeColumnCells(table, key, values);
}

/**
 * The urgent follow-up of a call withdrawn as logged by mistake: closed as Not urgent with a
 * Resolution saying so, its alert cancelled if it has not gone yet.
 */
export function closeWithdrawn(tracker: Tracker, callId: string, withdrawn: string): void {
  closeAsNotUrgent(tracker, [callId], `${withdrawn}: the call was logged by mistake.`);
}

/**
 * Follow-ups edited by hand: the ledger learns which are closed (so a restored row keeps its
 * status), and an Alert cell someone typed over gets the ledger's truth back at once.
 */
function followUpsEdited(tracker: Tracker, sheet: Sheet, range: GoogleAppsScript.Spreadsheet.Range): void {
  const rows = editedRows(range);
  if (!rows) return;
  const headers = editedHeaderRow(sheet);
  const index = indexColumns(FOLLOW_UPS, headers);
  // A header retyped by hand: nothing is read as it was meant (upkeep and setup say so).
  if (['callId', 'school', 'reason', 'status', 'signature'].some((key) => index[key] < 0)) return;
  const table: Table = {
    tab: FOLLOW_UPS,
    sheet,
    headers: headers.map((h) => String(h).trim()),
    rows: [],
    index,
  };
  const values = readRowsOf(table, rows.first, rows.last);
  const verify = followUpVerifier(signingKey());
  const now = ledgerNow();
  const queued = new Map(now.queued().map((a) => [a.id, a]));
  const known: KnownFollowUp[] = [];
  const alerts = new Map<number, unknown>();
  values.forEach((row: unknown[], i: number) => {
    const get = cellGetter(table, row);
    const f = toFollowUpRecord(get, rows.first + i, tracker.sheetTimeZone);
    const id = verify(text(get('signature')), {
      callId: f.callId,
      school: f.school,
      kind: isHandOff(f) ? 'hand-off' : 'urgent',
    });
    const k = id ? now.known(id) : null;
    if (!k) return;
    const closed = !isOpenFollowUp(f);
    if (closed !== k.closed) known.push({ ...k, closed });
    const report = alertReport(k, queued.get(k.id), f.alert);
    if (table.index.alert >= 0 && report !== f.alert) alerts.set(f.row, report);
  });
  recordLedger({ known });
  writeColumnCells(table, 'alert', alerts);
}

/** onEdit's part for follow-ups: a constant number of service calls, whatever the tabs' sizes. */
export function followUpsOnEdit(e: GoogleAppsScript.Events.SheetsOnEdit, editor: string): void {
  const sheet = e.range.getSheet();
  const onFollowUps = isTab(sheet, FOLLOW_UPS);
  if (!onFollowUps && !isTab(sheet, CALL_LOG)) return;
  const tracker = openTracker();
  if (onFollowUps) {
    statusEdited(tracker, sheet, e.range);
    followUpsEdited(tracker, sheet, e.range);
  } else callEdited(tracker, sheet, e.range, editor);
}
