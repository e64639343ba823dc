/**
 * The sections of Settings (`#/settings/<section>`): the local model, practice scheduling, learners
 * and backups. The model section is SettingsPage's own; the others live here.
 */
import { routeHash } from '../app/route.js';
import { BackupSettings } from './BackupSettings.js';
import { LearnersSettings } from './LearnersSettings.js';
import { PracticeSettings } from './PracticeSettings.js';

export const SETTINGS_SECTIONS = [
  { id: 'model', label: 'Local model' },
  { id: 'practice', label: 'Practice' },
  { id: 'learners', label: 'Learners' },
  { id: 'backups', label: 'Backups' },
] as const;

export function SettingsNav({ section }: { section: string }) {
  return (
    <nav className="settings-nav" aria-label="Settings sections">
      {SETTINGS_SECTIONS.map((s) => (
        <a key={s.id} href={routeHash('settings', [s.id])} className="settings-nav-link" aria-current={section === s.id ? 'page' : undefined} data-testid={`settings-nav-${s.id}`}>
          {s.label}
        </a>
      ))}
    </nav>
  );
}

/** A section other than the model one, under the page heading and the section links. */
export function OtherSettingsSection({ section }: { section: string }) {
  return (
    <div className="settings-page" data-testid="page-settings" data-section={section}>
      <div className="page-heading">
        <h1>Settings</h1>
      </div>
      <SettingsNav section={section} />
      {section === 'practice' ? (
        <PracticeSettings />
      ) : section === 'learners' ? (
        <LearnersSettings />
      ) : section === 'backups' ? (
        <BackupSettings />
      ) : (
        <p className="empty-state">
          There is no “{section}” section. <a href={routeHash('settings')}>Back to Settings</a>
        </p>
      )}
    </div>
  );
}
