/**
 * "OK to quote (no names)": under the box, while the caller types, exactly what a principal's
 * digest would quote of this call, or why nothing would be. The same function as the digest
 * (src/core/voices.ts), over the same names: the caller's families and their schools' Staff.
 */
import type { CallFormData } from '../../contract';
import { familyVoiceOf, nameWords } from '../../core/voices';
import { el } from './dom';
import type { Field } from './fields';
import { previewUrgency } from './urgentPreview';

/** The fields a quote depends on. */
export type QuoteFields = Record<
  | 'okToQuote'
  | 'hopesAndDreams'
  | 'familyStrengths'
  | 'notes'
  | 'student'
  | 'familyMember'
  | 'outcome'
  | 'urgent',
  Field
>;

export interface QuotePreview {
  /** Says again what would be quoted (after the form was filled in or cleared as a whole). */
  refresh(): void;
}

export function attachQuotePreview(fields: QuoteFields, data: CallFormData): QuotePreview {
  const known = [
    nameWords(data.families.flatMap((f) => [f.student, f.familyMember])),
    nameWords(data.staffNames ?? []),
  ];
  const preview = el('p', { class: 'quote-preview', id: 'quote-preview', role: 'status', hidden: true });
  fields.okToQuote.root.appendChild(preview);

  function refresh(): void {
    const ticked = fields.okToQuote.get() === true;
    preview.hidden = !ticked;
    if (!ticked) return;
    const text = (key: 'hopesAndDreams' | 'familyStrengths' | 'notes'): string => String(fields[key].get());
    const urgency = previewUrgency(data.urgentRules, fields.urgent.get() === true, [
      text('notes'),
      text('familyStrengths'),
      text('hopesAndDreams'),
    ]);
    const own = nameWords([String(fields.student.get()), String(fields.familyMember.get()), data.me.name]);
    const voice = familyVoiceOf(
      {
        outcome: String(fields.outcome.get()),
        urgent: urgency.urgent,
        okToQuote: true,
        hopesAndDreams: text('hopesAndDreams'),
        familyStrengths: text('familyStrengths'),
      },
      [...known, own],
    );
    preview.textContent = voice.kind
      ? `If your principal's weekly digest quotes this call, it says: "${voice.text}" (${voice.kind.toLowerCase()}).`
      : voice.why;
  }

  for (const key of ['hopesAndDreams', 'familyStrengths', 'notes', 'student', 'familyMember'] as const)
    fields[key].control.addEventListener('input', refresh);
  fields.okToQuote.control.addEventListener('change', refresh);
  fields.urgent.control.addEventListener('change', refresh);
  fields.outcome.root.addEventListener('change', refresh);
  refresh();
  return { refresh };
}
