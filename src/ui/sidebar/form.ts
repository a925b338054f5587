/**
 * The call form: sections a caller fills top to bottom, built from the schema's columns.
 * It reads and resets values, shows field errors, and adapts to the outcome (an unanswered
 * attempt needs only the family and the call).
 */
import type { CallFormData, CallInput, FieldErrors, Progress } from '../../contract';
import { REACHED_OUTCOME } from '../../core/schema';
import type { CallInputKey } from '../../core/validation';
import { el } from './dom';
import { createFamilyPicker, FamilyPicker } from './familyPicker';
import { buildField, Field } from './fields';
import { KEPT_AFTER_SUBMIT, sectionsWithColumns } from './layout';

export interface CallForm {
  readonly form: HTMLFormElement;
  readonly submitButton: HTMLButtonElement;
  readonly picker: FamilyPicker;
  readonly fields: ReadonlyMap<CallInputKey, Field>;
  /** The values as submitCall takes them (without the submission id). */
  read(): Omit<CallInput, 'submissionId'>;
  /** Shows each field's error; returns the first invalid field in form order, if any. */
  showErrors(errors: FieldErrors): Field | null;
  clearErrors(): void;
  /** Ready for the next family: Call Date and Method stay, the rest is cleared. */
  resetForNext(): void;
  setProgress(progress: Progress): void;
  setBusy(busy: boolean): void;
  /** Makes a field visible (opens its collapsed section) and focuses it. */
  focusField(field: Field): void;
}

export function buildCallForm(
  data: CallFormData,
  onSubmit: () => void,
): { header: HTMLElement; form: CallForm } {
  const fields = new Map<CallInputKey, Field>();
  const order: Field[] = [];
  let learned: HTMLDetailsElement | null = null;
  let learnedNote: HTMLElement | null = null;
  const sections: HTMLElement[] = [];

  for (const { section, columns } of sectionsWithColumns()) {
    const built = columns.map(buildField);
    for (const f of built) {
      fields.set(f.key, f);
      order.push(f);
    }
    if (section.conversationOnly) {
      learnedNote = el('span', { class: 'optional', text: '' });
      learned = el('details', { class: 'section', id: `section-${section.id}`, open: true }, [
        el('summary', {}, [el('span', { class: 'section-title', text: section.title }), learnedNote]),
        el(
          'div',
          { class: 'section-body' },
          built.map((f) => f.root),
        ),
      ]);
      sections.push(learned);
    } else {
      const legendId = `legend-${section.id}`;
      sections.push(
        el('fieldset', { class: 'section', id: `section-${section.id}`, 'aria-labelledby': legendId }, [
          el('legend', { id: legendId, class: 'section-title', text: section.title }),
          ...built.map((f) => f.root),
        ]),
      );
    }
  }

  const need = (key: CallInputKey): Field => {
    const f = fields.get(key);
    if (!f) throw new Error(`The form has no ${key} field`);
    return f;
  };
  const student = need('student');
  const familyMember = need('familyMember');
  const outcome = need('outcome');
  const callDate = need('callDate');

  // Call Date: today by default, never after today nor before the Calls Start Date.
  callDate.control.setAttribute('max', data.today);
  if (data.callsStartDate) callDate.control.setAttribute('min', data.callsStartDate);
  callDate.set(data.today);

  const { picker, datalist, info } = createFamilyPicker(
    data.families,
    { student, studentId: need('studentId'), familyMember },
    () => undefined,
  );
  student.root.insertBefore(info, student.root.querySelector('.error'));

  function learnedEmpty(): boolean {
    return ['familyStrengths', 'hopesAndDreams', 'notes'].every(
      (k) => fields.get(k as CallInputKey)?.isEmpty() ?? true,
    );
  }

  /** A conversation asks who it was with and what was learned; an attempt does not. */
  function adaptToOutcome(): void {
    const value = String(outcome.get());
    const conversation = value === REACHED_OUTCOME;
    familyMember.setRequired(conversation);
    if (learned && learnedNote) {
      const attempt = value !== '' && !conversation;
      learnedNote.textContent = attempt ? ' (optional: no conversation)' : '';
      if (attempt && learnedEmpty()) learned.open = false;
      if (!attempt) learned.open = true;
    }
  }
  outcome.control.addEventListener('change', adaptToOutcome);

  // The header: who I am and how far along my goal is.
  const progressText = el('p', { class: 'progress-text', id: 'progress-text' });
  const progressBar = el('progress', { id: 'progress-bar', 'aria-labelledby': 'progress-text' });
  const setProgress = (p: Progress): void => {
    progressText.textContent = p.text;
    if (p.goal !== null && p.goal > 0) {
      progressBar.hidden = false;
      progressBar.max = p.goal;
      progressBar.value = Math.min(p.counted, p.goal);
    } else {
      progressBar.hidden = true;
    }
  };
  setProgress(data.progress);
  const header = el('header', { class: 'me' }, [
    el('p', { class: 'who' }, [
      el('span', { text: data.me.name || data.me.email }),
      data.me.school ? ` · ${data.me.school}` : '',
    ]),
    progressText,
    progressBar,
  ]);

  const submitButton = el('button', {
    type: 'submit',
    class: 'primary',
    id: 'submit-call',
    text: 'Log call',
  });
  const form = el('form', { id: 'call-form', novalidate: true, 'aria-label': 'Log a call' }, [
    ...sections,
    datalist,
    el('div', { class: 'actions' }, [submitButton]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });

  adaptToOutcome();

  const callForm: CallForm = {
    form,
    submitButton,
    picker,
    fields,
    read() {
      const values: Record<string, string | boolean> = {};
      for (const f of order) values[f.key] = f.get();
      return values as unknown as Omit<CallInput, 'submissionId'>;
    },
    showErrors(errors) {
      let first: Field | null = null;
      for (const f of order) {
        const message = errors[f.key] ?? null;
        f.setError(message);
        if (message && !first) first = f;
      }
      return first;
    },
    clearErrors() {
      for (const f of order) f.setError(null);
    },
    resetForNext() {
      for (const f of order) {
        if (!KEPT_AFTER_SUBMIT.includes(f.key)) f.reset();
        f.setError(null);
      }
      picker.clear();
      adaptToOutcome();
    },
    setProgress,
    setBusy(busy) {
      form.setAttribute('aria-busy', String(busy));
      submitButton.disabled = busy;
      submitButton.textContent = busy ? 'Saving…' : 'Log call';
    },
    focusField(field) {
      if (learned && learned.contains(field.root)) learned.open = true;
      field.control.focus();
    },
  };
  return { header, form: callForm };
}
