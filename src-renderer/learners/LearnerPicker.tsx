/**
 * The first screen: what the app does, in two lines, then "Who is practising?": the learners on
 * this computer and a form to add one (no passwords). Renaming, deleting and moving a learner's
 * progress are in Settings → Learners.
 */
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import type { Learner } from '../../src-main/api/contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { routeHash } from '../app/route.js';
import type { LearnerRef } from './remembered-learner.js';

const MAX_NAME = 60; // the contract's limit

/** Why a typed name cannot be added, or null (the server checks again). */
function nameProblem(name: string, learners: Learner[]): string | null {
  if (name === '') return 'Type a name first.';
  if (name.length > MAX_NAME) return `A name can be at most ${MAX_NAME} characters.`;
  const existing = learners.find((l) => l.name.toLocaleLowerCase() === name.toLocaleLowerCase());
  return existing === undefined ? null : `${existing.name} is already here: pick the name from the list.`;
}

export function LearnerPicker({ onChoose }: { onChoose: (learner: LearnerRef) => void }) {
  const api = useApi();
  const [learners, setLearners] = useState<Learner[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const ids = { name: useId(), error: useId(), heading: useId() };

  useEffect(() => {
    let live = true;
    api.call('learners.list', {}).then(
      (list) => {
        if (!live) return;
        setLearners(list);
        if (list.length === 0) nameInput.current?.focus(); // nobody yet: straight to typing a name
      },
      (error: unknown) => live && setListError(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const add = async (event: SyntheticEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const trimmed = name.trim();
    const problem = nameProblem(trimmed, learners ?? []);
    if (problem !== null) {
      setFormError(problem);
      nameInput.current?.focus();
      return;
    }
    setAdding(true);
    setFormError(null);
    try {
      onChoose(await api.call('learners.create', { name: trimmed }));
    } catch (error) {
      setFormError(errorMessage(error));
      setAdding(false);
      nameInput.current?.focus();
    }
  };

  return (
    <div className="first-screen">
      <div className="app-intro" data-testid="app-intro">
        <p className="app-intro-lead">Math word problems with fresh numbers every time, each answer checked by running the problem’s own program.</p>
        <p>Practise with hints and worked solutions, print worksheets for a class, or build and check problem sets — all on this computer, offline.</p>
      </div>
      <section className="learner-picker" aria-labelledby={ids.heading} data-testid="learner-picker">
        <h1 id={ids.heading}>Who is practising?</h1>
        {listError !== null && (
          <p className="error-text" role="alert">
            Could not load the learners: {listError}
          </p>
        )}
        {learners === null && listError === null && <p className="loading-line">Loading learners…</p>}
        {learners !== null && learners.length > 0 && (
          <ul className="learner-list">
            {learners.map((learner) => (
              <li key={learner.id}>
                <button type="button" className="learner-button" onClick={() => onChoose(learner)} data-testid={`learner-${learner.id}`}>
                  <span className="learner-initial" aria-hidden="true">
                    {learner.name.slice(0, 1).toLocaleUpperCase()}
                  </span>
                  {learner.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="add-learner" onSubmit={(e) => void add(e)} noValidate>
          <label htmlFor={ids.name}>{learners !== null && learners.length > 0 ? 'Someone new? Add a learner' : 'Your name'}</label>
          <div className="add-learner-row">
            <input
              id={ids.name}
              ref={nameInput}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setFormError(null);
              }}
              maxLength={MAX_NAME + 20}
              autoComplete="off"
              aria-invalid={formError !== null}
              aria-describedby={ids.error}
              data-testid="learner-name-input"
            />
            <button type="submit" className="button button-primary" disabled={adding} data-testid="learner-add">
              Add learner
            </button>
          </div>
          <p id={ids.error} className="error-text" aria-live="polite">
            {formError}
          </p>
        </form>
        {learners !== null && learners.length > 0 && (
          <p className="learner-manage">
            <a href={routeHash('settings', ['learners'])} data-testid="manage-learners">
              Rename, remove or move learners
            </a>
          </p>
        )}
      </section>
    </div>
  );
}
