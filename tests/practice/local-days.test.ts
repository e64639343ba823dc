import { describe, expect, it } from 'vitest';
import { dayClock, dayNumber, streakDays } from '../../src-main/practice/local-days.js';

describe('dayClock', () => {
  it('gives the calendar date in the chosen time zone', () => {
    const instant = Date.UTC(2026, 2, 8, 4, 30); // 23:30 on 7 March in New York, 05:30 on 8 March in Paris
    expect(dayClock('America/New_York').dateOf(instant)).toBe('2026-03-07');
    expect(dayClock('Europe/Paris').dateOf(instant)).toBe('2026-03-08');
    expect(dayClock('UTC').dateOf(Date.UTC(1999, 11, 31, 23, 59, 59, 999))).toBe('1999-12-31');
    // Kathmandu is UTC+5:45: its midnight falls at 18:15 UTC.
    expect(dayClock('Asia/Kathmandu').dateOf(Date.UTC(2026, 0, 1, 18, 14))).toBe('2026-01-01');
    expect(dayClock('Asia/Kathmandu').dateOf(Date.UTC(2026, 0, 1, 18, 15))).toBe('2026-01-02');
  });

  it('uses the system time zone by default and refuses unknown zones by name', () => {
    const system = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    const instant = Date.UTC(2026, 5, 1, 12);
    expect(dayClock().dateOf(instant)).toBe(dayClock(system).dateOf(instant));
    expect(() => dayClock('Mars/Olympus_Mons')).toThrow('dayClock: unknown time zone "Mars/Olympus_Mons"');
  });
});

describe('streakDays', () => {
  it('counts consecutive days ending today', () => {
    expect(streakDays(['2026-03-05', '2026-03-06', '2026-03-07'], '2026-03-07')).toBe(3);
  });

  it('still counts a streak that ended yesterday (today is not over)', () => {
    expect(streakDays(['2026-03-05', '2026-03-06'], '2026-03-07')).toBe(2);
  });

  it('is broken by a missed day, counting only the run after it', () => {
    expect(streakDays(['2026-03-01', '2026-03-02', '2026-03-04', '2026-03-05'], '2026-03-05')).toBe(2);
    expect(streakDays(['2026-03-01', '2026-03-02', '2026-03-03'], '2026-03-05')).toBe(0);
    expect(streakDays([], '2026-03-05')).toBe(0);
  });

  it('runs across month and year ends, a leap day and a daylight-saving change, and ignores duplicates and order', () => {
    expect(streakDays(['2024-03-01', '2024-02-28', '2024-02-29', '2024-02-29'], '2024-03-01')).toBe(3);
    expect(streakDays(['2025-12-31', '2026-01-01'], '2026-01-01')).toBe(2);
    expect(streakDays(['2026-03-07', '2026-03-08', '2026-03-09'], '2026-03-09')).toBe(3);
    expect(dayNumber('2026-03-09') - dayNumber('2026-03-08')).toBe(1);
    expect(() => dayNumber('9 March')).toThrow('dayNumber: expected an ISO date YYYY-MM-DD; got "9 March"');
  });
});
