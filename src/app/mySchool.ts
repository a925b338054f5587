/**
 * "My school" (principals; leaders pick a school): the school's four answers in the sidebar, as
 * the last refresh of the school left them (src/core/mySchool.ts): a few cells, whatever the
 * district's size. Called from the menu and through google.script.run, so it checks who is asking
 * itself: a principal sees only their own school.
 */
import type { MySchoolUnavailable, MySchoolView } from '../contract';
import { dayOf, shortDay, stamp } from '../core/dates';
import { normalizeName } from '../core/households';
import { decodeMySchool, MySchoolPart } from '../core/mySchool';
import { FAMILIES, FOLLOW_UPS, SUMMARY, TabSchema } from '../core/schema';
import { rowLinker } from '../sheets/links';
import { activeEmail } from '../sheets/session';
import { loadBlobs, mySchoolBlob, storeMeta, summaryMemory } from '../sheets/stateStore';
import { findSheet } from '../sheets/table';
import { findStaffRows, readSchools } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import { alert, showSidebar } from '../sheets/ui';
import { BLANK_EMAIL_MESSAGE, hasRole, notOnStaffMessage } from './people';

export const MY_SCHOOL_TITLE = 'My school';

const NOT_FOR_YOU =
  'My school is for principals (their own school) and district leaders. Your calls and follow-ups are in Relationship Calls → Log a call.';

/** The schools a person may look at (normalizeName), or why not: a leader or the owner any, a principal theirs. */
function schoolsFor(tracker: Tracker): { all: boolean; schools: string[] } | string {
  const email = activeEmail();
  if (!email) return BLANK_EMAIL_MESSAGE;
  const { rows } = findStaffRows(tracker.ss, email);
  const owner = tracker.ss.getOwner()?.getEmail().toLowerCase() ?? '';
  if (hasRole(rows, 'Leader') || owner === email) return { all: true, schools: [] };
  const own = rows.filter((r) => r.role === 'Principal' && r.school).map((r) => r.school);
  if (own.length > 0) return { all: false, schools: own };
  return rows.length === 0 ? notOnStaffMessage(email) : NOT_FOR_YOU;
}

/** Menu: opens the sidebar, or says why not. */
export function showMySchool(): void {
  const access = schoolsFor(openTracker());
  if (typeof access === 'string') return alert(MY_SCHOOL_TITLE, access);
  showSidebar('MySchool', MY_SCHOOL_TITLE);
}

/** Links to a tab and to its rows (a row not known, 0, links to the tab). */
function linkerTo(tracker: Tracker, tab: TabSchema): { tab: string; row: (row: number) => string } {
  const sheet = findSheet(tracker.ss, tab);
  if (!sheet) return { tab: tracker.ss.getUrl(), row: () => tracker.ss.getUrl() };
  const link = rowLinker(tracker.ss, sheet);
  return { tab: link(1), row: (row) => link(row > 0 ? row : 1) };
}

function linked<T extends { row: number }>(
  lines: readonly T[],
  link: (row: number) => string,
): Array<Omit<T, 'row'> & { link: string }> {
  return lines.map(({ row, ...rest }) => ({ ...rest, link: link(row) }));
}

/**
 * `staffFirst`: the Summary row of the school's first staff row, as the last refresh wrote it (0
 * when not known: the lines link to the tab).
 */
function view(tracker: Tracker, part: MySchoolPart, schools: string[], staffFirst: number): MySchoolView {
  const summary = linkerTo(tracker, SUMMARY);
  const families = linkerTo(tracker, FAMILIES);
  const followUps = linkerTo(tracker, FOLLOW_UPS);
  const refreshedAt = new Date(part.refreshedAt);
  const checkIns = part.checkIns.lines.map(({ place, ...line }) => ({
    ...line,
    row: staffFirst > 0 ? staffFirst + place : 0,
  }));
  return {
    ok: true,
    school: part.school,
    schools,
    asOf: `${shortDay(dayOf(refreshedAt, tracker.settings.timeZone))}, ${stamp(refreshedAt, tracker.settings.timeZone).slice(11)}`,
    goal: part.goal,
    checkIns: { count: part.checkIns.count, lines: linked(checkIns, summary.row) },
    waiting: { ...part.waiting, lines: linked(part.waiting.lines, families.row) },
    urgent: { ...part.urgent, lines: linked(part.urgent.lines, followUps.row) },
    links: { summary: summary.tab, families: families.tab, followUps: followUps.tab },
  };
}

/** `school`: '' for the person's own (a principal's first school; a leader's first on Schools). */
export function getMySchool(school: unknown): MySchoolView | MySchoolUnavailable {
  const tracker = openTracker();
  const access = schoolsFor(tracker);
  if (typeof access === 'string') return { ok: false, message: access };
  const choices = access.all
    ? readSchools(tracker.ss, tracker.sheetTimeZone).map((s) => s.school)
    : access.schools;
  const asked = typeof school === 'string' ? school : '';
  const wanted = asked ? choices.find((s) => normalizeName(s) === normalizeName(asked)) : choices[0];
  if (!wanted)
    return {
      ok: false,
      message: asked
        ? `You can look at your own school only: ${access.schools.join(', ')}.`
        : 'There is no school on the Schools tab yet.',
    };
  // The Summary's own numbers, as of its last refresh: after a hand edit too, as the Summary shows them.
  const key = normalizeName(wanted);
  const meta = storeMeta();
  const blob = mySchoolBlob(key);
  const part = meta && decodeMySchool(loadBlobs(tracker.ss, meta, [blob]).get(blob) ?? '');
  if (!part)
    return {
      ok: false,
      message: `${wanted} has no numbers yet: they come with the Summary's next refresh (within minutes, or Relationship Calls → Refresh summary).`,
    };
  const staffFirst = summaryMemory()?.blocks.staff[key]?.[0] ?? 0;
  return view(tracker, part, access.all ? choices : [], staffFirst);
}
