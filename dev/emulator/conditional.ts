/** Conditional format rules: stored and readable back, never evaluated. */
import { type Host, ServiceObject } from './host';
import type { ConditionalFormatSpec, GradientPoint } from './model';
import { makeRange, rangeRefOf } from './rangeRefs';
import type { EmuRange } from './spreadsheet';

export const InterpolationType = Object.freeze({
  MIN: 'MIN',
  MAX: 'MAX',
  NUMBER: 'NUMBER',
  PERCENT: 'PERCENT',
  PERCENTILE: 'PERCENTILE',
});

function rangesOf(host: Host, spec: ConditionalFormatSpec): EmuRange[] {
  return spec.ranges.flatMap((ref) => {
    const sheet = host.wb.sheetById(ref.sheetId);
    return sheet ? [makeRange(host, sheet, ref.rect)] : [];
  });
}

export class ConditionalFormatRuleBuilder extends ServiceObject {
  private spec: ConditionalFormatSpec;

  constructor(host: Host, spec?: ConditionalFormatSpec) {
    super(host, 'ConditionalFormatRuleBuilder');
    this.spec = spec ? structuredClone(spec) : { ranges: [], format: {} };
  }

  private _when(type: string, values: unknown[]): this {
    this.spec.condition = { type, values: values.map((v) => (typeof v === 'number' ? v : String(v))) };
    delete this.spec.gradient;
    return this;
  }
  private _point(which: 'min' | 'mid' | 'max', color: string, type: string, value: unknown): this {
    delete this.spec.condition;
    this.spec.gradient = { ...this.spec.gradient, [which]: { color, type, value: String(value ?? '') } };
    return this;
  }

  whenCellEmpty(): this {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenNumberBetween(start: number, end: number): this {
    return this._when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): this {
    return this._when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(n: number): this {
    return this._when('NUMBER_EQUAL_TO', [n]);
  }
  whenNumberNotEqualTo(n: number): this {
    return this._when('NUMBER_NOT_EQUAL_TO', [n]);
  }
  whenNumberGreaterThan(n: number): this {
    return this._when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberLessThan(n: number): this {
    return this._when('NUMBER_LESS_THAN', [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  whenTextContains(text: string): this {
    return this._when('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): this {
    return this._when('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextEqualTo(text: string): this {
    return this._when('TEXT_EQUAL_TO', [text]);
  }
  whenTextStartsWith(text: string): this {
    return this._when('TEXT_STARTS_WITH', [text]);
  }
  whenTextEndsWith(text: string): this {
    return this._when('TEXT_ENDS_WITH', [text]);
  }
  whenFormulaSatisfied(formula: string): this {
    return this._when('CUSTOM_FORMULA', [formula]);
  }
  setGradientMinpoint(color: string): this {
    return this._point('min', color, 'MIN', '');
  }
  setGradientMinpointWithValue(color: string, type: string, value: string): this {
    return this._point('min', color, type, value);
  }
  setGradientMidpointWithValue(color: string, type: string, value: string): this {
    return this._point('mid', color, type, value);
  }
  setGradientMaxpoint(color: string): this {
    return this._point('max', color, 'MAX', '');
  }
  setGradientMaxpointWithValue(color: string, type: string, value: string): this {
    return this._point('max', color, type, value);
  }
  setBackground(color: string | null): this {
    this.spec.format.background = color ?? undefined;
    return this;
  }
  setFontColor(color: string | null): this {
    this.spec.format.fontColor = color ?? undefined;
    return this;
  }
  setBold(bold: boolean | null): this {
    this.spec.format.bold = bold ?? undefined;
    return this;
  }
  setItalic(italic: boolean | null): this {
    this.spec.format.italic = italic ?? undefined;
    return this;
  }
  setRanges(ranges: unknown[]): this {
    this.spec.ranges = ranges.map((r) => {
      const ref = rangeRefOf(r);
      if (!ref) {
        throw this.host.exception(
          "The parameters don't match the method signature for ConditionalFormatRuleBuilder.setRanges.",
        );
      }
      return structuredClone(ref);
    });
    return this;
  }
  getRanges(): EmuRange[] {
    return rangesOf(this.host, this.spec);
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this.host, this.spec);
  }
  build(): ConditionalFormatRule {
    if (!this.spec.condition && !this.spec.gradient) {
      throw this.host.exception('A conditional format rule needs a condition or a gradient.');
    }
    return new ConditionalFormatRule(this.host, this.spec);
  }
}

export class ConditionalFormatRule extends ServiceObject {
  readonly spec: ConditionalFormatSpec;

  constructor(host: Host, spec: ConditionalFormatSpec) {
    super(host, 'ConditionalFormatRule');
    this.spec = structuredClone(spec);
  }

  getRanges(): EmuRange[] {
    return rangesOf(this.host, this.spec);
  }
  getBooleanCondition(): BooleanCondition | null {
    return this.spec.condition ? new BooleanCondition(this.host, this.spec) : null;
  }
  getGradientCondition(): GradientCondition | null {
    return this.spec.gradient ? new GradientCondition(this.host, this.spec) : null;
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this.host, this.spec);
  }
}

export class BooleanCondition extends ServiceObject {
  constructor(
    host: Host,
    private readonly spec: ConditionalFormatSpec,
  ) {
    super(host, 'BooleanCondition');
  }

  getCriteriaType(): string {
    return this.spec.condition?.type ?? '';
  }
  getCriteriaValues(): Array<string | number> {
    return [...(this.spec.condition?.values ?? [])];
  }
  getBackground(): string | null {
    return this.spec.format.background ?? null;
  }
  getFontColor(): string | null {
    return this.spec.format.fontColor ?? null;
  }
  getBold(): boolean | null {
    return this.spec.format.bold ?? null;
  }
  getItalic(): boolean | null {
    return this.spec.format.italic ?? null;
  }
}

export class GradientCondition extends ServiceObject {
  constructor(
    host: Host,
    private readonly spec: ConditionalFormatSpec,
  ) {
    super(host, 'GradientCondition');
  }

  private _get(which: 'min' | 'mid' | 'max'): GradientPoint | undefined {
    return this.spec.gradient?.[which];
  }
  getMinColor(): string {
    return this._get('min')?.color ?? '';
  }
  getMinType(): string | null {
    return this._get('min')?.type ?? null;
  }
  getMinValue(): string {
    return this._get('min')?.value ?? '';
  }
  getMidColor(): string {
    return this._get('mid')?.color ?? '';
  }
  getMidType(): string | null {
    return this._get('mid')?.type ?? null;
  }
  getMidValue(): string {
    return this._get('mid')?.value ?? '';
  }
  getMaxColor(): string {
    return this._get('max')?.color ?? '';
  }
  getMaxType(): string | null {
    return this._get('max')?.type ?? null;
  }
  getMaxValue(): string {
    return this._get('max')?.value ?? '';
  }
}
