/** The final answer of a GSM8K-style solution (`… #### 1,250` → `1250`), or the field itself when it is already an answer. */
export function finalAnswer(raw: unknown): string | null {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string') return null;
  const marked = /####\s*(.+?)\s*$/.exec(raw);
  const text = (marked ? marked[1] ?? '' : raw).trim().replace(/(\d),(?=\d{3}\b)/g, '$1');
  return text === '' || text.length > 60 ? null : text;
}
