/**
 * Range objects for the service modules that hand them out or take them (protections, charts,
 * conditional formats, filters, validation). The Range class lives in spreadsheet.ts, which
 * imports those modules; they reach it through this module instead, so imports point one way.
 */
import type { Rect } from './a1';
import type { Host } from './host';
import type { RangeRef, SheetModel } from './model';
import type { EmuRange } from './spreadsheet';

type RangeFactory = (host: Host, sheet: SheetModel, rect: Rect) => EmuRange;

let factory: RangeFactory | null = null;
/** Every Range object made, with the cells it names. */
const made = new WeakMap<object, { sheet: SheetModel; rect: Rect }>();

/** spreadsheet.ts registers how a Range is made when it loads. */
export function provideRanges(make: RangeFactory): void {
  factory = make;
}

/** Called by the Range constructor for the object scripts see. */
export function noteRange(range: object, sheet: SheetModel, rect: Rect): void {
  made.set(range, { sheet, rect });
}

export function makeRange(host: Host, sheet: SheetModel, rect: Rect): EmuRange {
  if (!factory) throw new Error('internal: spreadsheet.ts has not been loaded');
  return factory(host, sheet, { ...rect });
}

/** The sheet and cells of a Range object; undefined for anything else. */
export function rangeRefOf(value: unknown): RangeRef | undefined {
  const range = typeof value === 'object' && value !== null ? made.get(value) : undefined;
  return range ? { sheetId: range.sheet.id, rect: { ...range.rect } } : undefined;
}
