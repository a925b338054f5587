/**
 * A digest as an email: the HTML and the plain text say the same facts, in the same order.
 * Preview digest shows exactly this HTML.
 */
import { shortDay } from '../core/dates';
import {
  Capped,
  Digest,
  digestSubject,
  DistrictDigest,
  DistrictRow,
  Headline,
  SchoolDigest,
} from '../core/digest';
import {
  ALERT_TEXT,
  bulletList,
  dataTable,
  emailDocument,
  heading,
  link,
  Markup,
  muted,
  paragraph,
  quote,
  strong,
} from './email';

export interface DigestEmail {
  subject: string;
  htmlBody: string;
  body: string;
}

export function renderDigest(digest: Digest): DigestEmail {
  const subject = digestSubject(digest);
  const { html, text } = digest.kind === 'school' ? schoolParts(digest) : districtParts(digest);
  return { subject, htmlBody: emailDocument(subject, html), body: `${text.join('\n')}\n` };
}

const NO_VOICES =
  'No family agreed this past week to be quoted, or nothing they said could be quoted without names or private matters.';
const VOICES_NOTE =
  'Quoted only where the family agreed (OK to quote, in the form); names, numbers, places and private matters are left out.';

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function deadlineText(h: Headline): string {
  if (h.daysLeft > 0)
    return `${plural(h.daysLeft, 'day', 'days')} left to the goal deadline, ${shortDay(h.goalDeadline)}`;
  if (h.daysLeft === 0) return `The goal deadline is today, ${shortDay(h.goalDeadline)}`;
  return `The goal deadline passed on ${shortDay(h.goalDeadline)}`;
}

interface Reach {
  familiesReached: number;
  rosterFamilies: number;
  rosterFamiliesReached: number;
  percentRosterReached: number | null;
}

/** "64% of Roster families reached: 41 of 64" (and families reached who are not on the Roster). */
function reachedText(r: Reach): [string, string] {
  if (r.percentRosterReached === null)
    return [plural(r.familiesReached, 'family', 'families'), ' reached so far (no Roster to compare with)'];
  const offRoster = r.familiesReached - r.rosterFamiliesReached;
  const more = offRoster > 0 ? `, and ${plural(offRoster, 'family', 'families')} not on the Roster` : '';
  return [
    percent(r.percentRosterReached),
    ` of Roster families reached: ${count(r.rosterFamiliesReached)} of ${count(r.rosterFamilies)}${more}`,
  ];
}

function moreLine<T>(list: Capped<T>, what: string): string {
  return list.more > 0 ? `and ${count(list.more)} more ${what}` : '';
}

interface Parts {
  html: string[];
  text: string[];
}

function links(digest: Digest, parts: Parts): void {
  parts.html.push(
    heading(2, 'In the tracker'),
    bulletList([
      [link(digest.links.summary, 'The Summary tab')],
      [link(digest.links.followUps, 'The Follow-ups tab')],
    ]),
  );
  parts.text.push(
    '',
    'IN THE TRACKER',
    `Summary tab: ${digest.links.summary}`,
    `Follow-ups tab: ${digest.links.followUps}`,
  );
}

function schoolParts(d: SchoolDigest): Parts {
  const h = d.headline;
  const html: string[] = [];
  const text: string[] = [];
  const title = `${d.scope}: the week of ${shortDay(d.weekOf)}`;
  html.push(heading(1, title), muted(`Relationship calls, sent ${shortDay(d.today)}.`));
  text.push(title, `Relationship calls, sent ${shortDay(d.today)}.`);

  // 1. The headline.
  const [reachedFigure, reachedRest] = reachedText(h);
  const callsRest = ` in the past 7 days (${count(h.callsPrior7Days)} in the 7 days before)`;
  const goalsFigure = `${percent(h.percentMet)} met their goal, ${percent(h.percentExceeded)} exceeded it`;
  const goalsRest = ` (of ${plural(h.staffWithGoals, 'staff member', 'staff')} with a goal)`;
  const deadline = deadlineText(h);
  html.push(
    heading(2, 'At a glance'),
    bulletList([
      [strong(reachedFigure), reachedRest],
      [strong(plural(h.callsPast7Days, 'call', 'calls')), callsRest],
      [strong(goalsFigure), goalsRest],
      [deadline],
    ]),
  );
  text.push(
    '',
    'AT A GLANCE',
    `- ${reachedFigure}${reachedRest}`,
    `- ${plural(h.callsPast7Days, 'call', 'calls')}${callsRest}`,
    `- ${goalsFigure}${goalsRest}`,
    `- ${deadline}`,
  );

  // 2. Staff, check-ins first.
  const progressHeader = d.goalCounts === 'All attempts' ? 'Calls / goal' : 'Families reached / goal';
  html.push(heading(2, 'Staff'));
  text.push('', 'STAFF (check-ins first)');
  if (d.staff.rows.length === 0) {
    html.push(paragraph('No staff member of this school has a call goal.'));
    text.push('No staff member of this school has a call goal.');
  } else {
    html.push(
      dataTable(
        'Staff with a goal, those who need a check-in first',
        [
          { header: 'Staff' },
          { header: progressHeader, numeric: true },
          { header: 'Calls, past 7 days', numeric: true },
          { header: 'Status' },
        ],
        d.staff.rows.map((s) => [
          s.name,
          `${count(s.counted)} / ${count(s.goal)}`,
          s.callsPast7Days,
          s.status,
        ]),
      ),
    );
    for (const s of d.staff.rows) {
      text.push(
        `- ${s.name}: ${count(s.counted)} / ${count(s.goal)} ${progressHeader.split(' /')[0].toLowerCase()}, ${plural(s.callsPast7Days, 'call', 'calls')} in the past 7 days, ${s.status}`,
      );
    }
    if (d.staff.more > 0) {
      const rest = `and ${count(d.staff.more)} more: ${d.moreStaffByStatus.map((s) => `${count(s.count)} ${s.status.toLowerCase()}`).join(', ')} (all on the Summary tab)`;
      html.push(paragraph(rest));
      text.push(rest);
    }
  }

  // 3. Follow-ups.
  html.push(heading(2, 'Follow-ups'));
  text.push('', 'FOLLOW-UPS');
  const open = `${plural(d.openFollowUps, 'open follow-up', 'open follow-ups')}, ${count(d.overdueFollowUps)} overdue.`;
  html.push(paragraph(open));
  text.push(open);
  if (d.followUps.rows.length > 0) {
    const withNotes = d.followUps.rows.some((f) => f.notes);
    html.push(
      dataTable(
        'Open urgent follow-ups, oldest first',
        [
          { header: 'Student' },
          { header: 'Reason' },
          { header: 'Days open', numeric: true },
          { header: 'Owner' },
        ],
        d.followUps.rows.map((f) => {
          const reason: Array<string | Markup> = [f.reason];
          if (withNotes && f.notes) reason.push(` Notes: ${f.notes}`);
          const days: Array<string | Markup> = [f.daysOpen === null ? 'not known' : count(f.daysOpen)];
          if (f.overdue) days.push(' ', { html: `<strong style="color:${ALERT_TEXT}">overdue</strong>` });
          return [f.student, reason, days, f.owner || 'no one yet'];
        }),
      ),
    );
    for (const f of d.followUps.rows) {
      const days = f.daysOpen === null ? 'days open not known' : `${plural(f.daysOpen, 'day', 'days')} open`;
      text.push(
        `- ${f.student}: ${f.reason}${f.notes ? ` Notes: ${f.notes}` : ''} (${days}${f.overdue ? ', OVERDUE' : ''}; owner: ${f.owner || 'no one yet'})`,
      );
    }
    const more = moreLine(d.followUps, 'urgent follow-ups (on the Follow-ups tab)');
    if (more) {
      html.push(paragraph(more));
      text.push(more);
    }
  }
  const unreachedTitle = `Families not reached after ${plural(d.handOffAttempts, 'attempt', 'attempts')} or more`;
  html.push(heading(3, unreachedTitle));
  text.push('', unreachedTitle.toUpperCase());
  if (d.unreached.rows.length === 0) {
    html.push(paragraph('None.'));
    text.push('None.');
  } else {
    html.push(
      dataTable(
        'Families still waiting for a conversation, longest waiting first',
        [
          { header: 'Student' },
          { header: 'Attempts', numeric: true },
          { header: 'Last attempt' },
          { header: 'Called by' },
        ],
        d.unreached.rows.map((u) => [u.students, u.attempts, shortDay(u.lastAttempt), u.calledBy]),
      ),
    );
    for (const u of d.unreached.rows) {
      text.push(
        `- ${u.students}: ${plural(u.attempts, 'attempt', 'attempts')}, last ${shortDay(u.lastAttempt)}, by ${u.calledBy}`,
      );
    }
    const more = moreLine(d.unreached, 'families');
    if (more) {
      html.push(paragraph(more));
      text.push(more);
    }
  }

  // 4. Languages.
  html.push(heading(2, 'Languages'));
  text.push('', 'LANGUAGES (conversations)');
  if (d.languages.rows.length === 0) {
    html.push(paragraph('No conversations yet.'));
    text.push('No conversations yet.');
  } else {
    html.push(
      dataTable(
        'Conversations by language',
        [
          { header: 'Language' },
          { header: 'Past 7 days', numeric: true },
          { header: 'So far', numeric: true },
          { header: 'With an interpreter', numeric: true },
        ],
        d.languages.rows.map((l) => [
          l.language,
          l.conversationsPast7Days,
          l.conversations,
          l.withInterpreter,
        ]),
      ),
    );
    for (const l of d.languages.rows) {
      text.push(
        `- ${l.language}: ${count(l.conversationsPast7Days)} in the past 7 days, ${count(l.conversations)} so far, ${count(l.withInterpreter)} with an interpreter`,
      );
    }
    const more = moreLine(d.languages, 'languages');
    if (more) {
      html.push(paragraph(more));
      text.push(more);
    }
  }

  // 5. Family voices: only where the family agreed, redacted (src/core/voices.ts).
  if (d.voices !== null) {
    html.push(heading(2, 'What families told us'));
    text.push('', 'WHAT FAMILIES TOLD US');
    if (d.voices.length === 0) {
      html.push(paragraph(NO_VOICES));
      text.push(NO_VOICES);
    } else {
      for (const v of d.voices) {
        html.push(quote(v.kind, v.text));
        text.push(`"${v.text}" (${v.kind.toLowerCase()})`);
      }
      html.push(muted(VOICES_NOTE));
      text.push(VOICES_NOTE);
    }
  }

  // 6. What was counted that the form did not log as it stands.
  if (d.callsByHand > 0) {
    const line = `${plural(d.callsByHand, 'call', 'calls')} counted above ${d.callsByHand === 1 ? 'was' : 'were'} typed or pasted on the sheet, or changed by hand after logging: the Summary's "Typed or Changed by Hand" column says whose, and Relationship Calls → Check call log lists them.`;
    html.push(muted(line));
    text.push('', line);
  }

  // 7. Links.
  const parts = { html, text };
  links(d, parts);
  return parts;
}

function districtCells(r: DistrictRow): Array<string | number> {
  return [
    r.school,
    r.staffWithGoals,
    `${percent(r.percentMet)} / ${percent(r.percentExceeded)}`,
    r.percentRosterReached === null
      ? count(r.familiesReached)
      : `${count(r.familiesReached)} (${percent(r.percentRosterReached)} of Roster)`,
    r.callsPast7Days,
    `${count(r.openFollowUps)} (${count(r.overdueFollowUps)} overdue)`,
  ];
}

function districtLine(r: DistrictRow): string {
  const [figure, rest] = reachedText(r);
  const reached = `${figure}${rest}`;
  return `- ${r.school}: ${plural(r.staffWithGoals, 'staff member', 'staff')} with goals, ${percent(r.percentMet)} met, ${percent(r.percentExceeded)} exceeded; ${reached}; ${plural(r.callsPast7Days, 'call', 'calls')} in the past 7 days; ${count(r.openFollowUps)} open follow-ups, ${count(r.overdueFollowUps)} overdue`;
}

function districtParts(d: DistrictDigest): Parts {
  const html: string[] = [];
  const text: string[] = [];
  const title = `The district: the week of ${shortDay(d.weekOf)}`;
  html.push(heading(1, title), muted(`Relationship calls, sent ${shortDay(d.today)}.`));
  text.push(title, `Relationship calls, sent ${shortDay(d.today)}.`);
  const t = d.total;
  const [figure, rest] = reachedText(t);
  const calls = plural(t.callsPast7Days, 'call', 'calls');
  const goals = `${percent(t.percentMet)} of staff with a goal met it, ${percent(t.percentExceeded)} exceeded it`;
  html.push(
    heading(2, 'At a glance'),
    bulletList([
      [strong(figure), rest],
      [strong(calls), ' in the past 7 days'],
      [strong(goals)],
      [`${count(t.openFollowUps)} open follow-ups, ${count(t.overdueFollowUps)} overdue`],
    ]),
    heading(2, 'Schools'),
    dataTable(
      'Each school, then the district total',
      [
        { header: 'School' },
        { header: 'Staff with goals', numeric: true },
        { header: 'Met / exceeded goal', numeric: true },
        { header: 'Families reached', numeric: true },
        { header: 'Calls, past 7 days', numeric: true },
        { header: 'Open follow-ups', numeric: true },
      ],
      [...d.schools.map(districtCells), districtCells(t).map((c, i) => (i === 0 ? 'District total' : c))],
    ),
  );
  text.push(
    '',
    'AT A GLANCE',
    `- ${figure}${rest}`,
    `- ${calls} in the past 7 days`,
    `- ${goals}`,
    `- ${count(t.openFollowUps)} open follow-ups, ${count(t.overdueFollowUps)} overdue`,
  );
  text.push('', 'SCHOOLS', ...d.schools.map(districtLine), districtLine({ ...t, school: 'District total' }));
  const parts = { html, text };
  links(d, parts);
  return parts;
}
