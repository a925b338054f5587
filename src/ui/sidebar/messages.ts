/**
 * The two message areas above the form: a polite status (confirmations) and an alert (what
 * stopped a submit). Both exist from the start so screen readers announce what goes in them.
 */
import type { CallInput, EditSuccess, FieldErrors, SubmitSuccess } from '../../contract';
import { shortDay } from '../../core/dates';
import { CALL_INPUT_COLUMNS } from '../../core/schema';
import { el, replaceChildren } from './dom';
import type { CallForm } from './form';

export interface Messages {
  readonly root: HTMLElement;
  clear(): void;
  /** What was logged, for whom, and what happens next. */
  confirmation(result: SubmitSuccess, input: CallInput): void;
  /** Field errors and errors.form; focuses the first invalid field (or the summary). */
  rejected(errors: FieldErrors, form: CallForm, fixing?: boolean): void;
  /** A call fixed from the form: saved, and what follows. */
  saved(result: EditSuccess): void;
  /** Something that stopped an action, in words. */
  problem(title: string, message: string): void;
  /** The server could not be reached or threw: everything typed stays; Retry re-sends it. */
  failed(message: string, retry: () => void): void;
}

const headerOf = new Map(CALL_INPUT_COLUMNS.map((c) => [c.key, c.header]));

export function urgentText(reason: string): string {
  return `Flagged as urgent${reason ? ` (${reason})` : ''}. The people who act on it are emailed, and it is on the Follow-ups tab until closed.`;
}

export function createMessages(): Messages {
  const status = el('div', { id: 'notice', class: 'notice', role: 'status', 'aria-live': 'polite' });
  const alert = el('div', { id: 'problems', class: 'problems', role: 'alert', tabindex: -1 });
  const root = el('div', { class: 'messages' }, [status, alert]);

  const setAlert = (children: Node[]): void => {
    replaceChildren(alert, children);
    alert.classList.toggle('shown', children.length > 0);
  };
  const setStatus = (children: Node[]): void => {
    replaceChildren(status, children);
    status.classList.toggle('shown', children.length > 0);
  };

  return {
    root,
    clear() {
      setAlert([]);
      setStatus([]);
    },
    confirmation(result, input) {
      setAlert([]);
      const lines: Node[] = [
        el('p', {
          class: 'done',
          text: result.alreadyLogged
            ? `This call was already logged (${result.callId}); nothing new was saved.`
            : `Call logged (${result.callId}).`,
        }),
        el('p', {
          class: 'logged',
          text: `${input.student.trim()} · ${input.outcome} · ${shortDay(input.callDate)}`,
        }),
        el('p', { class: 'progress-now', text: `${result.progress.text}.` }),
      ];
      if (result.urgent) lines.push(el('p', { class: 'urgent', text: urgentText(result.urgentReason) }));
      if (result.warnings.length > 0)
        lines.push(
          el(
            'ul',
            { class: 'warnings' },
            result.warnings.map((w) => el('li', { text: w })),
          ),
        );
      setStatus(lines);
      status.classList.toggle('has-urgent', result.urgent);
    },
    saved(result) {
      setAlert([]);
      const lines: Node[] = [el('p', { class: 'done', text: `Changes saved (${result.callId}).` })];
      if (result.urgent) lines.push(el('p', { class: 'urgent', text: urgentText(result.urgentReason) }));
      for (const w of result.warnings) lines.push(el('p', { text: w }));
      setStatus(lines);
      status.classList.toggle('has-urgent', result.urgent);
    },
    problem(title, message) {
      setStatus([]);
      setAlert([el('p', { class: 'problem-title', text: title }), el('p', { text: message })]);
      alert.focus();
    },
    rejected(errors, form, fixing = false) {
      setStatus([]);
      const items: Node[] = [];
      for (const [key, field] of form.fields) {
        const message = errors[key];
        if (!message) continue;
        const jump = el('button', { type: 'button', class: 'link' }, [`${field.column.header}: `, message]);
        jump.addEventListener('click', () => form.focusField(field));
        items.push(el('li', {}, [jump]));
      }
      // Errors for keys the form does not show (should not happen) still reach the caller.
      for (const [key, message] of Object.entries(errors)) {
        if (key !== 'form' && message && ![...form.fields.keys()].some((k) => k === key))
          items.push(el('li', { text: `${headerOf.get(key) ?? key}: ${message}` }));
      }
      const first = form.showErrors(errors);
      const children: Node[] = [
        el('p', {
          class: 'problem-title',
          text: fixing ? 'The changes were not saved yet.' : 'The call was not logged yet.',
        }),
      ];
      const again = fixing ? 'save the changes again' : 'log the call again';
      if (errors.form) children.push(el('p', { text: errors.form }));
      if (items.length > 0) {
        children.push(
          el('p', {
            text:
              items.length === 1
                ? `Fix this field, then ${again}:`
                : `Fix these ${items.length} fields, then ${again}:`,
          }),
        );
        children.push(el('ul', {}, items));
      }
      setAlert(children);
      if (first) form.focusField(first);
      else alert.focus();
    },
    failed(message, retry) {
      setStatus([]);
      const button = el('button', { type: 'button', class: 'secondary', id: 'retry', text: 'Retry' });
      button.addEventListener('click', retry);
      setAlert([
        el('p', { class: 'problem-title', text: 'The call could not be saved.' }),
        el('p', { text: message }),
        el('p', {
          text: 'Everything you typed is still here. Retry sends the same call again; it will not be logged twice.',
        }),
        button,
      ]);
      button.focus();
    },
  };
}

/** Shown instead of the form when the server says this person cannot log calls. */
export function unavailable(message: string): HTMLElement {
  return el('div', { class: 'problems shown', role: 'alert' }, [
    el('p', { class: 'problem-title', text: "You can't log calls yet." }),
    el('p', { text: message }),
  ]);
}
