/**
 * One form field per Call Log input column, built from its schema definition: the header is
 * the visible label, the help is the hint, choices and maxLength come from the column.
 */
import type { Column } from '../../core/schema';
import type { CallInputKey } from '../../core/validation';
import { BLANK_CHOICE_LABEL, DEFAULTS, RADIO_KEYS } from './layout';
import { el, formatCount, toggleIdRef } from './dom';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Field {
  readonly key: CallInputKey;
  readonly column: Column;
  /** The field's wrapper: label, hint, control, counter, error. */
  readonly root: HTMLElement;
  /** The control (for a choice shown as buttons, the first of them). */
  readonly control: Control;
  /** Where extra hints may be added (the student picker's instructions). */
  readonly hint: HTMLElement;
  get(): string | boolean;
  set(value: string | boolean): void;
  /** Back to the form's starting value. */
  reset(): void;
  isEmpty(): boolean;
  setError(message: string | null): void;
  setRequired(required: boolean): void;
  /** Focuses the control (the chosen button of a choice shown as buttons, else its first). */
  focus(): void;
  /** Shows or hides the whole field (a hidden field keeps its value). */
  show(shown: boolean): void;
}

export const controlId = (key: string): string => `f-${key}`;

/** Shows or clears a field's error: its text, and what a screen reader is told of the control. */
function showError(
  parts: { target: HTMLElement; root: HTMLElement; error: HTMLElement; errorId: string },
  message: string | null,
): void {
  const { target, root, error, errorId } = parts;
  error.textContent = message ?? '';
  error.hidden = !message;
  toggleIdRef(target, 'aria-describedby', errorId, Boolean(message));
  if (message) target.setAttribute('aria-invalid', 'true');
  else target.removeAttribute('aria-invalid');
  root.classList.toggle('invalid', Boolean(message));
}

/** Marks a field required (or not), for the eye and for a screen reader. */
function markRequired(target: HTMLElement, mark: HTMLElement, isRequired: boolean): void {
  mark.hidden = !isRequired;
  if (isRequired) target.setAttribute('aria-required', 'true');
  else target.removeAttribute('aria-required');
}

function showsHelp(column: Column): boolean {
  // A select already lists its choices; "One of: …" would only repeat them.
  return column.type !== 'choice';
}

/**
 * A short choice shown as buttons (radio inputs): one click picks it, arrow keys move between
 * them, and every choice is visible at once.
 */
function buildRadioField(column: Column): Field {
  const key = column.key as CallInputKey;
  const groupId = controlId(key);
  const legendId = `label-${key}`;
  const errorId = `err-${key}`;
  const initial = DEFAULTS[key] ?? '';
  const required = el('span', { class: 'req', text: ' (required)' });
  const error = el('p', { class: 'error', id: errorId, hidden: true });
  const hint = el('p', { class: 'hint', id: `hint-${key}` });
  const radios = (column.choices ?? []).map((choice, i) =>
    el('input', { type: 'radio', id: `${groupId}-${i}`, name: key, value: choice }),
  );
  const group = el(
    'div',
    { class: 'choices', id: groupId, role: 'radiogroup', 'aria-labelledby': legendId },
    radios.map((radio, i) =>
      el('label', { class: 'choice', for: radio.id }, [radio, ` ${column.choices?.[i] ?? ''}`]),
    ),
  );
  const root = el('div', { class: 'field', id: `field-${key}` }, [
    el('p', { class: 'group-label', id: legendId }, [column.header, required]),
    hint,
    group,
    error,
  ]);
  const checked = (): HTMLInputElement | undefined => radios.find((r) => r.checked);
  const field: Field = {
    key,
    column,
    root,
    control: radios[0],
    hint,
    get: () => checked()?.value ?? '',
    set(value) {
      for (const r of radios) r.checked = r.value === value;
    },
    reset() {
      field.set(initial);
    },
    isEmpty: () => !checked() || checked()?.value === initial,
    setError: (message) => showError({ target: group, root, error, errorId }, message),
    setRequired: (isRequired) => markRequired(group, required, isRequired),
    focus() {
      (checked() ?? radios[0]).focus();
    },
    show(shown) {
      root.hidden = !shown;
    },
  };
  for (const r of radios) r.addEventListener('change', () => field.setError(null));
  field.setRequired(column.required === true);
  field.reset();
  return field;
}

export function buildField(column: Column): Field {
  if (column.type === 'choice' && RADIO_KEYS.includes(column.key as CallInputKey))
    return buildRadioField(column);
  const key = column.key as CallInputKey;
  const id = controlId(key);
  const hintId = `hint-${key}`;
  const errorId = `err-${key}`;
  const counterId = `count-${key}`;
  const initial = DEFAULTS[key] ?? '';

  const required = el('span', { class: 'req', text: ' (required)' });
  const label = el('label', { for: id, id: `label-${key}` }, [column.label ?? column.header, required]);
  const hint = el('p', { class: 'hint', id: hintId }, showsHelp(column) ? [column.help] : []);
  const error = el('p', { class: 'error', id: errorId, hidden: true });
  let counter: HTMLElement | null = null;

  let control: Control;
  switch (column.type) {
    case 'checkbox':
      control = el('input', { type: 'checkbox', id, name: key });
      break;
    case 'date':
      control = el('input', { type: 'date', id, name: key });
      break;
    case 'longText': {
      control = el('textarea', { id, name: key, rows: 3, maxlength: column.maxLength, spellcheck: 'true' });
      counter = el('p', { class: 'counter', id: counterId });
      break;
    }
    case 'choice': {
      const select = el('select', { id, name: key });
      if (column.required)
        select.appendChild(el('option', { value: '', text: `Choose ${column.header.toLowerCase()}…` }));
      else if (column.blankAllowed && !DEFAULTS[key])
        select.appendChild(el('option', { value: '', text: BLANK_CHOICE_LABEL[key] ?? '—' }));
      for (const choice of column.choices ?? [])
        select.appendChild(el('option', { value: choice, text: choice }));
      control = select;
      break;
    }
    default:
      control = el('input', {
        type: 'text',
        id,
        name: key,
        maxlength: column.maxLength,
        autocomplete: 'off',
        spellcheck: 'false',
      });
  }
  const describedBy = [hint.textContent ? hintId : '', counter ? counterId : ''].filter(Boolean).join(' ');
  if (describedBy) control.setAttribute('aria-describedby', describedBy);

  const updateCounter = (): void => {
    if (counter && column.maxLength !== undefined) {
      counter.textContent = `${formatCount(control.value.length)} / ${formatCount(column.maxLength)}`;
      counter.classList.toggle('near', control.value.length >= column.maxLength * 0.9);
    }
  };
  control.addEventListener('input', updateCounter);

  const isCheckbox = column.type === 'checkbox';
  const root = isCheckbox
    ? el('div', { class: 'field check', id: `field-${key}` }, [
        el('div', { class: 'check-row' }, [control, label]),
        hint,
        error,
      ])
    : el('div', { class: 'field', id: `field-${key}` }, [label, hint, control, counter, error]);

  const field: Field = {
    key,
    column,
    root,
    control,
    hint,
    get: () => (isCheckbox ? (control as HTMLInputElement).checked : control.value),
    set(value) {
      if (isCheckbox) (control as HTMLInputElement).checked = value === true;
      else control.value = typeof value === 'string' ? value : '';
      updateCounter();
    },
    reset() {
      field.set(isCheckbox ? false : initial);
    },
    isEmpty: () =>
      isCheckbox
        ? !(control as HTMLInputElement).checked
        : control.value.trim() === '' || control.value === initial,
    setError: (message) => showError({ target: control, root, error, errorId }, message),
    setRequired: (isRequired) => markRequired(control, required, isRequired),
    focus() {
      control.focus();
    },
    show(shown) {
      root.hidden = !shown;
    },
  };
  // Editing a field takes its error away; the next submit checks again.
  control.addEventListener(isCheckbox || column.type === 'choice' ? 'change' : 'input', () =>
    field.setError(null),
  );
  field.setRequired(column.required === true);
  field.reset();
  return field;
}
