/** Keyboard shortcuts of the practice page (pure, so the mapping is tested without a browser). */

/** Choice index for a key: `1`–`9` or `A`–`E` (either case); null when the key picks nothing. */
export function choiceIndexForKey(key: string, choiceCount: number): number | null {
  let index: number | null = null;
  if (/^[1-9]$/.test(key)) index = Number(key) - 1;
  else if (/^[a-eA-E]$/.test(key)) index = key.toLowerCase().charCodeAt(0) - 'a'.charCodeAt(0);
  return index !== null && index < choiceCount ? index : null;
}

/** The letter shown on choice `index` (A, B, C…). */
export function choiceLetter(index: number): string {
  return String.fromCharCode('A'.charCodeAt(0) + index);
}

