/**
 * Who is told about an urgent call, from the protected tabs (Alert Routes, Schools) as they are
 * when it is decided: never from a cell of Follow-ups.
 */
import { categoriesOf, FollowUpDraft } from '../core/followUps';
import { CallRecord, School } from '../core/records';
import { AlertRoute, detectUrgency, recipientsFor, Urgency } from '../core/urgency';
import { readAlertRoutes } from '../sheets/tabs';
import { Tracker } from '../sheets/tracker';

/** Routes are read once per execution. */
const routesRead = new WeakMap<Tracker, AlertRoute[]>();
export function alertRoutes(tracker: Tracker): AlertRoute[] {
  let routes = routesRead.get(tracker) ?? tracker.alertRoutes;
  if (!routes) routesRead.set(tracker, (routes = readAlertRoutes(tracker.ss)));
  return routes;
}

type CallTexts = Pick<CallRecord, 'urgent' | 'notes' | 'familyStrengths' | 'hopesAndDreams'>;

/** Whether a call is urgent, and why: ticked by the caller, or a phrase of Alert Routes in its texts. */
export function urgencyFor(tracker: Tracker, call: CallTexts): Urgency {
  return detectUrgency(
    call.urgent,
    [call.notes, call.familyStrengths, call.hopesAndDreams],
    alertRoutes(tracker),
  );
}

/** Whom an urgent alert with this Reason goes to at the school: the routes its categories name, else the fallback. */
export function alertRecipients(tracker: Tracker, reason: string, school: School | undefined): string[] {
  const matches = categoriesOf(reason).map((category) => ({ category, phrase: '' }));
  return recipientsFor(matches, alertRoutes(tracker), school).to;
}

/**
 * Who a follow-up row names in Assigned To (for people to read): for an urgent call, whom its
 * alert goes to; for a hand-off, the school's Follow-up Emails.
 */
export function assigneesOf(tracker: Tracker, draft: FollowUpDraft, school: School | undefined): string[] {
  if (draft.kind === 'hand-off') return school?.followUpEmails ?? [];
  return alertRecipients(tracker, draft.reason, school);
}
