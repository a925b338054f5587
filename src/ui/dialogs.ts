/** Dialogs, alerts and the sidebar: the only code that opens Ui surfaces. */
export const SIDEBAR_TITLE = 'Log a call';

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** A modal dialog whose body is built from escaped parts only. */
export function showReport(title: string, bodyHtml: string, height = 480): void {
  const page = `<!DOCTYPE html><html><head><base target="_top"><style>
body{font:14px/1.4 Arial,sans-serif;margin:0 4px;color:#202124}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #dadce0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f1f3f4;position:sticky;top:0}.ok{color:#137333}.muted{color:#5f6368}
</style></head><body>${bodyHtml}</body></html>`;
  const output = HtmlService.createHtmlOutput(page).setWidth(720).setHeight(height);
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
