/**
 * Call IDs derive from the sidebar's submission id and the caller, so a retried submit finds
 * the row its first try wrote instead of adding a second one.
 */

/** A 53-bit string hash (cyrb53): stable across runtimes, no crypto service needed. */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function callIdFor(submissionId: string, staffEmail: string): string {
  return `C-${hash53(`${staffEmail}\u0000${submissionId}`).toString(36).toUpperCase().padStart(11, '0')}`;
}

/** A submission id the sidebar made: short, printable, unique per submit. */
export function isSubmissionId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{8,100}$/.test(value);
}

/** A Call ID as the sidebar sends it back: one short line of text (old trackers' IDs may differ in form). */
export function isCallId(value: unknown): value is string {
  return typeof value === 'string' && /^\S{1,100}$/.test(value);
}

/** A short fingerprint of a text, to tell later whether it is still the same. */
export function hashText(s: string): string {
  return hash53(s).toString(36);
}
