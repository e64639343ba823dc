/**
 * Calendar days in the learner's local time (streaks and the daily chart are about days as the
 * learner lives them, not UTC). Days are compared by their calendar date, never by subtracting
 * 24 hours, so the 23- and 25-hour days around daylight-saving changes count as one day each.
 */
import type { EpochMs } from '../storage/storage.types.js';

export interface DayClock {
  /** ISO date ("2026-03-08") of an instant, in the clock's time zone. */
  dateOf(at: EpochMs): string;
}

const clocks = new Map<string, DayClock>();

/** A clock for an IANA time zone ("Europe/Berlin"); `undefined` = the system's local time zone. */
export function dayClock(timeZone?: string): DayClock {
  // Keyed by the resolved zone, so a change of the system zone (TZ) is seen on the next call.
  const key = timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const cached = clocks.get(key);
  if (cached !== undefined) return cached;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: key, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' });
  } catch (error) {
    throw new Error(`dayClock: unknown time zone ${JSON.stringify(timeZone)} (expected an IANA name such as "Europe/Berlin")`, { cause: error });
  }
  const clock: DayClock = {
    dateOf(at) {
      if (!Number.isFinite(at)) throw new Error(`dayClock: not a valid time: ${at}`);
      const parts = format.formatToParts(at);
      const part = (type: Intl.DateTimeFormatPartTypes): string => {
        const value = parts.find((p) => p.type === type)?.value;
        if (value === undefined) throw new Error(`dayClock: the date of ${at} has no ${type}`);
        return value;
      };
      return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
    },
  };
  clocks.set(key, clock);
  return clock;
}

/** Days since 1970-01-01 of an ISO date: consecutive dates differ by exactly 1. */
export function dayNumber(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) throw new Error(`dayNumber: expected an ISO date YYYY-MM-DD; got ${JSON.stringify(isoDate)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

/**
 * Consecutive practice days ending today, or ending yesterday (today's practice may still come:
 * the streak is not broken until a whole day is missed). 0 when neither day has practice.
 */
export function streakDays(practiceDates: Iterable<string>, today: string): number {
  const days = new Set<number>();
  for (const date of practiceDates) days.add(dayNumber(date));
  let day = dayNumber(today);
  if (!days.has(day)) day -= 1;
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day -= 1;
  }
  return streak;
}
