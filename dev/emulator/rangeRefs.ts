/**
 * Ranges for the modules that hand them out or take them in (charts, conditional formats, filters,
 * protections, validations): they name Range objects through this module, and spreadsheet.ts,
 * which defines Range and imports them, provides it when it loads. So no import goes back up to
 * spreadsheet.ts from the modules it is built on.
 */
import type { Rect } from './a1';
import type { Host } from './host';
import type { RangeRef, SheetModel } from './model';
import type { EmuRange } from './spreadsheet';

interface Ranges {
  make(host: Host, sheet: SheetModel, rect: Rect): EmuRange;
  /** The sheet and cells of a Range object; undefined for anything else. */
  refOf(value: unknown): RangeRef | undefined;
}

let provided: Ranges | null = null;

/** spreadsheet.ts, as it loads. */
export function provideRanges(ranges: Ranges): void {
  provided = ranges;
}

function ranges(): Ranges {
  if (!provided) throw new Error('emulator: Range is used before spreadsheet.ts has loaded');
  return provided;
}

export function makeRange(host: Host, sheet: SheetModel, rect: Rect): EmuRange {
  return ranges().make(host, sheet, rect);
}

export function rangeRefOf(value: unknown): RangeRef | undefined {
  return ranges().refOf(value);
}
