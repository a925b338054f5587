/** Data validation: SpreadsheetApp.newDataValidation() builder, the DataValidation rule, and checking a value. */
import { type Host, ServiceObject } from './host';
import type { CriteriaArg, RangeRef, ValidationSpec } from './model';
import { makeRange, rangeRefOf } from './rangeRefs';

export const DataValidationCriteria = Object.freeze({
  CHECKBOX: 'CHECKBOX',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
});

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function dateArg(host: Host, v: unknown, method: string): CriteriaArg {
  if (!isDate(v)) throw host.exception(`The parameters don't match the method signature for ${method}.`);
  return { date: v.getTime() };
}

function numberArg(host: Host, v: unknown, method: string): number {
  if (typeof v !== 'number')
    throw host.exception(`The parameters don't match the method signature for ${method}.`);
  return v;
}

/** Converts criteria values given by a script (withCriteria) to the stored form. */
function argFromScript(v: unknown): CriteriaArg {
  if (isDate(v)) return { date: v.getTime() };
  const ref = rangeRefOf(v);
  if (ref) return { range: ref };
  if (Array.isArray(v)) return v.map(String);
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

function argToScript(host: Host, a: CriteriaArg): unknown {
  if (Array.isArray(a)) return [...a];
  if (a !== null && typeof a === 'object')
    return 'date' in a ? new Date(a.date) : rangeFromRef(host, a.range);
  return a;
}

function rangeFromRef(host: Host, ref: RangeRef): unknown {
  const sheet = host.wb.sheetById(ref.sheetId);
  return sheet ? makeRange(host, sheet, ref.rect) : null;
}

export class DataValidationBuilder extends ServiceObject {
  private spec: ValidationSpec;

  constructor(host: Host, spec?: ValidationSpec) {
    super(host, 'DataValidationBuilder');
    this.spec = spec ? structuredClone(spec) : { criteria: '', args: [], allowInvalid: true, helpText: '' };
  }

  private _criteria(type: string, args: CriteriaArg[]): this {
    this.spec = { ...this.spec, criteria: type, args };
    return this;
  }

  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    const args =
      checked === undefined ? [] : unchecked === undefined ? [String(checked)] : [checked, unchecked];
    return this._criteria('CHECKBOX', args.map(argFromScript));
  }
  requireDate(): this {
    return this._criteria('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): this {
    return this._criteria('DATE_AFTER', [dateArg(this.host, date, 'DataValidationBuilder.requireDateAfter')]);
  }
  requireDateBefore(date: Date): this {
    return this._criteria('DATE_BEFORE', [
      dateArg(this.host, date, 'DataValidationBuilder.requireDateBefore'),
    ]);
  }
  requireDateEqualTo(date: Date): this {
    return this._criteria('DATE_EQUAL_TO', [
      dateArg(this.host, date, 'DataValidationBuilder.requireDateEqualTo'),
    ]);
  }
  requireDateOnOrAfter(date: Date): this {
    return this._criteria('DATE_ON_OR_AFTER', [
      dateArg(this.host, date, 'DataValidationBuilder.requireDateOnOrAfter'),
    ]);
  }
  requireDateOnOrBefore(date: Date): this {
    const arg = dateArg(this.host, date, 'DataValidationBuilder.requireDateOnOrBefore');
    return this._criteria('DATE_ON_OR_BEFORE', [arg]);
  }
  requireDateBetween(start: Date, end: Date): this {
    const m = 'DataValidationBuilder.requireDateBetween';
    return this._criteria('DATE_BETWEEN', [dateArg(this.host, start, m), dateArg(this.host, end, m)]);
  }
  requireDateNotBetween(start: Date, end: Date): this {
    const m = 'DataValidationBuilder.requireDateNotBetween';
    return this._criteria('DATE_NOT_BETWEEN', [dateArg(this.host, start, m), dateArg(this.host, end, m)]);
  }
  requireNumberBetween(start: number, end: number): this {
    const m = 'DataValidationBuilder.requireNumberBetween';
    return this._criteria('NUMBER_BETWEEN', [numberArg(this.host, start, m), numberArg(this.host, end, m)]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    const m = 'DataValidationBuilder.requireNumberNotBetween';
    return this._criteria('NUMBER_NOT_BETWEEN', [
      numberArg(this.host, start, m),
      numberArg(this.host, end, m),
    ]);
  }
  requireNumberEqualTo(n: number): this {
    return this._criteria('NUMBER_EQUAL_TO', [
      numberArg(this.host, n, 'DataValidationBuilder.requireNumberEqualTo'),
    ]);
  }
  requireNumberNotEqualTo(n: number): this {
    const arg = numberArg(this.host, n, 'DataValidationBuilder.requireNumberNotEqualTo');
    return this._criteria('NUMBER_NOT_EQUAL_TO', [arg]);
  }
  requireNumberGreaterThan(n: number): this {
    const arg = numberArg(this.host, n, 'DataValidationBuilder.requireNumberGreaterThan');
    return this._criteria('NUMBER_GREATER_THAN', [arg]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    const arg = numberArg(this.host, n, 'DataValidationBuilder.requireNumberGreaterThanOrEqualTo');
    return this._criteria('NUMBER_GREATER_THAN_OR_EQUAL_TO', [arg]);
  }
  requireNumberLessThan(n: number): this {
    const arg = numberArg(this.host, n, 'DataValidationBuilder.requireNumberLessThan');
    return this._criteria('NUMBER_LESS_THAN', [arg]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    const arg = numberArg(this.host, n, 'DataValidationBuilder.requireNumberLessThanOrEqualTo');
    return this._criteria('NUMBER_LESS_THAN_OR_EQUAL_TO', [arg]);
  }
  requireTextContains(text: string): this {
    return this._criteria('TEXT_CONTAINS', [String(text)]);
  }
  requireTextDoesNotContain(text: string): this {
    return this._criteria('TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }
  requireTextEqualTo(text: string): this {
    return this._criteria('TEXT_EQUAL_TO', [String(text)]);
  }
  requireTextIsEmail(): this {
    return this._criteria('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this._criteria('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: unknown[], showDropdown = true): this {
    if (!Array.isArray(values)) {
      throw this.host.exception(
        "The parameters don't match the method signature for DataValidationBuilder.requireValueInList.",
      );
    }
    return this._criteria('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: unknown, showDropdown = true): this {
    const ref = rangeRefOf(range);
    if (!ref) {
      throw this.host.exception(
        "The parameters don't match the method signature for DataValidationBuilder.requireValueInRange.",
      );
    }
    return this._criteria('VALUE_IN_RANGE', [{ range: ref }, showDropdown]);
  }
  requireFormulaSatisfied(formula: string): this {
    return this._criteria('CUSTOM_FORMULA', [String(formula)]);
  }
  withCriteria(criteria: string, args: unknown[]): this {
    if (!(String(criteria) in DataValidationCriteria))
      throw this.host.notImplemented(`criteria ${String(criteria)}`);
    return this._criteria(String(criteria), (args ?? []).map(argFromScript));
  }
  setAllowInvalid(allow: boolean): this {
    this.spec = { ...this.spec, allowInvalid: Boolean(allow) };
    return this;
  }
  setHelpText(text: string): this {
    this.spec = { ...this.spec, helpText: String(text) };
    return this;
  }
  getCriteriaType(): string | null {
    return this.spec.criteria || null;
  }
  getCriteriaValues(): unknown[] {
    return this.spec.args.map((a) => argToScript(this.host, a));
  }
  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }
  getHelpText(): string {
    return this.spec.helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this.host, this.spec);
  }
  build(): DataValidation {
    if (!this.spec.criteria)
      throw this.host.exception('You must specify a criteria for a data validation rule.');
    return new DataValidation(this.host, this.spec);
  }
}

export class DataValidation extends ServiceObject {
  readonly spec: ValidationSpec;

  constructor(host: Host, spec: ValidationSpec) {
    super(host, 'DataValidation');
    this.spec = structuredClone(spec);
  }

  getCriteriaType(): string {
    return this.spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.spec.args.map((a) => argToScript(this.host, a));
  }
  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }
  getHelpText(): string {
    return this.spec.helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this.host, this.spec);
  }
}
