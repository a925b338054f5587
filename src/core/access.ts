/**
 * Who may edit what (DESIGN §6). Roles come from Staff, so a teacher who could edit Staff could
 * make themselves a Leader: every tab a teacher does not write is protected for real, and only
 * the spreadsheet's owner and the Leaders on Staff may edit it. Generated tabs are written by
 * leaders' and principals' runs and by installed triggers, so Principals may edit them too. The
 * sidebar's writes run as the teacher, so Call Log and Follow-ups rows stay open to teachers:
 * those two tabs are protected whole (nobody else renames or deletes them, or changes a header)
 * with their data rows left open.
 */
import { StaffMember } from './records';
import { CALL_LOG, DIGEST_LOG, DISTRICT, FOLLOW_UPS, ROLLUP, TabSchema } from './schema';

export type TabAccess =
  /** Only the owner and Leaders edit the whole tab. */
  | 'leaders'
  /** A generated tab: the owner, Leaders and Principals (their runs write it). */
  | 'leadersAndPrincipals'
  /** Teachers write the rows; the tab itself and its header row are the owner's and Leaders'. */
  | 'rowsOpen';

const WRITTEN_BY_TEACHERS = new Set([CALL_LOG.name, FOLLOW_UPS.name]);
/**
 * Generated tabs only leaders' runs write: the Digest Log is a report of every digest, and a
 * principal's send leaves its rows for the next leader's run (upkeep) rather than letting a
 * principal type rows about another school. The Rollup is what a district reads of the school,
 * and the District tab what its digest is built from: nobody else's numbers go there.
 */
const WRITTEN_BY_LEADERS = new Set([DIGEST_LOG.name, ROLLUP.name, DISTRICT.name]);

export function tabAccess(tab: TabSchema): TabAccess {
  if (WRITTEN_BY_TEACHERS.has(tab.name)) return 'rowsOpen';
  if (WRITTEN_BY_LEADERS.has(tab.name)) return 'leaders';
  return tab.generated ? 'leadersAndPrincipals' : 'leaders';
}

/** Why the tab is protected, in the words a person sees in Data → Protected sheets and ranges. */
export function accessReason(tab: TabSchema, access: TabAccess): string {
  switch (access) {
    case 'rowsOpen':
      return `${tab.name}: everyone writes its rows; only the owner and the Leaders on Staff can rename or delete the tab or change its header row (the add-on finds columns by these headers)`;
    case 'leadersAndPrincipals':
      return `${tab.name} is written by the add-on: only the owner, Leaders and Principals on Staff can change it (it refreshes itself)`;
    case 'leaders':
      return tab.generated
        ? `${tab.name} is written by the add-on: only the owner and the Leaders on Staff can change it`
        : `${tab.name}: only the owner and the Leaders on Staff can change it (who may do what comes from these tabs)`;
  }
}

/** The description an earlier version gave the protection, when it was another kind (setup replaces it). */
export function formerReason(tab: TabSchema, access: TabAccess): string | null {
  return access === 'rowsOpen'
    ? `${tab.name}'s header row: only the owner and the Leaders on Staff can change it (the add-on finds columns by these headers)`
    : null;
}

/** The editors a protection should have: the owner and the people whose role the access names. */
export function editorsFor(access: TabAccess, owner: string, staff: readonly StaffMember[]): string[] {
  const roles = access === 'leadersAndPrincipals' ? ['Leader', 'Principal'] : ['Leader'];
  const emails = staff.filter((s) => s.role !== '' && roles.includes(s.role)).map((s) => s.email);
  return [...new Set([owner, ...emails].filter((e) => e !== ''))].sort();
}
