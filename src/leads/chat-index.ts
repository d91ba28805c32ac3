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

  /** Removes a chat (its data was erased). */
  remove(chatId: string): Promise<void> {
    return this.change(chatId, (chats) => (chats.includes(chatId) ? chats.filter((c) => c !== chatId) : undefined));
  }

  /** Every indexed chat. */
  async list(): Promise<string[]> {
    const chats: string[] = [];
    for (let bucket = 0; bucket < CHAT_INDEX_BUCKETS; bucket++) {
      chats.push(...((await this.kv.get<string[]>(keys.chatIndex(bucket))) ?? []));
    }
    return chats;
  }

  /** Rewrites the chat's shard when `next` returns a new list (undefined: nothing to change). */
  private async change(chatId: string, next: (chats: string[]) => string[] | undefined): Promise<void> {
    const bucket = chatBucket(chatId);
    await this.locks.withLock(keys.chatLock(bucket), RECORD_LOCK_TTL_MS, async () => {
      const changed = next((await this.kv.get<string[]>(keys.chatIndex(bucket))) ?? []);
      if (changed) await this.kv.set(keys.chatIndex(bucket), changed);
    });
  }
}
