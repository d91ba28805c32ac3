import type Keyv from 'keyv';
import { keys } from './keys.js';
import type { SentRef } from './outbox.js';

/** How long a relayed message can be replied to (and is remembered at all). */
const RELAY_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** At most this many relayed messages are remembered per prospect (the newest). */
const MAX_PER_CHAT = 200;

/**
 * Which prospect each message relayed into the consultant chat belongs to, so that a consultant's
 * reply to it reaches that prospect: `relay:<consultant chat>:<message id>` → core chat id, with a TTL
 * of a few days. A per-prospect list of the relayed messages lets an erasure find (and forget) them.
 */
export class RelayLog {
  constructor(private readonly kv: Keyv) {}

  async remember(ref: SentRef, coreChatId: string): Promise<void> {
    await this.kv.set(keys.relayedMessage(ref), coreChatId, RELAY_TTL_MS);
    const refs = await this.refsOf(coreChatId);
    const next = [...refs, { chatId: ref.chatId, messageId: ref.messageId }].slice(-MAX_PER_CHAT);
    await this.kv.set(keys.relayedOfChat(coreChatId), next, RELAY_TTL_MS);
  }

  /** The core chat id of the prospect a relayed message belongs to, or undefined (unknown or expired). */
  async lookup(ref: SentRef): Promise<string | undefined> {
    return (await this.kv.get<string>(keys.relayedMessage(ref))) ?? undefined;
  }

  /** The relayed messages of a prospect still remembered. */
  private async refsOf(coreChatId: string): Promise<SentRef[]> {
    return [...((await this.kv.get<SentRef[]>(keys.relayedOfChat(coreChatId))) ?? [])];
  }

  /** Forgets every relayed message of a prospect (after an erasure); returns them. */
  async forget(coreChatId: string): Promise<SentRef[]> {
    const refs = await this.refsOf(coreChatId);
    for (const ref of refs) await this.kv.delete(keys.relayedMessage(ref));
    await this.kv.delete(keys.relayedOfChat(coreChatId));
    return refs;
  }
}
