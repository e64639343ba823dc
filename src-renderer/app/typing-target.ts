/**
 * For page-level single-key shortcuts: true when a key press belongs to whatever has focus (typing in a box, a select, a math field),
 * so the shortcut must leave the key alone.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || tag === 'math-field';
}
