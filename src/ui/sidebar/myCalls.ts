/**
 * Below the form: the caller's recent calls, each a link to its Call Log row so a mistake can be
 * found and fixed, and the follow-ups their calls raised with where each stands.
 */
import type { RaisedFollowUp, RecentCall } from '../../contract';
import { shortDay } from '../../core/dates';
import { el, replaceChildren } from './dom';

export interface MyCalls {
  readonly root: HTMLElement;
  /** A call just logged: first in the list (its row link comes with the next opening). */
  logged(call: RecentCall, followUp: RaisedFollowUp | null): void;
}

const RECENT_SHOWN = 5;

function callLine(c: RecentCall): string {
  return [c.student, c.outcome, c.callDate ? shortDay(c.callDate) : ''].filter(Boolean).join(' · ');
}

function followUpLine(f: RaisedFollowUp): string {
  return `${f.student}: ${f.status || 'Open'} · ${f.reason}`;
}

export function createMyCalls(recent: readonly RecentCall[], followUps: readonly RaisedFollowUp[]): MyCalls {
  const calls = [...recent];
  const raised = [...followUps];
  const callsList = el('ul', { class: 'my-list', id: 'recent-calls' });
  const followUpsList = el('ul', { class: 'my-list', id: 'my-follow-ups' });
  const callsTitle = el('span');
  const followUpsTitle = el('span');

  function render(): void {
    callsTitle.textContent = `My recent calls (${calls.length})`;
    replaceChildren(
      callsList,
      calls.length === 0
        ? [el('li', { class: 'muted', text: 'None yet.' })]
        : calls.map((c) =>
            el('li', {}, [
              c.link
                ? el('a', { href: c.link, target: '_top', text: callLine(c) })
                : el('span', { text: callLine(c) }),
              el('span', { class: 'muted', text: ` ${c.callId}` }),
            ]),
          ),
    );
    const open = raised.filter((f) => f.status.toLowerCase() !== 'resolved').length;
    followUpsTitle.textContent = `My follow-ups (${open} open)`;
    replaceChildren(
      followUpsList,
      raised.length === 0
        ? [el('li', { class: 'muted', text: 'None of your calls needed one.' })]
        : raised.map((f) =>
            el('li', {}, [
              f.link
                ? el('a', { href: f.link, target: '_top', text: followUpLine(f) })
                : el('span', { text: followUpLine(f) }),
            ]),
          ),
    );
  }
  render();

  const root = el('div', { class: 'my-calls' }, [
    el('details', { class: 'mine', id: 'my-recent-calls' }, [el('summary', {}, [callsTitle]), callsList]),
    el('details', { class: 'mine', id: 'my-follow-ups-section' }, [
      el('summary', {}, [followUpsTitle]),
      followUpsList,
    ]),
  ]);
  return {
    root,
    logged(call, followUp) {
      calls.unshift(call);
      calls.length = Math.min(calls.length, RECENT_SHOWN);
      if (followUp) raised.unshift(followUp);
      render();
    },
  };
}
