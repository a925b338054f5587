/**
 * The sidebar's script (runs in the browser): one round trip to open the form, one to submit.
 * Every server-provided or typed string reaches the DOM through textContent or value.
 */
import type { CallFormData, CallInput, FormUnavailable, RecentCall } from '../../contract';
import { REACHED_OUTCOME } from '../../core/schema';
import { validateCallInput } from '../../core/validation';
import { el, replaceChildren } from './dom';
import { buildCallForm } from './form';
import { createMessages, unavailable } from './messages';
import { createMyCalls, editingBanner } from './myCalls';
import { editCall, failureMessage, getCallFormData, getCallToEdit, submitCall, withdrawCall } from './server';
import { newSubmissionId } from './submissionId';

const app = document.getElementById('app') as HTMLElement;

function showLoading(): void {
  replaceChildren(app, [el('p', { class: 'loading', role: 'status', text: 'Loading your families…' })]);
}

function showLoadFailure(message: string): void {
  const retry = el('button', { type: 'button', class: 'secondary', id: 'retry-load', text: 'Try again' });
  retry.addEventListener('click', load);
  replaceChildren(app, [
    el('div', { class: 'problems shown', role: 'alert' }, [
      el('p', { class: 'problem-title', text: 'The form could not load.' }),
      el('p', { text: message }),
    ]),
    retry,
  ]);
  retry.focus();
}

function start(data: CallFormData): void {
  const messages = createMessages();
  /** Kept while the same form is retried; a new one after each logged call. */
  let submissionId = newSubmissionId();
  let busy = false;

  const { header, form } = buildCallForm(data, submit);
  /** The call being fixed from the form, and the banner that says so; null while logging new calls. */
  let editing: { callId: string; banner: HTMLElement } | null = null;
  const myCalls = createMyCalls(data.recentCalls ?? [], data.followUps ?? [], {
    edit: startEditing,
    withdraw(call) {
      return withdrawCall(call.callId).then((result) => {
        if (result.ok) {
          if (editing?.callId === call.callId) stopEditing();
          refreshMine();
        }
        return result;
      });
    },
  });

  /** The caller's progress and lists as the server has them now. */
  function refreshMine(): void {
    getCallFormData().then(
      (fresh) => {
        if (!fresh.ok) return;
        form.setProgress(fresh.progress);
        myCalls.refresh(fresh.recentCalls ?? [], fresh.followUps ?? []);
      },
      () => undefined, // the lists stay as they were; the next opening shows them
    );
  }

  function startEditing(call: RecentCall): void {
    if (busy) return;
    getCallToEdit(call.callId).then(
      (opened) => {
        if (!opened.ok) return messages.problem('This call cannot be fixed.', opened.message);
        stopEditing();
        form.fill(opened.values);
        const banner = editingBanner(`${call.student} · ${call.outcome}`, () => {
          stopEditing();
          messages.clear();
        });
        editing = { callId: opened.callId, banner };
        form.form.before(banner);
        form.setSubmitLabel('Save changes');
        messages.clear();
        window.scrollTo(0, 0);
        form.fields.get('student')?.focus();
      },
      (error: unknown) => messages.problem('This call could not be opened.', failureMessage(error)),
    );
  }

  function stopEditing(): void {
    if (!editing) return;
    editing.banner.remove();
    editing = null;
    form.setSubmitLabel('Log call');
    form.resetForNext();
  }

  function saveChanges(callId: string, input: Omit<CallInput, 'submissionId'>): void {
    busy = true;
    form.setBusy(true);
    editCall(callId, input).then(
      (result) => {
        busy = false;
        form.setBusy(false);
        if (!result.ok) return messages.rejected(result.errors, form, true);
        stopEditing();
        messages.saved(result);
        refreshMine();
        window.scrollTo(0, 0);
      },
      (error: unknown) => {
        busy = false;
        form.setBusy(false);
        messages.failed(failureMessage(error), submit);
      },
    );
  }

  function submit(): void {
    if (busy) return;
    const input: CallInput = { ...form.read(), submissionId };
    messages.clear();
    // The same rules as the server (one source); the server checks again and decides.
    const check = validateCallInput(input, {
      today: data.today,
      callsStartDate: data.callsStartDate,
      timeZone: 'UTC',
    });
    const errors = { ...(check.ok ? {} : check.errors), ...form.asked() };
    if (Object.keys(errors).length > 0) {
      messages.rejected(errors, form, editing !== null);
      return;
    }
    if (editing) return saveChanges(editing.callId, form.read());
    form.clearErrors();
    busy = true;
    form.setBusy(true);
    const picked = form.picker.picked();
    submitCall(input).then(
      (result) => {
        busy = false;
        form.setBusy(false);
        if (!result.ok) {
          messages.rejected(result.errors, form);
          return;
        }
        if (picked) {
          const reached =
            input.outcome === REACHED_OUTCOME
              ? { by: data.me.name || data.me.email, on: input.callDate, byMe: true }
              : null;
          form.picker.recordCall(picked, reached);
        }
        form.setProgress(result.progress);
        if (!result.alreadyLogged)
          myCalls.logged(
            {
              callId: result.callId,
              callDate: input.callDate,
              student: input.student.trim(),
              outcome: input.outcome,
              link: '',
            },
            result.urgent
              ? {
                  student: input.student.trim(),
                  reason: result.urgentReason,
                  status: 'Open',
                  link: '',
                }
              : null,
          );
        form.resetForNext();
        submissionId = newSubmissionId();
        messages.confirmation(result, input);
        window.scrollTo(0, 0);
        form.fields.get('student')?.focus();
      },
      (error: unknown) => {
        busy = false;
        form.setBusy(false);
        messages.failed(failureMessage(error), submit);
      },
    );
  }

  replaceChildren(app, [
    el('h1', { class: 'visually-hidden', text: 'Log a call' }),
    header,
    messages.root,
    form.form,
    myCalls.root,
  ]);
  // The first thing to do is to name the student.
  form.fields.get('student')?.focus();
}

function render(data: CallFormData | FormUnavailable): void {
  if (!data || typeof data !== 'object')
    return showLoadFailure('The server sent nothing back. Close the sidebar and open it again.');
  if (!data.ok) {
    replaceChildren(app, [
      el('h1', { class: 'visually-hidden', text: 'Log a call' }),
      unavailable(data.message),
    ]);
    return;
  }
  start(data);
}

function load(): void {
  showLoading();
  getCallFormData().then(render, (error: unknown) => showLoadFailure(failureMessage(error)));
}

load();
