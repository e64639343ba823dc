/** Schema version 4: curation (being written). */
import type Database from 'better-sqlite3';

export function migration004Curation(db: Database.Database): void {
  db.exec('SELECT 1');
}
