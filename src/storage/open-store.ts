import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Keyv from 'keyv';
import { useFastJson } from './fast-json.js';

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
  close(): Promise<void>;
}

/** sqlite://data/bot.sqlite is relative to the working directory; sqlite:///abs/path.sqlite is absolute. */
export function sqliteFilePath(url: string): string {
  const rest = url.replace(/^sqlite:\/\//, '');
  return rest.startsWith('/') ? rest : resolve(process.cwd(), rest);
}

export async function openStore(url: string): Promise<Store> {
  if (url.startsWith('memory://')) {
    const kv = new Keyv({ namespace: 'bot', throwOnErrors: true });
    useFastJson(kv);
    return { kv, kind: 'memory', scrub: async () => {}, close: async () => {} };
  }
  if (url.startsWith('sqlite://')) {
    const file = sqliteFilePath(url);
    mkdirSync(dirname(file), { recursive: true });
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000 });
    // WAL: writers do not block readers and commits are ~9x faster; NORMAL sync is safe with WAL.
    await adapter.query('PRAGMA journal_mode=WAL');
    await adapter.query('PRAGMA synchronous=NORMAL');
    // Deleted rows (an erased lead's phone number) are overwritten with zeros, not left in free pages.
    await adapter.query('PRAGMA secure_delete=ON');
    // throwOnErrors: by default Keyv swallows a failing store (get → undefined, set → false), so a
    // broken disk looked like a new conversation and lost answers silently; now the core apologises.
    const kv = new Keyv({ store: adapter, namespace: 'bot', throwOnErrors: true });
    useFastJson(kv);
    const scrub = async () => {
      await adapter.query('PRAGMA wal_checkpoint(TRUNCATE)');
    };
    return { kv, kind: 'sqlite', scrub, close: () => kv.disconnect() };
  }
  if (url.startsWith('redis://') || url.startsWith('rediss://')) {
    const { default: KeyvRedis } = await import('@keyv/redis');
    const kv = new Keyv({ store: new KeyvRedis(url), namespace: 'bot', throwOnErrors: true });
    useFastJson(kv);
    return { kv, kind: 'redis', scrub: async () => {}, close: () => kv.disconnect() };
  }
  throw new Error(`STORAGE_URL ${url.split(':')[0]}:// is not supported by this build (use sqlite://, memory:// or redis://)`);
}
