import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';

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
  private readonly db: Database.Database;
  private readonly statements: Statements;

  /** Opens (creating if needed) the file and applies the pragmas; throws if it is not a usable database. */
  constructor(file: string, pragmas: readonly string[], busyTimeoutMs: number) {
    super();
    this.opts = { dialect: 'sqlite', uri: `sqlite://${file}` };
    this.db = new Database(file, { timeout: busyTimeoutMs });
    try {
      for (const pragma of pragmas) this.db.exec(pragma);
      this.db.exec('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
      this.statements = {
        select: this.db.prepare<[string], string>('SELECT value FROM keyv WHERE key = ?').pluck(),
        selectMany: this.db.prepare<[string], { key: string; value: string }>('SELECT key, value FROM keyv WHERE key IN (SELECT value FROM json_each(?))'),
        upsert: this.db.prepare<[string, string]>('INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
        remove: this.db.prepare<[string]>('DELETE FROM keyv WHERE key = ?'),
        removeMany: this.db.prepare<[string]>('DELETE FROM keyv WHERE key IN (SELECT value FROM json_each(?))'),
        clear: this.db.prepare<[string]>('DELETE FROM keyv WHERE key LIKE ?'),
        page: this.db.prepare<[string, string], { key: string; value: string }>('SELECT key, value FROM keyv WHERE key > ? AND key LIKE ? ORDER BY key LIMIT 100'),
      };
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** Runs statements outside the prepared set (a checkpoint after erasing data). */
  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async get(key: string): Promise<string | undefined> {
    return this.statements.select.get(key);
  }

  async getMany(keys: string[]): Promise<Array<string | undefined>> {
    const byKey = new Map(this.statements.selectMany.all(JSON.stringify(keys)).map((row) => [row.key, row.value]));
    return keys.map((key) => byKey.get(key));
  }

  async has(key: string): Promise<boolean> {
    return this.statements.select.get(key) !== undefined;
  }

  async set(key: string, value: string): Promise<void> {
    this.statements.upsert.run(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.statements.remove.run(key).changes > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    return this.statements.removeMany.run(JSON.stringify(keys)).changes > 0;
  }

  async clear(): Promise<void> {
    this.statements.clear.run(this.namespace ? `${this.namespace}:%` : '%');
  }

  /** Pages by key (not OFFSET), so rows written while iterating neither repeat nor shift the pages. */
  async *iterator(namespace?: string): AsyncGenerator<[string, string]> {
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
