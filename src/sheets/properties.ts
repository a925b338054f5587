/**
 * The tracker's own properties, read once per execution. They are the spreadsheet's document
 * properties, not script properties: as an editor add-on one script serves every district's
 * spreadsheet, and its script properties would be shared by all of them. Every flag and index
 * the tracker keeps comes from one getProperties call (Apps Script starts each execution with
 * fresh globals, so this memo never outlives the execution that read it).
 */

let memo: Record<string, string> | null = null;
let service: GoogleAppsScript.Properties.Properties | null = null;

function store(): GoogleAppsScript.Properties.Properties {
  service ??= PropertiesService.getDocumentProperties();
  return service;
}

/** One property as it is now, not as this execution first read it: for checks made under a lock. */
export function currentTrackerProperty(key: string): string | null {
  return store().getProperty(key);
}

/** Every tracker property as it is now (one read), for decisions made under a lock; the memo follows. */
export function freshTrackerProperties(): Readonly<Record<string, string>> {
  memo = store().getProperties();
  return memo;
}

/** Every tracker property, as this execution first read them (and changed them since). */
export function trackerProperties(): Readonly<Record<string, string>> {
  memo ??= store().getProperties();
  return memo;
}

/** The next read asks again: for a step that must see what other executions wrote since this one began. */
export function forgetTrackerProperties(): void {
  memo = null;
}

export function setTrackerProperties(values: Record<string, string>): void {
  store().setProperties(values);
  memo = { ...trackerProperties(), ...values };
}

/** Deletes each of `keys` (Apps Script deletes one property per call). */
export function deleteTrackerProperties(keys: readonly string[]): void {
  for (const key of keys) deleteTrackerProperty(key);
}

export function deleteTrackerProperty(key: string): void {
  store().deleteProperty(key);
  if (memo) {
    const { [key]: _removed, ...rest } = memo;
    memo = rest;
  }
}

/** A properties value holds 9 kB: longer text is kept in numbered parts. */
const PART_CHARS = 8_000;

/** The properties that hold `text` under `key` (its first part says how many there are), for setTrackerProperties. */
export function partsOf(key: string, text: string): Record<string, string> {
  const parts: string[] = [];
  for (let i = 0; i < text.length || i === 0; i += PART_CHARS) parts.push(text.slice(i, i + PART_CHARS));
  const entries: Record<string, string> = { [key]: `${parts.length}|${parts[0]}` };
  parts.slice(1).forEach((part, i) => (entries[`${key}.${i + 1}`] = part));
  return entries;
}

/** The text kept under `key` by partsOf; null when it is not there whole. */
export function joinedParts(all: Readonly<Record<string, string>>, key: string): string | null {
  const first = all[key];
  const bar = first?.indexOf('|') ?? -1;
  if (!first || bar < 0) return null;
  const count = Number(first.slice(0, bar));
  const parts = [first.slice(bar + 1)];
  for (let i = 1; i < count; i++) {
    const part = all[`${key}.${i}`];
    if (part === undefined) return null;
    parts.push(part);
  }
  return parts.join('');
}
