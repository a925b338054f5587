/**
 * The Alert Routes tab's starting rows, and moving an older tracker's Urgent Phrases setting
 * into it. Phrases are chosen for precision as much as recall: a counselor who gets alerts for
 * "Mom works at the hospital" stops reading them, so bare words that are usually benign
 * ("hospital", "emergency", "bus") are not phrases here.
 */
import { AlertRoute, foldText, NOTIFY_FOLLOW_UP, NOTIFY_PRINCIPAL } from './urgency';

const both = [NOTIFY_PRINCIPAL, NOTIFY_FOLLOW_UP];
const followUp = [NOTIFY_FOLLOW_UP];

export const DEFAULT_ALERT_ROUTES: readonly AlertRoute[] = [
  {
    category: 'Safety',
    notify: both,
    phrases: [
      'abuse',
      'abused',
      'abusing',
      'neglect',
      'neglected',
      'unsafe',
      'not safe',
      'violence',
      'violent',
      'self-harm',
      'hurting himself',
      'hurting herself',
      'hurt himself',
      'hurt herself',
      'suicide',
      'suicidal',
      'wants to die',
      'abuso',
      'abusan',
      'maltrato',
      'maltratan',
      'negligencia',
      'violencia',
      'no está seguro',
      'no está segura',
      'no se siente seguro',
      'no se siente segura',
      'suicidio',
      'hacerse daño',
      'quiere morir',
    ],
  },
  {
    category: 'Housing',
    notify: followUp,
    phrases: [
      'evicted',
      'eviction',
      'homeless',
      'homeless shelter',
      'in a shelter',
      'at a shelter',
      'in the shelter',
      'to a shelter',
      'sleeping in their car',
      'sleeping in the car',
      'sleeping in our car',
      'living in their car',
      'living in the car',
      'living in a car',
      'lost their home',
      'lost their apartment',
      'nowhere to live',
      'nowhere to stay',
      'no place to live',
      'no place to stay',
      'desalojo',
      'desalojados',
      'desalojaron',
      'sin hogar',
      'sin casa',
      'en un refugio',
      'en el refugio',
      'albergue',
      'durmiendo en el carro',
      'durmiendo en el coche',
      'viviendo en el carro',
      'viviendo en el coche',
      'no tenemos donde vivir',
      'no tienen donde vivir',
      'no tenemos dónde vivir',
      'no tienen dónde vivir',
    ],
  },
  {
    category: 'Food',
    notify: followUp,
    phrases: [
      'no food',
      'not enough food',
      'nothing to eat',
      'out of food',
      'going hungry',
      'go hungry',
      'goes hungry',
      'went hungry',
      'skipping meals',
      'no tenemos comida',
      'no tienen comida',
      'no hay comida',
      'sin comida',
      'no alcanza la comida',
      'pasando hambre',
      'pasan hambre',
    ],
  },
  {
    category: 'Health',
    notify: followUp,
    phrases: [
      'hospitalized',
      'emergency room',
      'medical emergency',
      'overdose',
      'seizure',
      'no medicine',
      'out of medicine',
      'ran out of medicine',
      'no insulin',
      "can't afford medicine",
      "can't afford his medicine",
      "can't afford her medicine",
      'hospitalizado',
      'hospitalizada',
      'sala de emergencia',
      'emergencia médica',
      'sobredosis',
      'convulsión',
      'convulsiones',
      'sin medicina',
      'sin medicamento',
      'no tenemos medicina',
    ],
  },
  {
    category: 'Transportation',
    notify: followUp,
    phrases: [
      'bus never came',
      "bus didn't come",
      'bus did not come',
      "bus doesn't come",
      "bus hasn't come",
      'bus never showed',
      'bus left him',
      'bus left her',
      'no way to get to school',
      "can't get to school",
      'no ride to school',
      'no transportation',
      'el autobús no pasó',
      'el autobús no llegó',
      'el autobús nunca llegó',
      'el bus no pasó',
      'el bus no llegó',
      'el camión no pasó',
      'el camión no llegó',
      'no tiene transporte',
      'no tenemos transporte',
      'sin transporte',
    ],
  },
  {
    category: 'Family crisis',
    notify: followUp,
    phrases: [
      'crisis',
      'family emergency',
      'detained',
      'deported',
      'deportation',
      'arrested',
      'emergencia familiar',
      'crisis familiar',
      'detenido',
      'detenida',
      'deportado',
      'deportada',
      'deportación',
      'arrestado',
      'arrestada',
    ],
  },
  {
    category: 'Bullying',
    notify: followUp,
    phrases: [
      'bullied',
      'being bullied',
      'bullying him',
      'bullying her',
      'le hacen bullying',
      'acoso escolar',
    ],
  },
];

/** The category a customized Urgent Phrases setting moves to. */
export const OTHER_CATEGORY = 'Other';

/** What Settings' Urgent Phrases held by default before Alert Routes: an unchanged value needs no route. */
export const FORMER_DEFAULT_URGENT_PHRASES = [
  'crisis',
  'emergency',
  'eviction',
  'evicted',
  'homeless',
  'shelter',
  'unsafe',
  'abuse',
  'neglect',
  'violence',
  'self-harm',
  'suicide',
  'hospital',
  'no food',
  'bullied',
  'bus never came',
];

/**
 * The phrases a leader typed into the old Urgent Phrases setting that the routes do not already
 * hold; empty when the setting still has its old default (nothing of theirs to keep).
 */
export function phrasesToMigrate(settingText: string, routes: readonly AlertRoute[]): string[] {
  const typed = settingText
    .split(/\r?\n|;/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const key = (p: string): string => foldText(p).replace(/[\s-]+/g, ' ');
  const former = new Set(FORMER_DEFAULT_URGENT_PHRASES.map(key));
  if (typed.length === former.size && typed.every((p) => former.has(key(p)))) return [];
  const known = new Set(routes.flatMap((r) => r.phrases.map(key)));
  const out: string[] = [];
  for (const p of typed) {
    if (!known.has(key(p))) {
      known.add(key(p));
      out.push(p);
    }
  }
  return out;
}
