/**
 * Raising follow-ups: the ledger first (what the add-on owes, where no editor can type), then
 * the Follow-ups rows people work from, each signed with the ledger id it stands for. Both a
 * submit and the upkeep refresh raise follow-ups this way, holding the document lock, so a
 * follow-up is raised once whoever notices it first.
 */
import { ALERT_TEXT, contactFor, FollowUpDraft, PENDING_WHY } from '../core/followUps';
import { normalizeName } from '../core/households';
import { claimWithinCap, KnownFollowUp, QueuedAlert } from '../core/ledger';
import { FollowUpRecord, RosterStudent, School } from '../core/records';
import { followUpSigner } from '../core/signature';
import { dayOf } from '../core/dates';
import { hashText } from '../core/ids';
import { ledgerNow, recordLedger } from '../sheets/ledgerStore';
import { rowLinker } from '../sheets/links';
import { signingKeyOrCreate } from '../sheets/state';
import { appendRows, findSheet, readHeaderRow, rowFor, Table } from '../sheets/table';
import { NEWER_FOLLOW_UP_COLUMNS, readSchools } from '../sheets/tabs';
import { CALL_LOG, FOLLOW_UPS } from '../core/schema';
import { Tracker } from '../sheets/tracker';
import { assigneesOf } from './routing';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Where follow-ups go: the Follow-ups tab (its header row at least), the schools, the Call Log sheet. */
export interface FollowUpTarget {
  table: Table;
  schools: readonly School[];
  callLog: Sheet | null;
}

export interface RaiseOptions {
  /** Roster students, for the family's phone and email. */
  students: readonly RosterStudent[];
  /** A submit claims its alerts to send them itself (its run id); upkeep leaves them queued. */
  claimFor: string | null;
  /** Whether a call's row is the form's own and intact: only then is its student, caller and note quoted. */
  verified: (draft: FollowUpDraft) => boolean;
}

/** A row the add-on wrote, with the ledger id it stands for. */
export type RaisedRow = FollowUpRecord & { id: string };

export interface Raised {
  added: RaisedRow[];
  /** Alerts this execution claimed, to send once the lock is released. */
  claimed: QueuedAlert[];
  /** Alerts queued for upkeep (held by the cap, or raised by upkeep itself). */
  queued: QueuedAlert[];
}

/** Where a call's follow-ups go: the Follow-ups tab (its header row) and the schools. */
export function readFollowUpTarget(tracker: Tracker): FollowUpTarget {
  const table = readHeaderRow(tracker.ss, FOLLOW_UPS, { optional: NEWER_FOLLOW_UP_COLUMNS });
  return {
    table,
    schools: readSchools(tracker.ss, tracker.sheetTimeZone),
    callLog: findSheet(tracker.ss, CALL_LOG),
  };
}

function schoolOf(schools: readonly School[], name: string): School | undefined {
  const key = normalizeName(name);
  return schools.find((s) => normalizeName(s.school) === key);
}

/** The note texts an alert may quote, hashed: quoted later only while the row still says the same. */
export function notesHashOf(call: {
  notes: string;
  familyStrengths: string;
  hopesAndDreams: string;
}): string {
  return hashText([call.notes, call.familyStrengths, call.hopesAndDreams].join('\u0000'));
}

export function queuedAlertFor(
  tracker: Tracker,
  draft: FollowUpDraft,
  verified: boolean,
  why: string,
): QueuedAlert {
  const { call } = draft;
  return {
    id: draft.id,
    callId: call.callId,
    school: call.school,
    verified,
    student: call.student,
    staffEmail: call.staffEmail,
    staffName: call.staffName,
    callDay: call.callDate,
    loggedAt: call.loggedAt ? call.loggedAt.toISOString() : null,
    reason: draft.reason,
    row: call.row,
    notesHash: notesHashOf(call),
    raisedAt: tracker.now.toISOString(),
    tries: 0,
    notBefore: null,
    why,
    claim: null,
  };
}

/**
 * Holding the document lock: records the drafts the ledger does not know yet, claims the alerts
 * a submit sends itself (within the school's daily cap), and appends their rows in one write.
 */
export function raiseFollowUps(
  tracker: Tracker,
  target: FollowUpTarget,
  drafts: readonly FollowUpDraft[],
  options: RaiseOptions,
): Raised {
  const now = ledgerNow();
  const fresh = drafts.filter((d) => !now.known(d.id));
  if (fresh.length === 0) return { added: [], claimed: [], queued: [] };
  const alertsOn = tracker.settings.sendUrgentAlerts;
  const known: KnownFollowUp[] = fresh.map((d) => ({
    id: d.id,
    kind: d.kind,
    closed: false,
    alert: d.kind === 'hand-off' ? 'none' : alertsOn ? 'queued' : 'off',
  }));
  const why = options.claimFor ? PENDING_WHY.queued : PENDING_WHY.sheet;
  let queued = fresh
    .filter((d) => d.kind === 'urgent' && alertsOn)
    .map((d) => queuedAlertFor(tracker, d, options.verified(d), why));
  let claimed: QueuedAlert[] = [];
  let day: { day: string; record: ReturnType<typeof now.day> } | undefined;
  if (options.claimFor && queued.length > 0) {
    const today = dayOf(tracker.now, tracker.settings.timeZone);
    const capped = claimWithinCap(queued, now.day(today), tracker.settings.maxAlertsPerSchoolPerDay, {
      run: options.claimFor,
      at: tracker.now.toISOString(),
    });
    claimed = capped.claimed;
    queued = capped.held;
    day = { day: today, record: capped.day };
  }
  recordLedger({ known, queued: [...claimed, ...queued], day });

  const alertOf = new Map([...claimed, ...queued].map((a) => [a.id, a]));
  const added = appendFollowUpRows(tracker, target, options.students, fresh, (draft) => {
    if (draft.kind === 'hand-off') return { alert: ALERT_TEXT.handOff };
    if (!alertsOn) return { alert: ALERT_TEXT.off };
    const alert = alertOf.get(draft.id);
    return { alert: alert?.claim ? ALERT_TEXT.sending(tracker.now) : ALERT_TEXT.pending(alert?.why ?? why) };
  });
  return { added, claimed, queued };
}

/** What a row says of its follow-up beyond the call: its Alert report, and for a restored row its status. */
export interface RowState {
  alert: string;
  status?: string;
  resolution?: string;
}

/** Appends one signed row per draft after the tab's last row, in one write; returns them. */
export function appendFollowUpRows(
  tracker: Tracker,
  target: FollowUpTarget,
  students: readonly RosterStudent[],
  drafts: readonly FollowUpDraft[],
  stateOf: (draft: FollowUpDraft) => RowState,
): RaisedRow[] {
  if (drafts.length === 0) return [];
  const { table } = target;
  const lastRow = table.sheet.getLastRow();
  const callLink = target.callLog ? rowLinker(tracker.ss, target.callLog) : () => '';
  const sign = followUpSigner(signingKeyOrCreate());
  const added = drafts.map((draft, i) => {
    const { call } = draft;
    const contact = contactFor(students, call);
    const state = stateOf(draft);
    const closed = state.status !== undefined && state.status !== 'Open';
    return {
      id: draft.id,
      row: lastRow + 1 + i,
      callId: call.callId,
      flaggedAt: tracker.now,
      flaggedOn: tracker.today,
      school: call.school,
      staff: call.staffName,
      staffEmail: call.staffEmail,
      student: call.student,
      reason: draft.reason,
      assignedTo: assigneesOf(tracker, draft, schoolOf(target.schools, call.school)).join(', '),
      status: state.status ?? 'Open',
      resolution: state.resolution ?? '',
      resolvedOn: closed ? tracker.today : null,
      alert: state.alert,
      callDate: call.callDate,
      callLink: callLink(call.row),
      familyMember: call.familyMember || contact?.familyMember || '',
      phone: contact?.phone ?? '',
      familyEmail: contact?.email ?? '',
      signature: sign({ id: draft.id, callId: call.callId, school: call.school, kind: draft.kind }),
    };
  });
  appendRows(
    table,
    added.map((f) =>
      rowFor(table, { ...f, callDate: f.callDate ?? '', resolvedAt: f.resolvedOn ?? '', daysOpen: 0 }),
    ),
    lastRow,
  );
  return added;
}
