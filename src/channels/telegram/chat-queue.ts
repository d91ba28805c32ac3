import type { Update } from 'grammy/types';

/** The chat an update concerns: its chat, the chat of its message, or else its sender (private chat id = user id). */
export function chatIdOfUpdate(update: Update): number | undefined {
  const u = update as unknown as Record<string, { chat?: { id: number }; from?: { id: number }; message?: { chat?: { id: number } } } | undefined>;
  for (const kind of Object.keys(u)) {
    if (kind === 'update_id') continue;
    const body = u[kind];
    const chatId = body?.chat?.id ?? body?.message?.chat?.id ?? body?.from?.id;
    if (chatId !== undefined) return chatId;
  }
  return undefined;
}

/** The key for per-chat ordering: the chat (see chatIdOfUpdate); an update without one runs alone. */
export function chatKeyOf(update: Update): string {
  const chatId = chatIdOfUpdate(update);
  return chatId !== undefined ? String(chatId) : `update:${update.update_id}`;
}

/**
 * Per-chat promise chains: work for one chat runs in arrival order, different chats run in
 * parallel. `drain()` waits for everything queued so far (graceful shutdown).
 */
export class ChatQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  push(key: string, work: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work).catch(this.onError);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  get size(): number {
    return this.tails.size;
  }

  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}

/** Remembers the last `capacity` update ids, so an update delivered twice to this process is handled once. */
export class RecentUpdates {
  private readonly ids = new Set<number>();

  constructor(private readonly capacity = 2000) {}

  /** True the first time an id is seen. */
  add(id: number): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
