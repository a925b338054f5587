/**
 * Measures the cost model's constants in a real spreadsheet (the benchmark's estimates use
 * ranges from published figures; this pins them for your domain). Paste into the Apps Script
 * editor of a SCRATCH spreadsheet (it writes a sheet named "Cost model"), run measureCosts(),
 * and read the log (View → Logs). Put the numbers in bench/costModel.ts.
 */
function measureCosts() {
  var ss = SpreadsheetApp.getActive();
  var sheet = ss.getSheetByName('Cost model') || ss.insertSheet('Cost model');
  var rows = 5000;
  var cols = 20;
  if (sheet.getMaxRows() < rows) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  if (sheet.getMaxColumns() < cols) sheet.insertColumnsAfter(sheet.getMaxColumns(), cols - sheet.getMaxColumns());
  var grid = [];
  for (var r = 0; r < rows; r++) {
    var line = [];
    for (var c = 0; c < cols; c++) line.push('value ' + r + '-' + c);
    grid.push(line);
  }
  SpreadsheetApp.flush();

  function time(label, fn) {
    var start = Date.now();
    fn();
    var ms = Date.now() - start;
    Logger.log(label + ': ' + ms + ' ms');
    return ms;
  }

  var write = time('write ' + rows * cols + ' cells (one setValues)', function () {
    sheet.getRange(1, 1, rows, cols).setValues(grid);
    SpreadsheetApp.flush();
  });
  var read = time('read ' + rows * cols + ' cells (one getValues)', function () {
    sheet.getRange(1, 1, rows, cols).getValues();
  });
  var calls = 50;
  var each = time(calls + ' single-cell getValue calls', function () {
    for (var i = 1; i <= calls; i++) sheet.getRange(i, 1).getValue();
  });
  var properties = time(calls + ' script property reads', function () {
    var p = PropertiesService.getScriptProperties();
    for (var i = 0; i < calls; i++) p.getProperty('nothing');
  });
  Logger.log('per service call: ' + (each / calls).toFixed(1) + ' ms (spreadsheet), ' + (properties / calls).toFixed(1) + ' ms (properties)');
  Logger.log('per cell read: ' + ((read / (rows * cols)) * 1000).toFixed(2) + ' µs; per cell written: ' + ((write / (rows * cols)) * 1000).toFixed(2) + ' µs');
}
