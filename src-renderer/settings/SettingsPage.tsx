/**
 * Settings: the local model behind "Ask the tutor" (and the authoring assistant). The user types an
 * OpenAI-compatible endpoint or detects a local server (Ollama, LM Studio, llama.cpp's server on
 * 127.0.0.1), picks a model from its list, adds an API key if the server wants one, tests the
 * connection and saves. Nothing is sent anywhere before that; the app works fully without a model.
 */
import { useEffect, useId, useState } from 'react';
import type { DetectedServerView, ModelTestResult } from '../../src-main/api/tutor-contract.std.js';
import { DEFAULT_MODEL_TIMEOUT_MS } from '../../src-main/model/model-settings.std.js';
import type { HashLocation } from '../app/route.js';
import { useApi } from '../api/api-context.js';
import { errorMessage } from '../api/error-message.js';
import { DetectPanel } from './DetectPanel.js';
import { OtherSettingsSection, SettingsNav } from './SettingsSections.js';

interface Form {
  baseURL: string;
  model: string;
  apiKey: string;
  timeoutSeconds: string;
}

const EMPTY: Form = { baseURL: '', model: '', apiKey: '', timeoutSeconds: String(DEFAULT_MODEL_TIMEOUT_MS / 1000) };

type Status = { kind: 'ok' | 'error' | 'info'; text: string } | null;

/** `location` is part of every page's props; Settings has one section today, so its path is not read. */
export function SettingsPage(props: { location: HashLocation }) {
  const section = props.location.path[0] ?? 'model';
  const api = useApi();
  const ids = { url: useId(), model: useId(), key: useId(), timeout: useId() };
  const [form, setForm] = useState<Form>(EMPTY);
  const [saved, setSaved] = useState<Form | null>(null);
  const [models, setModels] = useState<string[]>([]);
  const [showKey, setShowKey] = useState(false);
  const [busy, setBusy] = useState<'load' | 'models' | 'test' | 'save' | null>('load');
  const [status, setStatus] = useState<Status>(null);
  const [test, setTest] = useState<ModelTestResult | null>(null);

  useEffect(() => {
    let live = true;
    api.call('model.getSettings', {}).then(
      ({ settings }) => {
        if (!live) return;
        if (settings !== null) {
          const loaded = { baseURL: settings.baseURL, model: settings.model, apiKey: settings.apiKey ?? '', timeoutSeconds: String(settings.timeoutMs / 1000) };
          setForm(loaded);
          setSaved(loaded);
          setModels([settings.model]);
        }
        setBusy(null);
      },
      (e: unknown) => {
        if (!live) return;
        setStatus({ kind: 'error', text: errorMessage(e) });
        setBusy(null);
      },
    );
    return () => {
      live = false;
    };
  }, [api]);

  const edit = (patch: Partial<Form>): void => {
    setForm((f) => ({ ...f, ...patch }));
    setStatus(null);
    setTest(null);
  };

  const timeoutMs = (): number => Math.round(Number(form.timeoutSeconds) * 1000);
  const settingsArgs = () => ({
    baseURL: form.baseURL,
    model: form.model,
    timeoutMs: timeoutMs(),
    ...(form.apiKey !== '' ? { apiKey: form.apiKey } : {}),
  });

  const listModels = (baseURL = form.baseURL, keepModel = form.model): void => {
    setBusy('models');
    setStatus(null);
    api.call('model.listModels', { baseURL, ...(form.apiKey !== '' ? { apiKey: form.apiKey } : {}) }).then(
      ({ models: listed }) => {
        setModels(listed);
        const model = listed.includes(keepModel) ? keepModel : (listed[0] ?? '');
        setForm((f) => ({ ...f, model }));
        setStatus(listed.length === 0 ? { kind: 'error', text: 'The server lists no models: load or pull one first.' } : { kind: 'info', text: `${listed.length} model${listed.length === 1 ? '' : 's'} found.` });
        setBusy(null);
      },
      (e: unknown) => {
        setStatus({ kind: 'error', text: errorMessage(e) });
        setBusy(null);
      },
    );
  };

  const useServer = (server: DetectedServerView): void => {
    setForm((f) => ({ ...f, baseURL: server.baseURL, model: server.models.includes(f.model) ? f.model : (server.models[0] ?? '') }));
    setModels(server.models);
    setTest(null);
    setStatus({ kind: 'info', text: `Using ${server.name} at ${server.baseURL}. Test the connection, then save.` });
  };

  const runTest = (): void => {
    setBusy('test');
    setTest(null);
    setStatus(null);
    api.call('model.test', settingsArgs()).then(
      (r) => {
        setTest(r);
        if (r.models.length > 0) setModels(r.models);
        setBusy(null);
      },
      (e: unknown) => {
        setTest({ ok: false, message: errorMessage(e), models: [] });
        setBusy(null);
      },
    );
  };

  const save = (): void => {
    setBusy('save');
    setStatus(null);
    api.call('model.saveSettings', settingsArgs()).then(
      ({ settings }) => {
        const stored = { baseURL: settings.baseURL, model: settings.model, apiKey: settings.apiKey ?? '', timeoutSeconds: String(settings.timeoutMs / 1000) };
        setForm(stored);
        setSaved(stored);
        setStatus({ kind: 'ok', text: 'Saved. “Ask the tutor” now appears next to the hints in Practice.' });
        setBusy(null);
      },
      (e: unknown) => {
        setStatus({ kind: 'error', text: errorMessage(e) });
        setBusy(null);
      },
    );
  };

  const forget = (): void => {
    api.call('model.clearSettings', {}).then(
      () => {
        setForm(EMPTY);
        setSaved(null);
        setModels([]);
        setTest(null);
        setStatus({ kind: 'info', text: 'Forgotten. The tutor is off; hints and worked solutions still work.' });
      },
      (e: unknown) => setStatus({ kind: 'error', text: errorMessage(e) }),
    );
  };

  const seconds = Number(form.timeoutSeconds);
  const timeoutOk = Number.isFinite(seconds) && seconds >= 1 && seconds <= 600;
  const complete = form.baseURL.trim() !== '' && form.model.trim() !== '' && timeoutOk;
  const unchanged = saved !== null && JSON.stringify(saved) === JSON.stringify(form);

  // Practice, learners and backups are sections of their own (SettingsSections.tsx).
  if (section !== 'model') return <OtherSettingsSection section={section} />;

  return (
    <div className="settings-page" data-testid="page-settings" data-section={section}>
      <div className="page-heading">
        <h1>Settings</h1>
      </div>
      <SettingsNav section={section} />

      <section className="settings-card" aria-labelledby="settings-model-title">
        <h2 id="settings-model-title">Local model (optional)</h2>
        <p className="settings-lead">
          Hints and worked solutions come from each problem’s own program and need nothing else. With a language model running on your
          computer (Ollama, LM Studio or llama.cpp’s server), students can also <strong>ask the tutor</strong>, and authors get help writing
          programs.
        </p>

        <DetectPanel onUse={useServer} />

        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (complete) save();
          }}
        >
          <label htmlFor={ids.url}>Endpoint (OpenAI-compatible)</label>
          <div className="settings-row">
            <input
              id={ids.url}
              type="url"
              inputMode="url"
              spellCheck={false}
              placeholder="http://127.0.0.1:11434/v1"
              value={form.baseURL}
              onChange={(e) => edit({ baseURL: e.target.value })}
              data-testid="settings-url"
            />
            <button type="button" className="button" onClick={() => listModels()} disabled={form.baseURL.trim() === '' || busy !== null} data-testid="settings-list-models">
              {busy === 'models' ? 'Asking…' : 'List models'}
            </button>
          </div>

          <label htmlFor={ids.model}>Model</label>
          {models.length > 0 ? (
            <select id={ids.model} value={form.model} onChange={(e) => edit({ model: e.target.value })} data-testid="settings-model">
              {!models.includes(form.model) && form.model !== '' && <option value={form.model}>{form.model} (not listed)</option>}
              {models.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          ) : (
            <input id={ids.model} type="text" spellCheck={false} placeholder="e.g. qwen2.5:7b" value={form.model} onChange={(e) => edit({ model: e.target.value })} data-testid="settings-model" />
          )}

          <label htmlFor={ids.key}>API key (only if your server wants one)</label>
          <div className="settings-row">
            <input
              id={ids.key}
              type={showKey ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={form.apiKey}
              onChange={(e) => edit({ apiKey: e.target.value })}
              data-testid="settings-key"
            />
            <button type="button" className="button button-quiet" onClick={() => setShowKey((s) => !s)} aria-pressed={showKey}>
              {showKey ? 'Hide' : 'Show'}
            </button>
          </div>

          <label htmlFor={ids.timeout}>Give up after (seconds)</label>
          <input
            id={ids.timeout}
            className="settings-timeout"
            type="number"
            min={1}
            max={600}
            value={form.timeoutSeconds}
            onChange={(e) => edit({ timeoutSeconds: e.target.value })}
            aria-invalid={!timeoutOk}
          />

          <div className="settings-actions">
            <button type="button" className="button" onClick={runTest} disabled={!complete || busy !== null} data-testid="settings-test">
              {busy === 'test' ? 'Testing…' : 'Test connection'}
            </button>
            <button type="submit" className="button button-primary" disabled={!complete || busy !== null || unchanged} data-testid="settings-save">
              {busy === 'save' ? 'Saving…' : unchanged ? 'Saved' : 'Save'}
            </button>
            {saved !== null && (
              <button type="button" className="button button-quiet" onClick={forget} data-testid="settings-forget">
                Forget this model
              </button>
            )}
          </div>
        </form>

        {test !== null && (
          <p className={`settings-status ${test.ok ? 'is-ok' : 'is-error'}`} role={test.ok ? 'status' : 'alert'} data-testid="settings-test-result" data-ok={test.ok}>
            {test.ok ? '✓ ' : '✗ '}
            {test.message}
          </p>
        )}
        {status !== null && (
          <p className={`settings-status is-${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="settings-status">
            {status.text}
          </p>
        )}

        <aside className="settings-privacy" data-testid="settings-privacy">
          <h3>What is sent where</h3>
          <ul>
            <li>Nothing leaves this computer unless you save an endpoint here. There is no built-in online service.</li>
            <li>“Ask the tutor” sends the problem, the student’s answers on it and the worked steps — only to the endpoint above.</li>
            <li>“Detect” only looks at this computer (127.0.0.1, ports 11434, 1234 and 8080).</li>
            <li>These settings, the API key included, are stored in your library database on this computer.</li>
          </ul>
        </aside>
      </section>
    </div>
  );
}
