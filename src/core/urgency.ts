/**
 * Notes that need immediate attention, and who is told. Each Alert Routes row is a category
 * with its phrases and who to notify. A phrase matches as whole words, in any case, with
 * accents ignored ("Crisis", "crísis" and "CRISIS" all match "crisis"; "crisisline" does not),
 * and not right after a negation ("No crisis at home") unless the phrase starts with one
 * ("no food").
 */

export interface AlertRoute {
  category: string;
  /** One per line on the tab. */
  phrases: string[];
  /** Emails, and the words Principal and Follow-up (the school's Principal / Follow-up Emails). */
  notify: string[];
}

export interface RouteMatch {
  category: string;
  /** The phrase as the route spells it. */
  phrase: string;
}

export interface Urgency {
  urgent: boolean;
  /** "Marked by caller" and/or what matched, e.g. `Housing: "evicted"; Food: "no food"`. */
  reason: string;
  matches: RouteMatch[];
}

export const MARKED_BY_CALLER = 'Marked by caller';
export const NOTIFY_PRINCIPAL = 'Principal';
export const NOTIFY_FOLLOW_UP = 'Follow-up';

/**
 * Words that negate what follows in the same clause. Contractions keep their apostrophe
 * (folded from ’ to ').
 */
const NEGATIONS = new Set([
  'no',
  'not',
  'never',
  'without',
  'nothing',
  'none',
  'nobody',
  'denies',
  'denied',
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "don't",
  "doesn't",
  "didn't",
  "hasn't",
  "haven't",
  "hadn't",
  "won't",
  'sin',
  'nunca',
  'ni',
  'tampoco',
  'jamas',
  'ningun',
  'ninguna',
  'nada',
]);
/** How many words before a phrase a negation still reaches: "no signs of abuse". */
const NEGATION_REACH = 3;

export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const WORD = /[\p{L}\p{N}']+/gu;
/** A clause ends at punctuation: "No, they were evicted" is not negated. */
const CLAUSE_END = /[.,;:!?()[\]\n\r]/g;

function negatedAt(folded: string, index: number): boolean {
  const before = folded.slice(0, index);
  let clauseStart = 0;
  for (const m of before.matchAll(CLAUSE_END)) clauseStart = (m.index ?? 0) + 1;
  const words = before.slice(clauseStart).match(WORD) ?? [];
  return words.slice(-NEGATION_REACH).some((w) => NEGATIONS.has(w));
}

interface CompiledPhrase {
  category: string;
  phrase: string;
  re: RegExp;
  /** "no food" names the negation itself, so nothing before it can cancel it. */
  startsNegated: boolean;
}

function compile(category: string, phrase: string): CompiledPhrase | null {
  const folded = foldText(phrase.trim());
  const words = folded.split(/[\s-]+/).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return {
    category,
    phrase: phrase.trim(),
    // Spaces and hyphens are interchangeable: "self harm" matches "self-harm".
    re: new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[\\s-]+')}(?![\\p{L}\\p{N}])`, 'gu'),
    startsNegated: NEGATIONS.has(words[0]),
  };
}

/** Compiles the routes once per execution; the matcher returns each category's first matching phrase. */
export function routeMatcher(routes: readonly AlertRoute[]): (texts: readonly string[]) => RouteMatch[] {
  const phrases = routes.flatMap((r) =>
    r.phrases.map((p) => compile(r.category, p)).filter((c): c is CompiledPhrase => c !== null),
  );
  return (texts) => {
    const folded = texts.filter((t) => t.trim() !== '').map(foldText);
    const matches: RouteMatch[] = [];
    for (const p of phrases) {
      if (matches.some((m) => m.category === p.category)) continue;
      const hit = folded.some((text) =>
        [...text.matchAll(p.re)].some((m) => p.startsNegated || !negatedAt(text, m.index ?? 0)),
      );
      if (hit) matches.push({ category: p.category, phrase: p.phrase });
    }
    return matches;
  };
}

/** `Housing: "evicted"; Food: "no food"`. */
export function describeMatches(matches: readonly RouteMatch[]): string {
  return matches.map((m) => `${m.category}: "${m.phrase}"`).join('; ');
}

/** Urgent when the caller ticked it, or when any of the texts matches a route's phrase. */
export function detectUrgency(
  markedByCaller: boolean,
  texts: readonly string[],
  routes: readonly AlertRoute[],
): Urgency {
  const matches = routeMatcher(routes)(texts);
  const parts: string[] = [];
  if (markedByCaller) parts.push(MARKED_BY_CALLER);
  if (matches.length > 0) parts.push(describeMatches(matches));
  return { urgent: parts.length > 0, reason: parts.join('; '), matches };
}

/** A school's contacts, as the Schools tab lists them. */
export interface SchoolContacts {
  principalEmails: readonly string[];
  followUpEmails: readonly string[];
}

export interface Recipients {
  to: string[];
  /** Why the list is what it is when no route decided it, for the Alert column. */
  fallback: 'none' | 'follow-up' | 'principal' | 'nobody';
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

function unique(list: readonly string[]): string[] {
  return [...new Set(list.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''))];
}

/** The school's Follow-up Emails, else its Principal Emails, else nobody. */
export function fallbackRecipients(school: SchoolContacts | undefined): Recipients {
  const followUp = unique(school?.followUpEmails ?? []);
  if (followUp.length > 0) return { to: followUp, fallback: 'follow-up' };
  const principal = unique(school?.principalEmails ?? []);
  if (principal.length > 0) return { to: principal, fallback: 'principal' };
  return { to: [], fallback: 'nobody' };
}

/**
 * Who hears about an urgent call: the Notify of every matched route, resolved for the call's
 * school. A call marked urgent with no phrase matched, or routes that name nobody this school
 * has, goes to the fallback.
 */
export function recipientsFor(
  matches: readonly RouteMatch[],
  routes: readonly AlertRoute[],
  school: SchoolContacts | undefined,
): Recipients {
  const to: string[] = [];
  for (const m of matches) {
    const route = routes.find((r) => r.category === m.category);
    for (const target of route?.notify ?? []) {
      const word = target.trim().toLowerCase();
      if (word === NOTIFY_PRINCIPAL.toLowerCase()) to.push(...(school?.principalEmails ?? []));
      else if (word === NOTIFY_FOLLOW_UP.toLowerCase() || word === 'follow up' || word === 'followup')
        to.push(...(school?.followUpEmails ?? []));
      else if (EMAIL.test(word)) to.push(word);
    }
  }
  const routed = unique(to);
  return routed.length > 0 ? { to: routed, fallback: 'none' } : fallbackRecipients(school);
}

/** The Notify cell, read: one target per line or comma. */
export function parseNotify(text: string): string[] {
  return text
    .split(/[\n\r,;]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** The Phrases cell, read: one phrase per line. */
export function parsePhrases(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Notify targets that are neither an email nor Principal/Follow-up: named in Check call log. */
export function unknownNotifyTargets(route: AlertRoute): string[] {
  return route.notify.filter((t) => {
    const w = t.trim().toLowerCase();
    return !(
      EMAIL.test(w) ||
      w === NOTIFY_PRINCIPAL.toLowerCase() ||
      w === NOTIFY_FOLLOW_UP.toLowerCase() ||
      w === 'follow up' ||
      w === 'followup'
    );
  });
}
