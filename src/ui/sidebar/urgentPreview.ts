/**
 * Says, while the caller types, whether the call will be flagged urgent and who will be told.
 * The one place the sidebar applies the server's urgency rules (src/core/urgency.ts), so that
 * when the rules change only this adapter follows.
 */
import type { UrgentRules } from '../../contract';
import { detectUrgency } from '../../core/urgency';

export interface UrgentPreview {
  urgent: boolean;
  /** "Marked by caller" and/or the phrases that matched, as the Call Log will say. */
  reason: string;
  /** Who will be told: names or emails ([] when the school has none). */
  notify: string[];
}

export function previewUrgency(
  rules: UrgentRules | undefined,
  markedByCaller: boolean,
  texts: readonly string[],
): UrgentPreview {
  const { urgent, reason } = detectUrgency(markedByCaller, texts, rules?.phrases ?? []);
  return { urgent, reason, notify: rules?.notify ?? [] };
}

/** One sentence for the form: nothing about the flag is a surprise after Log call. */
export function urgentPreviewText(preview: UrgentPreview): string {
  if (!preview.urgent) return '';
  const who =
    preview.notify.length > 0
      ? `${preview.notify.join(', ')} will be told through Follow-ups.`
      : 'Your school has no Follow-up Emails on the Schools tab yet: tell your principal.';
  return `This call will be flagged urgent (${preview.reason}). ${who}`;
}
