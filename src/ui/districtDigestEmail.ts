/**
 * A district tracker's weekly digest, built from its District tab: the district at a glance, the
 * schools whose numbers are old or missing (and why), then each school in a few lines that fit a
 * phone. Numbers only, as the tab holds them: no student, family or note can be in it.
 */
import { Day, shortDay } from '../core/dates';
import { DistrictRow, DistrictTable, SchoolCounts, share } from '../core/rollup';
import { DISTRICT_SCOPE } from '../core/digest';
import { bulletList, emailDocument, heading, link, Markup, muted, paragraph, strong } from './email';
import type { DigestEmail } from './digestEmail';

export interface DistrictDigest {
  weekOf: Day;
  today: Day;
  /** The Leaders on the district tracker's Staff. */
  recipients: string[];
  table: DistrictTable;
  /** When the District tab was last refreshed, in words. */
  refreshed: string;
  /** The District tab's address. */
  districtUrl: string;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function percent(x: number | null): string {
  return x === null ? 'no staff with a goal' : `${Math.round(x * 100)}%`;
}

/** The facts of one school (or the district), each a short line. */
function facts(c: SchoolCounts): string[] {
  const roster = share(c.rosterFamiliesReached, c.rosterFamilies);
  return [
    `${percent(share(c.metGoal, c.staffWithGoals))} of ${plural(c.staffWithGoals, 'staff member', 'staff')} with a goal met it, ${percent(share(c.exceededGoal, c.staffWithGoals))} exceeded it`,
    roster === null
      ? `${plural(c.familiesReached, 'family', 'families')} reached (no Roster)`
      : `${plural(c.familiesReached, 'family', 'families')} reached; ${count(c.rosterFamiliesReached)} of ${count(c.rosterFamilies)} Roster families (${percent(roster)})`,
    `${plural(c.callsThisWeek, 'call', 'calls')} this week, ${count(c.callsLastWeek)} last week`,
    `${count(c.openUrgent)} urgent follow-up${c.openUrgent === 1 ? '' : 's'} open, ${count(c.overdueUrgent)} overdue; ${plural(c.familiesWaiting, 'family', 'families')} waiting after the hand-off number of attempts`,
  ];
}

export function districtDigestSubject(d: DistrictDigest): string {
  const c = d.table.total.counts;
  const met = c ? `: ${percent(share(c.metGoal, c.staffWithGoals))} of staff met their goal` : '';
  return `Relationship calls · ${DISTRICT_SCOPE} · week of ${shortDay(d.weekOf)}${met}`;
}

function schoolBlock(row: DistrictRow, html: string[], text: string[]): void {
  html.push(heading(3, row.school));
  text.push('', `${row.school}:`);
  if (row.counts) {
    const lines = facts(row.counts);
    html.push(bulletList(lines.map((l) => [l])));
    text.push(...lines.map((l) => `- ${l}`));
  }
  if (row.status) {
    html.push(paragraph(strong(row.counts ? 'Note: ' : 'Not read: '), row.status));
    text.push(`${row.counts ? 'Note' : 'Not read'}: ${row.status}`);
  }
}

export function renderDistrictDigest(d: DistrictDigest): DigestEmail {
  const subject = districtDigestSubject(d);
  const html: string[] = [];
  const text: string[] = [];
  const title = `The district: the week of ${shortDay(d.weekOf)}`;
  const sent = `Relationship calls, sent ${shortDay(d.today)}, from the District tab as refreshed ${d.refreshed}.`;
  html.push(heading(1, title), muted(sent));
  text.push(title, sent);

  const total = d.table.total;
  html.push(heading(2, 'At a glance'));
  text.push('', 'AT A GLANCE');
  if (total.counts) {
    const lines = facts(total.counts);
    html.push(bulletList(lines.map((l) => [l])));
    text.push(...lines.map((l) => `- ${l}`));
  }
  const flagged = d.table.rows.filter((r) => r.status);
  if (flagged.length > 0) {
    html.push(
      heading(2, 'Numbers old or missing'),
      bulletList(flagged.map((r): Array<string | Markup> => [strong(r.school), `: ${r.status}`])),
    );
    text.push('', 'NUMBERS OLD OR MISSING', ...flagged.map((r) => `- ${r.school}: ${r.status}`));
  } else {
    html.push(paragraph('Every school’s numbers are current.'));
    text.push('- Every school’s numbers are current.');
  }

  html.push(heading(2, 'Schools'));
  text.push('', 'SCHOOLS');
  for (const row of d.table.rows) schoolBlock(row, html, text);

  html.push(heading(2, 'In the district tracker'), bulletList([[link(d.districtUrl, 'The District tab')]]));
  text.push('', 'IN THE DISTRICT TRACKER', `District tab: ${d.districtUrl}`);
  return { subject, htmlBody: emailDocument(subject, html), body: `${text.join('\n')}\n` };
}
