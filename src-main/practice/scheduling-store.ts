/**
 * The library's scheduling settings, stored as one JSON setting (`practice.scheduling`). Nothing
 * stored means the defaults; a stored value that no longer passes the schema (a newer or broken build
 * wrote it) also reads as the defaults rather than stopping practice, and saving replaces it.
 */
import type { ReadDb, WriteDb } from '../storage/db-handles.js';
import { deleteSetting, getSetting, setSetting } from '../storage/settings.repo.js';
import { DEFAULT_SCHEDULING, schedulingSettingsSchema, type SchedulingSettings } from './scheduling-settings.std.js';

export const SCHEDULING_SETTINGS_KEY = 'practice.scheduling';

export function loadSchedulingSettings(db: ReadDb): SchedulingSettings {
  const parsed = schedulingSettingsSchema.safeParse(getSetting(db, SCHEDULING_SETTINGS_KEY));
  return parsed.success ? parsed.data : { ...DEFAULT_SCHEDULING, learningSteps: [...DEFAULT_SCHEDULING.learningSteps], relearningSteps: [...DEFAULT_SCHEDULING.relearningSteps] };
}

/** Validates and stores; throws zod's error for a value outside the limits. */
export function saveSchedulingSettings(db: WriteDb, input: unknown, now?: number): SchedulingSettings {
  const settings = schedulingSettingsSchema.parse(input);
  setSetting(db, SCHEDULING_SETTINGS_KEY, settings, now !== undefined ? { now } : {});
  return settings;
}

/** Back to the defaults (the stored value is removed, so later default changes apply). */
export function resetSchedulingSettings(db: WriteDb): SchedulingSettings {
  deleteSetting(db, SCHEDULING_SETTINGS_KEY);
  return loadSchedulingSettings(db);
}
