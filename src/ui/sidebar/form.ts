/**
 * The call form, built from the schema's columns: the family and who in it, then the outcome,
 * then only what that outcome needs. Every field shown is saved and every field saved is shown.
 * Fields are checked as they are left and their errors go as they are fixed; the form says before
 * saving whether the call will be flagged urgent, and keeps the Log call button in view.
 */
import type { CallFormData, CallInput, FamilyOption, FieldErrors, Progress } from '../../contract';
import { assignedText, progressWords } from '../../core/progressWords';
import { REACHED_OUTCOME } from '../../core/schema';
import { validateCallInput, type CallInputKey } from '../../core/validation';
import { el } from './dom';
import { createFamilyPicker, FamilyPicker } from './familyPicker';
import { buildField, Field, FieldContext } from './fields';
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
  /** Every problem the form knows before sending: the shared rules, and what the form asks. */
  errors(atSubmit?: boolean): FieldErrors;
  /** Shows each field's error; returns the first invalid field in form order, if any. */
  showErrors(errors: FieldErrors): Field | null;
  clearErrors(): void;
  /** Ready for the next family: Call Date and Method stay, the rest is cleared. */
  resetForNext(): void;
  /** A logged call's values in every field (to fix it), with the sections its outcome needs. */
  fill(values: Omit<CallInput, 'submissionId'>): void;
  /** What the submit button says: Log call, or Save changes while a call is being fixed. */
  setSubmitLabel(label: string): void;
  /** Shows where the caller now stands; returns it in words ("5 of 8 families reached — 3 to go, …"). */
  setProgress(progress: Progress): string;
  setBusy(busy: boolean): void;
  /** Makes a field visible and focuses it. */
  focusField(field: Field): void;
}

const ENGLISH = 'english';

function isEnglish(language: string): boolean {
  const l = language.trim().toLowerCase();
  return l === '' || l === ENGLISH;
}

/** The families' home languages, most common first: the languages the list offers first. */
function homeLanguagesOf(families: readonly FamilyOption[]): string[] {
  const counts = new Map<string, number>();
  for (const f of families) {
    const l = f.homeLanguage.trim();
    if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
}

/** Focus without scrolling the form, then bring the field into view only if it is out of it. */
function focusInPlace(field: Field): void {
  field.focus();
  field.root.scrollIntoView?.({ block: 'nearest' });
}

export function buildCallForm(
  data: CallFormData,
  onSubmit: () => void,
): { header: HTMLElement; form: CallForm } {
  const fields = new Map<CallInputKey, Field>();
  const order: Field[] = [];
  const sections: Array<{ node: HTMLElement; shownWhen: ShownWhen }> = [];
  const context: FieldContext = {
    today: data.today,
    callsStartDate: data.callsStartDate,
    homeLanguages: homeLanguagesOf(data.families),
  };

  for (const { section, columns } of sectionsWithColumns()) {
    const built = columns.map((column) => buildField(column, context));
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
  const language = need('language');
  const interpreter = need('interpreter');
  const urgent = need('urgent');
  const learnedTexts = (['familyStrengths', 'hopesAndDreams', 'notes'] as const).map(need);

  /** The interpreter is asked, not assumed, as soon as the call is not in English. */
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
  language.control.addEventListener('change', adaptToLanguage);

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
      adaptToOutcome();
      if (student.root.classList.contains('invalid')) check(student);
    },
    () => focusInPlace(outcome),
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

  /** Only what the outcome needs is shown; hidden fields keep their values (and are not sent blank). */
  function adaptToOutcome(): void {
    const value = String(outcome.get());
    const conversation = value === REACHED_OUTCOME;
    const named = String(student.get()).trim() !== '';
    familyMember.setRequired(conversation);
    for (const { node, shownWhen } of sections) {
      node.hidden =
        (shownWhen === 'conversation' && !conversation) ||
        (shownWhen === 'outcomePicked' && value === '') ||
        (shownWhen === 'studentGiven' && !named);
    }
    adaptToLanguage();
  }
  outcome.root.addEventListener('change', adaptToOutcome);

  /** The first thing left to fill after an outcome or an interpreter is picked. */
  const firstToFill = (): Field | null => {
    if (String(outcome.get()) !== REACHED_OUTCOME) return need('notes');
    if (familyMember.isEmpty()) return familyMember;
    if (interpreterAsked && interpreter.get() === '') return interpreter;
    return need('familyStrengths');
  };
  /**
   * A choice picked with the pointer, or with Enter, moves on to what is left to fill (arrow keys
   * and Space only move between choices), once the browser has focused the clicked button.
   */
  const moveOnAfterPick = (field: Field): void => {
    let byPointer = false;
    const next = (): void => {
      setTimeout(() => {
        const target = firstToFill();
        if (target) focusInPlace(target);
      }, 0);
    };
    field.root.addEventListener('pointerdown', () => (byPointer = true));
    field.root.addEventListener('keydown', () => (byPointer = false));
    field.root.addEventListener('change', () => {
      if (!byPointer) return;
      byPointer = false;
      next();
    });
    field.root.addEventListener('picked', next);
  };
  moveOnAfterPick(outcome);
  moveOnAfterPick(interpreter);

  // The header: who I am, where I stand against my goal, in words.
  const assigned = new Set(data.families.filter((f) => f.assignedToMe).map((f) => f.household)).size;
  const progressText = el('p', { class: 'progress-text', id: 'progress-text' });
  const progressBar = el('progress', { id: 'progress-bar', 'aria-labelledby': 'progress-text' });
  const paceText = el('p', { class: 'pace', id: 'pace-text' });
  const assignedLine = el('p', { class: 'assigned', id: 'assigned-text', text: assignedText(assigned) });
  assignedLine.hidden = assigned === 0;
  const setProgress = (p: Progress): string => {
    const words = progressWords(
      { goal: p.goal, counted: p.counted, attempts: p.attempts, counts: p.counts },
      { callsStartDate: data.callsStartDate, deadline: data.goalDeadline, today: data.today },
    );
    progressText.textContent = words.headline;
    paceText.textContent = words.pace;
    paceText.hidden = words.pace === '';
    paceText.classList.toggle('behind', words.status === 'Behind' || words.status === 'Not started');
    if (p.goal !== null && p.goal > 0) {
      progressBar.hidden = false;
      progressBar.max = p.goal;
      progressBar.value = Math.min(p.counted, p.goal);
    } else {
      progressBar.hidden = true;
    }
    return words.headline;
  };
  setProgress(data.progress);
  const header = el('header', { class: 'me' }, [
    el('p', { class: 'who' }, [
      el('span', { text: data.me.name || data.me.email }),
      data.me.school ? ` · ${data.me.school}` : '',
    ]),
    progressText,
    progressBar,
    paceText,
    assignedLine,
  ]);

  let submitLabel = 'Log call';
  const submitButton = el('button', {
    type: 'submit',
    class: 'primary',
    id: 'submit-call',
    text: submitLabel,
    'aria-keyshortcuts': 'Control+Enter',
  });
  const form = el('form', { id: 'call-form', novalidate: true, 'aria-label': 'Log a call' }, [
    ...sections.map((s) => s.node),
    datalist,
    // Sticky: in view at the bottom of the sidebar however long the form grows.
    el('div', { class: 'actions' }, [
      submitButton,
      el('span', { class: 'shortcut', 'aria-hidden': 'true', text: 'Ctrl+Enter' }),
    ]),
  ]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });
  // Ctrl+Enter (⌘+Enter) logs the call from any field.
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  });

  const read = (): Omit<CallInput, 'submissionId'> => {
    const values: Record<string, string | boolean> = {};
    for (const f of order) values[f.key] = f.get();
    if (picker.offRoster()) values.offRoster = true;
    return values as unknown as Omit<CallInput, 'submissionId'>;
  };
  /** Set once Log call was tried: from then on a field left is checked as Log call checks it. */
  let tried = false;
  /** `atSubmit`: also a name not on the roster that was neither picked nor chosen as typed (the box already says so before). */
  const errors = (atSubmit = true): FieldErrors => {
    tried ||= atSubmit;
    const check = validateCallInput(read(), {
      today: data.today,
      callsStartDate: data.callsStartDate,
      timeZone: 'UTC',
    });
    const found: FieldErrors = check.ok ? {} : { ...check.errors };
    const conversation = String(outcome.get()) === REACHED_OUTCOME;
    if (conversation && interpreterAsked && interpreter.get() === '')
      found.interpreter = `Say whether an interpreter helped: the call was in ${String(language.get()).trim()}.`;
    const offRoster = atSubmit ? picker.unresolved() : null;
    if (offRoster && !found.student) found.student = offRoster;
    return found;
  };

  /** A field's own problem, shown or cleared now (the shared rules, on what the whole form holds). */
  function check(field: Field): void {
    field.setError(errors(tried)[field.key] ?? null);
  }
  /**
   * A check that shows an error moves what is below it. Left with the mouse, a field is checked
   * once the click that left it has landed (a button that moved between press and release would
   * lose the click): after the pointer is released.
   */
  let pointerDown = false;
  const waiting: Array<() => void> = [];
  document.addEventListener('pointerdown', () => (pointerDown = true), true);
  document.addEventListener(
    'pointerup',
    () => {
      pointerDown = false;
      setTimeout(() => waiting.splice(0).forEach((run) => run()), 0);
    },
    true,
  );
  const whenSettled = (run: () => void): void => {
    if (pointerDown) waiting.push(run);
    else run();
  };
  // Checked as it is left, once touched; an error already shown goes as soon as it is fixed.
  for (const f of order) {
    let touched = false;
    const edited = (): void => {
      touched = true;
      if (f.root.classList.contains('invalid')) check(f);
    };
    f.root.addEventListener('input', edited);
    f.root.addEventListener('change', edited);
    f.root.addEventListener('focusout', (event) => {
      const to = (event as FocusEvent).relatedTarget;
      if (touched && !(to instanceof Node && f.root.contains(to))) whenSettled(() => check(f));
    });
  }

  studentId.show(false);
  adaptToOutcome();
  showUrgency();

  const callForm: CallForm = {
    form,
    submitButton,
    picker,
    fields,
    read,
    errors,
    showErrors(found) {
      let first: Field | null = null;
      for (const f of order) {
        const message = found[f.key] ?? null;
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
      tried = false;
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
      picker.restore();
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
      focusInPlace(field);
    },
  };
  return { header, form: callForm };
}
