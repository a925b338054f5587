/**
 * One form field per Call Log input column, built from its schema definition: the header is
 * the visible label, the help is the hint, choices and maxLength come from the column.
 */
import type { Column } from '../../core/schema';
import type { CallInputKey } from '../../core/validation';
import { addDays, shortDay } from '../../core/dates';
import { BLANK_CHOICE_LABEL, COMMON_LANGUAGES, DEFAULTS, RADIO_KEYS } from './layout';
import { el, formatCount, toggleIdRef } from './dom';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The language list's last choice, which opens a box to type another language. */
const OTHER = '__other__';

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

/** What some fields need of the form's data: the days the date offers, the languages to list. */
export interface FieldContext {
  /** 'YYYY-MM-DD' */
  today: string;
  /** 'YYYY-MM-DD' ('' when not set). */
  callsStartDate: string;
  /** Languages to offer first: the caller's families' home languages, most common first. */
  homeLanguages: readonly string[];
}

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
/** A choice shown as labelled radio buttons: one tab stop, arrow keys between choices. */
interface RadioChoice {
  value: string;
  label: string;
  /** A second, quieter line under the label (a day's date). */
  detail?: string;
}

/** The parts every radio field has: its label line, hint, group of choices and error, by key. */
function radioParts(column: Column, choices: readonly RadioChoice[], groupClass = 'choices') {
  const key = column.key as CallInputKey;
  const groupId = controlId(key);
  const legendId = `label-${key}`;
  const errorId = `err-${key}`;
  const required = el('span', { class: 'req', text: ' (required)' });
  const error = el('p', { class: 'error', id: errorId, hidden: true });
  const hint = el('p', { class: 'hint', id: `hint-${key}` });
  const radios = choices.map((c, i) =>
    el('input', { type: 'radio', id: `${groupId}-${i}`, name: key, value: c.value }),
  );
  const group = el(
    'div',
    { class: groupClass, id: groupId, role: 'radiogroup', 'aria-labelledby': legendId },
    radios.map((radio, i) =>
      el('label', { class: 'choice', for: radio.id }, [
        radio,
        ` ${choices[i].label}`,
        choices[i].detail ? el('span', { class: 'day-date', text: ` ${choices[i].detail}` }) : '',
      ]),
    ),
  );
  const label = el('p', { class: 'group-label', id: legendId }, [column.header, required]);
  const checked = (): HTMLInputElement | undefined => radios.find((r) => r.checked);
  return { key, legendId, errorId, required, error, hint, radios, group, label, checked };
}

function buildRadioField(column: Column): Field {
  const { key, errorId, required, error, hint, radios, group, label, checked } = radioParts(
    column,
    (column.choices ?? []).map((choice) => ({ value: choice, label: choice })),
  );
  const initial = DEFAULTS[key] ?? '';
  const root = el('div', { class: 'field', id: `field-${key}` }, [label, hint, group, error]);
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
  for (const r of radios) {
    // Enter picks the focused choice, as Space does; the form then moves on (see `onPicked`).
    r.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      if (!r.checked) {
        r.checked = true;
        r.dispatchEvent(new Event('change', { bubbles: true }));
      }
      root.dispatchEvent(new CustomEvent('picked', { bubbles: false }));
    });
  }
  field.setRequired(column.required === true);
  field.reset();
  return field;
}

/**
 * The call's day as one tab stop: Today, Yesterday, or an earlier day (a date box shown only then).
 * Arrow keys move between the three, as in any radio group.
 */
function buildDayField(column: Column, context: FieldContext): Field {
  const key = column.key as CallInputKey;
  const yesterday = addDays(context.today, -1);
  const earliest = context.callsStartDate;
  const dayChoices: Array<{ value: string; label: string; day: string | null }> = [
    { value: 'today', label: 'Today', day: context.today },
    { value: 'yesterday', label: 'Yesterday', day: yesterday },
    { value: 'earlier', label: 'Earlier', day: null },
  ].filter((c) => c.day === null || !earliest || c.day >= earliest);
  const { legendId, errorId, required, error, hint, radios, group, label, checked } = radioParts(
    column,
    dayChoices.map((c) => ({ value: c.value, label: c.label, detail: c.day ? shortDay(c.day) : undefined })),
    'choices days',
  );
  dayChoices.forEach((c, i) =>
    radios[i].setAttribute(
      'aria-label',
      c.day ? `${c.label}, ${shortDay(c.day)}` : `${c.label}: pick the day`,
    ),
  );
  const date = el('input', {
    type: 'date',
    id: `${controlId(key)}-date`,
    name: `${key}-day`,
    max: context.today,
    min: earliest || undefined,
    'aria-labelledby': legendId,
  });
  const dateBox = el('div', { class: 'earlier-day', hidden: true }, [date]);
  const root = el('div', { class: 'field', id: `field-${key}` }, [label, hint, group, dateBox, error]);
  const showDate = (): void => {
    dateBox.hidden = checked()?.value !== 'earlier';
  };
  for (const r of radios) r.addEventListener('change', showDate);
  const field: Field = {
    key,
    column,
    root,
    control: radios[0],
    hint,
    get() {
      const picked = dayChoices.find((c) => c.value === checked()?.value);
      return picked?.day ?? date.value;
    },
    set(value) {
      const day = typeof value === 'string' ? value : '';
      const match = dayChoices.find((c) => c.day === day);
      const pick = match ? match.value : 'earlier';
      for (const r of radios) r.checked = r.value === pick;
      if (!match) date.value = day;
      showDate();
    },
    reset() {
      field.set(context.today);
    },
    isEmpty: () => field.get() === '',
    setError: (message) =>
      showError({ target: checked()?.value === 'earlier' ? date : group, root, error, errorId }, message),
    setRequired: (isRequired) => markRequired(group, required, isRequired),
    focus() {
      if (checked()?.value === 'earlier') date.focus();
      else (checked() ?? radios[0]).focus();
    },
    show(shown) {
      root.hidden = !shown;
    },
  };
  field.setRequired(true);
  field.reset();
  return field;
}

/**
 * The language of the call as a list: the families' home languages first, then common ones, then
 * Other… with a box to type it in. What is saved is the language's name, as typed on the Roster.
 */
function buildLanguageField(column: Column, context: FieldContext): Field {
  const key = column.key as CallInputKey;
  const id = controlId(key);
  const errorId = `err-${key}`;
  const initial = DEFAULTS[key] ?? '';
  const seen = new Set<string>();
  const languages = [...context.homeLanguages, ...COMMON_LANGUAGES].filter((l) => {
    const k = l.trim().toLowerCase();
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const select = el('select', { id, name: key }, [
    ...languages.map((l) => el('option', { value: l, text: l })),
    el('option', { value: OTHER, text: 'Other…' }),
  ]);
  const other = el('input', {
    type: 'text',
    id: `${id}-other`,
    name: `${key}-other`,
    maxlength: column.maxLength,
    autocomplete: 'off',
    'aria-label': 'Other language',
  });
  const otherBox = el('div', { class: 'other-language', hidden: true }, [other]);
  const hint = el('p', { class: 'hint', id: `hint-${key}` });
  const error = el('p', { class: 'error', id: errorId, hidden: true });
  const required = el('span', { class: 'req', text: ' (required)' });
  const root = el('div', { class: 'field', id: `field-${key}` }, [
    el('label', { for: id, id: `label-${key}` }, [column.header, required]),
    hint,
    select,
    otherBox,
    error,
  ]);
  const showOther = (): void => {
    otherBox.hidden = select.value !== OTHER;
  };
  select.addEventListener('change', () => {
    showOther();
    if (select.value === OTHER) other.focus();
  });
  const field: Field = {
    key,
    column,
    root,
    control: select,
    hint,
    get: () => (select.value === OTHER ? other.value : select.value),
    set(value) {
      const text = typeof value === 'string' ? value.trim() : '';
      const listed = languages.find((l) => l.toLowerCase() === text.toLowerCase());
      select.value = listed ?? (text ? OTHER : (languages[0] ?? OTHER));
      other.value = listed || !text ? '' : text;
      showOther();
      select.dispatchEvent(new Event('input'));
    },
    reset() {
      field.set(initial);
    },
    isEmpty: () => field.get() === '' || field.get() === initial,
    setError: (message) =>
      showError({ target: select.value === OTHER ? other : select, root, error, errorId }, message),
    setRequired: (isRequired) => markRequired(select, required, isRequired),
    focus() {
      select.focus();
    },
    show(shown) {
      root.hidden = !shown;
    },
  };
  other.addEventListener('input', () => select.dispatchEvent(new Event('input')));
  field.setRequired(false);
  field.reset();
  return field;
}

export function buildField(column: Column, context: FieldContext): Field {
  if (column.type === 'choice' && RADIO_KEYS.includes(column.key as CallInputKey))
    return buildRadioField(column);
  if (column.key === 'callDate') return buildDayField(column, context);
  if (column.key === 'language') return buildLanguageField(column, context);
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
  field.setRequired(column.required === true);
  field.reset();
  return field;
}
