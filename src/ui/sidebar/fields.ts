/**
 * One form field per Call Log input column, built from its schema definition: the header is
 * the visible label, the help is the hint, choices and maxLength come from the column.
 */
import type { Column } from '../../core/schema';
import type { CallInputKey } from '../../core/validation';
import { BLANK_CHOICE_LABEL, DEFAULTS } from './layout';
import { el, formatCount, toggleIdRef } from './dom';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Field {
  readonly key: CallInputKey;
  readonly column: Column;
  /** The field's wrapper: label, hint, control, counter, error. */
  readonly root: HTMLElement;
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
}

export const controlId = (key: string): string => `f-${key}`;

function showsHelp(column: Column): boolean {
  // A select already lists its choices; "One of: …" would only repeat them.
  return column.type !== 'choice';
}

export function buildField(column: Column): Field {
  const key = column.key as CallInputKey;
  const id = controlId(key);
  const hintId = `hint-${key}`;
  const errorId = `err-${key}`;
  const counterId = `count-${key}`;
  const initial = DEFAULTS[key] ?? '';

  const required = el('span', { class: 'req', text: ' (required)' });
  const label = el('label', { for: id, id: `label-${key}` }, [column.header, required]);
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
    setError(message) {
      error.textContent = message ? message : '';
      error.hidden = !message;
      toggleIdRef(control, 'aria-describedby', errorId, Boolean(message));
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      root.classList.toggle('invalid', Boolean(message));
    },
    setRequired(isRequired) {
      required.hidden = !isRequired;
      if (isRequired) control.setAttribute('aria-required', 'true');
      else control.removeAttribute('aria-required');
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
