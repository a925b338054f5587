/**
 * Opening another tracker by id, as the person the run belongs to (for a trigger, the leader who
 * installed it). Only a district tracker does this, with the spreadsheets scope its own manifest
 * grants (README: Deploy). What Sheets says when it cannot is turned into what to do.
 */

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type OpenOutcome =
  | { ok: true; ss: Spreadsheet }
  /** missing: deleted, in the trash, or a wrong link (Sheets says the same when it is not shared). */
  | { ok: false; why: 'missing' | 'notShared' | 'failed'; message: string };

/** The script itself may not open other spreadsheets: every tracker would fail the same way. */
export class NoScopeError extends Error {
  constructor() {
    super(
      "This spreadsheet's script may not open other spreadsheets, so it cannot read school trackers. Deploy the district tracker's script with the district manifest (build/district, README: A district tracker), which asks for that permission.",
    );
    this.name = 'NoScopeError';
  }
}

export function openOtherTracker(id: string): OpenOutcome {
  try {
    return { ok: true, ss: SpreadsheetApp.openById(id) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/permissions are not sufficient|Required permissions/i.test(message)) throw new NoScopeError();
    if (/is missing|not found|No item with the given ID/i.test(message))
      return { ok: false, why: 'missing', message };
    if (/permission to access/i.test(message)) return { ok: false, why: 'notShared', message };
    return { ok: false, why: 'failed', message };
  }
}
