import { sequentialize } from '@grammyjs/runner';
import { Bot, session, type Context, type SessionFlavor, type StorageAdapter } from 'grammy';
import { openStore, type Store } from '../storage/open-store.js';
import { drive } from './drive.js';
import { figures, type RunFigures } from './pipeline.js';
import { BENCH_BOT_INFO, type Script } from './prospects.js';
import { RecordingApi } from './recording-api.js';

interface Counter {
  count: number;
}
type FloorContext = Context & SessionFlavor<Counter>;

/** grammY session storage over the product's Keyv store (same adapter, same pragmas). */
function keyvSessions(store: Store): StorageAdapter<Counter> {
  return {
    read: async (key) => (await store.kv.get<Counter>(`s:${key}`)) ?? undefined,
    write: async (key, value) => {
      await store.kv.set(`s:${key}`, value);
    },
    delete: async (key) => {
      await store.kv.delete(`s:${key}`);
    },
  };
}

/**
 * The framework floor: bare grammY answering the same updates with one message each, counting
 * them in a session (per chat), with the same per-chat ordering middleware and transformer.
 * `storageUrl` memory:// uses grammY's in-memory session storage; sqlite:// the product's store
 * (Keyv + @keyv/sqlite, WAL, synchronous=NORMAL).
 */
export async function runFloor(script: Script, storageUrl: string, concurrency: number): Promise<RunFigures> {
  const store = storageUrl.startsWith('sqlite://') ? await openStore(storageUrl) : undefined;
  try {
    const api = new RecordingApi();
    const bot = new Bot<FloorContext>('123456:BENCH-token', { botInfo: BENCH_BOT_INFO });
    bot.api.config.use(api.transformer);
    bot.use(sequentialize<FloorContext>((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));
    bot.use(session({ initial: (): Counter => ({ count: 0 }), ...(store ? { storage: keyvSessions(store) } : {}) }));
    bot.on(['message', 'callback_query'], async (ctx) => {
      ctx.session.count++;
      await ctx.reply(`#${ctx.session.count}`);
    });
    const result = await drive(script.updates, (u) => bot.handleUpdate(u), concurrency);
    return figures(result, api.calls);
  } finally {
    await store?.close();
  }
}
