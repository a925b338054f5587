/**
 * The same teacher operations as a typical hand-written call-log script does them, for the
 * benchmark's side-by-side: look the teacher up cell by cell, read whole tabs for the family list
 * and the progress count, appendRow per call. No households, no retries, no literal text.
 * Plain Apps Script (ES5), loaded next to build/Code.js in the same emulator.
 */
function handWrittenFindTeacher_(ss, email) {
  var staff = ss.getSheetByName('Staff');
  var last = staff.getLastRow();
  for (var r = 2; r <= last; r++) {
    if (staff.getRange(r, 1).getValue() === email) {
      return { name: staff.getRange(r, 2).getValue(), school: staff.getRange(r, 3).getValue() };
    }
  }
  return null;
}

function handWrittenOpenForm() {
  var email = Session.getActiveUser().getEmail();
  var ss = SpreadsheetApp.getActive();
  var me = handWrittenFindTeacher_(ss, email);
  var roster = ss.getSheetByName('Roster').getDataRange().getValues();
  var families = roster.filter(function (row) {
    return row[3] === me.school;
  });
  var log = ss.getSheetByName('Call Log');
  var emails = log.getRange(2, 3, log.getLastRow() - 1, 1).getValues();
  var mine = emails.filter(function (row) {
    return row[0] === email;
  }).length;
  return { name: me.name, families: families.length, calls: mine };
}

function handWrittenSubmitCall(input) {
  var email = Session.getActiveUser().getEmail();
  var ss = SpreadsheetApp.getActive();
  var me = handWrittenFindTeacher_(ss, email);
  ss.getSheetByName('Call Log').appendRow([
    'C-' + new Date().getTime(),
    new Date(),
    email,
    me.name,
    me.school,
    input.callDate,
    input.student,
    input.studentId,
    input.familyMember,
    input.method,
    input.outcome,
    input.language,
    input.interpreter,
    input.preferredContact,
    input.familyStrengths,
    input.hopesAndDreams,
    input.notes,
    input.followUpNeeded,
    input.urgent,
    '',
  ]);
  return { ok: true };
}

/**
 * The batched hand-written logger the issue compares with: the teacher looked up in one read of
 * Staff, the row appended with appendRow, nothing else (no households, retries, signature,
 * follow-ups or lock).
 */
function handWrittenBatchedSubmitCall(input) {
  var email = Session.getActiveUser().getEmail();
  var ss = SpreadsheetApp.getActive();
  var staff = ss.getSheetByName('Staff').getDataRange().getValues();
  var me = staff.filter(function (row) {
    return row[0] === email;
  })[0];
  ss.getSheetByName('Call Log').appendRow([
    'C-' + new Date().getTime(),
    new Date(),
    email,
    me[1],
    me[2],
    input.callDate,
    input.student,
    input.studentId,
    input.familyMember,
    input.method,
    input.outcome,
    input.language,
    input.interpreter,
    input.preferredContact,
    input.familyStrengths,
    input.hopesAndDreams,
    input.notes,
    input.followUpNeeded,
    input.urgent,
    '',
  ]);
  return { ok: true };
}
