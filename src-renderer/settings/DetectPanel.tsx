/**
 * "Detect local servers": asks the engine to probe the well-known local ports and lists what
 * answered, each with its models and a button to use it. Probing happens only on this click.
 */
import { useState } from 'react';
import type { DetectedServerView } from '../../src-main/api/tutor-contract.std.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'found'; found: DetectedServerView[]; probed: string[] } | { kind: 'error'; message: string };

export function DetectPanel({ onUse }: { onUse: (server: DetectedServerView) => void }) {
  const api = useApi();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const detect = (): void => {
    setState({ kind: 'busy' });
    api.call('model.detect', {}).then(
      (r) => setState({ kind: 'found', found: r.found, probed: r.probed }),
      (e: unknown) => setState({ kind: 'error', message: errorMessage(e) }),
    );
  };

  return (
    <div className="detect-panel" data-testid="detect-panel">
      <button type="button" className="button" onClick={detect} disabled={state.kind === 'busy'} data-testid="settings-detect">
        {state.kind === 'busy' ? 'Looking…' : 'Detect local servers'}
      </button>
      {state.kind === 'found' && state.found.length === 0 && (
        <p className="detect-none" data-testid="detect-none">
          No local server answered ({state.probed.join(', ')}). Start Ollama, LM Studio or llama.cpp’s server — or type its address below.
        </p>
      )}
      {state.kind === 'found' && state.found.length > 0 && (
        <ul className="detect-list" data-testid="detect-list">
          {state.found.map((s) => (
            <li key={s.baseURL} className="detect-server">
              <div>
                <strong>{s.name}</strong> <code>{s.baseURL}</code>
                <div className="detect-models">{s.models.length > 0 ? s.models.join(', ') : 'no models listed (it may want an API key)'}</div>
              </div>
              <button type="button" className="button button-quiet" onClick={() => onUse(s)}>
                Use
              </button>
            </li>
          ))}
        </ul>
      )}
      {state.kind === 'error' && (
        <p className="error-text" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
