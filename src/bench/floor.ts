import { sequentialize } from '@grammyjs/runner';
import { Bot, session, type Context, type SessionFlavor, type StorageAdapter } from 'grammy';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { SQLITE_BUSY_TIMEOUT_MS, SQLITE_PRAGMAS, openStore } from '../storage/open-store.js';
import { drive } from './drive.js';
import { figures, type RunFigures } from './pipeline.js';
import { BENCH_BOT_INFO, type Script } from './prospects.js';
import { RecordingApi } from './recording-api.js';

interface Counter {
  count: number;
}
type FloorContext = Context & SessionFlavor<Counter>;

/**
 * How a grammY developer would keep sessions in sqlite through keyv: the stock @keyv/sqlite adapter,
 * here with the product's pragmas (WAL, synchronous=NORMAL, secure_delete).
 */
async function openKeyvSqlite(file: string): Promise<Keyv<Counter>> {
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: SQLITE_BUSY_TIMEOUT_MS });
  for (const pragma of SQLITE_PRAGMAS) await adapter.query(pragma);
  return new Keyv<Counter>({ store: adapter, namespace: 'bot', throwOnErrors: true });
}

function keyvSessions(kv: Keyv<Counter>): StorageAdapter<Counter> {
  return {
    read: async (key) => (await kv.get(`s:${key}`)) ?? undefined,
    write: async (key, value) => {
      await kv.set(`s:${key}`, value);
    },
    delete: async (key) => {
      await kv.delete(`s:${key}`);
    },
  };
}

/** Where the floor keeps its sessions. */
export type FloorStorage =
  /** grammY's in-memory session storage. */
  | 'memory'
  /** Keyv over the stock @keyv/sqlite adapter (the sqlite3 driver) with the product's pragmas: the floor. */
  | 'keyv-sqlite'
  /** Keyv over the product's own sqlite adapter (better-sqlite3, same pragmas): for reference. */
  | 'product-sqlite';

/**
 * The framework floor: bare grammY answering the same updates with one message each, counting
 * them in a session (per chat), through the same recording transformer. Per-chat ordering is the
 * runner's stock `sequentialize`, as grammY's documentation pairs it with sessions when updates run
 * concurrently (the product orders chats with its own `inChatOrder`, src/channels/telegram/chat-queue.ts).
 * `file` is the sqlite file of the sqlite kinds.
 */
export async function runFloor(script: Script, storage: FloorStorage, file: string, concurrency: number): Promise<RunFigures> {
  const kv =
    storage === 'keyv-sqlite'
      ? await openKeyvSqlite(file)
      : storage === 'product-sqlite'
        ? ((await openStore(`sqlite://${file}`)).kv as Keyv<Counter>)
        : undefined;
  try {
    const api = new RecordingApi();
    const bot = new Bot<FloorContext>('123456:BENCH-token', { botInfo: BENCH_BOT_INFO });
    bot.api.config.use(api.transformer);
    bot.use(sequentialize<FloorContext>((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));
    bot.use(session({ initial: (): Counter => ({ count: 0 }), ...(kv ? { storage: keyvSessions(kv) } : {}) }));
    bot.on(['message', 'callback_query'], async (ctx) => {
      ctx.session.count++;
      await ctx.reply(`#${ctx.session.count}`);
    });
    const result = await drive(script.updates, (u) => bot.handleUpdate(u), concurrency);
    return figures(result, api.calls);
  } finally {
    await kv?.disconnect();
  }
}
