/**
 * The pasted problem with its numbers as chips: a masked number shows its placeholder name, a click
 * masks or unmasks it. Selecting other text offers to mark it as a number.
 */
import { useRef, useState } from 'react';
import type { NumberSpan } from '../../src-main/authoring/authoring-types.std.js';
import { textPieces } from './draft.js';

interface Props {
  text: string;
  spans: NumberSpan[];
  onToggle: (index: number) => void;
  onMark: (start: number, end: number) => void;
}

/**
 * The offset in the problem text of a DOM selection end inside a `[data-at]` text piece, or null elsewhere.
 * A selection end is either in a text node (offset = characters) or on an element (offset = children before).
 */
function offsetOf(node: Node | null, offset: number, root: HTMLElement): number | null {
  const el = node instanceof HTMLElement ? node : node?.parentElement;
  const piece = el?.closest<HTMLElement>('[data-at]');
  if (!piece || !root.contains(piece) || node === null) return null;
  const at = Number(piece.dataset.at);
  if (node.nodeType === Node.TEXT_NODE) return at + offset;
  const before = [...node.childNodes].slice(0, offset).reduce((n, c) => n + (c.textContent?.length ?? 0), 0);
  return at + before;
}

export function ProblemMarkup({ text, spans, onToggle, onMark }: Props) {
  const root = useRef<HTMLParagraphElement>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);

  const readSelection = (): void => {
    const sel = window.getSelection();
    const el = root.current;
    if (!sel || sel.isCollapsed || el === null) {
      setSelection(null);
      return;
    }
    const a = offsetOf(sel.anchorNode, sel.anchorOffset, el);
    const b = offsetOf(sel.focusNode, sel.focusOffset, el);
    if (a === null || b === null || a === b) {
      setSelection(null);
      return;
    }
    setSelection({ start: Math.min(a, b), end: Math.max(a, b) });
  };

  return (
    <div className="problem-markup">
      <p className="problem-markup-text" ref={root} onMouseUp={readSelection} onKeyUp={readSelection} data-testid="problem-markup">
        {textPieces(text, spans).map((piece) =>
          piece.kind === 'text' ? (
            <span key={`t${piece.at}`} data-at={piece.at}>
              {piece.text}
            </span>
          ) : (
            <button
              key={`s${piece.index}`}
              type="button"
              className={`num-chip ${piece.span.masked ? 'is-masked' : 'is-unmasked'} kind-${piece.span.kind}`}
              aria-pressed={piece.span.masked}
              title={`${piece.span.masked ? 'Masked as' : 'Kept as written; click to mask as'} {${piece.span.name}} (${piece.span.kind}, value ${String(piece.span.value)})${piece.span.note !== null ? ` — ${piece.span.note}` : ''}`}
              onClick={() => onToggle(piece.index)}
              data-testid="num-chip"
            >
              <span className="num-chip-text">{piece.span.text}</span>
              {piece.span.masked && <span className="num-chip-name">{piece.span.name}</span>}
            </button>
          ),
        )}
      </p>
      <div className="markup-actions">
        {selection !== null ? (
          <button
            type="button"
            className="button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              onMark(selection.start, selection.end);
              setSelection(null);
              window.getSelection()?.removeAllRanges();
            }}
          >
            Mark “{text.slice(selection.start, selection.end).trim()}” as a number
          </button>
        ) : (
          <span className="hint-line">Click a number to mask or unmask it; select other text to mark it as a number.</span>
        )}
      </div>
    </div>
  );
}
