/**
 * Text people typed must land in a cell as that text. Sheets parses a written string as if it
 * were typed: "=HYPERLINK(...)" becomes a formula (formula injection), "00123" the number 123,
 * "2026-01-01" a date, "TRUE" a boolean. A leading apostrophe makes Sheets keep the text as is
 * and is not part of the cell's value, so adding one where it is not needed costs nothing.
 */

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';

/** Starts like a formula, an error value or an apostrophe Sheets would swallow. */
const FORMULA_LIKE = /^[=+\-@'#]/;
/** A number, currency, percentage, fraction, time or numeric date: anything led by a digit. */
const NUMBER_LIKE = /^[$€£¥(.,]?\s*\d/;
/** A date led by a month's name: "Jan 5", "March 2026", "Sept. 3". */
const MONTH_DATE = new RegExp(`^(${MONTHS})[a-z]*\\.?[\\s,/-]*\\d`, 'i');
const BOOLEAN = /^(true|false)$/i;

export function literalText(s: string): string {
  const t = s.trim();
  if (FORMULA_LIKE.test(t) || NUMBER_LIKE.test(t) || MONTH_DATE.test(t) || BOOLEAN.test(t)) return `'${s}`;
  return s;
}
