/**
 * How the sidebar groups the Call Log's input columns, by key, and when each group shows. The
 * fields themselves (labels, hints, choices, limits) come from CALL_INPUT_COLUMNS in
 * src/core/schema.ts.
 */
import { CALL_INPUT_COLUMNS, Column } from '../../core/schema';
import type { CallInputKey } from '../../core/validation';

/** When a group shows: always, once an outcome is picked, or for a conversation only. */
export type ShownWhen = 'always' | 'outcomePicked' | 'conversation';

export interface SectionLayout {
  id: string;
  /** A heading over the group; groups of one field need none (the field's label says it). */
  title?: string;
  keys: readonly CallInputKey[];
  shownWhen: ShownWhen;
}

/**
 * The outcome comes right after the family, and decides the rest: a left message needs notes at
 * most; a conversation asks who it was with, in what language, and what the family said.
 */
export const SECTIONS: readonly SectionLayout[] = [
  { id: 'family', keys: ['student', 'studentId'], shownWhen: 'always' },
  { id: 'outcome', keys: ['outcome'], shownWhen: 'always' },
  {
    id: 'conversation',
    title: 'The conversation',
    keys: [
      'familyMember',
      'language',
      'interpreter',
      'familyStrengths',
      'hopesAndDreams',
      'okToQuote',
      'preferredContact',
    ],
    shownWhen: 'conversation',
  },
  { id: 'notes', keys: ['notes'], shownWhen: 'outcomePicked' },
  { id: 'call', title: 'When and how', keys: ['callDate', 'method'], shownWhen: 'always' },
  { id: 'flags', keys: ['followUpNeeded', 'urgent'], shownWhen: 'outcomePicked' },
];

/**
 * Values a fresh form starts with (the server applies the same defaults to blanks). Most calls
 * are phone calls; Language follows the family's Home Language once a family is picked.
 */
export const DEFAULTS: Partial<Record<CallInputKey, string>> = {
  language: 'English',
  interpreter: 'None',
  method: 'Phone',
};

/** Short choices shown as buttons: one click, and every choice in view. */
export const RADIO_KEYS: readonly CallInputKey[] = ['outcome', 'interpreter'];

/** Fields kept after a successful submit: the next call is usually the same day, same way. */
export const KEPT_AFTER_SUBMIT: readonly CallInputKey[] = ['callDate', 'method'];

/** The label of the blank choice of an optional choice column. */
export const BLANK_CHOICE_LABEL: Partial<Record<CallInputKey, string>> = { preferredContact: 'Not given' };

/**
 * The sections with their columns, in schema terms. A column the layout does not place (a new
 * one added to the schema) still gets a field, in a last section, so the schema stays the source.
 */
export function sectionsWithColumns(): { section: SectionLayout; columns: Column[] }[] {
  const byKey = new Map(CALL_INPUT_COLUMNS.map((c) => [c.key, c]));
  const placed = new Set<string>();
  const result = SECTIONS.map((section) => {
    const columns: Column[] = [];
    for (const key of section.keys) {
      const column = byKey.get(key);
      if (column) {
        columns.push(column);
        placed.add(key);
      }
    }
    return { section, columns };
  });
  const rest = CALL_INPUT_COLUMNS.filter((c) => !placed.has(c.key));
  if (rest.length > 0)
    result.push({
      section: {
        id: 'more',
        title: 'More',
        keys: rest.map((c) => c.key as CallInputKey),
        shownWhen: 'outcomePicked',
      },
      columns: rest,
    });
  return result;
}
