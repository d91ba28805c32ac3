import type { Services } from '../app/services.js';
import { coreChatId } from '../channels/telegram/context.js';
import { generateScript } from './prospects.js';
import { collectGarbage, mean } from './stats.js';

export interface PersistedFigures {
  conversations: number;
  meanBytes: number;
  maxBytes: number;
}

/**
 * Bytes each conversation takes in storage: the record as the store serializes it
 * (Keyv's serializer, i.e. exactly the value the sqlite row holds).
 */
export async function persistedBytes(services: Services, telegramChatIds: readonly number[]): Promise<PersistedFigures> {
  const kv = services.store.kv;
  const sizes: number[] = [];
  for (const id of telegramChatIds) {
    const record = await services.conversations.load(coreChatId(id));
    if (!record || record === 'incompatible') continue;
    const serialized = kv.serialize ? await kv.serialize({ value: record, expires: undefined }) : JSON.stringify({ value: record });
    sizes.push(Buffer.byteLength(serialized, 'utf8'));
  }
  return { conversations: sizes.length, meanBytes: mean(sizes), maxBytes: sizes.length ? Math.max(...sizes) : 0 };
}

export interface MemoryFigures {
  liveConversations: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  heapUsedAfterMb: number;
  /** (RSS after − RSS before) / conversations, KB. */
  rssPerConversationKb: number;
}

/**
 * Process RSS with `count` live conversations held in one bot process with memory:// storage
 * (the worst case: every record in RAM, plus the bot's per-user flood-limit and dedup state).
 * Each conversation is started and walked `updatesEach` updates into the questionnaire.
 */
export async function liveConversationMemory(count: number, updatesEach: number, seed: number): Promise<MemoryFigures> {
  await collectGarbage();
  const before = process.memoryUsage();
  let after = before;
  await generateScript({
    prospects: count,
    perProspect: updatesEach,
    seed,
    keep: false,
    beforeClose: async () => {
      await collectGarbage();
      after = process.memoryUsage();
    },
  });
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    liveConversations: count,
    rssBeforeMb: mb(before.rss),
    rssAfterMb: mb(after.rss),
    heapUsedAfterMb: mb(after.heapUsed),
    rssPerConversationKb: (after.rss - before.rss) / 1024 / count,
  };
}
