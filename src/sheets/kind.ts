/**
 * Whether this spreadsheet is a school tracker or a district tracker, as its setup recorded it
 * in the document properties: the menu shows the items that work here, and each setup refuses to
 * turn one kind into the other.
 */
import { setTrackerProperties, trackerProperties } from './properties';

export type TrackerKind = 'school' | 'district';

const KIND = 'tracker.kind';

/** null before either setup ran (or on a tracker set up before kinds were recorded). */
export function trackerKind(): TrackerKind | null {
  // The kind never changes once set: what this execution read of the properties (setup reads them anyway).
  const kind = trackerProperties()[KIND];
  return kind === 'school' || kind === 'district' ? kind : null;
}

export function setTrackerKind(kind: TrackerKind): void {
  if (trackerKind() !== kind) setTrackerProperties({ [KIND]: kind });
}

/**
 * The kind of tracker whose menu onOpen builds. A simple trigger may read document properties;
 * in AuthMode.NONE (an add-on not yet used in this document) nothing may be read: null.
 */
export function menuKind(authMode: unknown): TrackerKind | null {
  if (authMode === undefined || String(authMode) === 'NONE') return null;
  return trackerKind();
}
