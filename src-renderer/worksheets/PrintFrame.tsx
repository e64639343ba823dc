/**
 * The print HTML exactly as it prints, in a sandboxed iframe (`srcdoc`; no scripts may run in it), drawn at
 * the paper's real width and scaled down to fit the pane. Same-origin only so the pane can read the page's
 * height: the document itself has no script, and the sandbox forbids any.
 */
import { useEffect, useRef, useState } from 'react';

/** The paper's width in CSS pixels (96 per inch) plus the grey margin the print HTML draws around it on screen. */
const FRAME_WIDTH = { A4: Math.ceil((210 / 25.4) * 96) + 32, Letter: Math.ceil(8.5 * 96) + 32 } as const;

export function PrintFrame({ html, paper, title }: { html: string; paper: 'A4' | 'Letter'; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [boxWidth, setBoxWidth] = useState(0);
  const [height, setHeight] = useState(1200);
  const width = FRAME_WIDTH[paper];

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => setBoxWidth(el.clientWidth));
    observer.observe(el);
    setBoxWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  const measure = (): void => {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    setHeight(doc.documentElement.scrollHeight);
    // KaTeX's fonts arrive after `load` and can make the page taller: measure again once they are in.
    void doc.fonts.ready.then(() => {
      if (frame.current?.contentDocument === doc) setHeight(doc.documentElement.scrollHeight);
    });
  };

  const scale = boxWidth > 0 ? Math.min(1, boxWidth / width) : 1;
  return (
    <div className="ws-frame-box" ref={box} style={{ height: Math.ceil(height * scale) }}>
      <iframe
        ref={frame}
        className="ws-frame"
        title={title}
        sandbox="allow-same-origin"
        srcDoc={html}
        onLoad={measure}
        style={{ width, height, transform: `scale(${scale})` }}
        data-testid="preview-frame"
      />
    </div>
  );
}
