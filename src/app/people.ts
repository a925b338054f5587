/** Who may do what: Staff rows and roles, and what to tell people who are not on Staff. */
import { Role, STAFF } from '../core/schema';
import { StaffMember } from '../core/records';

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
