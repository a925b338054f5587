/**
 * Setup's part for alerts and follow-ups: the Alert Routes tab's starting rows, moving an older
 * tracker's Urgent Phrases setting into it, and the highlight of overdue follow-ups. Like the rest
 * of setup, it never overwrites what a leader typed.
 */
import { DEFAULT_ALERT_ROUTES, OTHER_CATEGORY, phrasesToMigrate } from '../core/alertRoutes';
import { text } from '../core/records';
import { ALERT_ROUTES, CLOSED_STATUSES, FOLLOW_UPS, SETTINGS_TAB } from '../core/schema';
import { NOTIFY_FOLLOW_UP } from '../core/urgency';
import { SetupChanges, shortWrite, TabState } from './layout';
import { setTrackerProperties, trackerProperties } from './properties';
import { appendRows, columnLetters, headerKey, indexColumns, readTable, rowFor, Table } from './table';
import { readAlertRoutes } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const FORMER_URGENT_PHRASES = 'Urgent Phrases';
export const MOVED_URGENT_PHRASES = 'Urgent Phrases (moved to Alert Routes)';
export const OVERDUE_BACKGROUND = '#fde7c8';

/** Fills a new Alert Routes tab with the default categories; a tab that already existed is the leader's. */
export function seedAlertRoutes(ss: Spreadsheet, changes: SetupChanges): void {
  if (!changes.created.includes(ALERT_ROUTES.name)) return;
  const table = readTable(ss, ALERT_ROUTES);
  shortWrite(() => {
    appendRows(
      table,
      DEFAULT_ALERT_ROUTES.map((r) =>
        rowFor(table, { category: r.category, phrases: r.phrases.join('\n'), notify: r.notify.join(', ') }),
      ),
      1,
    );
    table.sheet.getRange(2, 1, DEFAULT_ALERT_ROUTES.length, table.headers.length).setVerticalAlignment('top');
  });
}

/**
 * An older tracker's Urgent Phrases setting: the leader's own phrases become an `Other` route
 * notifying Follow-up, and the row is renamed so it is plainly no longer read. Its value stays.
 */
export function migrateUrgentPhrases(ss: Spreadsheet, changes: SetupChanges, settings: Table): void {
  const at = settings.rows.findIndex(
    (row) => headerKey(text(row[settings.index.setting])) === headerKey(FORMER_URGENT_PHRASES),
  );
  if (at < 0) return;
  const value = text(settings.rows[at][settings.index.value]);
  const phrases = phrasesToMigrate(value, readAlertRoutes(ss));
  if (phrases.length > 0) {
    const routes = readTable(ss, ALERT_ROUTES);
    shortWrite(() =>
      appendRows(
        routes,
        [rowFor(routes, { category: OTHER_CATEGORY, phrases: phrases.join('\n'), notify: NOTIFY_FOLLOW_UP })],
        routes.rows.length + 1,
      ),
    );
  }
  const cell = settings.sheet.getRange(at + 2, settings.index.setting + 1);
  cell.setValue(MOVED_URGENT_PHRASES);
  cell.setNote(
    phrases.length > 0
      ? `Moved to the Alert Routes tab, category "${OTHER_CATEGORY}" (${phrases.length} of your phrases). This row is no longer read; its value is kept for reference.`
      : 'Urgent phrases now live on the Alert Routes tab. This row is no longer read.',
  );
  changes.repaired.push(
    phrases.length > 0
      ? `Settings: moved your Urgent Phrases to Alert Routes → ${OTHER_CATEGORY} (${phrases.join(', ')})`
      : 'Settings: Urgent Phrases now live on the Alert Routes tab',
  );
}

type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

function isOverdueRule(rule: Rule): boolean {
  return String(rule.getBooleanCondition()?.getCriteriaValues()[0] ?? '').includes('"Follow-up Due Days"');
}

/** Every row below the header, every column. */
function highlightRange(sheet: GoogleAppsScript.Spreadsheet.Sheet): GoogleAppsScript.Spreadsheet.Range {
  return sheet.getRange(2, 1, Math.max(sheet.getMaxRows() - 1, 1), sheet.getMaxColumns());
}

/** The same, in A1 notation, from a size setup already knows (no call). */
function highlightA1(maxRows: number, width: number): string {
  return `A2:${columnLetters(Math.max(width, 1))}${Math.max(maxRows, 2)}`;
}

/** After rows were appended past the sheet's end: the overdue rule grows over them (a few calls). */
export function extendOverdueHighlight(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  const rules = sheet.getConditionalFormatRules();
  const current = rules.find(isOverdueRule);
  if (!current) return;
  const covered = current.getRanges()[0];
  if (covered && covered.getLastRow() >= sheet.getMaxRows()) return;
  const grown = current
    .copy()
    .setRanges([highlightRange(sheet)])
    .build();
  sheet.setConditionalFormatRules(rules.map((r) => (r === current ? grown : r)));
}

/** The highlight setup last left: its formula, its range and how many rules the tab had. */
const OVERDUE_RECORD = 'layout.overdue';

/**
 * Follow-ups highlights rows still open longer than Follow-up Due Days. The rule reads the
 * setting itself, so a leader's change applies at once; setup rewrites it when columns moved.
 * While the formula, the range and the number of rules are what setup last left, the rules are
 * only counted (one call), not read one by one.
 */
export function ensureOverdueHighlight(followUps: TabState, settings: Table, changes: SetupChanges): void {
  const index = indexColumns(FOLLOW_UPS, followUps.headers);
  const flagged = index.flaggedAt;
  const status = index.status;
  if (flagged < 0 || status < 0) return;
  const f = `$${columnLetters(flagged + 1)}2`;
  const s = `$${columnLetters(status + 1)}2`;
  const settingsRange = `'${SETTINGS_TAB.name}'!${columnLetters(settings.index.setting + 1)}:${columnLetters(Math.max(settings.index.setting, settings.index.value) + 1)}`;
  const valueOffset = settings.index.value - settings.index.setting + 1;
  const closed = CLOSED_STATUSES.map((c) => `${s}<>"${c}"`).join(',');
  const dueDays = `IFERROR(VALUE(VLOOKUP("Follow-up Due Days",INDIRECT("${settingsRange}"),${valueOffset},FALSE)),2)`;
  const formula = `=AND(ISNUMBER(${f}),${closed},TODAY()-INT(${f})>${dueDays})`;
  const sheet = followUps.sheet;
  const rules = sheet.getConditionalFormatRules();
  const a1 = highlightA1(followUps.maxRows, followUps.maxCols);
  const left = (count: number) => JSON.stringify([formula, a1, count]);
  if (trackerProperties()[OVERDUE_RECORD] === left(rules.length)) return;
  const current = rules.find(isOverdueRule);
  const sameFormula = current?.getBooleanCondition()?.getCriteriaValues()[0] === formula;
  if (current && sameFormula && current.getRanges()[0]?.getA1Notation() === a1) {
    setTrackerProperties({ [OVERDUE_RECORD]: left(rules.length) });
    return;
  }
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(formula)
    .setBackground(OVERDUE_BACKGROUND)
    .setRanges([sheet.getRange(a1)])
    .build();
  const kept = rules.filter((r) => !isOverdueRule(r));
  sheet.setConditionalFormatRules([...kept, rule]);
  setTrackerProperties({ [OVERDUE_RECORD]: left(kept.length + 1) });
  // A longer sheet only widens the rule; a changed formula (columns moved) is a repair worth saying.
  if (current && !sameFormula) changes.repaired.push(`${FOLLOW_UPS.name}: the overdue highlight`);
}
