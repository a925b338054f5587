/** Filter: a sheet's basic filter (the funnel on its header row). Criteria and sorting are not implemented. */
import { type Host, ServiceObject } from './host';
import type { SheetModel } from './model';
import { makeRange } from './rangeRefs';
import type { EmuRange } from './spreadsheet';

export class Filter extends ServiceObject {
  constructor(
    host: Host,
    private readonly sheet: SheetModel,
  ) {
    super(host, 'Filter');
  }

  private live(): NonNullable<SheetModel['filter']> {
    if (!this.sheet.filter) throw this.host.exception('The filter has been removed.');
    return this.sheet.filter;
  }
  getRange(): EmuRange {
    return makeRange(this.host, this.sheet, { ...this.live() });
  }
  remove(): void {
    this.live();
    this.sheet.filter = null;
  }
}
