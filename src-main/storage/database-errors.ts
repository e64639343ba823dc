/** Errors `openDatabase` raises for files it must not (or cannot) use. Each says what to do. */

/** The file was written by a newer version of the app; opening it could corrupt data this build does not understand. */
export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';

  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The library database "${file}" has schema version ${fileVersion}, but this version of InfinityMATH Studio ` +
        `supports schema versions up to ${supportedVersion}. It was written by a newer version of the app. ` +
        `Update InfinityMATH Studio to open it; the file was left unchanged.`,
    );
  }
}

/** A read-only open found a schema older than this build's: only a writable open may migrate it. */
export class DatabaseNeedsMigrationError extends Error {
  override readonly name = 'DatabaseNeedsMigrationError';

  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The library database "${file}" has schema version ${fileVersion}; this version of InfinityMATH Studio needs ` +
        `version ${supportedVersion}. A read-only connection cannot upgrade it: open it once without { readonly: true } ` +
        `(the app does this at start-up), then open it read-only again.`,
    );
  }
}

/** The file is not an InfinityMATH Studio database (another SQLite database, or not SQLite at all). */
export class NotAnAppDatabaseError extends Error {
  override readonly name = 'NotAnAppDatabaseError';

  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`"${file}" is not an InfinityMATH Studio library database: ${reason}. Choose another file or a new file name.`);
  }
}
