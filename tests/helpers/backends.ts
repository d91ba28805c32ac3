import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { BACKENDS, startPostgres, startRedis, type BackendName, type PostgresServer, type RedisServer } from './servers.js';
import { tempSqliteUrl } from './temp-sqlite.js';

export interface Backend {
  readonly name: BackendName;
  /** The STORAGE_URL of this test: a fresh sqlite file, or the (emptied) Redis / PostgreSQL database. */
  url(): string;
}

/**
 * Runs `body` once per storage backend (sqlite file, real Redis, real PostgreSQL). The servers are
 * started once per test file and stopped after it; each test starts from an empty store. Stores a
 * test opened must be closed in its afterEach (before the next test empties the database).
 */
export function describeBackends(title: string, body: (backend: Backend) => void, names: readonly BackendName[] = BACKENDS): void {
  let redis: RedisServer | undefined;
  let postgres: PostgresServer | undefined;
  let pgUrl = '';
  beforeAll(async () => {
    if (names.includes('redis')) redis = await startRedis();
    if (names.includes('postgres')) {
      postgres = await startPostgres();
      pgUrl = await postgres.createDatabase('bot');
    }
  });
  afterAll(async () => {
    await redis?.stop();
    await postgres?.stop();
  });
  describe.each(names)(`${title} on %s`, (name) => {
    let current = '';
    beforeEach(async () => {
      if (name === 'sqlite') current = tempSqliteUrl();
      if (name === 'redis') {
        await redis!.flush();
        current = redis!.url;
      }
      if (name === 'postgres') {
        await postgres!.truncate('bot');
        current = pgUrl;
      }
    });
    body({ name, url: () => current });
  });
}
