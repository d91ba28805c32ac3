import type Keyv from 'keyv';
import { RECORD_LOCK_TTL_MS, type Locks } from '../storage/locks.js';
import { CHAT_INDEX_BUCKETS, chatBucket, keys } from './keys.js';

/**
 * The chats that reached a funnel step (what /stats goes over), sharded by chat so that no single
 * list grows with every chat ever seen; each shard is changed under its own lock.
 */
export class ChatIndex {
  constructor(
    private readonly kv: Keyv,
    private readonly locks: Locks,
  ) {}

  /** Adds a chat (once). */
  add(chatId: string): Promise<void> {
    return this.change(chatId, (chats) => (chats.includes(chatId) ? undefined : [...chats, chatId]));
  }

  /** Removes a chat (its data was erased), from its shard and from an earlier version's single list. */
  async remove(chatId: string): Promise<void> {
    const without = (chats: string[]) => (chats.includes(chatId) ? chats.filter((c) => c !== chatId) : undefined);
    await this.change(chatId, without);
    await this.changeList(keys.legacyChatLock, keys.legacyChatIndex, without);
  }

  /** Every indexed chat (an earlier version's single list included), each once. */
  async list(): Promise<string[]> {
    const chats = new Set<string>();
    for (let bucket = 0; bucket < CHAT_INDEX_BUCKETS; bucket++) {
      for (const chatId of (await this.kv.get<string[]>(keys.chatIndex(bucket))) ?? []) chats.add(chatId);
    }
    for (const chatId of (await this.kv.get<string[]>(keys.legacyChatIndex)) ?? []) chats.add(chatId);
    return [...chats];
  }

  /** Rewrites the chat's shard when `next` returns a new list (undefined: nothing to change). */
  private change(chatId: string, next: (chats: string[]) => string[] | undefined): Promise<void> {
    const bucket = chatBucket(chatId);
    return this.changeList(keys.chatLock(bucket), keys.chatIndex(bucket), next);
  }

  private async changeList(lock: string, key: string, next: (chats: string[]) => string[] | undefined): Promise<void> {
    await this.locks.withLock(lock, RECORD_LOCK_TTL_MS, async () => {
      const changed = next((await this.kv.get<string[]>(key)) ?? []);
      if (changed) await this.kv.set(key, changed);
    });
  }
}
