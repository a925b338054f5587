/**
 * "My school" in the sidebar (runs in the browser): the four answers first, each in a line that
 * fits the first screen, then each list with a link to its row. A leader picks the school. Every
 * server string reaches the DOM through textContent or attributes.
 */
import type { MySchoolUnavailable, MySchoolView } from '../../contract';
import { shortDay } from '../../core/dates';
import { el, formatCount, replaceChildren, type Child } from '../sidebar/dom';
import { call, failureMessage } from '../sidebar/server';

interface MySchoolRun {
  getMySchool(school: string): void;
}

const app = document.getElementById('app') as HTMLElement;

function getMySchool(school: string): Promise<MySchoolView | MySchoolUnavailable> {
  return call<MySchoolView | MySchoolUnavailable, MySchoolRun>((run) => run.getMySchool(school));
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "Yusuf Bui, Aaliyah Vang and 7 more": the first names of a list, for the glance line. */
function firstOf(names: readonly string[], total: number, shown = 3): string {
  const listed = names.slice(0, shown);
  const more = total - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${formatCount(more)} more` : listed.join(', ');
}

function deadlineText(view: MySchoolView): string {
  const { deadline, daysLeft } = view.goal;
  if (daysLeft > 0) return `Deadline ${shortDay(deadline)}: ${plural(daysLeft, 'day', 'days')} left.`;
  if (daysLeft === 0) return `The deadline is today, ${shortDay(deadline)}.`;
  return `The deadline passed on ${shortDay(deadline)}.`;
}

/** One answer at a glance: what it is about, the answer, and a link down to its list. */
function glance(label: string, answer: Child[], target: string | null, alert = false): HTMLElement {
  return el('li', { class: alert ? 'glance-item alert' : 'glance-item' }, [
    el('p', { class: 'glance-label', text: label }),
    el('p', { class: 'glance-answer' }, answer),
    target ? el('a', { class: 'see-all', href: `#${target}`, target: '_self', text: 'See the list' }) : null,
  ]);
}

/** A line of a list: a link to its row, a mark (a status, an overdue), the details. */
interface ListLine {
  link: string;
  name: string;
  mark: { class: string; text: string } | null;
  detail: string;
}

/** One answer's list, each line linking to its row; the rest is on the tab. Nothing when it is empty. */
function listSection(
  id: string,
  title: string,
  hint: string,
  count: number,
  list: { lines: readonly ListLine[]; more: { href: string; where: string } },
): HTMLElement | null {
  if (count === 0) return null;
  const rest = count - list.lines.length;
  return el('section', { id, 'aria-labelledby': `${id}-title`, tabindex: -1 }, [
    el('h2', { id: `${id}-title`, text: `${title} (${formatCount(count)})` }),
    el('p', { class: 'hint', text: hint }),
    el(
      'ul',
      { class: 'lines' },
      list.lines.map((l) =>
        el('li', {}, [
          el('a', { href: l.link, target: '_top', text: l.name }),
          l.mark ? el('span', { class: l.mark.class, text: ` ${l.mark.text}` }) : null,
          el('span', { class: 'detail', text: ` · ${l.detail}` }),
        ]),
      ),
    ),
    rest > 0
      ? el('p', { class: 'more' }, [
          `and ${formatCount(rest)} more on `,
          el('a', { href: list.more.href, target: '_top', text: list.more.where }),
        ])
      : null,
  ]);
}

function render(view: MySchoolView): void {
  const { goal, checkIns, waiting, urgent } = view;
  const chooser =
    view.schools.length > 1
      ? (() => {
          const select = el(
            'select',
            { id: 'school', 'aria-describedby': 'as-of' },
            view.schools.map((s) => el('option', { value: s, text: s, selected: s === view.school })),
          );
          select.addEventListener('change', () => load(select.value));
          return el('div', { class: 'field' }, [el('label', { for: 'school', text: 'School' }), select]);
        })()
      : null;
  const glanceList = el('ul', { class: 'glance', 'aria-label': `${view.school} at a glance` }, [
    glance(
      'Goal',
      goal.staffWithGoals === 0
        ? ['No staff member has a call goal yet.']
        : [
            el('strong', {
              text: `${percent(goal.percentMet)} met, ${percent(goal.percentExceeded)} exceeded`,
            }),
            ` (${goal.metGoal} and ${goal.exceededGoal} of ${plural(goal.staffWithGoals, 'staff member', 'staff')}). ${deadlineText(view)}`,
          ],
      null,
    ),
    glance(
      'Need a check-in',
      checkIns.count === 0
        ? ['Nobody: everyone with a goal has started and is on pace.']
        : [
            el('strong', { text: plural(checkIns.count, 'staff member', 'staff') }),
            `: ${firstOf(
              checkIns.lines.map((c) => c.name),
              checkIns.count,
            )}.`,
          ],
      checkIns.count > 0 ? 'check-ins' : null,
      checkIns.count > 0,
    ),
    glance(
      'Families not reached yet',
      waiting.count === 0
        ? ['None: every Roster family has been reached.']
        : [
            el('strong', { text: `${formatCount(waiting.count)} of ${formatCount(waiting.rosterFamilies)}` }),
            waiting.priority > 0 ? `, ${formatCount(waiting.priority)} of them priority.` : '.',
          ],
      waiting.count > 0 ? 'waiting' : null,
    ),
    glance(
      'Urgent follow-ups',
      urgent.open === 0
        ? ['None open.']
        : [
            el('strong', {
              text: `${formatCount(urgent.open)} open, ${formatCount(urgent.overdue)} overdue`,
            }),
            `: ${firstOf(
              urgent.lines.map((u) =>
                u.daysOver > 0 ? `${u.student} (${plural(u.daysOver, 'day', 'days')} over)` : u.student,
              ),
              urgent.open,
              2,
            )}.`,
          ],
      urgent.open > 0 ? 'urgent' : null,
      urgent.overdue > 0,
    ),
  ]);

  const lists = [
    listSection('check-ins', 'Need a check-in', 'Not started first, then behind the pace.', checkIns.count, {
      lines: checkIns.lines.map((c) => ({
        link: c.link,
        name: c.name,
        mark: { class: c.status === 'Not started' ? 'status not-started' : 'status behind', text: c.status },
        detail: `${c.counted} of ${c.goal} · ${c.lastCall ? `last call ${shortDay(c.lastCall)}` : 'no call yet'}`,
      })),
      more: { href: view.links.summary, where: 'the Summary tab' },
    }),
    listSection(
      'waiting',
      'Families not reached yet',
      'Priority families first, then those never called.',
      waiting.count,
      {
        lines: waiting.lines.map((w) => ({
          link: w.link,
          name: w.students,
          mark: w.priority ? { class: 'priority', text: `Priority: ${w.priority}` } : null,
          detail: `${w.status}${w.attempts > 0 ? `, ${plural(w.attempts, 'attempt', 'attempts')}` : ''} · ${w.assignedTo ? `Assigned to ${w.assignedTo}` : 'Not assigned'}`,
        })),
        more: { href: view.links.families, where: 'the Families tab' },
      },
    ),
    listSection('urgent', 'Urgent follow-ups open', 'Overdue first.', urgent.open, {
      lines: urgent.lines.map((u) => ({
        link: u.link,
        name: u.student,
        mark:
          u.daysOver > 0
            ? { class: 'overdue', text: `Overdue by ${plural(u.daysOver, 'day', 'days')}` }
            : null,
        detail: `${u.reason} · ${u.status}${u.daysOpen === null ? '' : `, open ${plural(u.daysOpen, 'day', 'days')}`}`,
      })),
      more: { href: view.links.followUps, where: 'the Follow-ups tab' },
    }),
  ];

  replaceChildren(app, [
    el('h1', { class: 'visually-hidden', text: `My school: ${view.school}` }),
    chooser,
    el('p', { class: 'as-of', id: 'as-of' }, [
      el('strong', { text: view.school }),
      ` · as of the Summary's refresh, ${view.asOf}`,
    ]),
    glanceList,
    ...lists,
    el('p', { class: 'tabs' }, [
      el('a', { href: view.links.summary, target: '_top', text: 'Summary' }),
      ' · ',
      el('a', { href: view.links.families, target: '_top', text: 'Families' }),
      ' · ',
      el('a', { href: view.links.followUps, target: '_top', text: 'Follow-ups' }),
    ]),
  ]);
}

function showMessage(message: string, title: string): void {
  replaceChildren(app, [
    el('h1', { class: 'visually-hidden', text: 'My school' }),
    el('div', { class: 'problems shown', role: 'alert' }, [
      el('p', { class: 'problem-title', text: title }),
      el('p', { text: message }),
    ]),
  ]);
}

function load(school: string): void {
  app.setAttribute('aria-busy', 'true');
  getMySchool(school).then(
    (view) => {
      app.removeAttribute('aria-busy');
      if (!view || typeof view !== 'object')
        return showMessage('The server sent nothing back.', 'My school could not load.');
      if (!view.ok) return showMessage(view.message, 'Nothing to show yet.');
      render(view);
    },
    (error: unknown) => {
      app.removeAttribute('aria-busy');
      showMessage(failureMessage(error), 'My school could not load.');
    },
  );
}

load('');
