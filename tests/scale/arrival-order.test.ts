import { afterEach, expect, it } from 'vitest';
import { chatLockFor } from '../../src/app/services.js';
import { ConversationStore } from '../../src/core/conversation-store.js';
import type { Inbound } from '../../src/core/types.js';
import { ARRIVAL_GRACE_MS, ARRIVAL_WAIT_BOUND_MS, orderedChatLock } from '../../src/storage/arrival-order.js';
import { openStore, type Store } from '../../src/storage/open-store.js';
import { describeBackends } from '../helpers/backends.js';
import { createHarness, type Harness } from '../helpers/core-harness.js';

/**
 * Two "instances" (two cores, each with its own connections to the same Redis / PostgreSQL) get two
 * updates of one chat in the wrong order a few ms apart: the arrival-order guard processes them in
 * update-id order. A lower id registered by an instance that then died holds a higher one back for
 * at most the bound.
 */
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function instance(url: string): Promise<Harness> {
  const h = await createHarness(url, new Date());
  stores.push(h.store);
  return h;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const help: Inbound = { kind: 'command', name: 'help' };

async function processedOrder(h: Harness, chatId: string): Promise<readonly number[]> {
  const record = await new ConversationStore(h.store.kv).load(chatId);
  if (!record || record === 'incompatible') throw new Error(`no record for ${chatId}`);
  return record.recentUpdateIds ?? [];
}

describeBackends(
  'the arrival-order guard',
  (backend) => {
    it('processes two updates of one chat sent to two instances in the wrong order in update-id order', async () => {
      const a = await instance(backend.url());
      const b = await instance(backend.url());
      const pairs = 12;
      await Promise.all(
        Array.from({ length: pairs }, async (_, i) => {
          const chat = `pair-${i}`;
          await a.core.handle(chat, { kind: 'command', name: 'start' }, { updateId: 100 });
          // The higher id reaches its instance first; the lower one 0–5 ms later, on the other instance
          // (alternating which instance gets which).
          const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
          const higher = first.core.handle(chat, { kind: 'button', id: 's:0' }, { updateId: 102 });
          await sleep(i % 6);
          const lower = second.core.handle(chat, help, { updateId: 101 });
          const [h, l] = await Promise.all([higher, lower]);
          expect(h.length).toBeGreaterThan(0);
          expect(l.length).toBeGreaterThan(0);
        }),
      );
      for (let i = 0; i < pairs; i++) expect(await processedOrder(a, `pair-${i}`)).toEqual([100, 101, 102]);
    });

    it('keeps the order within one instance too, and processes each update once', async () => {
      const a = await instance(backend.url());
      const b = await instance(backend.url());
      await a.core.handle('same', { kind: 'command', name: 'start' }, { updateId: 1 });
      const third = a.core.handle('same', help, { updateId: 4 });
      await sleep(2);
      const second = a.core.handle('same', help, { updateId: 3 });
      const again = b.core.handle('same', help, { updateId: 3 }); // delivered twice, to both instances
      await sleep(1);
      const first = a.core.handle('same', { kind: 'button', id: 's:0' }, { updateId: 2 });
      const replies = await Promise.all([first, second, again, third]);
      expect(replies.filter((r) => r.length > 0)).toHaveLength(3);
      expect(await processedOrder(a, 'same')).toEqual([1, 2, 3, 4]);
    });

    it('holds an update back for at most the bound when a lower id was registered by an instance that died', async () => {
      const a = await instance(backend.url());
      const arrivals = a.store.arrivals!;
      await a.core.handle('orphan', { kind: 'command', name: 'start' }, { updateId: 50 });
      await arrivals.register('orphan', 51); // registered by an instance that died before processing it
      const started = Date.now();
      const replies = await a.core.handle('orphan', help, { updateId: 52 });
      const waited = Date.now() - started;
      expect(replies.length).toBeGreaterThan(0);
      expect(waited).toBeGreaterThanOrEqual(ARRIVAL_WAIT_BOUND_MS);
      expect(waited).toBeLessThan(ARRIVAL_WAIT_BOUND_MS + ARRIVAL_GRACE_MS + 1_000);
      // The entry given up on is gone: the next update does not wait for it again.
      expect(await arrivals.lower('orphan', 100)).toEqual([]);
      const next = Date.now();
      await a.core.handle('orphan', help, { updateId: 53 });
      expect(Date.now() - next).toBeLessThan(1_000);
      // Telegram delivers 51 again later: it is processed (late), not taken for a redelivery.
      expect((await a.core.handle('orphan', { kind: 'button', id: 's:0' }, { updateId: 51 })).length).toBeGreaterThan(0);
      expect(await processedOrder(a, 'orphan')).toEqual([50, 52, 53, 51]);
    });

    it('removes its own entry when the work fails, and adds only the grace to an update nobody competes with', async () => {
      const a = await instance(backend.url());
      const lock = chatLockFor(a.store, new ConversationStore(a.store.kv))!;
      await expect(lock('boom', () => Promise.reject(new Error('turn failed')), 7)).rejects.toThrow('turn failed');
      expect(await a.store.arrivals!.lower('boom', 100)).toEqual([]);
      const started = Date.now();
      await lock('quiet', async () => undefined, 8);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(ARRIVAL_GRACE_MS - 1);
      expect(took).toBeLessThan(ARRIVAL_GRACE_MS + 500);
    });

    it('removes an update’s entry before it lets the chat go, so the next update need not read the conversation', async () => {
      const a = await instance(backend.url());
      const events: string[] = [];
      const arrivals = a.store.arrivals!;
      const lock = orderedChatLock({
        locks: {
          ...a.store.locks,
          withLock: async (key, ttlMs, fn, waitMs) => {
            try {
              return await a.store.locks.withLock(key, ttlMs, fn, waitMs);
            } finally {
              events.push('released');
            }
          },
        },
        arrivals: {
          ...arrivals,
          remove: async (chatId, updateId) => {
            await arrivals.remove(chatId, updateId);
            events.push(`removed ${updateId}`);
          },
        },
        lockKey: (chatId) => `chat:${chatId}`,
        ttlMs: 10_000,
        waitMs: 5_000,
        processed: async () => () => true,
      });
      expect(await lock('done', async () => 'ran', 1)).toBe('ran');
      await expect(lock('done', () => Promise.reject(new Error('turn failed')), 2)).rejects.toThrow('turn failed');
      expect(events).toEqual(['removed 1', 'released', 'removed 2', 'released']);
      expect(await arrivals.lower('done', 100)).toEqual([]);
    });

    it('is not opened for a single poller, the CLI or the terminal: their chat lock is the engine lock alone', async () => {
      const store = await openStore(backend.url());
      stores.push(store);
      expect(store.arrivals).toBeUndefined();
      const lock = chatLockFor(store, new ConversationStore(store.kv))!;
      expect(await lock('alone', async () => 'ran', 9)).toBe('ran');
    });
  },
  ['redis', 'postgres'],
);
