/**
 * Notes that need immediate attention. A phrase matches as whole words, in any case, with
 * accents ignored ("Crisis", "crísis" and "CRISIS" all match "crisis"; "crisisline" does not).
 */

export interface Urgency {
  urgent: boolean;
  /** "Marked by caller" and/or the phrases that matched, e.g. `Matched: "eviction", "no food"`. */
  reason: string;
}

export const MARKED_BY_CALLER = 'Marked by caller';

export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles the phrases once per execution: one pattern per phrase, whole words only. */
export function urgentMatcher(phrases: readonly string[]): (text: string) => string[] {
  const patterns = phrases
    .map((p) => foldText(p.trim()))
    .filter((p) => p.length > 0)
    .map((p) => ({
      phrase: p,
      re: new RegExp(
        `(^|[^\\p{L}\\p{N}])${p.split(/\s+/).map(escapeRegExp).join('\\s+')}(?=$|[^\\p{L}\\p{N}])`,
        'u',
      ),
    }));
  return (text) => {
    const folded = foldText(text);
    return patterns.filter((p) => p.re.test(folded)).map((p) => p.phrase);
  };
}

/** Urgent when the caller ticked it, or when any of the texts matches a phrase. */
export function detectUrgency(
  markedByCaller: boolean,
  texts: readonly string[],
  phrases: readonly string[],
): Urgency {
  const match = urgentMatcher(phrases);
  const matched: string[] = [];
  for (const t of texts) for (const p of match(t)) if (!matched.includes(p)) matched.push(p);
  const parts: string[] = [];
  if (markedByCaller) parts.push(MARKED_BY_CALLER);
  if (matched.length > 0) parts.push(`Matched: ${matched.map((p) => `"${p}"`).join(', ')}`);
  return { urgent: parts.length > 0, reason: parts.join('; ') };
}
