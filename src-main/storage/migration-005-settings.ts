/** Schema version 5: settings (being written). */
import type Database from 'better-sqlite3';

export function migration005Settings(db: Database.Database): void {
  db.exec('SELECT 1');
}
