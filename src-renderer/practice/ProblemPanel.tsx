/**
 * One problem: its text, the answer entry that suits its format, the verdict, and what to do next.
 * Re-mounted for every problem (keyed by template and seed), so local state starts fresh. Focus
 * follows the loop: the answer box on arrival, "Try again" after a miss, "Next" once done.
 */
import { useEffect, useRef, useState } from 'react';
import { isTypingTarget } from '../app/typing-target.js';
import { AnswerForm } from './AnswerForm.js';
import { answerPreview } from './answer-preview.js';
import { ChoiceButtons } from './ChoiceButtons.js';
import { FeedbackPanel } from './FeedbackPanel.js';
import { HintsPanel } from './HintsPanel.js';
import { canMoveOn, canRetry, canSkip, isFinished } from './practice-state.js';
import { PracticeActions } from './PracticeActions.js';
import { ProblemStatement } from './ProblemStatement.js';
import { choiceIndexForKey } from './shortcuts.js';
import type { PracticeSession } from './use-practice-session.js';

/** One shared empty list, so the key handler below is not re-attached on every render. */
const NO_CHOICES: readonly string[] = [];

interface Props {
  session: PracticeSession;
  strandLabel: string | null;
  learnerId: number;
}

export function ProblemPanel({ session, strandLabel, learnerId }: Props) {
  const { state } = session;
  const { problem, busy, result, revealed } = state;
  const [answer, setAnswer] = useState('');
  const answerRef = useRef<HTMLElement | null>(null);
  const tryAgainRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const finished = isFinished(state);
  const retryable = canRetry(state);
  const movable = canMoveOn(state);
  // Not once Skip is pressed (busy), so the button keeps its place while the next problem loads.
  const skippable = !finished && problem !== null && (canSkip(state) || busy === 'skip');

  // Focus: the answer entry when the problem arrives (also sets where "Try again" returns to).
  const hasProblem = problem !== null;
  useEffect(() => {
    if (hasProblem) answerRef.current?.focus();
  }, [hasProblem]);

  useEffect(() => {
    if (finished) nextRef.current?.focus();
    else if (retryable) tryAgainRef.current?.focus(); // also "right but simplify it": simplifying is the point
    else if (result?.verdict === 'invalid') answerRef.current?.focus();
  }, [result, finished, retryable]);

  // Page-level keys: N = next; S = skip; 1–9 / A–E = a choice. Never while typing in a field.
  const choices = problem?.answerFormat === 'multiple_choice' ? (problem.choices ?? NO_CHOICES) : NO_CHOICES;
  const { next, submit, skip } = session;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || isTypingTarget(event.target)) return;
      if ((event.key === 'n' || event.key === 'N') && movable) {
        event.preventDefault();
        next();
        return;
      }
      if ((event.key === 's' || event.key === 'S') && skippable) {
        event.preventDefault();
        skip();
        return;
      }
      const index = finished ? null : choiceIndexForKey(event.key, choices.length);
      const choice = index === null ? undefined : choices[index];
      if (choice !== undefined) {
        event.preventDefault();
        submit(choice);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [movable, skippable, finished, choices, next, submit, skip]);

  // The box's own "read as" line already shows a plain number's reading; the server's adds to it
  // for choices, expressions and anything it could not read.
  const localReading = state.lastAnswer === null || problem === null ? null : answerPreview(state.lastAnswer, problem.answerFormat);
  // An invalid answer's message already says what could not be read.
  const showReadAs = result?.verdict !== 'invalid' && !(localReading?.kind === 'read' && localReading.text === result?.readAs);

  const tryAgain = (): void => {
    const target = answerRef.current;
    target?.focus();
    if (target instanceof HTMLInputElement) target.select();
  };

  if (problem === null) {
    return (
      <div className="problem-card problem-loading" aria-busy="true">
        {state.error !== null ? (
          <div role="alert" className="error-box">
            <p>{state.waitingForEngine ? 'Getting the problem engine ready… this takes a few seconds the first time.' : `Could not get a problem: ${state.error}`}</p>
            <button type="button" className="button" onClick={session.retry} data-testid="retry-problem">
              Try again
            </button>
          </div>
        ) : (
          <p className="loading-line">Getting a problem…</p>
        )}
      </div>
    );
  }

  return (
    <div className="practice-layout">
      <section className={`problem-card${finished && !revealed ? ' is-solved' : ''}`} aria-label="Problem" aria-busy={busy === 'problem'}>
        <ProblemStatement problem={problem} strandLabel={strandLabel} />
        {problem.answerFormat === 'multiple_choice' && problem.choices !== null ? (
          <ChoiceButtons
            choices={problem.choices}
            onChoose={submit}
            disabled={finished || busy !== null}
            lastAnswer={state.lastAnswer}
            verdict={result?.verdict ?? null}
            firstRef={answerRef}
          />
        ) : (
          <AnswerForm
            format={problem.answerFormat}
            unit={problem.answerUnit}
            value={answer}
            onChange={setAnswer}
            onSubmit={() => submit(answer)}
            state={state}
            inputRef={answerRef}
          />
        )}
        <FeedbackPanel result={result} answer={state.lastAnswer} showReadAs={showReadAs} revealed={revealed} error={state.error} />
        <PracticeActions
          retryable={retryable}
          movable={movable}
          skippable={skippable}
          onSkip={session.skip}
          finished={finished}
          busy={busy}
          onTryAgain={tryAgain}
          onReveal={session.reveal}
          onAnother={session.another}
          onNext={next}
          tryAgainRef={tryAgainRef}
          nextRef={nextRef}
        />
      </section>
      <HintsPanel
        key={`${problem.templateId}#${problem.seed}`}
        learnerId={learnerId}
        templateId={problem.templateId}
        seed={problem.seed}
        onHintsShown={session.setHintsUsed}
        onSolutionShown={session.solutionShown}
      />
    </div>
  );
}
