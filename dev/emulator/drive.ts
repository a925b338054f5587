/**
 * The Drive every emulated spreadsheet lives in: spreadsheets by id, each with its owner and its
 * sharing, and one clock for all of them. An Emulator is one spreadsheet with its bound script;
 * emulators made with the same Drive see each other through SpreadsheetApp.openById, which
 * fails as Sheets does for a spreadsheet that is gone or not shared with the person running.
 */
import type { EmuClock } from './host';
import type { WorkbookModel } from './model';

/** What a person may do with a file: its owner, an editor, a viewer, or nothing. */
export type FileAccess = 'owner' | 'edit' | 'view' | null;

export class Drive {
  private readonly files = new Map<string, WorkbookModel>();

  constructor(readonly clock: EmuClock) {}

  add(wb: WorkbookModel): void {
    if (this.files.has(wb.id)) throw new Error(`A spreadsheet with id ${wb.id} is already in this Drive`);
    this.files.set(wb.id, wb);
  }

  /** The spreadsheet with that id, unless it is in the trash (as Drive's own lookups do). */
  find(id: string): WorkbookModel | undefined {
    const wb = this.files.get(id);
    return wb && !wb.trashed ? wb : undefined;
  }

  get all(): WorkbookModel[] {
    return [...this.files.values()];
  }
}

/** What `email` may do with `wb` by its sharing (addresses compared in lower case). */
export function fileAccess(wb: WorkbookModel, email: string): FileAccess {
  const e = email.toLowerCase();
  if (!e) return null;
  if (e === wb.owner.toLowerCase()) return 'owner';
  if (wb.sharing.editors.includes(e)) return 'edit';
  if (wb.sharing.viewers.includes(e)) return 'view';
  return null;
}
