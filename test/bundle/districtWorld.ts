/**
 * A district of several trackers in one emulated Drive: school trackers (the built add-on, each
 * its own spreadsheet with its own owner and sharing) and a district tracker (the same code with
 * the district manifest, build-district/). Shared by the district tests, the benchmark and the
 * preview's sample.
 */
import path from 'node:path';
import { Emulator } from '../../dev/emulator';
import type { Drive } from '../../dev/emulator/drive';
import { addRows, BUILD_DIR, NOW, OWNER, TZ } from './helpers';

export const DISTRICT_BUILD_DIR = path.resolve(__dirname, '../../build-district');

export interface SchoolPeople {
  principal: string;
  teachers: Array<{ email: string; name: string; goal: number }>;
  /** Roster families, two students each (siblings). */
  families: number;
}

/** A set-up tracker for one school, its Staff, Schools and Roster filled in (its owner is its principal unless told). */
export function schoolTracker(
  drive: Drive | null,
  school: string,
  people: SchoolPeople,
  options: { owner?: string; leaders?: string[] } = {},
): Emulator {
  const owner = options.owner ?? people.principal;
  const emu = new Emulator({
    timeZone: TZ,
    owner,
    name: `${school} calls`,
    ...(drive ? { drive } : { now: NOW }),
  }).load(BUILD_DIR);
  emu.run('setUpTracker', [], { user: owner });
  addRows(emu, 'Staff', [
    ...(options.leaders ?? []).map((email) => ({
      Email: email,
      Name: 'District leader',
      School: 'District Office',
      Role: 'Leader',
      'Call Goal': '',
    })),
    {
      Email: people.principal,
      Name: `Principal of ${school}`,
      School: school,
      Role: 'Principal',
      'Call Goal': '',
    },
    ...people.teachers.map((t) => ({
      Email: t.email,
      Name: t.name,
      School: school,
      Role: 'Teacher',
      'Call Goal': t.goal,
    })),
  ]);
  addRows(emu, 'Schools', [
    {
      School: school,
      'Principal Emails': people.principal,
      'Follow-up Emails': people.principal,
      'Goal Deadline': '',
    },
  ]);
  addRows(
    emu,
    'Roster',
    Array.from({ length: people.families * 2 }, (_, i) => {
      const family = Math.floor(i / 2);
      return {
        'Student ID': `${school.slice(0, 2).toUpperCase()}${String(i).padStart(5, '0')}`,
        Student: `${school.split(' ')[0]} Student ${i}`,
        Grade: String(1 + (i % 5)),
        School: school,
        'Family Member': `${school.split(' ')[0]} Parent ${family} (mother)`,
        Phone: `555-${String(1000 + family).slice(-4)}`,
        Email: '',
        'Home Language': 'English',
        'Assigned To': people.teachers[family % people.teachers.length].email,
        Priority: '',
      };
    }),
  );
  emu.run('setUpTracker', [], { user: owner });
  return emu;
}

/** A set-up district tracker owned by `owner`, with these Leaders on its Staff. */
export function districtTracker(drive: Drive, owner: string, leaders: string[]): Emulator {
  const emu = new Emulator({ timeZone: TZ, owner, name: 'District rollup', drive }).load(DISTRICT_BUILD_DIR);
  emu.run('setUpDistrictRollup', [], { user: owner });
  addRows(
    emu,
    'Staff',
    leaders.map((email, i) => ({
      Email: email,
      Name: `Leader ${i + 1}`,
      School: 'District Office',
      Role: 'Leader',
      'Call Goal': '',
    })),
  );
  emu.run('setUpDistrictRollup', [], { user: owner });
  return emu;
}

/** Pastes links on the Trackers tab, as a leader would. */
export function listTrackers(district: Emulator, links: string[]): void {
  addRows(
    district,
    'Trackers',
    links.map((Tracker) => ({ Tracker })),
  );
}

export { OWNER };
