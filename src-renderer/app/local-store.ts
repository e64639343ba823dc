/**
 * Small typed wrapper over localStorage. Storage can be unavailable (privacy settings, a full disk),
 * and the stored text can be anything an older version or a person wrote: reads never throw.
 */
export function readStored<T>(key: string, guard: (value: unknown) => value is T): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (raw === null) return null;
    const value: unknown = JSON.parse(raw);
    return guard(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembering is acceptable: the learner picks again next time.
  }
}
