/** Sidebar, dialogs, alerts and toasts: the only code that opens Ui surfaces. */
import { reportPage } from '../ui/report';

export const SIDEBAR_TITLE = 'Log a call';

/** Opens one of the add-on's pages (a file of build/) in the sidebar. */
export function showSidebar(file = 'Sidebar', title = SIDEBAR_TITLE): void {
  const html = HtmlService.createHtmlOutputFromFile(file).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** A Yes / No question; true for Yes. */
export function confirm(title: string, message: string): boolean {
  return ask(title, message, 'YES_NO') === 'YES';
}

/** A question with a choice of buttons: the button clicked ('CLOSE' when the dialog was closed). */
export function ask(
  title: string,
  message: string,
  buttons: 'YES_NO' | 'YES_NO_CANCEL' | 'OK_CANCEL',
): 'YES' | 'NO' | 'OK' | 'CANCEL' | 'CLOSE' {
  const ui = SpreadsheetApp.getUi();
  const clicked = ui.alert(title, message, ui.ButtonSet[buttons]);
  for (const name of ['YES', 'NO', 'OK', 'CANCEL'] as const) if (clicked === ui.Button[name]) return name;
  return 'CLOSE';
}

/** A question with a field to type in: what was typed, or null when the person cancelled or closed it. */
export function askText(title: string, question: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(title, question, ui.ButtonSet.OK_CANCEL);
  return answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText() : null;
}

export function toast(message: string): void {
  SpreadsheetApp.getActive().toast(message, 'Relationship Calls', 5);
}

/** A modal dialog whose body is built from escaped parts only. */
export function showReport(title: string, bodyHtml: string, height = 480): void {
  const output = HtmlService.createHtmlOutput(reportPage(bodyHtml)).setWidth(720).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(output, title);
}

/** A modal dialog of a whole page the add-on built (every user string in it escaped). */
export function showDialog(title: string, pageHtml: string, width: number, height: number): void {
  const output = HtmlService.createHtmlOutput(pageHtml).setWidth(width).setHeight(height);
  SpreadsheetApp.getUi().showModalDialog(output, title);
}

/** Runs a menu action and turns any error into a plain alert instead of a red error bar. */
export function fromMenu<T>(title: string, action: () => T): T | undefined {
  try {
    return action();
  } catch (error) {
    alert(title, error instanceof Error ? error.message : String(error));
    return undefined;
  }
}
