/**
 * What a district tracker remembers between runs, in its document properties: whose triggers
 * run its schedule (Apps Script shows each person only their own), and when the District tab was
 * last refreshed.
 */
import { currentTrackerProperty, setTrackerProperties } from './properties';

const SCHEDULE = 'district.schedule';
const REFRESHED_AT = 'district.refreshedAt';

export interface DistrictSchedule {
  by: string;
  /** The ids of the daily refresh and weekly digest triggers. */
  refresh: string;
  digest: string;
}

export function districtSchedule(): DistrictSchedule | null {
  const raw = currentTrackerProperty(SCHEDULE);
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as Partial<DistrictSchedule>;
    return typeof s.by === 'string' && typeof s.refresh === 'string' && typeof s.digest === 'string'
      ? { by: s.by, refresh: s.refresh, digest: s.digest }
      : null;
  } catch {
    return null;
  }
}

export function setDistrictSchedule(schedule: DistrictSchedule): void {
  setTrackerProperties({ [SCHEDULE]: JSON.stringify(schedule) });
}

export function districtRefreshedAt(): Date | null {
  const raw = currentTrackerProperty(REFRESHED_AT);
  return raw ? new Date(raw) : null;
}

export function markDistrictRefreshed(at: Date): void {
  setTrackerProperties({ [REFRESHED_AT]: at.toISOString() });
}
