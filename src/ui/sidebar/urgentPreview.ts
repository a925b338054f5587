/**
 * Says, while the caller types, whether the call will be flagged urgent and who will be told.
 * The sidebar applies the server's own rules (src/core/urgency.ts) to the routes it loaded.
 */
import type { UrgentRules } from '../../contract';
import { detectUrgency, recipientsFor } from '../../core/urgency';

export interface UrgentPreview {
  urgent: boolean;
  /** "Marked by caller" and/or the phrases that matched, as the Call Log will say. */
  reason: string;
  /** Who will be told: emails ([] when the school has nobody to tell). */
  notify: string[];
}

export function previewUrgency(
  rules: UrgentRules | undefined,
  markedByCaller: boolean,
  texts: readonly string[],
): UrgentPreview {
  const routes = rules?.routes ?? [];
  const { urgent, reason, matches } = detectUrgency(markedByCaller, texts, routes);
  return { urgent, reason, notify: urgent ? recipientsFor(matches, routes, rules?.school).to : [] };
}

/** One sentence for the form: nothing about the flag is a surprise after Log call. */
export function urgentPreviewText(preview: UrgentPreview): string {
  if (!preview.urgent) return '';
  const who =
    preview.notify.length > 0
      ? `${preview.notify.join(', ')} will be told by email and on Follow-ups.`
      : 'Your school has no Follow-up or Principal Emails on the Schools tab yet: tell your principal.';
  return `This call will be flagged urgent (${preview.reason}). ${who}`;
}
