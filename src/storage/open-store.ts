import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv, { type KeyvOptions } from 'keyv';
import { useFastJson } from './fast-json.js';
import { postgresArrivals, redisArrivals, type ArrivalRegistry } from './arrival-order.js';
import { SqliteStore } from './sqlite-store.js';
import type { PgPool, RedisClient } from './engine-clients.js';
import { localLocks, postgresLockEngine, redisLockEngine, sharedLocks, type Locks } from './locks.js';

/**
 * The one key-value store behind conversations, leads, caches and the outbox.
 * Keys are namespaced by the caller (`conv:…`, `lead:…`); never depend on an adapter's raw layout.
 */
export interface Store {
  readonly kv: Keyv;
  readonly kind: 'memory' | 'sqlite' | 'redis' | 'postgres';
  /**
   * After personal data was deleted: make it unrecoverable from disk. sqlite runs with secure_delete
   * (freed pages are zeroed); this also checkpoints and truncates the WAL, which still holds old pages.
   */
  scrub(): Promise<void>;
  /**
   * Locks that hold across every process using this store: the engine's own for redis and postgres,
   * in-process queues for sqlite and memory (one process owns those).
   */
  readonly locks: Locks;
  /**
   * Shared stores opened with `arrivalOrder` only (Redis, PostgreSQL): the per-chat registry of
   * arriving update ids that keeps a chat's updates in update-id order across instances (see arrival-order.ts).
   */
  readonly arrivals?: ArrivalRegistry;
  close(): Promise<void>;
}

/** sqlite://data/bot.sqlite is relative to the working directory; sqlite:///abs/path.sqlite is absolute. */
export function sqliteFilePath(url: string): string {
  const rest = url.replace(/^sqlite:\/\//, '');
  return rest.startsWith('/') ? rest : resolve(process.cwd(), rest);
}

/**
 * The sqlite settings (the benchmark's floor uses the same ones).
 * WAL: writers do not block readers and commits are ~9x faster; NORMAL sync is safe with WAL.
 * secure_delete: deleted rows (an erased lead's phone number) are overwritten with zeros, not left
 * in free pages.
 */
export const SQLITE_PRAGMAS = ['PRAGMA journal_mode=WAL', 'PRAGMA synchronous=NORMAL', 'PRAGMA secure_delete=ON'] as const;
/** How long a write waits for another connection's write to finish. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** The store named by STORAGE_URL cannot be reached (start-up stops with this one line). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

/** How long start-up waits for Redis before giving up (the client would otherwise retry forever). */
const REDIS_CONNECT_TIMEOUT_MS = 5_000;

/** A storage URL as it may be printed: no user name or password. */
export function maskStorageUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}

function unavailable(url: string, error: unknown): StorageUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StorageUnavailableError(`STORAGE_URL: cannot use ${maskStorageUrl(url)} (${reason.split('\n')[0]})`);
}

export interface StoreOptions {
  /**
   * Also set up the arrival registry (Redis, PostgreSQL): for webhook instances, which can receive
   * two updates of one chat at once. A single poller, the CLI and the terminal chat never need it.
   */
  arrivalOrder?: boolean;
}

export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  if (url.startsWith('memory://')) {
    // The Map is this Keyv's alone, so keys need no namespace prefix: prefixing built a new key
    // string on every read and write, which the Map then had to hash afresh.
    const kv = new Keyv({ namespace: 'bot', useKeyPrefix: false, throwOnErrors: true });
    // Values stay objects, as in grammY's memory session storage: nothing is written anywhere, so
    // there is nothing to serialise. Readers that change what they read copy it first
    // (ConversationStore.load); everything else writes new objects.
    kv.serialize = undefined;
    kv.deserialize = undefined;
    return { kv, kind: 'memory', locks: localLocks(), scrub: async () => {}, close: async () => {} };
  }
  if (url.startsWith('sqlite://')) {
    const file = sqliteFilePath(url);
    mkdirSync(dirname(file), { recursive: true });
    // Opens now: an unusable file is one clear start-up error, not a failure on the first message.
    const adapter = new SqliteStore(file, SQLITE_PRAGMAS, SQLITE_BUSY_TIMEOUT_MS);
    // throwOnErrors: by default Keyv swallows a failing store (get → undefined, set → false), so a
    // broken disk looked like a new conversation and lost answers silently; now the core apologises.
    const kv = serializingKeyv(adapter);
    const scrub = () => adapter.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return { kv, kind: 'sqlite', locks: localLocks(), scrub, close: () => kv.disconnect() };
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    const { default: KeyvRedis } = await import('@keyv/redis');
    const adapter = new KeyvRedis(url, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: REDIS_CONNECT_TIMEOUT_MS });
    const kv = serializingKeyv(adapter);
    // One connection for the data, the locks and the arrival registry (node-redis pipelines
    // commands; none of them blocks the connection). Connecting now: an unreachable server is a
    // start-up error, not a failure on the first message.
    const client = (await adapter.getClient().catch(() => {
      throw unavailable(url, `no connection within ${REDIS_CONNECT_TIMEOUT_MS / 1000} s`);
    })) as RedisClient;
    // Nothing to scrub: Redis keeps no deleted values (an RDB/AOF rewrite drops them; see the README).
    return sharedStore('redis', kv, sharedLocks(redisLockEngine(client)), options.arrivalOrder ? redisArrivals(client) : undefined);
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { default: pg } = await import('pg');
    // One pool for the data, the locks and the arrival registry: no query holds a connection while it waits.
    const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
    pool.on('error', () => undefined); // an idle connection died; the pool replaces it
    try {
      const kv = serializingKeyv(await postgresAdapter(url, pool));
      const locks = sharedLocks(await postgresLockEngine(pool));
      const arrivals = options.arrivalOrder ? await postgresArrivals(pool) : undefined;
      // Deleted rows are reclaimed by autovacuum; no VACUUM FULL from the bot (it locks the table).
      return sharedStore('postgres', kv, locks, arrivals);
    } catch (error) {
      await pool.end();
      throw unavailable(url, error);
    }
  }
  throw new Error(`STORAGE_URL ${url.split(':')[0]}:// is not supported (use sqlite://, memory://, redis:// or postgres://)`);
}

/** The Keyv of a store that writes somewhere: JSON values, failures thrown (see the sqlite branch). */
function serializingKeyv(adapter: KeyvOptions['store']): Keyv {
  const kv = new Keyv({ store: adapter, namespace: 'bot', throwOnErrors: true });
  useFastJson(kv);
  return kv;
}

/** A store several instances share; its locks and arrival registry use the store's own connection, closed with it. */
function sharedStore(kind: 'redis' | 'postgres', kv: Keyv, locks: Locks, arrivals: ArrivalRegistry | undefined): Store {
  return {
    kv,
    kind,
    locks,
    ...(arrivals ? { arrivals } : {}),
    scrub: async () => {},
    close: () => kv.disconnect(),
  };
}

/**
 * Connections per instance to PostgreSQL, shared by data, locks and arrival registry. Small:
 * several instances share one server (default max_connections 100).
 */
const POSTGRES_POOL_SIZE = 12;

/**
 * @keyv/postgres 2.2.3 keeps one module-wide pool and its disconnect() ends whichever pool was made
 * last, so two stores in one process (tests, the leads CLI beside a bot) would close each other's
 * connections. This adapter queries through the store's own pool, and ends it on disconnect.
 */
async function postgresAdapter(url: string, pool: PgPool) {
  const { default: KeyvPostgres } = await import('@keyv/postgres');
  class OwnPoolPostgres extends KeyvPostgres {
    // No class fields here: connect() runs inside the base constructor, before they would be set.
    override async connect() {
      return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows as unknown[];
    }
    override async disconnect() {
      if (!pool.ended) await pool.end();
    }
  }
  return new OwnPoolPostgres({ uri: url });
}
