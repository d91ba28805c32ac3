/**
 * Every storage key the lead backend writes, in one place, so that erasing a person's data can name
 * every copy. Keys are our own: never depend on an adapter's raw key layout or on iteration.
 */
/** Number of shards of the chat index. */
export const CHAT_INDEX_BUCKETS = 64;

/** The shard of a chat in the chat index (a stable string hash). */
export function chatBucket(chatId: string): number {
  let hash = 0;
  for (let i = 0; i < chatId.length; i++) hash = (hash * 31 + chatId.charCodeAt(i)) >>> 0;
  return hash % CHAT_INDEX_BUCKETS;
}

export const keys = {
  lead: (id: string) => `lead:${id}`,
  leadByChat: (chatId: string) => `leadByChat:${chatId}`,
  /**
   * Days (YYYYMMDD, Asia/Shanghai) on which lead ids were given out, oldest first; with the per-day
   * counters this is the lead index (ids are `L-<day>-<n>` for n = 1…counter), so adding a lead
   * never rewrites a list that grows with every lead.
   */
  leadDays: 'leads:days',
  /** Per-day id counter; `day` is YYYYMMDD in Asia/Shanghai. */
  leadSeq: (day: string) => `leads:seq:${day}`,
  /** The explicit id list of earlier versions (newest first); still read, never written. */
  legacyLeadIndex: 'leads:index',
  /** Lock names below (`lock:` and `lease:`) are not stored keys. The lead index and id counters: */
  leadLock: 'lock:leads',
  /** One chat's lead (the core's turn, a consultant's status change, an erase). */
  leadChatLock: (chatId: string) => `lead-chat:${chatId}`,
  /** The conversation record (owned by src/core/conversation-store.ts). */
  conversation: (chatId: string) => `conv:${chatId}`,
  funnel: (chatId: string) => `funnel:${chatId}`,
  /** Chats that reached a funnel step, sharded so no single list grows with every chat ever seen. */
  chatIndex: (bucket: number) => `chats:index:${bucket}`,
  chatLock: (bucket: number) => `lock:chats:${bucket}`,
  /** The unsharded chat list of earlier versions: still read and cleaned on erase, never added to. */
  legacyChatIndex: 'chats:index',
  legacyChatLock: 'lock:chats',
  outboxItem: (id: string) => `outbox:item:${id}`,
  outboxIndex: 'outbox:index',
  outboxLock: 'lock:outbox',
  outboxLease: (id: string) => `lease:outbox:${id}`,
  /** The consultant message showing a lead's card, so later versions edit it. */
  cardRef: (leadId: string) => `cardRef:${leadId}`,
  /** A prospect's message relayed into the consultant chat → the prospect's core chat id (expires). */
  relayedMessage: (ref: { chatId: number | string; messageId: number }) => `relay:${ref.chatId}:${ref.messageId}`,
  /** The messages relayed from one prospect, so that erasing them can find them all. */
  relayedOfChat: (coreChatId: string) => `relay:chat:${coreChatId}`,
} as const;
