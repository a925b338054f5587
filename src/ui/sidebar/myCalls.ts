/**
 * Below the form: the caller's recent calls, each a link to its Call Log row, with Edit (the call
 * back in the form, to fix it) and Logged by mistake (withdraw it, once asked), and the follow-ups
 * their calls raised with where each stands.
 */
import type { RaisedFollowUp, RecentCall, WithdrawResult } from '../../contract';
import { shortDay } from '../../core/dates';
import { el, replaceChildren } from './dom';

export interface MyCallsActions {
  /** Edit: the call opened in the form. */
  edit(call: RecentCall): void;
  /** Logged by mistake, once confirmed: what the server said. */
  withdraw(call: RecentCall): Promise<WithdrawResult>;
}

export interface MyCalls {
  readonly root: HTMLElement;
  /** A call just logged: first in the list (its row link comes with the next opening). */
  logged(call: RecentCall, followUp: RaisedFollowUp | null): void;
  /** The lists as the server has them now (after a fix or a withdrawal). */
  refresh(recent: readonly RecentCall[], followUps: readonly RaisedFollowUp[]): void;
}

const RECENT_SHOWN = 5;

/** Where a call's Logged by mistake stands: asked, being sent, or answered. */
type Withdrawal = { step: 'asking' } | { step: 'sending' } | { step: 'answered'; result: WithdrawResult };

function callLine(c: RecentCall): string {
  return [c.student, c.outcome, c.callDate ? shortDay(c.callDate) : ''].filter(Boolean).join(' · ');
}

function followUpLine(f: RaisedFollowUp): string {
  return `${f.student}: ${f.status || 'Open'} · ${f.reason}`;
}

export function createMyCalls(
  recent: readonly RecentCall[],
  followUps: readonly RaisedFollowUp[],
  actions: MyCallsActions,
): MyCalls {
  const calls = [...recent];
  const raised = [...followUps];
  const withdrawals = new Map<string, Withdrawal>();
  const callsList = el('ul', { class: 'my-list', id: 'recent-calls' });
  const followUpsList = el('ul', { class: 'my-list', id: 'my-follow-ups' });
  const callsTitle = el('span');
  const followUpsTitle = el('span');

  /** A small button named by its words and the call it acts on ("Edit, Liam Chen · Conversation · Nov 20"). */
  const button = (text: string, what: string, onClick: () => void, primary = false): HTMLButtonElement => {
    const b = el('button', {
      type: 'button',
      class: primary ? 'small danger' : 'small',
      'aria-label': `${text}, ${what}`,
      text,
    });
    b.addEventListener('click', onClick);
    return b;
  };

  /** The call whose question or answer gets the focus when the list is drawn next (once). */
  let focusOn: string | null = null;
  let toFocus: HTMLElement | null = null;
  const focusable = <T extends HTMLElement>(callId: string, node: T): T => {
    if (focusOn === callId) toFocus = node;
    return node;
  };

  function withdraw(c: RecentCall): void {
    withdrawals.set(c.callId, { step: 'sending' });
    render();
    const answered = (result: WithdrawResult): void => {
      withdrawals.set(c.callId, { step: 'answered', result });
      focusOn = c.callId;
      render();
    };
    actions.withdraw(c).then(answered, (error: unknown) =>
      answered({
        ok: false,
        callId: c.callId,
        message: error instanceof Error ? error.message : String(error),
      }),
    );
  }

  /** What a recent call offers: Edit and Logged by mistake, the question, or the answer. */
  function callActions(c: RecentCall): HTMLElement {
    const what = callLine(c);
    const state = withdrawals.get(c.callId);
    if (state?.step === 'answered') {
      const answer = el('p', {
        class: `call-status${state.result.ok ? '' : ' refused'}`,
        role: state.result.ok ? 'status' : 'alert',
        tabindex: -1,
        text: state.result.message,
      });
      if (!state.result.ok)
        answer.append(
          ' ',
          button('Back', what, () => {
            withdrawals.delete(c.callId);
            render();
          }),
        );
      return focusable(c.callId, answer);
    }
    if (state?.step === 'sending')
      return el('p', { class: 'call-status muted', role: 'status', text: 'Withdrawing…' });
    if (state?.step === 'asking') {
      const keep = button('Keep it', what, () => {
        withdrawals.delete(c.callId);
        focusOn = c.callId;
        render();
      });
      const confirm = button('Withdraw call', what, () => withdraw(c), true);
      focusable(c.callId, confirm);
      return el('div', { class: 'call-confirm', role: 'group', 'aria-label': `Withdraw the call ${what}?` }, [
        el('p', {
          text: 'Withdraw this call? It stays on the Call Log, struck through, and no longer counts anywhere.',
        }),
        confirm,
        keep,
      ]);
    }
    return el('div', { class: 'call-actions' }, [
      button('Edit', what, () => actions.edit(c)),
      focusable(
        c.callId,
        button('Logged by mistake', what, () => {
          withdrawals.set(c.callId, { step: 'asking' });
          focusOn = c.callId;
          render();
        }),
      ),
    ]);
  }

  function render(): void {
    toFocus = null;
    callsTitle.textContent = `My recent calls (${calls.length})`;
    replaceChildren(
      callsList,
      calls.length === 0
        ? [el('li', { class: 'muted', text: 'None yet.' })]
        : calls.map((c) => {
            const withdrawn = withdrawals.get(c.callId);
            const gone = withdrawn?.step === 'answered' && withdrawn.result.ok;
            return el('li', { 'data-call-id': c.callId, class: gone ? 'withdrawn' : '' }, [
              c.link
                ? el('a', { href: c.link, target: '_top', text: callLine(c) })
                : el('span', { text: callLine(c) }),
              el('span', { class: 'muted', text: ` ${c.callId}` }),
              callActions(c),
            ]);
          }),
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
    const target = toFocus as HTMLElement | null;
    focusOn = null;
    target?.focus();
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
    refresh(nextRecent, nextFollowUps) {
      // A call just withdrawn counts no more, so the server leaves it out: it stays in view, struck
      // through with its answer, until the sidebar opens again.
      const kept = calls.filter((c) => {
        const w = withdrawals.get(c.callId);
        return w?.step === 'answered' && w.result.ok && !nextRecent.some((n) => n.callId === c.callId);
      });
      const next = [...nextRecent];
      for (const c of kept) next.splice(Math.min(calls.indexOf(c), next.length), 0, c);
      calls.splice(0, calls.length, ...next);
      raised.splice(0, raised.length, ...nextFollowUps);
      render();
    },
  };
}

/** Shown above the form while a call is being fixed: which one, and a way back to logging new calls. */
export function editingBanner(what: string, onCancel: () => void): HTMLElement {
  const cancel = el('button', { type: 'button', class: 'small', id: 'cancel-edit', text: 'Cancel' });
  cancel.addEventListener('click', onCancel);
  return el('div', { class: 'editing', id: 'editing', role: 'status' }, [
    el('p', { text: `Fixing your call: ${what}. Save changes rewrites that row; nothing new is logged.` }),
    cancel,
  ]);
}
