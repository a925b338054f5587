import { closestOnRoster, editDistance, onRoster, suggestionsText } from '../../src/core/nameMatch';

const roster = [
  { student: 'Jasmine Mensah', studentId: 'S1', household: 'h1' },
  { student: 'Kofi Mensah', studentId: 'S2', household: 'h1' },
  { student: 'Jasmine Lee', studentId: 'S3', household: 'h2' },
  { student: 'Omar Lor', studentId: 'S4', household: 'h3' },
  { student: 'José García', studentId: 'S5', household: 'h4' },
  { student: 'Ana Ruiz', studentId: 'S6', household: 'h5' },
];

describe('closestOnRoster', () => {
  test('a misspelled name suggests the student, siblings with them, nearest household first', () => {
    const found = closestOnRoster('Jasmin Mensa', roster);
    expect(found.map((s) => s.students.map((x) => x.student))).toEqual([['Jasmine Mensah', 'Kofi Mensah']]);
    expect(found[0].distance).toBe(2);
    expect(suggestionsText(found)).toBe('Jasmine Mensah (or Kofi Mensah)');
  });

  test('words in another order, other case and accents count as the same name', () => {
    expect(closestOnRoster('mensah jasmine', roster)[0].students[0].student).toBe('Jasmine Mensah');
    expect(closestOnRoster('JOSE GARCIA', roster)[0]).toMatchObject({ distance: 0 });
  });

  test('several close names come in order, at most three', () => {
    const found = closestOnRoster('Jasmine Le', roster);
    expect(found.map((s) => s.students[0].student)).toEqual(['Jasmine Lee']);
    expect(closestOnRoster('Ana Ruis', roster).map((s) => s.students[0].student)).toEqual(['Ana Ruiz']);
  });

  test('a name unlike any on the Roster suggests nothing', () => {
    expect(closestOnRoster('Zeynep Kaya', roster)).toEqual([]);
    expect(closestOnRoster('  ', roster)).toEqual([]);
  });
});

test('onRoster: by name whatever the case and spacing, or by student ID', () => {
  expect(onRoster({ student: ' jasmine  MENSAH ', studentId: '' }, roster)).toBe(true);
  expect(onRoster({ student: 'Jas M.', studentId: 's2' }, roster)).toBe(true);
  expect(onRoster({ student: 'Jasmin Mensa', studentId: '' }, roster)).toBe(false);
});

test('editDistance counts insertions, deletions and substitutions', () => {
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('', 'abc')).toBe(3);
  expect(editDistance('same', 'same')).toBe(0);
});
