/**
 * The call form, built from the schema's columns: the family, then the outcome, then only what
 * that outcome needs. It reads and resets values, shows field errors, says before saving whether
 * the call will be flagged urgent, and keeps the Log call button in view.
 */
import type { CallFormData, CallInput, FamilyOption, FieldErrors, Progress } from '../../contract';
import { addDays, shortDay } from '../../core/dates';
import { REACHED_OUTCOME } from '../../core/schema';
import type { CallInputKey } from '../../core/validation';
import { el } from './dom';
import { createFamilyPicker, FamilyPicker } from './familyPicker';
import { buildField, Field } from './fields';
import { DEFAULTS, KEPT_AFTER_SUBMIT, sectionsWithColumns, ShownWhen } from './layout';
import { previewUrgency, urgentPreviewText } from './urgentPreview';
import { attachQuotePreview } from './consent';

export interface CallForm {
  readonly form: HTMLFormElement;
  readonly submitButton: HTMLButtonElement;
  readonly picker: FamilyPicker;
  readonly fields: ReadonlyMap<CallInputKey, Field>;
  /** The values as submitCall takes them (without the submission id). */
  read(): Omit<CallInput, 'submissionId'>;
  /** What the form asks beyond the shared rules: the interpreter, when the language is not English. */
  asked(): FieldErrors;
  /** Shows each field's error; returns the first invalid field in form order, if any. */
  showErrors(errors: FieldErrors): Field | null;
  clearErrors(): void;
  /** Ready for the next family: Call Date and Method stay, the rest is cleared. */
  resetForNext(): void;
  /** A logged call's values in every field (to fix it), with the sections its outcome needs. */
  fill(values: Omit<CallInput, 'submissionId'>): void;
  /** What the submit button says: Log call, or Save changes while a call is being fixed. */
  setSubmitLabel(label: string): void;
  setProgress(progress: Progress): void;
  setBusy(busy: boolean): void;
  /** Makes a field visible and focuses it. */
  focusField(field: Field): void;
}

const ENGLISH = 'english';

function isEnglish(language: string): boolean {
  const l = language.trim().toLowerCase();
  return l === '' || l === ENGLISH;
}

export function buildCallForm(
  data: CallFormData,
  onSubmit: () => void,
): { header: HTMLElement; form: CallForm } {
  const fields = new Map<CallInputKey, Field>();
  const order: Field[] = [];
  const sections: Array<{ node: HTMLElement; shownWhen: ShownWhen }> = [];

  for (const { section, columns } of sectionsWithColumns()) {
    const built = columns.map(buildField);
    for (const f of built) {
      fields.set(f.key, f);
      order.push(f);
    }
    const legendId = `legend-${section.id}`;
    const node = section.title
      ? el('fieldset', { class: 'section', id: `section-${section.id}`, 'aria-labelledby': legendId }, [
          el('legend', { id: legendId, class: 'section-title', text: section.title }),
          ...built.map((f) => f.root),
        ])
      : el(
          'div',
          { class: 'section', id: `section-${section.id}` },
          built.map((f) => f.root),
        );
    sections.push({ node, shownWhen: section.shownWhen });
  }

  const need = (key: CallInputKey): Field => {
    const f = fields.get(key);
    if (!f) throw new Error(`The form has no ${key} field`);
    return f;
  };
  const student = need('student');
  const studentId = need('studentId');
  const familyMember = need('familyMember');
  const outcome = need('outcome');
  const callDate = need('callDate');
  const language = need('language');
  const interpreter = need('interpreter');
  const urgent = need('urgent');
  const learnedTexts = (['familyStrengths', 'hopesAndDreams', 'notes'] as const).map(need);

  // Call Date: today by default, never after today nor before the Calls Start Date; a button for
  // today and for yesterday, the two days almost every call is logged for.
  callDate.control.setAttribute('max', data.today);
  if (data.callsStartDate) callDate.control.setAttribute('min', data.callsStartDate);
  callDate.set(data.today);
  const yesterday = addDays(data.today, -1);
  const dayButton = (id: string, label: string, day: string): HTMLButtonElement => {
    const button = el('button', {
      type: 'button',
      class: 'day',
      id,
      text: label,
      'aria-label': `${label}, ${shortDay(day)}`,
      disabled: Boolean(data.callsStartDate) && day < data.callsStartDate,
    });
    button.addEventListener('click', () => {
      callDate.set(day);
      callDate.setError(null);
    });
    return button;
  };
  callDate.root.insertBefore(
    el('div', { class: 'day-buttons' }, [
      dayButton('date-today', 'Today', data.today),
      dayButton('date-yesterday', 'Yesterday', yesterday),
    ]),
    callDate.root.querySelector('.error'),
  );

  /** The interpreter is asked, not assumed, when the call was not in English. */
  let interpreterAsked = false;
  function adaptToLanguage(): void {
    const ask = !isEnglish(String(language.get()));
    if (ask && !interpreterAsked && interpreter.get() === DEFAULTS.interpreter) interpreter.set('');
    if (!ask && interpreter.get() === '') interpreter.set(DEFAULTS.interpreter ?? '');
    interpreterAsked = ask;
    interpreter.setRequired(ask);
    interpreter.show(ask);
  }
  language.control.addEventListener('input', adaptToLanguage);

  let family: FamilyOption | null = null;
  const { picker, datalist, info } = createFamilyPicker(
    data.families,
    { student, studentId, familyMember },
    (picked) => {
      if (picked !== family) {
        // A roster family's Home Language is the likely language of the call; the caller can change it.
        language.set(picked?.homeLanguage || DEFAULTS.language || '');
        adaptToLanguage();
        family = picked;
      }
      studentId.show(!picked && String(student.get()).trim() !== '');
    },
    () => outcome.focus(),
  );
  student.root.insertBefore(info, student.root.querySelector('.error'));

  // Said before saving: the same rules the server applies to the same texts.
  const urgentNote = el('p', { class: 'urgent-preview', id: 'urgent-preview', role: 'status', hidden: true });
  need('notes').root.appendChild(urgentNote);
  function showUrgency(): void {
    const preview = previewUrgency(
      data.urgentRules,
      urgent.get() === true,
      learnedTexts.map((f) => String(f.get())),
    );
    const text = urgentPreviewText(preview);
    if (urgentNote.textContent !== text) urgentNote.textContent = text;
    urgentNote.hidden = text === '';
  }
  for (const f of learnedTexts) f.control.addEventListener('input', showUrgency);
  urgent.control.addEventListener('change', showUrgency);

  const quote = attachQuotePreview(
    {
      okToQuote: need('okToQuote'),
      hopesAndDreams: need('hopesAndDreams'),
      familyStrengths: need('familyStrengths'),
      notes: need('notes'),
      student,
      familyMember,
      outcome,
      urgent,
    },
    data,
  );

  /** Only what the outcome needs is shown; hidden fields keep their values. */
  function adaptToOutcome(): void {
    const value = String(outcome.get());
    const conversation = value === REACHED_OUTCOME;
    familyMember.setRequired(conversation);
    for (const { node, shownWhen } of sections) {
      node.hidden =
        (shownWhen === 'conversation' && !conversation) || (shownWhen === 'outcomePicked' && value === '');
    }
    adaptToLanguage();
  }
  outcome.root.addEventListener('change', adaptToOutcome);

  /**
   * After a choice picked with the pointer (not with arrow keys, which move between choices), the
   * next thing to fill gets the focus, once the browser has focused the clicked button.
   */
  const nextAfterClick = (field: Field, next: () => Field | null): void => {
    let byPointer = false;
    field.root.addEventListener('pointerdown', () => (byPointer = true));
    field.root.addEventListener('keydown', () => (byPointer = false));
    field.root.addEventListener('change', () => {
      if (!byPointer) return;
      byPointer = false;
      setTimeout(() => next()?.focus(), 0);
    });
  };
  const firstToFill = (): Field | null => {
    if (String(outcome.get()) !== REACHED_OUTCOME) return need('notes');
    if (familyMember.isEmpty()) return familyMember;
    if (interpreterAsked && interpreter.get() === '') return interpreter;
    return need('familyStrengths');
  };
  nextAfterClick(outcome, firstToFill);
  nextAfterClick(interpreter, firstToFill);

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

  let submitLabel = 'Log call';
  const submitButton = el('button', {
    type: 'submit',
    class: 'primary',
    id: 'submit-call',
    text: submitLabel,
  });
  const form = el('form', { id: 'call-form', novalidate: true, 'aria-label': 'Log a call' }, [
    ...sections.map((s) => s.node),
    datalist,
    // Sticky: in view at the bottom of the sidebar however long the form grows.
    el('div', { class: 'actions' }, [submitButton]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });

  studentId.show(false);
  adaptToOutcome();
  showUrgency();

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
    asked() {
      const conversation = String(outcome.get()) === REACHED_OUTCOME;
      if (conversation && interpreterAsked && interpreter.get() === '')
        return {
          interpreter: `Say whether an interpreter helped: the call was in ${String(language.get()).trim()}.`,
        };
      return {};
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
      interpreterAsked = false;
      family = null;
      picker.clear();
      studentId.show(false);
      adaptToOutcome();
      showUrgency();
      quote.refresh();
    },
    fill(values) {
      picker.clear();
      family = null;
      for (const f of order) {
        const value = values[f.key];
        if (value === undefined) f.reset();
        else f.set(value);
        f.setError(null);
      }
      // The interpreter as it was logged, not asked again.
      interpreterAsked = !isEnglish(String(language.get()));
      studentId.show(String(studentId.get()) !== '');
      adaptToOutcome();
      showUrgency();
      quote.refresh();
    },
    setSubmitLabel(label) {
      submitLabel = label;
      submitButton.textContent = label;
    },
    setProgress,
    setBusy(busy) {
      form.setAttribute('aria-busy', String(busy));
      submitButton.disabled = busy;
      submitButton.textContent = busy ? 'Saving…' : submitLabel;
    },
    focusField(field) {
      for (const { node } of sections) if (node.contains(field.root)) node.hidden = false;
      field.show(true);
      field.focus();
    },
  };
  return { header, form: callForm };
}
