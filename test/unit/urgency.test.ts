import { DEFAULT_ALERT_ROUTES, phrasesToMigrate } from '../../src/core/alertRoutes';
import { AlertRoute, detectUrgency, recipientsFor, routeMatcher } from '../../src/core/urgency';

const routes = DEFAULT_ALERT_ROUTES;

/** Notes as staff write them after a call, in English and Spanish. */
const URGENT_NOTES: ReadonlyArray<readonly [string, string]> = [
  ['They are sleeping in their car since Friday.', 'Housing'],
  ['Mom said the bus didn’t come again this morning.', 'Transportation'],
  ['Tuvimos un desalojo la semana pasada, estamos con mi hermana.', 'Housing'],
  ['Family was evicted last night and is staying with friends.', 'Housing'],
  ['Dad says they got an eviction notice on the door.', 'Housing'],
  ['They are homeless right now, moving between motels.', 'Housing'],
  ['Mom and the kids are in a shelter downtown.', 'Housing'],
  ['La familia está sin hogar desde agosto.', 'Housing'],
  ['Estamos durmiendo en el carro, no tenemos dónde vivir.', 'Housing'],
  ['There is no food in the house until payday.', 'Food'],
  ['No tenemos comida para la semana.', 'Food'],
  ['Grandma says the kids go hungry on weekends.', 'Food'],
  ['The bus never came, so he missed two days.', 'Transportation'],
  ['El autobús no pasó otra vez, no tenemos transporte.', 'Transportation'],
  ['Student told me his uncle hits him; he feels unsafe at home.', 'Safety'],
  ['Mom is worried he is hurting himself; he talked about suicide.', 'Safety'],
  ['Concern about neglect: the kids are alone most evenings.', 'Safety'],
  ['Hay violencia en la casa, la mamá tiene miedo.', 'Safety'],
  ['Dice que su hija no se siente segura con el novio de la mamá.', 'Safety'],
  ['Dad was hospitalized after a work accident.', 'Health'],
  ['He had a seizure over the weekend and ran out of medicine.', 'Health'],
  ['Mamá estuvo hospitalizada, no tenemos medicina para el niño.', 'Health'],
  ['Family crisis: dad was detained by immigration on Tuesday.', 'Family crisis'],
  ['Su papá fue deportado el mes pasado.', 'Family crisis'],
  ['She is being bullied on the playground every day.', 'Bullying'],
  ['Le hacen bullying en el recreo y ya no quiere venir.', 'Bullying'],
  ['SELF-HARM mentioned by older sister.', 'Safety'],
  ['No, they were evicted on Monday.', 'Housing'],
];

const BENIGN_NOTES: readonly string[] = [
  'No crisis at home, things are going well.',
  'Mom works at the hospital as a nurse.',
  'He is busy with soccer most evenings.',
  'Loves drawing and building with Legos.',
  'Wants him to read more at home this year.',
  'Updated the emergency contact number.',
  'Family is not homeless anymore; they moved into an apartment in June.',
  'No safety concerns at home.',
  'There is no violence at home, mom said, just a lot of noise.',
  'Sin problemas, todo bien en casa.',
  'La mamá trabaja en el hospital.',
  'Le gusta el fútbol y dibujar.',
  'Quiere que aprenda inglés este año.',
  'The bus stop moved to the corner of Elm.',
  'Rides the bus with his cousin.',
  'Never any abuse or neglect reported, mom says he is happy.',
  'Dad volunteers at the animal shelter on weekends.',
  'Grandma cooks for the whole family on Sundays.',
  'Hopes she makes the honor roll.',
  'Asked about the food drive; they want to donate.',
  'Ella está emocionada por la feria de ciencias.',
  'Mom was in the hospital last year for the baby, all good now.',
  'They are looking forward to conferences.',
  'El papá no tiene problemas con el transporte.',
  'Busy schedule, call after 6 pm.',
  'Sister is a nursing student.',
];

describe('detectUrgency with the default routes', () => {
  it.each(URGENT_NOTES)('flags "%s" as %s', (note, category) => {
    const u = detectUrgency(false, [note], routes);
    expect(u.urgent).toBe(true);
    expect(u.matches.map((m) => m.category)).toContain(category);
  });

  it('flags at most one benign note (precision matters as much as recall)', () => {
    expect(URGENT_NOTES.length + BENIGN_NOTES.length).toBeGreaterThanOrEqual(40);
    const flagged = BENIGN_NOTES.filter((n) => detectUrgency(false, [n], routes).urgent);
    expect(flagged.length).toBeLessThanOrEqual(1);
  });

  it('names the category and the phrase', () => {
    expect(detectUrgency(false, ['Mom said they were Evicted last week'], routes).reason).toBe(
      'Housing: "evicted"',
    );
    expect(detectUrgency(true, ['no food at home'], routes).reason).toBe('Marked by caller; Food: "no food"');
    expect(detectUrgency(true, [''], routes)).toEqual({
      urgent: true,
      reason: 'Marked by caller',
      matches: [],
    });
  });

  it('is not urgent for an ordinary note', () => {
    expect(detectUrgency(false, ['Loves soccer and drawing'], routes)).toEqual({
      urgent: false,
      reason: '',
      matches: [],
    });
  });
});

describe('phrase matching', () => {
  const only = (phrases: string[]): AlertRoute[] => [{ category: 'Test', phrases, notify: ['Follow-up'] }];
  const matches = (text: string, phrases: string[]): boolean =>
    routeMatcher(only(phrases))([text]).length > 0;

  it('whole words only: "busy" is not "bus", "crisisline" is not "crisis"', () => {
    expect(matches('He is busy with soccer', ['bus'])).toBe(false);
    expect(matches('The bus was late', ['bus'])).toBe(true);
    expect(matches('They called the crisisline', ['crisis'])).toBe(false);
  });

  it('any case, accents ignored both ways, curly apostrophes as straight ones', () => {
    expect(matches('Family is in CRÍSIS this week', ['crisis'])).toBe(true);
    expect(matches('el autobus no paso', ['el autobús no pasó'])).toBe(true);
    expect(matches('The bus didn’t come', ["bus didn't come"])).toBe(true);
  });

  it('spaces and hyphens are the same, and runs of spaces are one', () => {
    expect(matches('self harm mentioned', ['self-harm'])).toBe(true);
    expect(matches('The bus  never\ncame', ['bus never came'])).toBe(true);
    expect(matches('selfXharm', ['self-harm'])).toBe(false);
  });

  it('a phrase right after a negation does not match, unless it starts with one', () => {
    expect(matches('No crisis at home', ['crisis'])).toBe(false);
    expect(matches('Not homeless anymore', ['homeless'])).toBe(false);
    expect(matches('no signs of abuse', ['abuse'])).toBe(false);
    expect(matches('Sin violencia en casa', ['violencia'])).toBe(false);
    expect(matches('There is no food at home', ['no food'])).toBe(true);
    expect(matches('Están sin hogar', ['sin hogar'])).toBe(true);
  });

  it('a negation reaches only its own clause and three words', () => {
    expect(matches('No, they were evicted', ['evicted'])).toBe(true);
    expect(matches('No phone at home and last week the family was evicted', ['evicted'])).toBe(true);
    expect(matches('Not sure why. They are homeless', ['homeless'])).toBe(true);
  });

  it('matches when one mention is negated and another is not', () => {
    expect(matches('Not a crisis yesterday, but today a crisis', ['crisis'])).toBe(true);
  });

  it('treats phrase characters literally', () => {
    expect(matches('a+b (c)', ['a+b (c)'])).toBe(true);
    expect(matches('aab c', ['a+b (c)'])).toBe(false);
  });
});

describe('recipientsFor', () => {
  const maple = { principalEmails: ['park@x.org'], followUpEmails: ['lee@x.org', 'ruiz@x.org'] };
  const custom: AlertRoute[] = [
    { category: 'Safety', phrases: ['unsafe'], notify: ['Principal', 'Follow-up'] },
    { category: 'Housing', phrases: ['evicted'], notify: ['Follow-up', 'housing@district.org'] },
    { category: 'Nobody', phrases: ['zzz'], notify: ['Principal'] },
  ];

  it('resolves Principal and Follow-up for the call’s school, plus emails, each once', () => {
    expect(
      recipientsFor(
        [
          { category: 'Safety', phrase: 'unsafe' },
          { category: 'Housing', phrase: 'evicted' },
        ],
        custom,
        maple,
      ),
    ).toEqual({ to: ['park@x.org', 'lee@x.org', 'ruiz@x.org', 'housing@district.org'], fallback: 'none' });
  });

  it('marked urgent with nothing matched: Follow-up Emails, else Principal Emails, else nobody', () => {
    expect(recipientsFor([], custom, maple)).toEqual({
      to: ['lee@x.org', 'ruiz@x.org'],
      fallback: 'follow-up',
    });
    expect(recipientsFor([], custom, { principalEmails: ['park@x.org'], followUpEmails: [] })).toEqual({
      to: ['park@x.org'],
      fallback: 'principal',
    });
    expect(recipientsFor([], custom, undefined)).toEqual({ to: [], fallback: 'nobody' });
  });

  it('a route naming only what the school lacks falls back too', () => {
    expect(
      recipientsFor([{ category: 'Nobody', phrase: 'zzz' }], custom, {
        principalEmails: [],
        followUpEmails: ['lee@x.org'],
      }),
    ).toEqual({ to: ['lee@x.org'], fallback: 'follow-up' });
  });
});

describe('phrasesToMigrate', () => {
  it('keeps nothing from the old default, and the leader’s own phrases otherwise', () => {
    const old =
      'crisis\nemergency\neviction\nevicted\nhomeless\nshelter\nunsafe\nabuse\nneglect\nviolence\nself-harm\nsuicide\nhospital\nno food\nbullied\nbus never came';
    expect(phrasesToMigrate(old, routes)).toEqual([]);
    expect(phrasesToMigrate('evicted\nflood\nfire; Flood', routes)).toEqual(['flood', 'fire']);
  });
});
