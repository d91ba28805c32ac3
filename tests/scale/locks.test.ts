import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/open-store.js';
import { describeBackends } from '../helpers/backends.js';
import { runScript } from '../helpers/run-process.js';

const WORKER = fileURLToPath(new URL('./lock-worker.ts', import.meta.url));
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function open(url: string) {
  const store = await openStore(url);
  stores.push(store);
  return store;
}

async function worker(url: string, n: number): Promise<void> {
  const result = await runScript(WORKER, [url, String(n)], { timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`lock worker exited ${result.code}: ${result.stderr}`);
}

describeBackends(
  'engine locks',
  (backend) => {
    it('are shared: a second connection cannot take a held key, and can once it is released', async () => {
      const a = await open(backend.url());
      const b = await open(backend.url());
      expect(a.locks.shared).toBe(true);
      const release = await a.locks.tryLock('k', 5_000);
      expect(release).toBeDefined();
      expect(await b.locks.tryLock('k', 5_000)).toBeUndefined();
      await release!();
      const again = await b.locks.tryLock('k', 5_000);
      expect(again).toBeDefined();
      await again!();
    });

    it('expire: a holder that died (never released) blocks the key only for its ttl', async () => {
      const a = await open(backend.url());
      const b = await open(backend.url());
      expect(await a.locks.tryLock('k', 300)).toBeDefined();
      await a.close(); // the holder is gone: no renewal, no release
      expect(await b.locks.tryLock('k', 5_000)).toBeUndefined();
      const started = Date.now();
      await b.locks.withLock('k', 5_000, async () => undefined);
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('are renewed while held, so a slow holder keeps its key past the ttl', async () => {
      const a = await open(backend.url());
      const b = await open(backend.url());
      const release = await a.locks.tryLock('slow', 300);
      await new Promise((r) => setTimeout(r, 800));
      expect(await b.locks.tryLock('slow', 300)).toBeUndefined();
      await release!();
      expect(await b.locks.tryLock('slow', 300)).toBeDefined();
    });

    it('are re-entrant within one call chain', async () => {
      const a = await open(backend.url());
      const result = await a.locks.withLock('outer', 5_000, () => a.locks.withLock('outer', 5_000, async () => 42));
      expect(result).toBe(42);
    });

    it('exclude each other across processes: 3 processes × 40 locked read-modify-writes lose no increment', async () => {
      const url = backend.url();
      await Promise.all([worker(url, 40), worker(url, 40), worker(url, 40)]);
      const store = await open(url);
      expect(await store.kv.get('counter')).toBe(120);
    });
  },
  ['redis', 'postgres'],
);

describe('local locks (sqlite, memory)', () => {
  it('are not shared and serialise within the process', async () => {
    const store = await open('memory://');
    expect(store.locks.shared).toBe(false);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => store.locks.withLock('k', 1000, async () => {
      order.push(i);
      await new Promise((r) => setTimeout(r, 5));
      order.push(-i);
    })));
    expect(order).toEqual([1, -1, 2, -2, 3, -3]);
  });
});

describeBackends(
  'a shared store',
  (backend) => {
    it('holds one connection to Redis for its data, its locks and its arrival registry', async () => {
      const { createClient } = await import('@keyv/redis');
      const admin = createClient({ url: backend.url() });
      await admin.connect();
      try {
        const connections = async () => ((await admin.sendCommand(['CLIENT', 'LIST'])) as string).trim().split('\n').length;
        const before = await connections();
        const store = await openStore(backend.url(), { arrivalOrder: true });
        stores.push(store);
        await store.kv.set('k', 1);
        await store.locks.withLock('k', 5_000, async () => store.arrivals!.register('chat', 1));
        expect(await store.arrivals!.lower('chat', 2)).toEqual([1]);
        expect(await connections()).toBe(before + 1);
        await store.close();
        expect(await connections()).toBe(before);
      } finally {
        await admin.close();
      }
    });
  },
  ['redis'],
);
