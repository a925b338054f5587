/** Who is at the keyboard. Identity comes from Session on the server, never from the client. */
import { normalizeEmail } from '../core/validation';

/** The signed-in user's email in lower case; '' when Google does not share it. */
export function activeEmail(): string {
  return normalizeEmail(Session.getActiveUser().getEmail());
}

/** Whose authority a run uses: for an installed trigger, the person who installed it. */
export function effectiveEmail(): string {
  return normalizeEmail(Session.getEffectiveUser().getEmail());
}

/** Who made a hand edit: the event's user, which Google shares within the owner's Workspace domain ('' otherwise). */
export function editorOf(e: GoogleAppsScript.Events.SheetsOnEdit): string {
  return normalizeEmail(e.user?.getEmail?.() ?? '');
}
