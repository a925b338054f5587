/**
 * How the sidebar groups the Call Log's input columns, by key. The fields themselves (labels,
 * hints, choices, limits) come from CALL_INPUT_COLUMNS in src/core/schema.ts.
 */
import { CALL_INPUT_COLUMNS, Column } from '../../core/schema';
import type { CallInputKey } from '../../core/validation';

export interface SectionLayout {
  id: string;
  title: string;
  keys: readonly CallInputKey[];
  /** Only asked of a conversation: collapsed for an unanswered attempt. */
  conversationOnly?: boolean;
}

export const SECTIONS: readonly SectionLayout[] = [
  { id: 'family', title: 'The family', keys: ['student', 'studentId', 'familyMember'] },
  {
    id: 'call',
    title: 'The call',
    keys: ['callDate', 'method', 'outcome', 'language', 'interpreter', 'preferredContact'],
  },
  {
    id: 'learned',
    title: 'What we learned',
    keys: ['familyStrengths', 'hopesAndDreams', 'notes'],
    conversationOnly: true,
  },
  { id: 'flags', title: 'Flags', keys: ['followUpNeeded', 'urgent'] },
];

/** Values a fresh form starts with (the server applies the same defaults to blanks). */
export const DEFAULTS: Partial<Record<CallInputKey, string>> = { language: 'English', interpreter: 'None' };

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
      section: { id: 'more', title: 'More', keys: rest.map((c) => c.key as CallInputKey) },
      columns: rest,
    });
  return result;
}
