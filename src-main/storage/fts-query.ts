/**
 * Turns whatever a user typed into a safe FTS5 query. Raw user text is never an FTS5 query: `NEAR`,
 * `AND`, `*`, `"`, `-`, `:` and parentheses are syntax there, and a stray one makes MATCH throw.
 *
 * The text is split into words the way the `unicode61` tokenizer splits it (letters, digits, marks
 * and private-use characters form words; everything else separates them), each word becomes a
 * quoted prefix term (`"word"*`), and the terms are ANDed. So "café 25" finds rows containing a
 * word starting with "cafe" (diacritics are folded by the tokenizer) and one starting with "25".
 */

/** More terms than this narrows nothing useful and only makes the query slower. */
const MAX_TERMS = 16;
/** Longer "words" are pasted noise (a base64 blob); a prefix this long is already unique. */
const MAX_TERM_LENGTH = 64;

/** A run of word characters, as the unicode61 tokenizer sees words. */
export const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** The distinct search words of `text`, lower-cased, at most MAX_TERMS of them. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.normalize('NFC').matchAll(WORD)) {
    const raw = match[0];
    // A word made only of combining marks is no word for the tokenizer either.
    if (!/[\p{L}\p{N}\p{Co}]/u.test(raw)) continue;
    // Cut by code points, not UTF-16 units, so an astral character is never split in half.
    const word = Array.from(raw).slice(0, MAX_TERM_LENGTH).join('').toLowerCase();
    if (terms.includes(word)) continue;
    terms.push(word);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** The FTS5 query for `text`, or `null` when the text holds no searchable word (then nothing matches). */
export function toFtsQuery(text: string): string | null {
  const terms = searchTerms(text);
  // Inside an FTS5 string a double quote is written twice; words cannot contain one, but quoting
  // stays correct even if the word rules change.
  return terms.length === 0 ? null : terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(' ');
}

/** Case and diacritics folded the way `unicode61 remove_diacritics 2` folds them (close enough to highlight). */
export function foldForSearch(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
