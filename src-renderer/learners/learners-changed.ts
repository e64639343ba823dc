/**
 * Telling the shell that learners changed in Settings (renamed, deleted, imported), so the header and
 * the remembered learner follow at once: a renamed learner keeps practising under the new name, a
 * deleted one is signed out. A window event keeps Settings and the shell decoupled.
 */
export type LearnersChange = { kind: 'renamed'; id: number; name: string } | { kind: 'deleted'; id: number } | { kind: 'imported' };

const EVENT = 'im-learners-changed';

export function announceLearnersChanged(change: LearnersChange): void {
  window.dispatchEvent(new CustomEvent<LearnersChange>(EVENT, { detail: change }));
}

export function onLearnersChanged(listener: (change: LearnersChange) => void): () => void {
  const handler = (event: Event): void => {
    if (event instanceof CustomEvent) listener(event.detail as LearnersChange);
  };
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
