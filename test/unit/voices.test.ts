/**
 * Family voices (issue 15): what a digest may quote of what a family said. A corpus of sensitive
 * lines, each typed in Family Strengths or Hopes & Dreams of a call whose family agreed to be
 * quoted, goes through the digest builder and the email renderer: none of its sensitive parts
 * reaches any email, and lines that say nothing sensitive are still quoted.
 */
import { callRecord } from './fixtures';
import { buildDigests, DigestInput } from '../../src/core/digest';
import { computeSummary } from '../../src/core/progress';
import { CallRecord, RosterStudent, StaffMember } from '../../src/core/records';
import { readSettings } from '../../src/core/settings';
import { familyVoiceOf, nameWords, privateMatterOf, redact, voiceNamesIndex } from '../../src/core/voices';
import { renderDigest } from '../../src/ui/digestEmail';

const TODAY = '2026-11-23';
const settings = readSettings(new Map(), { today: TODAY, timeZone: 'America/Chicago' }).settings;

const staff: StaffMember[] = [
  { email: 'ortiz@x.org', name: 'Ms. Ortiz', school: 'Maple', role: 'Teacher', callGoal: null },
  { email: 'brennan@x.org', name: 'Coach Brennan', school: 'Maple', role: 'Support Staff', callGoal: null },
  { email: 'park@x.org', name: 'Ms. Park', school: 'Maple', role: 'Principal', callGoal: null },
];
const student = (name: string, familyMember: string, school = 'Maple'): RosterStudent => ({
  studentId: '',
  student: name,
  grade: '3',
  school,
  familyMember,
  phone: '',
  email: '',
  homeLanguage: '',
  assignedTo: '',
  priority: '',
});
const roster: RosterStudent[] = [
  student('Mateo Ruiz', 'Ana Ruiz (grandmother)'),
  student('Sofia Ruiz', 'Ana Ruiz (grandmother)'),
  student('Liam Chen', 'Wei Chen (father)'),
];

/** A sensitive line, the parts of it that must never reach an email, and a word that may (when it is quoted). */
interface Line {
  text: string;
  sensitive: string[];
  kept?: string;
}

const CORPUS: Line[] = [
  // Names on the Roster or Staff, any case, anywhere in the sentence.
  { text: 'Mateo and Sofia love soccer on weekends', sensitive: ['Mateo', 'Sofia'], kept: 'soccer' },
  { text: 'his sister sofia reads to him every night', sensitive: ['sofia'], kept: 'reads' },
  { text: 'Grandma Ana Ruiz takes care of the kids after school', sensitive: ['Ana', 'Ruiz'], kept: 'care' },
  { text: 'liam chen is the best reader in the class', sensitive: ['liam', 'chen'], kept: 'reader' },
  { text: 'Coach Brennan says he is a natural leader', sensitive: ['Brennan'], kept: 'leader' },
  // Names of people on neither tab: capitalized mid-sentence, or opening a sentence.
  { text: 'Her ex Carlos is not allowed to pick her up', sensitive: ['Carlos', 'ex'] },
  { text: 'Carlos Mendez moved out and pays nothing', sensitive: ['Carlos', 'Mendez'], kept: 'moved' },
  { text: 'He plays chess with his cousin Diego Alvarez', sensitive: ['Diego', 'Alvarez'], kept: 'chess' },
  { text: 'Zoe wants to be a vet when she grows up', sensitive: ['Zoe'], kept: 'vet' },
  { text: 'He was picked on by Jayden all last year', sensitive: ['Jayden'], kept: 'picked' },
  // Phones, IDs, addresses, e-mail, handles, links: anything with a digit, an @, a domain.
  { text: 'Call Ana at 555-0101 after 5pm', sensitive: ['555-0101', '0101', 'Ana', '5pm'], kept: 'after' },
  { text: 'You can text me at (312) 555-7788 any day', sensitive: ['312', '555-7788'], kept: 'text' },
  { text: 'Her email is ana.ruiz@example.com if you need her', sensitive: ['ana.ruiz', 'example.com'] },
  { text: 'They live at 42 Elm Street, apartment 3B', sensitive: ['42', 'Elm', '3B'] },
  { text: 'they moved to the blue house on maple avenue', sensitive: ['maple avenue'], kept: 'blue' },
  { text: 'His student ID is 00123 and he is in room 217', sensitive: ['00123', '217'], kept: 'room' },
  { text: 'Find her drawings on instagram @maria_draws', sensitive: ['maria_draws', '@'], kept: 'drawings' },
  { text: 'See www.gofundme.com/ruiz-family for the fundraiser', sensitive: ['gofundme', 'ruiz-family'] },
  {
    text: 'Photos at https://example.org/family/ruiz from the picnic',
    sensitive: ['example.org', 'family/ruiz'],
  },
  { text: 'Dad works nights at the Ford plant on 8 Mile', sensitive: ['Ford', '8 Mile'], kept: 'nights' },
  { text: 'They moved here from Guatemala last year', sensitive: ['Guatemala'], kept: 'moved' },
  { text: 'La mamá trabaja de noche en Walmart', sensitive: ['Walmart'], kept: 'noche' },
  // Health and diagnoses: never quoted, whatever else the line says.
  { text: 'Mateo was diagnosed with ADHD in March', sensitive: ['diagnosed', 'ADHD', 'Mateo', 'March'] },
  { text: 'He takes medication for anxiety every morning', sensitive: ['medication', 'anxiety'] },
  { text: 'Sofia has an IEP for reading', sensitive: ['IEP', 'Sofia'] },
  { text: 'He sees a therapist on Tuesdays', sensitive: ['therapist', 'Tuesdays'] },
  { text: 'Her brother is in the hospital again', sensitive: ['hospital'] },
  { text: 'She had a seizure at the park last week', sensitive: ['seizure'] },
  { text: 'Mom is pregnant and very tired', sensitive: ['pregnant'] },
  { text: 'Su hijo tiene autismo y va a terapia', sensitive: ['autismo', 'terapia'] },
  // Abuse, safety, custody, the law: never quoted, not even negated.
  { text: 'There were no signs of abuse at home', sensitive: ['abuse', 'signs'] },
  { text: 'The custody hearing is next week', sensitive: ['custody', 'hearing'] },
  { text: 'Dad is in jail until spring', sensitive: ['jail'] },
  { text: 'They are waiting on their immigration papers', sensitive: ['immigration'] },
  { text: 'Papá está detenido por inmigración', sensitive: ['detenido', 'inmigración'] },
  { text: 'The parents are going through a divorce', sensitive: ['divorce'] },
  { text: 'He was bullied on the bus', sensitive: ['bullied'] },
  { text: 'There is a restraining order against the uncle', sensitive: ['restraining', 'uncle'] },
  { text: 'They were evicted and live in a shelter now', sensitive: ['evicted', 'shelter'] },
  { text: 'Her DCFS caseworker visits monthly', sensitive: ['DCFS', 'caseworker'] },
  // Money and substances.
  { text: 'Mom lost her job and they use food stamps', sensitive: ['food stamps', 'job'] },
  { text: 'Uncle drinks a lot, alcohol is a problem at home', sensitive: ['alcohol', 'drinks'] },
  { text: 'She talked about self-harm last month', sensitive: ['self-harm', 'self harm'] },
];

const QUOTABLE = [
  {
    text: 'She loves drawing and reading with her grandmother.',
    quoted: 'She loves drawing and reading with her grandmother.',
  },
  { text: 'Builds robots with his dad on Saturdays', quoted: 'Builds robots with his dad on …' },
];

let row = 1;
function consentingCall(over: Partial<CallRecord>): CallRecord {
  row++;
  return callRecord({
    row,
    callId: `C-${row}`,
    callDate: TODAY,
    school: 'Maple',
    staffEmail: 'ortiz@x.org',
    staffName: 'Ms. Ortiz',
    student: 'Mateo Ruiz',
    familyMember: 'Ana Ruiz (grandmother)',
    outcome: 'Conversation',
    okToQuote: true,
    ...over,
  });
}

/** Every email one call's week produces (the school's digest and the district's), as sent. */
function emailsWith(calls: CallRecord[]): string {
  const input: DigestInput = {
    staff,
    schools: [{ school: 'Maple', principalEmails: ['park@x.org'], followUpEmails: [], goalDeadline: null }],
    roster,
    calls,
    followUps: [],
    settings,
    today: TODAY,
    links: { summary: 'https://sheet#gid=1', followUps: 'https://sheet#gid=2' },
  };
  const digests = buildDigests(input, computeSummary(input));
  return [...digests.schools, digests.district]
    .map(renderDigest)
    .map((e) => `${e.subject}\n${e.body}\n${e.htmlBody}`)
    .join('\n');
}

function appears(part: string, email: string): boolean {
  const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return new RegExp(`(^|[^\\p{L}\\d])${escaped}($|[^\\p{L}\\d])`, 'iu').test(email);
}

describe('family voices: a corpus of sensitive lines through the digest builder and renderer', () => {
  it('holds at least 30 lines: names, phones, addresses, IDs, diagnoses, abuse and custody wording', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CORPUS.flatMap((line) => [['Hopes & Dreams', line] as const, ['Family Strengths', line] as const]))(
    'in %s, "%s" reaches no email',
    (column, line) => {
      const key = column === 'Hopes & Dreams' ? 'hopesAndDreams' : 'familyStrengths';
      const email = emailsWith([consentingCall({ [key]: line.text })]);
      for (const part of line.sensitive)
        expect({ part, found: appears(part, email) }).toEqual({ part, found: false });
      // What is left of a line with nothing private is still quoted, so the check above is not vacuous.
      if (line.kept) expect(email).toContain(line.kept);
    },
  );

  it('quotes lines with nothing sensitive in them as the family said them', () => {
    for (const { text, quoted } of QUOTABLE) {
      const email = emailsWith([consentingCall({ hopesAndDreams: text })]);
      expect(email).toContain(quoted);
    }
  });

  it('quotes nothing from a call whose caller did not tick OK to quote, or from an urgent call', () => {
    const line = 'She loves drawing and reading with her grandmother.';
    expect(emailsWith([consentingCall({ hopesAndDreams: line, okToQuote: false })])).not.toContain('drawing');
    expect(
      emailsWith([consentingCall({ hopesAndDreams: line, urgent: true, urgentReason: 'Marked by caller' })]),
    ).not.toContain('drawing');
  });
});

describe('the redaction step', () => {
  const names = [nameWords(['Mateo Ruiz', 'Ana Ruiz (grandmother)', 'Ms. Ortiz'])];

  it('takes out names, capitalized words mid-sentence, digits, e-mail, links and streets, one … for a run', () => {
    expect(redact('Mateo and ANA love music; Ms. Ortiz agreed.', names)).toBe(
      '… and … love music; … agreed.',
    );
    expect(redact("mateo's grandma is proud of him", names)).toBe('… grandma is proud of him');
    expect(redact('We met Pedro at Lincoln Park on 3rd street', names)).toBe('We met … at … on …');
    expect(redact('write to ana@example.com or see example.org/x', names)).toBe('write to … or see …');
    expect(redact('She said "Maybe next year" and laughed', names)).toBe(
      'She said "… next year" and laughed',
    );
    expect(redact('I think I’m ready. They agreed!', names)).toBe('I think I’m ready. They agreed!');
  });

  it('keeps a quote one line, and at most 200 characters', () => {
    expect(redact('word\n'.repeat(100), names, 30)).toBe('word word word word word word…');
  });

  it('names the private matter a line touches, in English and Spanish', () => {
    expect(privateMatterOf('No signs of abuse')).toBe('safety ("abuse")');
    expect(privateMatterOf('Tiene diagnóstico de autismo')).toBe('health ("diagnostico")');
    expect(privateMatterOf('We grow tomatoes')).toBeNull();
  });

  it('says why a call is not quoted', () => {
    const base = {
      outcome: 'Conversation',
      urgent: false,
      okToQuote: true,
      familyStrengths: '',
      hopesAndDreams: 'Mateo',
    };
    expect(familyVoiceOf({ ...base, okToQuote: false }, names).kind).toBeNull();
    expect(familyVoiceOf({ ...base, urgent: true }, names)).toMatchObject({ why: /urgent/ });
    expect(familyVoiceOf(base, names)).toMatchObject({ why: /all names and numbers/ });
    expect(
      familyVoiceOf({ ...base, hopesAndDreams: 'custody', familyStrengths: 'Kind and funny' }, names),
    ).toEqual({
      kind: 'Family strengths',
      text: 'Kind and funny',
    });
  });

  it("uses the names the caller's form has: their schools' Roster and Staff, and families assigned to them", () => {
    const index = voiceNamesIndex(staff, [
      ...roster,
      { ...student('Pia Lund', 'Bo Lund'), school: 'Oak', assignedTo: 'ortiz@x.org' },
    ]);
    const sets = index({
      staffEmail: 'ortiz@x.org',
      school: 'Maple',
      student: 'X Y',
      familyMember: '',
      staffName: '',
    });
    const all = new Set(sets.flatMap((s) => [...s]));
    for (const word of [
      'mateo',
      'ruiz',
      'ana',
      'liam',
      'wei',
      'brennan',
      'ortiz',
      'park',
      'pia',
      'lund',
      'bo',
    ])
      expect(all.has(word)).toBe(true);
  });
});
