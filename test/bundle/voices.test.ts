/**
 * Family voices by consent (issue 15, attack 6), through the built bundle: with the defaults
 * (Share Family Voices In Digests = Yes, Include Notes In Emails = No), what families said on
 * calls logged without "OK to quote" never reaches an email; with it, only the redacted line does;
 * a tick typed on the sheet gives no consent.
 */
import type { Emulator } from '../../dev/emulator';
import { callInput, cellUnder, newTracker, OWNER, PRINCIPAL, records, submitAs, TEACHER } from './helpers';

/** What a teacher typed in Family Strengths or Hopes & Dreams, and the sensitive parts of it. */
const ITEMS: ReadonlyArray<{ hopesAndDreams?: string; familyStrengths?: string; sensitive: string[] }> = [
  { hopesAndDreams: 'Mateo and Sofia both want to be on the soccer team', sensitive: ['Mateo', 'Sofia'] },
  { familyStrengths: 'Her ex Carlos Mendez helps on weekends', sensitive: ['Carlos', 'Mendez'] },
  { hopesAndDreams: 'Call grandma on 555-2938 before 6', sensitive: ['555-2938'] },
  { familyStrengths: 'They just moved to 418 Birch Street', sensitive: ['418', 'Birch'] },
  { hopesAndDreams: 'His student ID 00123 is wrong in the system', sensitive: ['00123'] },
  { familyStrengths: 'Diagnosed with ADHD in second grade', sensitive: ['ADHD', 'Diagnosed'] },
  { hopesAndDreams: 'No signs of abuse at home, mom says', sensitive: ['abuse'] },
  { familyStrengths: 'Custody is shared with the father every other week', sensitive: ['Custody'] },
  { hopesAndDreams: 'Wants Jayden Brooks to stop bothering him', sensitive: ['Jayden', 'Brooks'] },
  { familyStrengths: 'Mom emails from rosa.diaz@example.com', sensitive: ['rosa.diaz', 'example.com'] },
  { hopesAndDreams: 'Takes medication for anxiety each morning', sensitive: ['medication', 'anxiety'] },
  { familyStrengths: "Uncle Marco's visa interview is in June", sensitive: ['Marco', 'visa'] },
];

/** Every email sent, as one text: subjects, plain bodies and HTML. */
function everything(emu: Emulator): string {
  return emu.outbox.map((m) => `${m.subject}\n${m.body}\n${m.htmlBody ?? ''}`).join('\n');
}

function logItems(emu: Emulator, consent: boolean): void {
  ITEMS.forEach(({ sensitive: _, ...texts }, i) => {
    const result = submitAs(
      emu,
      TEACHER,
      callInput({
        hopesAndDreams: '',
        familyStrengths: '',
        ...texts,
        callDate: '2026-11-2' + String(i % 3),
        ...(consent ? { okToQuote: true } : {}),
      }),
    );
    // Not urgent: an urgent call is never quoted anyway, and these must be kept out by consent and redaction.
    expect({ i, result }).toMatchObject({ i, result: { ok: true, urgent: false } });
  });
}

describe('family voices in the digests', () => {
  it('with the defaults, 12 sensitive items typed without consent reach no email, nor anything else of those lines', () => {
    const emu = newTracker();
    logItems(emu, false);
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(emu.outbox.map((m) => m.to).sort()).toEqual([OWNER, PRINCIPAL]);
    const mail = everything(emu);
    for (const { sensitive } of ITEMS) for (const part of sensitive) expect(mail).not.toContain(part);
    expect(mail).not.toContain('soccer team');
    expect(mail).toContain('No family agreed this past week to be quoted');
  });

  it('with consent, only what is left once names, numbers and private matters are out is quoted', () => {
    const emu = newTracker();
    logItems(emu, true);
    emu.run('sendDigestsNow', [], { user: OWNER });
    const mail = everything(emu);
    for (const { sensitive } of ITEMS) for (const part of sensitive) expect(mail).not.toContain(part);
    const maple = emu.outbox.find((m) => m.to === PRINCIPAL)!;
    // The three newest lines that can be quoted at all: the private ones (ADHD, custody…) are passed over.
    expect(maple.body).toContain(
      [
        '"Wants … to stop bothering him" (hopes & dreams)',
        '"… grandma on … before …" (hopes & dreams)',
        '"His student … is wrong in the system" (hopes & dreams)',
      ].join('\n'),
    );
    expect(records(emu, 'Call Log').every((r) => r['OK to Quote'] === true)).toBe(true);
  });

  it('an OK to Quote ticked by hand on the sheet gives no consent', () => {
    const emu = newTracker();
    const logged = submitAs(emu, TEACHER, callInput({ hopesAndDreams: 'They want him to love reading' }));
    if (!logged.ok) throw new Error('not logged');
    emu.edit('Call Log', cellUnder(emu, 'Call Log', 'OK to Quote', 2), [[true]], { user: TEACHER });
    emu.run('sendDigestsNow', [], { user: OWNER });
    expect(everything(emu)).not.toContain('love reading');
  });
});
