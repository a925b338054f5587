import {
  aYearLater,
  carriedReason,
  dayAnswer,
  originNote,
  originOf,
  schoolYearName,
} from '../../src/core/schoolYear';
import { readSettings } from '../../src/core/settings';
import { spreadsheetIdOf, spreadsheetLink } from '../../src/core/trackerLink';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyz';
const URL = `https://docs.google.com/spreadsheets/d/${ID}/edit`;

describe('the school year', () => {
  test('a year later: the same day, Feb 29 becoming Feb 28', () => {
    expect(aYearLater('2026-08-01')).toBe('2027-08-01');
    expect(aYearLater('2028-02-29')).toBe('2029-02-28');
  });

  test('names the school year its calls start in', () => {
    expect(schoolYearName('2027-08-02')).toBe('2027–28');
    expect(schoolYearName('2099-08-01')).toBe('2099–00');
  });

  test('a carried follow-up is marked once, its reason kept in front', () => {
    const reason = 'Not reached after 3 attempts: Phone ×3';
    expect(carriedReason(reason)).toBe(`${reason} (from last year)`);
    expect(carriedReason(carriedReason(reason))).toBe(`${reason} (from last year)`);
  });

  test('the Settings note names a tracker; a note of anyone else names none', () => {
    expect(originOf(originNote(URL))).toBe(URL);
    expect(originOf(`Remember: ${URL}`)).toBeNull();
    expect(originOf('')).toBeNull();
    expect(spreadsheetIdOf(URL)).toBe(ID);
  });

  test('a day typed into a prompt: blank is the default, anything else must be a day', () => {
    expect(dayAnswer('  ', '2027-08-01')).toBe('2027-08-01');
    expect(dayAnswer(' 2027-08-02 ', '2027-08-01')).toBe('2027-08-02');
    expect(dayAnswer('2027-02-30', '2027-08-01')).toBeNull();
    expect(dayAnswer('next August', '2027-08-01')).toBeNull();
  });
});

describe('Previous Year Tracker', () => {
  test('any link to a spreadsheet (a tab, a range, a sharing link) is the spreadsheet itself', () => {
    for (const link of [
      URL,
      `${URL}#gid=0&range=A5`,
      `https://docs.google.com/spreadsheets/d/${ID}/edit?usp=sharing`,
    ])
      expect(spreadsheetLink(link)).toBe(URL);
    for (const other of [
      'https://example.org/sheet',
      'docs.google.com/spreadsheets/d/x',
      `${URL} and more`,
      '=IMPORTRANGE()',
    ])
      expect(spreadsheetLink(other)).toBeNull();
  });

  test('is read from Settings; anything but a link falls back to blank, out loud', () => {
    const context = { today: '2026-09-01', timeZone: 'America/Chicago' };
    expect(
      readSettings(new Map([['Previous Year Tracker', URL]]), context).settings.previousYearTracker,
    ).toBe(URL);
    const reading = readSettings(new Map([['Previous Year Tracker', 'last year']]), context);
    expect(reading.settings.previousYearTracker).toBe('');
    expect(reading.problems).toEqual([
      'Previous Year Tracker "last year" is not a spreadsheet link (https://docs.google.com/spreadsheets/d/…), or blank; using blank.',
    ]);
  });
});
