/**
 * Every storage key the lead backend writes, in one place, so that erasing a person's data can name
 * every copy. Keys are our own: never depend on an adapter's raw key layout or on iteration.
 */
export const keys = {
  lead: (id: string) => `lead:${id}`,
  leadByChat: (chatId: string) => `leadByChat:${chatId}`,
  /** Lead ids, newest first. */
  leadIndex: 'leads:index',
  /** Per-day id counter; `day` is YYYYMMDD in Asia/Shanghai. */
  leadSeq: (day: string) => `leads:seq:${day}`,
  /** Cross-process lock for the lead index and the id counters. */
  leadLock: 'lock:leads',
  /** The conversation record (owned by src/core/conversation-store.ts). */
  conversation: (chatId: string) => `conv:${chatId}`,
  funnel: (chatId: string) => `funnel:${chatId}`,
  chatIndex: 'chats:index',
  chatLock: 'lock:chats',
  outboxItem: (id: string) => `outbox:item:${id}`,
  outboxIndex: 'outbox:index',
  outboxLock: 'lock:outbox',
  outboxLease: (id: string) => `lease:outbox:${id}`,
  /** The consultant message showing a lead's card, so later versions edit it. */
  cardRef: (leadId: string) => `cardRef:${leadId}`,
} as const;
