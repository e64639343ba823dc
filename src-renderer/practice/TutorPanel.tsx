/**
 * "Ask the tutor": a local model's help on this problem, when the user has set one up in Settings
 * (otherwise a link there). The reply streams in as events, already passed through the engine's
 * answer-leak guard (the answer shows as ▮▮), and is rendered as text with KaTeX for `$…$` math,
 * never as HTML. Stop ends it; a failing server shows its message and practice simply carries on.
 *
 * Rendering keeps up with a long reply: deltas are applied at most once per frame, and finished
 * paragraphs keep their rendered math (tutor-reply.ts), so each frame typesets only the paragraph
 * still arriving.
 */
import { memo, useEffect, useId, useRef, useState } from 'react';
import type { ApiEvent } from '../../src-main/api/contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import { MathText } from '../math/MathText.js';
import { appendReply, EMPTY_REPLY, replyText, type StreamedReply } from './tutor-reply.js';

/** A finished paragraph: its text never changes, so it is rendered once. */
const SettledParagraph = memo(function SettledParagraph({ text }: { text: string }) {
  return <MathText text={text} />;
});

const CUT_TEXT = {
  'too-long': 'The reply was cut off here: it reached the length limit for a hint.',
  'max-tokens': 'The model stopped here: it reached its token limit.',
} as const;

/** Runs `fn` once per animation frame at most (or soon, where frames do not run: a hidden tab). */
function frameScheduler(fn: () => void): { schedule: () => void; flush: () => void; cancel: () => void } {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
    fn();
  };
  return {
    schedule: () => {
      if (frame !== undefined) return;
      frame = requestAnimationFrame(run);
      // A hidden tab runs no frames; the reply still arrives (at 4 updates a second).
      timer = setTimeout(run, 250);
    },
    flush: run,
    cancel: () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
      frame = undefined;
      timer = undefined;
    },
  };
}

interface Props {
  learnerId: number;
  templateId: string;
  seed: number;
}

type Phase = 'loading' | 'off' | 'idle' | 'asking' | 'streaming' | 'done' | 'stopped' | 'error';
type TutorEvent = Extract<ApiEvent, { type: 'tutor.delta' | 'tutor.done' | 'tutor.error' }>;

function isTutorEvent(e: ApiEvent): e is TutorEvent {
  return e.type === 'tutor.delta' || e.type === 'tutor.done' || e.type === 'tutor.error';
}

export function TutorPanel({ learnerId, templateId, seed }: Props) {
  const api = useApi();
  const titleId = useId();
  const [phase, setPhase] = useState<Phase>('loading');
  const [model, setModel] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [reply, setReply] = useState<StreamedReply>(EMPTY_REPLY);
  const [masked, setMasked] = useState(0);
  const [cut, setCut] = useState<keyof typeof CUT_TEXT | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The request being shown, and events that arrived before its id did (the stream may beat the reply).
  const current = useRef<string | null>(null);
  const early = useRef<TutorEvent[]>([]);
  /** Starts showing request `id` (set by the events effect, which owns how events are applied). */
  const follow = useRef<(id: string) => void>(() => undefined);

  useEffect(() => {
    let live = true;
    api.call('model.getSettings', {}).then(
      ({ settings }) => {
        if (!live) return;
        setModel(settings?.model ?? null);
        setPhase(settings === null ? 'off' : 'idle');
      },
      () => live && setPhase('off'),
    );
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    // Deltas wait here until the next frame, then go in as one update.
    let pending = '';
    const frames = frameScheduler(() => {
      const text = pending;
      pending = '';
      if (text !== '') setReply((r) => appendReply(r, text));
    });
    const apply = (e: TutorEvent): void => {
      if (e.type === 'tutor.delta') {
        pending += e.text;
        frames.schedule();
        setPhase('streaming');
        return;
      }
      frames.flush();
      if (e.type === 'tutor.done') {
        setMasked(e.masked);
        setCut(e.cut ?? null);
        setPhase(e.stopped ? 'stopped' : 'done');
        current.current = null;
      } else {
        setError(e.message);
        setPhase('error');
        current.current = null;
      }
    };
    const off = api.onEvent((e) => {
      if (!isTutorEvent(e)) return;
      if (current.current === null) {
        if (early.current.length < 1000) early.current.push(e);
      } else if (e.requestId === current.current) apply(e);
    });
    follow.current = (id: string) => {
      current.current = id;
      for (const e of early.current.splice(0)) if (e.requestId === id) apply(e);
    };
    return () => {
      frames.cancel();
      off();
    };
  }, [api]);

  // Leaving the problem stops its reply: nobody is reading it any more.
  useEffect(
    () => () => {
      const id = current.current;
      if (id !== null) api.call('tutor.stop', { requestId: id }).catch(() => undefined);
    },
    [api],
  );

  const ask = (): void => {
    if (phase === 'asking' || phase === 'streaming') return;
    setReply(EMPTY_REPLY);
    setMasked(0);
    setCut(null);
    setError(null);
    setPhase('asking');
    early.current = [];
    const q = question.trim();
    api.call('tutor.ask', { learnerId, templateId, seed, ...(q !== '' ? { question: q } : {}) }).then(
      ({ requestId }) => follow.current(requestId),
      (e: unknown) => {
        setError(errorMessage(e));
        setPhase('error');
      },
    );
  };

  const stop = (): void => {
    const id = current.current;
    if (id !== null) api.call('tutor.stop', { requestId: id }).catch(() => undefined);
  };

  if (phase === 'loading') return null;
  if (phase === 'off') {
    return (
      <section className="tutor-panel tutor-off" data-testid="tutor-panel" data-state="off">
        <p>
          Want a tutor’s help too? <a href={routeHash('settings')} data-testid="tutor-setup-link">Set up a local model in Settings</a>.
        </p>
      </section>
    );
  }

  const busy = phase === 'asking' || phase === 'streaming';
  return (
    <section className="tutor-panel" aria-labelledby={titleId} data-testid="tutor-panel" data-state={phase}>
      <h2 id={titleId}>Ask the tutor</h2>
      <form
        className="tutor-ask"
        onSubmit={(e) => {
          e.preventDefault();
          ask();
        }}
      >
        <label className="tutor-question-label">
          <span>Your question (optional)</span>
          <input
            type="text"
            value={question}
            maxLength={1000}
            placeholder="e.g. Where do I start?"
            onChange={(e) => setQuestion(e.target.value)}
            disabled={busy}
            data-testid="tutor-question"
          />
        </label>
        <div className="tutor-buttons">
          {busy ? (
            <button type="button" className="button" onClick={stop} data-testid="tutor-stop">
              Stop
            </button>
          ) : (
            <button type="submit" className="button button-primary" data-testid="tutor-ask">
              {phase === 'idle' ? 'Ask the tutor' : 'Ask again'}
            </button>
          )}
        </div>
      </form>
      {(replyText(reply) !== '' || busy) && (
        <div className="tutor-reply" aria-live="polite" aria-busy={busy} data-testid="tutor-reply" data-paragraphs={reply.settled.length + (reply.live !== '' ? 1 : 0)}>
          {replyText(reply) === '' ? (
            <p className="loading-line">The tutor is thinking…</p>
          ) : (
            <span className="tutor-reply-text">
              {reply.settled.map((p, i) => (
                <SettledParagraph key={i} text={p} />
              ))}
              {reply.live !== '' && <MathText text={reply.live} />}
            </span>
          )}
          {phase === 'streaming' && <span className="tutor-cursor" aria-hidden="true" />}
        </div>
      )}
      {cut !== null && (phase === 'done' || phase === 'stopped') && (
        <p className="tutor-note" data-testid="tutor-cut">
          {CUT_TEXT[cut]}
        </p>
      )}
      {phase === 'stopped' && <p className="tutor-note">Stopped.</p>}
      {masked > 0 && (phase === 'done' || phase === 'stopped') && (
        <p className="tutor-note" data-testid="tutor-masked">
          The tutor started to give the answer away, so it is hidden (▮▮): the last step is yours to work out.
        </p>
      )}
      {error !== null && (
        <p className="error-text" role="alert" data-testid="tutor-error">
          {error}
        </p>
      )}
      <p className="tutor-footnote">
        {model !== null ? `Model: ${model} (on your own server). ` : ''}A model can be wrong: check its steps.
      </p>
    </section>
  );
}
