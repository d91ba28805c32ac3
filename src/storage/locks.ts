import { setTimeout as sleep } from 'node:timers/promises';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { serialized } from '../util/keyed-queue.js';
import { createTableIfMissing, type PgPool, type RedisClient } from './engine-clients.js';

/**
 * Mutual exclusion with an expiry, for the read-modify-write keys (lead index, id counters, chat
 * index, outbox index), the per-message outbox lease and the per-chat lock of the conversation core.
 *
 * - One process owning the store (sqlite file, memory): in-process queues are the whole lock.
 * - Several instances on Redis or PostgreSQL: the engine's own atomic primitive (Redis `SET NX PX`
 *   with a compare-and-delete Lua release; a PostgreSQL lock table written with
 *   `INSERT … ON CONFLICT … WHERE expires_at < now()`), with a ttl renewed while the holder works,
 *   so a killed instance blocks a key for at most one ttl.
 *
 * The shared `withLock` is re-entrant within one async call chain: a holder that asks again for the
 * same key (the Telegram webhook holds the chat while the core asks for it) runs at once.
 */
export interface Locks {
  /** True when the locks are shared by several processes (a network store). */
  readonly shared: boolean;
  /** Waits (up to `waitMs`, default ttl + 5 s) until the lock is ours, runs `fn`, releases. */
  withLock<T>(key: string, ttlMs: number, fn: () => Promise<T>, waitMs?: number): Promise<T>;
  /** One attempt: a release function when the lock is ours now, undefined when someone holds it. */
  tryLock(key: string, ttlMs: number): Promise<Release | undefined>;
}

export type Release = () => Promise<void>;

/** How long a crashed holder blocks a lock on a record or an index of the store (renewed while held). */
export const RECORD_LOCK_TTL_MS = 10_000;

/** The engine primitive: take `key` with `token` for `ttlMs` if free or expired; renew; release if still ours. */
export interface LockEngine {
  acquire(key: string, token: string, ttlMs: number): Promise<boolean>;
  renew(key: string, token: string, ttlMs: number): Promise<boolean>;
  release(key: string, token: string): Promise<void>;
}

const held = new AsyncLocalStorage<ReadonlySet<string>>();

function withHeld<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const current = held.getStore() ?? new Set<string>();
  return held.run(new Set([...current, key]), fn);
}

/** True inside a `withLock(key, …)` of this async call chain (any Locks: the holder set is per call chain). */
export const holdsLock = (key: string) => held.getStore()?.has(key) === true;

/** In-process locks (sqlite, memory): a queue per key; tryLock fails while the key is taken in this process. */
const taken = new Set<string>();

export function localLocks(): Locks {
  return {
    shared: false,
    // Not re-entrant, and no AsyncLocalStorage: once used, it hooks every promise of the process
    // (~4% of the pipeline's CPU). Re-entrancy is needed only where a webhook holds a shared chat
    // lock while the core asks for it; in one process no caller takes a key it already holds.
    withLock: (key, _ttlMs, fn) => serialized(`lock:${key}`, fn),
    tryLock: async (key) => {
      if (taken.has(key)) return undefined;
      taken.add(key);
      return async () => {
        taken.delete(key);
      };
    },
  };
}

/** Locks over an engine: polling with a short, growing backoff; renewal every ttl/3 while held. */
export function sharedLocks(engine: LockEngine): Locks {
  async function tryLock(key: string, ttlMs: number): Promise<Release | undefined> {
    const token = randomUUID();
    if (!(await engine.acquire(key, token, ttlMs))) return undefined;
    const renewal = setInterval(() => {
      // A failed renewal (lock lost, store unreachable) needs no action: the lock expires by itself.
      engine.renew(key, token, ttlMs).catch(() => undefined);
    }, Math.max(50, Math.floor(ttlMs / 3)));
    renewal.unref();
    return async () => {
      clearInterval(renewal);
      await engine.release(key, token);
    };
  }

  async function withLock<T>(key: string, ttlMs: number, fn: () => Promise<T>, waitMs = ttlMs + 5_000): Promise<T> {
    if (holdsLock(key)) return fn();
    // One waiter per key and process at a time: the others queue here instead of polling the store.
    return serialized(`lock:${key}`, async () => {
      const deadline = Date.now() + waitMs;
      let pause = 5;
      for (;;) {
        const release = await tryLock(key, ttlMs);
        if (release) {
          try {
            return await withHeld(key, fn);
          } finally {
            await release().catch(() => undefined); // unreachable store: the ttl frees it
          }
        }
        if (Date.now() > deadline) throw new Error(`Storage is busy: could not take the lock ${key} within ${waitMs} ms`);
        await sleep(pause + Math.floor(Math.random() * pause));
        pause = Math.min(pause * 2, 100);
      }
    });
  }

  return { shared: true, withLock, tryLock };
}

// ── Redis ─────────────────────────────────────────────────────────────────────────────────

const RELEASE_LUA = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW_LUA = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/** Redis: `SET key token NX PX ttl`; renew and release compare the token in a Lua script (atomic). */
export function redisLockEngine(client: RedisClient, prefix = 'bot:lock:'): LockEngine {
  return {
    acquire: async (key, token, ttlMs) =>
      (await client.set(prefix + key, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } })) === 'OK',
    renew: async (key, token, ttlMs) =>
      Number(await client.eval(RENEW_LUA, { keys: [prefix + key], arguments: [token, String(ttlMs)] })) === 1,
    release: async (key, token) => {
      await client.eval(RELEASE_LUA, { keys: [prefix + key], arguments: [token] });
    },
  };
}

// ── PostgreSQL ────────────────────────────────────────────────────────────────────────────

/**
 * PostgreSQL: one row per held key. Taking a key inserts its row, or takes over a row whose
 * `expires_at` has passed (the database clock decides, so instance clocks do not matter);
 * the row lock of `ON CONFLICT DO UPDATE` makes concurrent takers see each other.
 */
export async function postgresLockEngine(pool: PgPool, table = 'bot_locks'): Promise<LockEngine> {
  await createTableIfMissing(pool, `CREATE TABLE IF NOT EXISTS ${table} (key text PRIMARY KEY, token text NOT NULL, expires_at timestamptz NOT NULL)`);
  return {
    acquire: async (key, token, ttlMs) => {
      const result = await pool.query(
        `INSERT INTO ${table} (key, token, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
         WHERE ${table}.expires_at < now()
         RETURNING token`,
        [key, token, ttlMs],
      );
      return result.rowCount === 1;
    },
    renew: async (key, token, ttlMs) => {
      const result = await pool.query(
        `UPDATE ${table} SET expires_at = now() + $3 * interval '1 millisecond' WHERE key = $1 AND token = $2`,
        [key, token, ttlMs],
      );
      return result.rowCount === 1;
    },
    release: async (key, token) => {
      await pool.query(`DELETE FROM ${table} WHERE key = $1 AND token = $2`, [key, token]);
    },
  };
}
