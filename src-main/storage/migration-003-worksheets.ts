/** Schema version 3: worksheets (being written). */
import type Database from 'better-sqlite3';

export function migration003Worksheets(db: Database.Database): void {
  db.exec('SELECT 1');
}
