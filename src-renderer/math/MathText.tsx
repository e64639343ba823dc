/** Text with inline/display math, rendered with KaTeX; the non-math text is React text (escaped). */
import { useMemo } from 'react';
import { mathToHtml } from './math-html.js';
import { glueForWrapping, splitMath, type MathSegment } from './math-segments.js';

function Formula({ math }: { math: MathSegment }) {
  return <span className={math.display ? 'math math-display' : 'math'} dangerouslySetInnerHTML={{ __html: mathToHtml(math.tex, math.display) }} />;
}

export function MathText({ text, className }: { text: string; className?: string }) {
  const pieces = useMemo(() => glueForWrapping(splitMath(text)), [text]);
  return (
    <span className={className}>
      {pieces.map((piece, i) =>
        piece.kind === 'text' ? (
          <span key={i}>{piece.text}</span>
        ) : piece.kind === 'glued' ? (
          <span key={i} className="nobr">
            {piece.before}
            <Formula math={piece.math} />
            {piece.after}
          </span>
        ) : (
          <Formula key={i} math={piece} />
        ),
      )}
    </span>
  );
}
