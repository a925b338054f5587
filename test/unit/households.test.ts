import { buildHouseholdIndex, normalizeName } from '../../src/core/households';
import { RosterStudent } from '../../src/core/records';

function student(s: Partial<RosterStudent> & { student: string }): RosterStudent {
  return {
    studentId: '',
    grade: '',
    school: 'Lincoln',
    familyMember: '',
    phone: '',
    email: '',
    homeLanguage: '',
    assignedTo: '',
    priority: '',
    ...s,
  };
}

const roster: RosterStudent[] = [
  // Siblings: same mother, same phone written two ways.
  student({
    studentId: '001',
    student: 'Ana Ruiz',
    familyMember: 'Maria Ruiz (mother)',
    phone: '(555) 123-4567',
  }),
  student({
    studentId: '002',
    student: 'Luis Ruiz',
    familyMember: 'maria ruiz (Mother)',
    phone: '555.123.4567',
  }),
  // A third sibling joins by email only, through Luis: A~B by phone, B~C by email.
  student({
    studentId: '003',
    student: 'Sofía Ruiz',
    familyMember: 'Maria Ruiz (mother)',
    email: 'MRUIZ@example.com',
  }),
  // Same phone but another family member: another household (a shared landline is not enough).
  student({ studentId: '004', student: 'Tom Lee', familyMember: 'Kim Lee (father)', phone: '5551234567' }),
  // Same family member and phone at another school: another school's household.
  student({
    studentId: '005',
    student: 'Eva Ruiz',
    school: 'Adams',
    familyMember: 'Maria Ruiz (mother)',
    phone: '5551234567',
  }),
  // No family member: a household of one, however the phone matches.
  student({ studentId: '006', student: 'Kai Moss', phone: '5551234567' }),
];
// Luis's email joins him to Sofía.
roster[1].email = 'mruiz@example.com';

describe('households', () => {
  const index = buildHouseholdIndex(roster);
  const key = (call: { school?: string; studentId?: string; student: string }): string =>
    index.keyFor({ school: 'Lincoln', studentId: '', ...call });

  test('siblings who share a family member and a phone or email are one household', () => {
    const ana = key({ studentId: '001', student: 'Ana Ruiz' });
    expect(key({ studentId: '002', student: 'Luis Ruiz' })).toBe(ana);
    expect(key({ studentId: '003', student: 'Sofía Ruiz' })).toBe(ana);
    expect(index.studentsOf(ana).map((s) => s.student)).toEqual(['Ana Ruiz', 'Luis Ruiz', 'Sofía Ruiz']);
  });

  test('a shared phone with another family member, another school, or no family member is another household', () => {
    const ana = key({ studentId: '001', student: 'Ana Ruiz' });
    expect(key({ studentId: '004', student: 'Tom Lee' })).not.toBe(ana);
    expect(key({ school: 'Adams', studentId: '005', student: 'Eva Ruiz' })).not.toBe(ana);
    expect(key({ studentId: '006', student: 'Kai Moss' })).not.toBe(ana);
  });

  test('Roster Families counts households, not students, per school', () => {
    expect(index.rosterHouseholdCount('Lincoln')).toBe(3); // Ruiz, Lee, Moss
    expect(index.rosterHouseholdCount(' lincoln ')).toBe(3);
    expect(index.rosterHouseholdCount('Adams')).toBe(1);
    expect(index.rosterHouseholdCount('Nowhere')).toBe(0);
    expect(index.rosterHouseholds('Lincoln')).toHaveLength(3);
    expect(index.rosterHouseholds('Lincoln')).toContain(key({ studentId: '004', student: 'Tom Lee' }));
  });

  test('a call finds its student by ID, by ID at another school when unique, then by name', () => {
    const ana = key({ studentId: '001', student: 'Ana Ruiz' });
    // A wrong name does not matter when the ID matches.
    expect(key({ studentId: '001', student: 'Ana R.' })).toBe(ana);
    // Eva is at Adams; her unique ID finds her from a Lincoln call.
    expect(key({ studentId: '005', student: 'Eva' })).toBe(
      key({ school: 'Adams', studentId: '005', student: 'Eva Ruiz' }),
    );
    // By name: accents, case and spaces do not matter.
    expect(key({ student: '  sofia   RUIZ ' })).toBe(ana);
    // An ID not on the Roster falls back to the name.
    expect(key({ studentId: '999', student: 'Luis Ruiz' })).toBe(ana);
  });

  test('an ID used at two schools is matched only within the call’s school', () => {
    const twoSchools = buildHouseholdIndex([
      student({ studentId: '7', student: 'Ava Stone', school: 'Lincoln' }),
      student({ studentId: '7', student: 'Ben Fox', school: 'Adams' }),
    ]);
    const ben = twoSchools.keyFor({ school: 'Adams', studentId: '7', student: '' });
    expect(twoSchools.studentsOf(ben).map((s) => s.student)).toEqual(['Ben Fox']);
    // From a third school the ID is ambiguous: the name decides, and it is not on that school's Roster.
    const elsewhere = twoSchools.keyFor({ school: 'Grant', studentId: '7', student: 'Ava Stone' });
    expect(twoSchools.studentsOf(elsewhere)).toEqual([]);
  });

  test('a student not on the Roster is their own household, by school and name', () => {
    const a = key({ student: 'New Kid' });
    expect(key({ student: 'new  kid' })).toBe(a);
    expect(key({ school: 'Adams', student: 'New Kid' })).not.toBe(a);
    expect(index.studentsOf(a)).toEqual([]);
  });
});

test('normalizeName trims, lower-cases, collapses spaces and strips accents', () => {
  expect(normalizeName('  José   ÁLVAREZ\t')).toBe('jose alvarez');
});
