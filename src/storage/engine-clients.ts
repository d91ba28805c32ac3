/**
 * The connections the engine-side helpers (locks.ts, arrival-order.ts) use: the store's own — the
 * Keyv adapter's Redis client, or the PostgreSQL pool the adapter queries through (open-store.ts).
 */
import type { Pool } from 'pg';

/** A connected node-redis client. */
export type RedisClient = ReturnType<(typeof import('@keyv/redis'))['createClient']>;

export type PgPool = Pool;

/** Runs a `CREATE TABLE IF NOT EXISTS …`; several instances starting at once race on it, and the loser sees a duplicate. */
export async function createTableIfMissing(pool: PgPool, createTable: string): Promise<void> {
  try {
    await pool.query(createTable);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw error;
  }
}
