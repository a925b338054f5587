/**
 * Family voices: the one line of what a family said that a principal's digest may quote. A line
 * is quoted only from a conversation whose caller ticked "OK to quote (no names)", never from an
 * urgent call, never when it touches a private matter (health, abuse, custody, the law, money
 * trouble…), and only after redaction: any word of a name on the Roster or Staff, any word
 * capitalized mid-sentence (or opening a sentence, unless it is a common word), anything with a
 * digit (phones, IDs, addresses), e-mail addresses, URLs and street names become "…". The form
 * shows the caller exactly this, with the same function, as they type.
 */
import { normalizeName } from './households';
import type { RosterStudent, StaffMember } from './records';
import { REACHED_OUTCOME } from './schema';

/** What stands where a word was taken out. */
export const REDACTED = '…';
/** Characters of one quote. */
export const VOICE_LENGTH = 200;

export type VoiceKind = 'Hopes & dreams' | 'Family strengths';

export type FamilyVoice = { kind: VoiceKind; text: string };

/** A call's line as a digest would quote it, or why none would be. */
export type VoiceOrWhy = FamilyVoice | { kind: null; why: string };

/** Normalized words of names, in as many sets as the caller has at hand (the Roster's, the Staff's, the call's own). */
export type NameWords = ReadonlyArray<ReadonlySet<string>>;

const TITLES = new Set(['mr', 'mrs', 'ms', 'mx', 'miss', 'dr', 'prof', 'sr', 'sra', 'srta', 'don', 'dona']);
const LETTERS = /[\p{L}\p{M}]+/gu;

/** The words of these names (the relation in brackets is no name: "Ana Ruiz (grandmother)"). */
export function nameWords(names: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const name of names) {
    for (const word of name.replace(/\([^)]*\)/g, ' ').match(LETTERS) ?? []) {
      const key = normalizeName(word);
      if (key.length >= 2 && !TITLES.has(key)) words.add(key);
    }
  }
  return words;
}

/**
 * Words that open sentences in what families say, in English and Spanish: kept there. Any other
 * capitalized word opening a sentence may be a name ("Carlos moved out") and is taken out.
 */
const COMMON_OPENERS = new Set(
  (
    'i im ive id ill we were weve she shes he hes they theyre theyve it its you your my our their her his ' +
    'the a an this that these those there here and but so also both every each all most some many much ' +
    'very really always often sometimes usually never not no yes just only even still then now today ' +
    'when if as after before since because while once until with without for from in on at to by about ' +
    'what who how why where which would will can could should may might must is are was were has have had ' +
    'do does did being getting reading playing making learning helping loves love likes like wants want ' +
    'enjoys enjoy hopes hope dreams wish wishes thinks feels says said told asked shared mentioned ' +
    'family families parents parent mom dad mother father grandma grandpa grandmother grandfather ' +
    'aunt uncle sister brother siblings kids children son daughter student students everyone together ' +
    'great good kind helpful loving creative strong proud happy excited curious funny caring friendly ' +
    'el ella ellos ellas nosotros yo su sus mi mis tu nuestro nuestra la las los lo un una unos unas ' +
    'es son esta estan fue era le les se y pero tambien muy siempre cuando si con para por en de que ' +
    'quiere quieren le gusta gusta ama espera sueña suena familia mama papa abuela abuelo hijo hija ' +
    'builds build plays play reads read works work helps help cooks cook sings sing draws draw writes ' +
    'write runs run goes go takes take makes make gets get knows know talks talk speaks speak spends ' +
    'spend lives live dances dance swims swim studies study practices practice watches watch listens ' +
    'listen volunteers volunteer attends attend music soccer sports math art science school church ' +
    'community hardworking patient musical athletic smart bright talented artistic outgoing shy quiet ' +
    'gentle respectful responsible trabaja juega lee ayuda cocina canta dibuja escribe vive habla'
  ).split(' '),
);

/**
 * Private matters, by word (English and Spanish, accents ignored): a line that touches one is
 * never quoted, even with consent, even after redaction. A trailing * matches any word that
 * starts so ("diagnos*": diagnosis, diagnosed, diagnóstico).
 */
const PRIVATE_WORDS: ReadonlyArray<readonly [topic: string, words: string]> = [
  [
    'health',
    'diagnos* adhd autis* asperger* dyslex* depress* anxiety anxious bipolar schizo* ptsd trauma* ' +
      'therap* psychiatr* psycholog* counsel* medic* pill pills prescription* hospital* surgery surger* ' +
      'cancer* diabet* insulin asthma* epilep* seizure* allerg* illness* sick disabilit* disabled ' +
      'disorder* syndrome* pregnan* miscarriage* iep 504 wheelchair* enferm* embaraz* terap* discapac* ' +
      'ansiedad depresion hospitaliz* cirugia',
  ],
  [
    'safety',
    'abus* neglect* violen* assault* rape* raped molest* unsafe weapon* gun guns knife knives ' +
      'bully bullied bullying bullies suicid* selfharm cutting hurt* hit hits hitting ' +
      'beat beats beaten beating maltrat* golpe* acoso amenaz* threat*',
  ],
  [
    'family or legal matters',
    'custod* court* judge* lawyer* attorney* police polic* arrest* jail* prison* probation parole ' +
      'deport* immigra* inmigra* visa visas undocumented restraining ' +
      'divorc* separat* separad* foster cps dcfs evict* desalojo* homeless* shelter* incarcerat* ' +
      'abogad* tribunal* carcel* detenid* died dead death funeral* murder* killed ex exhusband exwife expartner',
  ],
  [
    'drugs, alcohol or money trouble',
    'drug drugs droga* alcohol* drunk overdose* addict* rehab* unemploy* desemple* welfare snap debt* deuda* bankrupt*',
  ],
  ['sexuality', 'sex sexual* sexuality gay lesbian transgender trans bisexual'],
];

interface PrivateWord {
  topic: string;
  /** The normalized word(s), space-separated. */
  words: string;
  prefix: boolean;
}

/** Every word above; the pairs below are matched as two words in a row. */
const PRIVATE: readonly PrivateWord[] = PRIVATE_WORDS.flatMap(([topic, list]) =>
  list.split(' ').map((w) => ({ topic, words: w.replace(/\*$/, ''), prefix: w.endsWith('*') })),
);
const PRIVATE_PAIRS: readonly PrivateWord[] = [
  ['self', 'harm'],
  ['food', 'stamps'],
  ['protective', 'order'],
].map(([a, b]) => ({ topic: 'private', words: `${a} ${b}`, prefix: false }));

/** The words of a text, normalized (lower case, accents off), digits kept as words. */
function plainWords(text: string): string[] {
  return normalizeName(text.replace(/[’']/g, '')).match(/[\p{L}\p{M}\d]+/gu) ?? [];
}

/** The private matter a text touches, as "health (diagnosed)", or null. */
export function privateMatterOf(text: string): string | null {
  const words = plainWords(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    for (const p of PRIVATE) {
      if (p.prefix ? word.startsWith(p.words) : word === p.words) return `${p.topic} ("${word}")`;
    }
    const pair = `${word} ${words[i + 1] ?? ''}`;
    const found = PRIVATE_PAIRS.find((p) => p.words === pair);
    if (found) return `a private matter ("${pair}")`;
  }
  return null;
}

const URL_LIKE = /^(?:[a-z][a-z\d+.-]*:\/\/|www\.)|^[\w-]+(?:\.[\w-]+)+\/|\.(?:com|org|net|edu|gov|io|us)\b/i;
/** Street words: the word before one is a street's name ("Elm Street", "calle Ocho"). */
const STREET = new Set([
  'street',
  'st',
  'avenue',
  'ave',
  'road',
  'rd',
  'lane',
  'ln',
  'drive',
  'boulevard',
  'blvd',
  'ct',
  'apartment',
  'apt',
  'calle',
  'avenida',
  'apartamento',
]);

/** A token's word and what surrounds it: '"Carlos,"' is '"', 'Carlos', ',"'. */
function split(token: string): { before: string; word: string; after: string } {
  const m = /^([^\p{L}\p{M}\d]*)(.*?)([^\p{L}\p{M}\d]*)$/u.exec(token);
  return m ? { before: m[1], word: m[2], after: m[3] } : { before: '', word: token, after: '' };
}

function isNameWord(word: string, names: NameWords): boolean {
  return (word.match(LETTERS) ?? []).some((part) => {
    const key = normalizeName(part);
    return names.some((set) => set.has(key));
  });
}

/**
 * The text with every word that may identify someone replaced by "…" (runs of them by one), on one
 * line, cut at a word boundary after `maxLength` characters.
 */
export function redact(text: string, names: NameWords, maxLength = VOICE_LENGTH): string {
  const tokens = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const out: string[] = [];
  let sentenceStart = true;
  tokens.forEach((token, i) => {
    const { before, word, after } = split(token);
    const opens = sentenceStart || /^["“(¡¿]/.test(before);
    const plain = normalizeName(word.replace(/[’']/g, ''));
    // "Ms. Ortiz": a title's dot ends no sentence, and the title goes with the name.
    const title = TITLES.has(plain) && /^\p{Lu}/u.test(word);
    sentenceStart = !title && /[.!?:;]["”)]?$/.test(after);
    const next = normalizeName(split(tokens[i + 1] ?? '').word);
    if (word === '' || !mayIdentify({ token, word, plain, opens, next }, names)) return out.push(token);
    const end = title ? after.replace(/^\./, '') : after;
    out.push(`${before.replace(/[^"“(¡¿]/g, '')}${REDACTED}${end}`);
  });
  return cut(out.join(' ').replace(/…(?:[\s,;:-]+…)+/g, REDACTED), maxLength);
}

/** Whether a word may name or locate someone: the rules of redact, in order. */
function mayIdentify(
  w: { token: string; word: string; plain: string; opens: boolean; next: string },
  names: NameWords,
): boolean {
  if (w.token.includes('@') || URL_LIKE.test(w.token)) return true; // e-mail, a handle, a link
  if (/\d/.test(w.word)) return true; // phones, IDs, house numbers
  if (isNameWord(w.word, names)) return true; // a name on the Roster or Staff, in any case
  if (STREET.has(w.plain) || STREET.has(w.next)) return true; // "Elm Street"
  if (/^\p{Lu}{2,}/u.test(w.word)) return true; // all capitals: initials, programs, acronyms
  if (!/^\p{Lu}/u.test(w.word) || w.word === 'I' || /^I[’']/.test(w.word)) return false;
  // Capitalized: a name unless it opens a sentence and is a common word there.
  return !(w.opens && COMMON_OPENERS.has(w.plain));
}

/** One line of text cut at a word boundary after `maxLength` characters, with "…" where it was cut. */
export function cut(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const head = text.slice(0, maxLength);
  const space = head.lastIndexOf(' ');
  return `${(space > maxLength / 2 ? head.slice(0, space) : head).replace(/[\s,;:-]+$/, '')}…`;
}

export interface VoiceSource {
  outcome: string;
  urgent: boolean;
  okToQuote: boolean;
  familyStrengths: string;
  hopesAndDreams: string;
}

/**
 * The line a digest would quote from a call, or why none: the family's consent first, never an
 * urgent call, a conversation only, Hopes & Dreams before Family Strengths, no private matter,
 * and something left once the names are out.
 */
export function familyVoiceOf(call: VoiceSource, names: NameWords): VoiceOrWhy {
  if (!call.okToQuote) return { kind: null, why: 'Not quoted: the family did not say it may be quoted.' };
  if (call.urgent) return { kind: null, why: 'Not quoted: an urgent call is never quoted.' };
  if (call.outcome !== REACHED_OUTCOME) return { kind: null, why: 'Not quoted: only conversations are.' };
  const texts: Array<[VoiceKind, string]> = [
    ['Hopes & dreams', call.hopesAndDreams.trim()],
    ['Family strengths', call.familyStrengths.trim()],
  ];
  const reasons: string[] = [];
  for (const [kind, text] of texts) {
    if (!text) continue;
    const matter = privateMatterOf(text);
    if (matter) {
      reasons.push(`${kind} touches ${matter}`);
      continue;
    }
    const quoted = redact(text, names);
    if (/[\p{L}]{2,}/u.test(quoted.replace(/…/g, ''))) return { kind, text: quoted };
    reasons.push(`${kind} is all names and numbers`);
  }
  return {
    kind: null,
    why:
      reasons.length > 0
        ? `Not quoted: ${reasons.join('; ')}.`
        : 'Nothing to quote: Family Strengths and Hopes & Dreams are empty.',
  };
}

/**
 * The names each caller's quotes are redacted with, exactly those their form has (so it shows
 * them the quote a digest would carry): the Roster's students and family members of the caller's
 * schools and those assigned to the caller, the names of the Staff of those schools, and the
 * call's own student, family member and caller.
 */
export function voiceNamesIndex(
  staff: readonly Pick<StaffMember, 'email' | 'name' | 'school'>[],
  roster: readonly Pick<RosterStudent, 'student' | 'familyMember' | 'school' | 'assignedTo'>[],
): (call: {
  staffEmail: string;
  school: string;
  student: string;
  familyMember: string;
  staffName: string;
}) => NameWords {
  const add = (map: Map<string, Set<string>>, key: string, names: string[]): void => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    for (const word of nameWords(names)) set.add(word);
  };
  const schoolsOf = new Map<string, Set<string>>();
  const staffNames = new Map<string, Set<string>>();
  for (const m of staff) {
    const school = normalizeName(m.school);
    if (!schoolsOf.has(m.email)) schoolsOf.set(m.email, new Set());
    schoolsOf.get(m.email)!.add(school);
    add(staffNames, school, [m.name]);
  }
  const rosterNames = new Map<string, Set<string>>();
  const assignedNames = new Map<string, Set<string>>();
  for (const r of roster) {
    add(rosterNames, normalizeName(r.school), [r.student, r.familyMember]);
    if (r.assignedTo) add(assignedNames, r.assignedTo, [r.student, r.familyMember]);
  }
  const none = new Set<string>();
  return (call) => {
    const schools = [...(schoolsOf.get(call.staffEmail) ?? [normalizeName(call.school)])];
    return [
      ...schools.map((s) => rosterNames.get(s) ?? none),
      ...schools.map((s) => staffNames.get(s) ?? none),
      assignedNames.get(call.staffEmail) ?? none,
      nameWords([call.student, call.familyMember, call.staffName]),
    ];
  };
}
