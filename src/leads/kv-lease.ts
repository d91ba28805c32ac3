import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import { serialized } from '../util/keyed-queue.js';

/**
 * Leases (mutual exclusion with an expiry) over a plain Keyv, for several processes sharing one store.
 *
 * Keyv has no compare-and-set, so this is Fischer's algorithm: read the lease; if it is free, write our
 * token; wait `settleMs`; read it again and proceed only if our token is still there. It is safe as long
 * as nobody takes longer than `settleMs` between reading a free lease and writing their token; a write
 * that took longer is detected, withdrawn and retried. A holder that crashed blocks the lease until `ttlMs`.
 * Within one process, callers are additionally queued per key, so they never contend needlessly.
 */
export interface LeaseOptions {
  /** Delay between writing the token and checking it; must exceed a store round trip (default 50 ms). 0 = one process owns the store: no stored lease at all. */
  settleMs?: number;
  /** A lease not released within this time is free again (default 30 s: a crashed holder). */
  ttlMs?: number;
  /** Clock (default Date.now). */
  now?: () => number;
}

interface LeaseRecord {
  token: string;
  expiresAt: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class KvLease {
  private readonly settleMs: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly kv: Keyv,
    options: LeaseOptions = {},
  ) {
    this.settleMs = options.settleMs ?? 50;
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Tries once; resolves to a release function when the lease is ours, or undefined when someone holds it. */
  async tryAcquire(key: string): Promise<(() => Promise<void>) | undefined> {
    const before = this.now();
    const held = await this.kv.get<LeaseRecord>(key);
    if (held && held.expiresAt > this.now()) return undefined;
    const token = randomUUID();
    await this.kv.set(key, { token, expiresAt: this.now() + this.ttlMs } satisfies LeaseRecord, this.ttlMs);
    // Fischer's condition: our read-to-write took less than the settle time, or someone may have missed us.
    const slow = this.settleMs > 0 && this.now() - before >= this.settleMs;
    if (this.settleMs > 0) await sleep(this.settleMs);
    const after = await this.kv.get<LeaseRecord>(key);
    if (after?.token !== token) return undefined;
    const release = async () => {
      const current = await this.kv.get<LeaseRecord>(key);
      if (current?.token === token) await this.kv.delete(key);
    };
    if (slow) {
      // Not safe to proceed; withdraw instead of blocking everyone until the lease expires.
      await release();
      return undefined;
    }
    return release;
  }

  /** Retries until the lease is ours (or throws after `waitMs`), runs `fn`, and releases. */
  async withLease<T>(key: string, fn: () => Promise<T>, waitMs = 15_000): Promise<T> {
    // settleMs 0 means one process owns the store (sqlite file, memory): the in-process queue is the whole lock.
    if (this.settleMs === 0) return serialized(key, fn);
    return serialized(key, async () => {
      const deadline = this.now() + waitMs;
      for (;;) {
        const release = await this.tryAcquire(key);
        if (release) {
          try {
            return await fn();
          } finally {
            await release();
          }
        }
        if (this.now() > deadline) throw new Error(`Storage is busy: could not take the lock ${key} (another process holds it)`);
        await sleep(this.settleMs + Math.floor(Math.random() * this.settleMs));
      }
    });
  }
}

export { serialized };
