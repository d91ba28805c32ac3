import { EventEmitter } from 'node:events';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';

/** How often the file is looked for on disk while it is there (a stat costs a few µs). */
export const FILE_CHECK_INTERVAL_MS = 200;

/** The database file is not at its path any more (deleted or moved away): nothing is read or written until it is back. */
class SqliteFileMissingError extends Error {
  override name = 'SqliteFileMissingError';
}

/**
 * A Keyv store adapter for SQLite with the same table layout as @keyv/sqlite (`keyv(key, value)`),
 * so data files written by either can be read by the other, but over better-sqlite3 with prepared
 * statements: a read or a write is a few µs on the calling thread. @keyv/sqlite's driver (sqlite3)
 * sends every statement through libuv's thread pool and prepares it anew each time; on this
 * 2-core VM each trip costs ~40–100 µs of thread wake-ups, which was most of the per-update cost.
 * A statement blocks the event loop only for its own few µs (a WAL checkpoint's fsync: a few ms
 * every ~1,000 commits).
 */
export class SqliteStore extends EventEmitter {
  readonly opts: { dialect: 'sqlite'; uri: string };
  /** Set by Keyv; keys arrive already prefixed with it. */
  namespace?: string;
  private db!: Database.Database;
  private statements!: Statements;
  /** The inode opened: another one at the path means the file was replaced (restored from a backup). */
  private inode = 0;
  private checkedAt = 0;
  private missing = false;

  /** Opens (creating if needed) the file and applies the pragmas; throws if it is not a usable database. */
  constructor(
    private readonly file: string,
    private readonly pragmas: readonly string[],
    private readonly busyTimeoutMs: number,
  ) {
    super();
    this.opts = { dialect: 'sqlite', uri: `sqlite://${file}` };
    this.open();
  }

  /** Runs statements outside the prepared set (a checkpoint after erasing data). */
  async exec(sql: string): Promise<void> {
    this.ensureFile();
    this.db.exec(sql);
  }

  async get(key: string): Promise<string | undefined> {
    this.ensureFile();
    return this.statements.select.get(key);
  }

  async getMany(keys: string[]): Promise<Array<string | undefined>> {
    this.ensureFile();
    const byKey = new Map(this.statements.selectMany.all(JSON.stringify(keys)).map((row) => [row.key, row.value]));
    return keys.map((key) => byKey.get(key));
  }

  async has(key: string): Promise<boolean> {
    this.ensureFile();
    return this.statements.select.get(key) !== undefined;
  }

  async set(key: string, value: string): Promise<void> {
    this.ensureFile();
    this.statements.upsert.run(key, value);
  }

  async delete(key: string): Promise<boolean> {
    this.ensureFile();
    return this.statements.remove.run(key).changes > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    this.ensureFile();
    return this.statements.removeMany.run(JSON.stringify(keys)).changes > 0;
  }

  async clear(): Promise<void> {
    this.ensureFile();
    this.statements.clear.run(this.namespace ? `${this.namespace}:%` : '%');
  }

  /** Pages by key (not OFFSET), so rows written while iterating neither repeat nor shift the pages. */
  async *iterator(namespace?: string): AsyncGenerator<[string, string]> {
    this.ensureFile();
    const prefix = namespace ? `${namespace}:` : '';
    let after = prefix;
    for (;;) {
      const rows = this.statements.page.all(after, `${prefix}%`);
      if (rows.length === 0) return;
      for (const row of rows) yield [row.key, row.value];
      after = rows[rows.length - 1]!.key;
    }
  }

  async disconnect(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private open(): void {
    const db = new Database(this.file, { timeout: this.busyTimeoutMs });
    try {
      for (const pragma of this.pragmas) db.exec(pragma);
      db.exec('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
      this.statements = {
        select: db.prepare<[string], string>('SELECT value FROM keyv WHERE key = ?').pluck(),
        selectMany: db.prepare<[string], { key: string; value: string }>('SELECT key, value FROM keyv WHERE key IN (SELECT value FROM json_each(?))'),
        upsert: db.prepare<[string, string]>('INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
        remove: db.prepare<[string]>('DELETE FROM keyv WHERE key = ?'),
        removeMany: db.prepare<[string]>('DELETE FROM keyv WHERE key IN (SELECT value FROM json_each(?))'),
        clear: db.prepare<[string]>('DELETE FROM keyv WHERE key LIKE ?'),
        page: db.prepare<[string, string], { key: string; value: string }>('SELECT key, value FROM keyv WHERE key > ? AND key LIKE ? ORDER BY key LIMIT 100'),
      };
      this.inode = statSync(this.file).ino;
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
  }

  /**
   * SQLite keeps writing to a file deleted under it, and everything written then is lost at the next
   * start. So the path is checked (every 200 ms, or at every call while the file is missing): gone →
   * calls fail (the core apologises, nothing is lost silently); back → calls go on, on the same file
   * if it was moved back, on a newly opened one if a copy was put there.
   */
  private ensureFile(): void {
    const now = Date.now();
    if (!this.missing && now - this.checkedAt < FILE_CHECK_INTERVAL_MS) return;
    this.checkedAt = now;
    let inode: number;
    try {
      inode = statSync(this.file).ino;
    } catch {
      this.missing = true;
      throw new SqliteFileMissingError(`the sqlite file ${this.file} is missing`);
    }
    if (inode !== this.inode) {
      if (this.db.open) this.db.close();
      this.open();
    }
    this.missing = false;
  }
}

interface Statements {
  select: Database.Statement<[string], string>;
  selectMany: Database.Statement<[string], { key: string; value: string }>;
  upsert: Database.Statement<[string, string]>;
  remove: Database.Statement<[string]>;
  removeMany: Database.Statement<[string]>;
  clear: Database.Statement<[string]>;
  page: Database.Statement<[string, string], { key: string; value: string }>;
}
