/**
 * One "instance" for the cross-process lock test: increments a stored counter `n` times, each a
 * read-modify-write under the store's lock. Without a real cross-process lock, increments are lost.
 * Usage: tsx tests/scale/lock-worker.ts <STORAGE_URL> <n>
 */
import { openStore } from '../../src/storage/open-store.js';

const [url, n] = process.argv.slice(2);
const store = await openStore(url!);
for (let i = 0; i < Number(n); i++) {
  await store.locks.withLock('counter', 5_000, async () => {
    const value = (await store.kv.get<number>('counter')) ?? 0;
    await new Promise((r) => setTimeout(r, 1)); // widen the race window
    await store.kv.set('counter', value + 1);
  });
}
await store.close();
