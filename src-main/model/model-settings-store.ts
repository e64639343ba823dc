/**
 * The model settings as stored: one JSON setting (`model`) in the user's library database. A stored
 * value that no longer passes the schema (written by a newer or broken build) reads as "not configured"
 * rather than breaking the app; saving again replaces it.
 */
import type { ReadDb, WriteDb } from '../storage/db-handles.js';
import { deleteSetting, getSetting, setSetting } from '../storage/settings.repo.js';
import { modelSettingsSchema, type ModelSettings, type ModelSettingsInput } from './model-settings.std.js';

export const MODEL_SETTINGS_KEY = 'model';

export function loadModelSettings(db: ReadDb): ModelSettings | null {
  const parsed = modelSettingsSchema.safeParse(getSetting(db, MODEL_SETTINGS_KEY));
  return parsed.success ? parsed.data : null;
}

export function saveModelSettings(db: WriteDb, input: ModelSettingsInput, now?: number): ModelSettings {
  const settings = modelSettingsSchema.parse(input);
  // An empty key means "none": it is left out rather than stored.
  const { apiKey, ...rest } = settings;
  const stored: ModelSettings = apiKey !== undefined && apiKey !== '' ? { ...rest, apiKey } : rest;
  setSetting(db, MODEL_SETTINGS_KEY, stored, now !== undefined ? { now } : {});
  return stored;
}

export function clearModelSettings(db: WriteDb): boolean {
  return deleteSetting(db, MODEL_SETTINGS_KEY);
}
