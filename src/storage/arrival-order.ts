import { setTimeout as sleep } from 'node:timers/promises';
import { createTableIfMissing, type PgPool, type RedisClient } from './engine-clients.js';
import { holdsLock, type Locks } from './locks.js';

/**
 * Per-chat arrival order across instances (Redis / PostgreSQL only).
 *
 * The shared chat lock runs two updates of one chat one at a time, but whichever instance polls
 * first wins it: two updates sent together and delivered to two instances a few ms apart were
 * sometimes processed later-id-first. Telegram numbers a bot's updates in the order they happened,
 * so the update id is the order to keep. With this guard an update
 *
 * 1. registers its id with its chat in the shared store (Redis: a sorted set `arrivals:<chat>`;
 *    PostgreSQL: a row in `bot_arrivals`),
 * 2. waits ARRIVAL_GRACE_MS so that a sibling sent at the same moment, still on its way through the
 *    load balancer to another instance, can register too,
 * 3. takes the chat lock; holding it, if a lower id of the chat is registered and not yet processed
 *    (not in the conversation record's recent update ids), it lets the lock go and polls until that
 *    one is processed or gone, then takes the lock again (and checks again),
 * 4. always removes its own entry afterwards, whether it succeeded or failed: still under the lock
 *    once it ran, so the chat's next update does not have to read the conversation to see it done.
 *
 * The guarantee: two updates of one chat are processed in update-id order whenever the lower one
 * registers before the higher one has checked under the lock, i.e. it arrives less than the grace
 * period after it (or while the chat is busy anyway), and the instances involved stay alive. Each
 * update is still processed once (the core's recent update ids). The bound: an update waits for
 * lower ids for at most ARRIVAL_WAIT_BOUND_MS (their instance may have died between registering and
 * processing), i.e. it is delayed by at most grace + bound + lock polling; then it proceeds, forgets
 * those entries, and the lower update, when Telegram delivers it again, is processed late: not lost,
 * since the core keeps a window of recent update ids instead of only the highest. Entries of a dead
 * instance expire by themselves (ARRIVAL_TTL_MS).
 *
 * sqlite and memory stores have one process: its in-process queues keep arrival order already, and
 * none of this runs there.
 */

/**
 * How long an update waits after registering before it competes for its chat. Two updates sent
 * together reach nginx within a millisecond or two; what separates their registrations is the proxy
 * hop and the event-loop lag of a busy instance: in tests/scale/nginx-scale.test.ts (50 chats, 3
 * instances on one machine) a pair's lower id registered at most 8 ms after the higher one, the
 * registration itself took ≤ 10 ms at p95. 40 ms covers that with margin, and it is most of what an
 * update pays in multi-instance mode (≈ 41 ms per update, measured, against < 2 ms for the lock).
 * Not covered: a request nginx sends again because its first instance died (~35 ms later).
 */
export const ARRIVAL_GRACE_MS = 40;
/**
 * The longest an update waits for a registered lower id of its chat. What it waits for is the lower
 * update taking the freed lock, which a live instance does within its lock polling (≤ 100 ms) plus
 * its own grace; if the lower one is being processed when the bound ends (a slow LLM turn), the
 * higher one still queues behind it on the lock, so order holds. Past the bound, the lower update's
 * instance is taken for dead and the higher update goes ahead.
 */
export const ARRIVAL_WAIT_BOUND_MS = 2_500;
/** Entries older than this are ignored and removed (left by an instance that died). */
export const ARRIVAL_TTL_MS = 120_000;

/** The engine part: a per-chat set of registered update ids, visible to every instance. */
export interface ArrivalRegistry {
  register(chatId: string, updateId: number): Promise<void>;
  /** Registered ids of the chat lower than `updateId` (and not older than the ttl). */
  lower(chatId: string, updateId: number): Promise<number[]>;
  remove(chatId: string, updateId: number): Promise<void>;
}

/** A chat lock that keeps update-id order when given the update id. */
export type ChatLock = <T>(chatId: string, fn: () => Promise<T>, updateId?: number) => Promise<T>;

export interface OrderedChatLockOptions {
  locks: Locks;
  arrivals: ArrivalRegistry;
  /** The lock key of a chat. */
  lockKey: (chatId: string) => string;
  ttlMs: number;
  waitMs: number;
  /** Reads the chat's conversation once and tells which update ids it has processed. */
  processed: (chatId: string) => Promise<(updateId: number) => boolean>;
  graceMs?: number;
  boundMs?: number;
  onWaited?: (info: { chatId: string; updateId: number; waitedMs: number; gaveUpOn?: number[] }) => void;
}

/** The chat lock with the arrival-order guard around it (see the top of this file). */
export function orderedChatLock(options: OrderedChatLockOptions): ChatLock {
  const { locks, arrivals, ttlMs, waitMs } = options;
  const graceMs = options.graceMs ?? ARRIVAL_GRACE_MS;
  const boundMs = options.boundMs ?? ARRIVAL_WAIT_BOUND_MS;

  async function pendingBefore(chatId: string, updateId: number): Promise<number[]> {
    const lower = await arrivals.lower(chatId, updateId);
    if (lower.length === 0) return [];
    const done = await options.processed(chatId);
    return lower.filter((id) => !done(id));
  }

  return async <T>(chatId: string, fn: () => Promise<T>, updateId?: number): Promise<T> => {
    const key = options.lockKey(chatId);
    // No id (not an update), or the caller already holds the chat (the webhook did the ordering).
    if (updateId === undefined || holdsLock(key)) return locks.withLock(key, ttlMs, fn, waitMs);
    await arrivals.register(chatId, updateId);
    let removed = false;
    const removeOwnEntry = async () => {
      if (removed) return;
      removed = true;
      await arrivals.remove(chatId, updateId).catch(() => undefined); // else it expires after the ttl
    };
    try {
      await sleep(graceMs);
      let waitingSince: number | undefined;
      let gaveUp = false;
      for (;;) {
        const outcome = await locks.withLock(
          key,
          ttlMs,
          async () => {
            if (!gaveUp && (await pendingBefore(chatId, updateId)).length > 0) return undefined;
            try {
              return { value: await fn() };
            } finally {
              // Still holding the chat: the next update of the chat, waiting for the lock, then finds
              // no lower entry and need not read the conversation to see that this one is done.
              await removeOwnEntry();
            }
          },
          waitMs,
        );
        if (outcome) {
          if (waitingSince !== undefined && !gaveUp) options.onWaited?.({ chatId, updateId, waitedMs: Date.now() - waitingSince });
          return outcome.value;
        }
        // A lower id is registered and unprocessed: wait for it without the lock, so it can take it.
        waitingSince ??= Date.now();
        let pause = 5;
        for (;;) {
          const pending = await pendingBefore(chatId, updateId);
          if (pending.length === 0) break;
          if (Date.now() - waitingSince >= boundMs) {
            // Its instance died (or is stuck): go ahead; the lower update is processed late when delivered again.
            gaveUp = true;
            await Promise.all(pending.map((id) => arrivals.remove(chatId, id))).catch(() => undefined);
            options.onWaited?.({ chatId, updateId, waitedMs: Date.now() - waitingSince, gaveUpOn: pending });
            break;
          }
          await sleep(pause);
          pause = Math.min(pause * 2, 50);
        }
      }
    } finally {
      await removeOwnEntry(); // done already unless the lock, the grace or the wait failed before fn ran
    }
  };
}

// ── Redis ─────────────────────────────────────────────────────────────────────────────────

/** Redis: `ZADD arrivals:<chat> <id> <id>` + `PEXPIRE` (the whole set expires once the chat is quiet). */
export function redisArrivals(client: RedisClient, prefix = 'bot:arrivals:'): ArrivalRegistry {
  return {
    register: async (chatId, updateId) => {
      await client
        .multi()
        .zAdd(prefix + chatId, { score: updateId, value: String(updateId) })
        .pExpire(prefix + chatId, ARRIVAL_TTL_MS)
        .exec();
    },
    lower: async (chatId, updateId) =>
      (await client.zRange(prefix + chatId, '-inf', `(${updateId}`, { BY: 'SCORE' })).map(Number),
    remove: async (chatId, updateId) => {
      await client.zRem(prefix + chatId, String(updateId));
    },
  };
}

// ── PostgreSQL ────────────────────────────────────────────────────────────────────────────

/** PostgreSQL: one row per (chat, update id) with the database's arrival time; old rows are swept now and then. */
export async function postgresArrivals(pool: PgPool, table = 'bot_arrivals'): Promise<ArrivalRegistry> {
  await createTableIfMissing(
    pool,
    `CREATE TABLE IF NOT EXISTS ${table} (chat text NOT NULL, update_id bigint NOT NULL, arrived_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (chat, update_id))`,
  );
  let lastSweep = 0;
  return {
    register: async (chatId, updateId) => {
      await pool.query(
        `INSERT INTO ${table} (chat, update_id) VALUES ($1, $2) ON CONFLICT (chat, update_id) DO UPDATE SET arrived_at = now()`,
        [chatId, updateId],
      );
      if (Date.now() - lastSweep > ARRIVAL_TTL_MS / 4) {
        lastSweep = Date.now();
        // Rows an instance left behind when it died.
        await pool.query(`DELETE FROM ${table} WHERE arrived_at < now() - $1 * interval '1 millisecond'`, [ARRIVAL_TTL_MS]).catch(() => undefined);
      }
    },
    lower: async (chatId, updateId) => {
      const result = await pool.query<{ update_id: string }>(
        `SELECT update_id FROM ${table} WHERE chat = $1 AND update_id < $2 AND arrived_at > now() - $3 * interval '1 millisecond' ORDER BY update_id`,
        [chatId, updateId, ARRIVAL_TTL_MS],
      );
      return result.rows.map((r) => Number(r.update_id));
    },
    remove: async (chatId, updateId) => {
      await pool.query(`DELETE FROM ${table} WHERE chat = $1 AND update_id = $2`, [chatId, updateId]);
    },
  };
}
