/**
 * The student picker: type-ahead over the caller's roster families (an <input list> over a
 * <datalist>), or free text for a student not on it. Enter picks the first suggestion (it never
 * submits). Picking fills Student, Student ID and Family Member, and shows the household: how to
 * reach it (tel: and mailto: links), its language, siblings, and who has called it.
 */
import type { FamilyOption, Reached } from '../../contract';
import { shortDay } from '../../core/dates';
import { foldText } from '../../core/urgency';
import { isEmail } from '../../core/validation';
import { closestOnRoster, LOG_AS_TYPED, notOnRosterMessage } from '../../core/nameMatch';
import { el, formatCount, replaceChildren, toggleIdRef } from './dom';
import type { Field } from './fields';

const DATALIST_ID = 'roster-families';

export interface FamilyPicker {
  /** The roster family picked, or null for free text. */
  picked(): FamilyOption | null;
  /** The caller chose to log a name not on their roster as typed (the second, explicit choice). */
  offRoster(): boolean;
  /** Why the call cannot be logged yet: a name not on the roster, neither picked nor chosen as typed. */
  unresolved(): string | null;
  /**
   * A logged call put back in the form (to fix it): its student is the roster family it names,
   * or a name already logged as typed. The fields keep what was logged.
   */
  restore(): void;
  /** After a logged call: what the picker knows of that household changes. */
  recordCall(family: FamilyOption, reachedNow: Reached | null): void;
  clear(): void;
}

/** The text an option is picked by: the student's name, made unique when two share a name. */
function optionKeys(families: readonly FamilyOption[]): string[] {
  const counts = new Map<string, number>();
  for (const f of families) counts.set(f.student, (counts.get(f.student) ?? 0) + 1);
  return families.map((f) =>
    (counts.get(f.student) ?? 0) > 1 ? `${f.student} (${f.studentId || `grade ${f.grade}`})` : f.student,
  );
}

function optionLabel(f: FamilyOption): string {
  const parts: string[] = [];
  if (f.priority) parts.push(`Priority: ${f.priority}`);
  if (f.grade) parts.push(`Grade ${f.grade}`);
  if (f.assignedToMe) parts.push('assigned to you');
  if (f.reached) parts.push(f.reached.byMe ? 'reached by you' : `reached by ${f.reached.by}`);
  else
    parts.push(
      f.attempts === 0 ? 'not called yet' : `${f.attempts} ${f.attempts === 1 ? 'attempt' : 'attempts'}`,
    );
  return parts.join(' · ');
}

function attemptsText(n: number): string {
  if (n === 0) return 'No calls logged to this household yet.';
  return `${formatCount(n)} ${n === 1 ? 'call' : 'calls'} logged to this household so far.`;
}

export function reachedText(reached: Reached): string {
  const on = shortDay(reached.on);
  return reached.byMe ? `You reached this family on ${on}.` : `Reached by ${reached.by} on ${on}.`;
}

/** A tel: link's number: digits, and a leading + for an international one. */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return digits.replace(/\D/g, '').length >= 3 ? `tel:${digits}` : null;
}

function contactLine(f: FamilyOption): HTMLElement | null {
  const phone = f.phone ?? '';
  const email = f.email ?? '';
  const tel = telHref(phone);
  const parts: Array<Node | string> = [];
  if (phone) parts.push(tel ? el('a', { href: tel, class: 'contact', text: phone }) : phone);
  if (email) {
    if (parts.length > 0) parts.push(' · ');
    parts.push(
      isEmail(email) ? el('a', { href: `mailto:${email.trim()}`, class: 'contact', text: email }) : email,
    );
  }
  return parts.length > 0 ? el('p', { class: 'contacts' }, parts) : null;
}

/** The option Enter picks: the first whose name starts with what was typed, else the first containing it. */
export function suggestionFor(typed: string, keys: readonly string[]): number {
  const t = foldText(typed.trim());
  if (!t) return -1;
  const folded = keys.map(foldText);
  const starts = folded.findIndex((k) => k.startsWith(t));
  return starts >= 0 ? starts : folded.findIndex((k) => k.includes(t));
}

export function createFamilyPicker(
  families: FamilyOption[],
  fields: { student: Field; studentId: Field; familyMember: Field },
  onChange: (family: FamilyOption | null) => void,
  onEnter: () => void,
): { picker: FamilyPicker; datalist: HTMLDataListElement | null; info: HTMLElement } {
  /** Set once the caller chose Log as typed for the name now in the box. */
  let asTyped = false;
  /** Suggestions are shown once the caller has left the box or pressed Enter on a name not on the roster. */
  let suggesting = false;
  const input = fields.student.control as HTMLInputElement;
  const info = el('div', { class: 'family-info', id: 'family-info', role: 'status', 'aria-live': 'polite' });
  let keys = optionKeys(families);
  let datalist: HTMLDataListElement | null = null;
  let renderOptions: (() => void) | null = null;

  if (families.length > 0) {
    datalist = el('datalist', { id: DATALIST_ID });
    input.setAttribute('list', DATALIST_ID);
    const list = datalist;
    renderOptions = (): void => {
      keys = optionKeys(families);
      replaceChildren(
        list,
        families.map((f, i) => el('option', { value: keys[i], label: optionLabel(f) })),
      );
    };
    renderOptions();
    replaceChildren(fields.student.hint, [
      el('span', {
        class: 'hint-line',
        text: `Type, then Enter, to pick from your roster (${formatCount(families.length)} ${families.length === 1 ? 'student' : 'students'}), or type a name that is not on it.`,
      }),
    ]);
  } else {
    fields.student.hint.appendChild(
      el('span', { class: 'hint-line', text: 'No roster students for your school: type the name.' }),
    );
  }
  input.setAttribute('autocomplete', 'off');
  toggleIdRef(input, 'aria-describedby', 'family-info', true);

  let current: FamilyOption | null = null;

  /** "Did you mean…": one button per close Roster student, households together, then Log as typed. */
  function suggestionsFor(text: string): Node[] {
    const close = closestOnRoster(text, families);
    const choose = (f: FamilyOption, label: string): HTMLButtonElement => {
      const button = el('button', { type: 'button', class: 'suggestion', text: label });
      button.addEventListener('click', () => {
        pick(f);
        onChange(current);
        onEnter();
      });
      return button;
    };
    const typed = el('button', {
      type: 'button',
      class: 'secondary as-typed',
      id: 'log-as-typed',
      text: `${LOG_AS_TYPED}: "${text}"`,
    });
    typed.addEventListener('click', () => {
      asTyped = true;
      showInfo();
      onChange(current);
      onEnter();
    });
    return [
      el('p', { class: 'not-on-roster' }, [el('strong', { text }), ' is not on your roster.']),
      close.length > 0 ? el('p', { text: 'Did you mean:' }) : null,
      close.length > 0
        ? el(
            'ul',
            { class: 'suggestions', 'aria-label': 'Roster students with a close name' },
            close.map(({ students: [first, ...siblings] }) =>
              el('li', {}, [
                choose(first, optionKeys(families)[families.indexOf(first)] ?? first.student),
                ...siblings.map((s) =>
                  choose(s, `${optionKeys(families)[families.indexOf(s)] ?? s.student} (same family)`),
                ),
              ]),
            ),
          )
        : null,
      el('p', { class: 'hint-line', text: 'Not on the Roster yet (a new student)? Log it as typed:' }),
      typed,
    ].filter((n): n is NonNullable<typeof n> => n !== null);
  }

  /** What the box shows now: it is drawn again only when that changes, so a focused choice keeps its focus. */
  let shown = '';
  function showInfo(): void {
    const text = input.value.trim();
    const state = JSON.stringify([text, current?.household ?? null, current?.attempts, asTyped, suggesting]);
    if (state === shown) return;
    shown = state;
    if (!current) {
      info.hidden = text === '' || families.length === 0;
      if (text === '') replaceChildren(info, []);
      else if (asTyped)
        replaceChildren(info, [
          el('p', { class: 'as-typed-chosen' }, [
            el('strong', { text }),
            ' will be logged as typed: not on the Roster, its family counted apart until it is.',
          ]),
        ]);
      else if (suggesting) replaceChildren(info, suggestionsFor(text));
      else replaceChildren(info, [el('p', { text: 'Not picked from your roster yet.' })]);
      return;
    }
    const f = current;
    info.hidden = false;
    replaceChildren(info, [
      el('p', { class: 'family-name' }, [
        el('strong', { text: f.student }),
        f.grade ? ` · Grade ${f.grade}` : '',
        f.studentId ? ` · ID ${f.studentId}` : '',
      ]),
      contactLine(f),
      f.homeLanguage ? el('p', { text: `Home language: ${f.homeLanguage}.` }) : null,
      f.siblings.length > 0 ? el('p', { text: `Same household: ${f.siblings.join(', ')}.` }) : null,
      f.priority ? el('p', { class: 'priority', text: `Priority: ${f.priority}` }) : null,
      el('p', { text: `${f.assignedToMe ? 'Assigned to you. ' : ''}${attemptsText(f.attempts)}` }),
      f.reached
        ? el('p', { class: f.reached.byMe ? 'reached' : 'reached other' }, [
            reachedText(f.reached),
            f.reached.byMe ? '' : ' You can still log this call.',
          ])
        : null,
    ]);
  }

  function pick(f: FamilyOption | null): void {
    const previous = current;
    current = f;
    if (f) {
      fields.student.set(f.student);
      fields.studentId.set(f.studentId);
      fields.familyMember.set(f.familyMember);
      fields.studentId.setError(null);
      fields.familyMember.setError(null);
    } else if (previous) {
      // Typed away from a roster student: take back what the pick filled in, keep what was typed.
      if (fields.studentId.get() === previous.studentId) fields.studentId.set('');
      if (fields.familyMember.get() === previous.familyMember) fields.familyMember.set('');
    }
    showInfo();
  }

  function match(): void {
    const value = input.value;
    const i = keys.indexOf(value);
    if (i >= 0) pick(families[i]);
    else if (current && value === current.student) {
      // the picked name, shown without its suffix
    } else if (current) pick(null);
    else showInfo();
    onChange(current);
  }
  input.addEventListener('input', () => {
    // A new name: the choice made for the last one does not carry over.
    asTyped = false;
    suggesting = false;
    match();
  });
  input.addEventListener('change', () => {
    suggesting = families.length > 0;
    match();
  });
  // Enter picks the suggestion and moves on; it never logs a half-filled call. A name not on the
  // roster gets its closest names first, the first of them focused: Enter again picks it.
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!current) {
      const i = suggestionFor(input.value, keys);
      if (i >= 0) {
        pick(families[i]);
        onChange(current);
      } else if (input.value.trim() !== '' && families.length > 0 && !asTyped) {
        suggesting = true;
        showInfo();
        info.querySelector<HTMLButtonElement>('button')?.focus();
        return;
      }
    }
    onEnter();
  });

  const picker: FamilyPicker = {
    picked: () => current,
    offRoster: () => !current && asTyped,
    unresolved() {
      const text = input.value.trim();
      if (current || asTyped || text === '' || families.length === 0) return null;
      return notOnRosterMessage(text, closestOnRoster(text, families));
    },
    recordCall(family, reachedNow) {
      for (const f of families) {
        if (f.household !== family.household) continue;
        f.attempts += 1;
        if (!f.reached && reachedNow) f.reached = reachedNow;
      }
      renderOptions?.();
    },
    clear() {
      current = null;
      asTyped = false;
      suggesting = false;
      showInfo();
    },
    restore() {
      const name = input.value.trim();
      const id = String(fields.studentId.get()).trim();
      current =
        families.find((f) => f.student === name && (id === '' || f.studentId === id)) ??
        families[keys.indexOf(input.value)] ??
        null;
      asTyped = !current && name !== '';
      suggesting = false;
      showInfo();
    },
  };
  showInfo();
  return { picker, datalist, info };
}
