import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/open-store.js';

let dir: string;
const stores: Store[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function open(file = join(dir, 'bot.sqlite')): Promise<Store> {
  const store = await openStore(`sqlite://${file}`);
  stores.push(store);
  return store;
}

describe('the sqlite store (Keyv over prepared statements)', () => {
  it('reads, writes, overwrites and deletes values, and keeps them across a reopen', async () => {
    const store = await open();
    expect(await store.kv.get('conv:1')).toBeUndefined();
    await store.kv.set('conv:1', { answers: { age: 35 }, text: ':starts with a colon' });
    await store.kv.set('conv:1', { answers: { age: 36 }, text: ':starts with a colon' });
    await store.kv.set('conv:2', 'two');
    expect(await store.kv.get('conv:1')).toEqual({ answers: { age: 36 }, text: ':starts with a colon' });
    expect(await store.kv.has('conv:2')).toBe(true);
    expect(await store.kv.get(['conv:1', 'conv:2', 'conv:3'])).toEqual([{ answers: { age: 36 }, text: ':starts with a colon' }, 'two', undefined]);
    expect(await store.kv.delete('conv:2')).toBe(true);
    expect(await store.kv.delete('conv:2')).toBe(false);
    await store.close();
    stores.pop();

    const again = await open();
    expect(await again.kv.get('conv:1')).toEqual({ answers: { age: 36 }, text: ':starts with a colon' });
    expect(await again.kv.has('conv:2')).toBe(false);
  });

  it('serves concurrent calls on the same statements in order', async () => {
    const store = await open();
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.kv.set(`k:${i % 10}`, i)));
    const values = await Promise.all(Array.from({ length: 10 }, (_, i) => store.kv.get(`k:${i}`)));
    expect(values).toEqual(Array.from({ length: 10 }, (_, i) => 190 + i));
  });

  it('iterates and clears only its own namespace', async () => {
    const store = await open();
    for (let i = 0; i < 250; i++) await store.kv.set(`item:${String(i).padStart(3, '0')}`, i);
    const other = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${join(dir, 'bot.sqlite')}` }), namespace: 'other' });
    await other.set('x', 'kept');
    const seen: number[] = [];
    for await (const [, value] of store.kv.iterator!(undefined)) seen.push(value as number);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    await store.kv.clear();
    expect(await store.kv.get('item:001')).toBeUndefined();
    expect(await other.get('x')).toBe('kept');
    await other.disconnect();
  });

  it('reads a data file written by the stock @keyv/sqlite adapter (same table), and the other way round', async () => {
    const file = join(dir, 'old.sqlite');
    const stock = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}` }), namespace: 'bot' });
    await stock.set('conv:tg:1', { v: 2, answers: { age: 35 } });
    const store = await open(file);
    expect(await store.kv.get('conv:tg:1')).toEqual({ v: 2, answers: { age: 35 } });
    await store.kv.set('conv:tg:2', { v: 2 });
    expect(await stock.get('conv:tg:2')).toEqual({ v: 2 });
    await stock.disconnect();
  });

  it('fails to open with an error naming the problem, not on the first message', async () => {
    const notADatabase = join(dir, 'not-a-db.sqlite');
    writeFileSync(notADatabase, 'this is not a sqlite file '.repeat(200));
    await expect(openStore(`sqlite://${notADatabase}`)).rejects.toThrow(/not a database|file is not a database|SQLITE_NOTADB/i);
  });
});
