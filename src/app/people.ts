/** Who may do what: Staff rows and roles, and what to tell people who are not on Staff. */
import { Role, STAFF } from '../core/schema';
import { StaffMember } from '../core/records';
import { activeEmail } from '../sheets/session';
import { findSheet } from '../sheets/table';
import { findStaffRows } from '../sheets/tabs';
import { activeSpreadsheet } from '../sheets/tracker';
import type { MenuAudience } from '../ui/menu';

export const BLANK_EMAIL_MESSAGE =
  "Google did not tell the tracker who you are, so nothing can be credited to you. This happens when you are signed in with an account outside your school's domain (or a personal account). Sign in with your school account; if you already are, ask your district leader to check that the tracker is shared with your school account.";

export function notOnStaffMessage(email: string): string {
  return `${email} is not on the ${STAFF.name} tab, so nothing can be credited to you yet. Ask your principal or district leader to add you to ${STAFF.name}.`;
}

/** The Staff rows of `email` (a person may have one per school). */
export function staffRowsOf(staff: readonly StaffMember[], email: string): StaffMember[] {
  return email ? staff.filter((s) => s.email === email) : [];
}

export function hasRole(rows: readonly StaffMember[], ...roles: Role[]): boolean {
  return rows.some((r) => r.role !== '' && roles.includes(r.role));
}

/**
 * Whose items the menu shows the person at the keyboard: from their Staff rows (Leader, Principal,
 * anyone else), the spreadsheet's owner as a leader (setup comes before Staff). null when the
 * add-on cannot know: AuthMode.NONE (an add-on not yet used in this document reads nothing), a
 * blank email, or a service the trigger may not use.
 */
export function menuAudience(authMode: unknown): MenuAudience | null {
  if (String(authMode) === 'NONE') return null;
  try {
    const email = activeEmail();
    if (!email) return null;
    const ss = activeSpreadsheet();
    const rows = findSheet(ss, STAFF) ? findStaffRows(ss, email).rows : [];
    if (hasRole(rows, 'Leader')) return 'leaders';
    if (hasRole(rows, 'Principal')) return 'principals';
    if ((ss.getOwner()?.getEmail().toLowerCase() ?? '') === email) return 'leaders';
    return 'everyone';
  } catch {
    return null;
  }
}
