import type Keyv from 'keyv';
import type { Locale } from '../locale/detect.js';
import { maskPhone, type Logger } from '../util/logger.js';
import { keys } from './keys.js';
import { RECORD_LOCK_TTL_MS, localLocks, type Locks } from '../storage/locks.js';
import type { Lead } from './lead-schema.js';
import { renderErasedCard, renderLeadCard, type CardButton } from './render-card.js';

/**
 * A durable outbox for consultant notifications, stored in the same Keyv as the leads.
 * Item ids are deterministic (`card:<leadId>:v<version>`, `erased:<leadId>`), so enqueuing the same
 * lead version twice is a no-op and a version that was delivered is never sent again. Items survive a
 * restart; a dispatcher retries failures with exponential backoff and never drops an item silently.
 * Delivery is at least once: a crash between Telegram accepting a message and the item's removal
 * sends that message again after the restart.
 */

/** A message in a consultant chat. */
export interface SentRef {
  chatId: number | string;
  messageId: number;
}

/** The message showing a lead's card and the lead version it shows. */
export interface CardRef extends SentRef {
  version: number;
}

export type OutboxKind = 'card' | 'erased';

export interface OutboxItem {
  id: string;
  leadId: string;
  /** `card`: post the lead's summary, or edit the posted one; `erased`: edit posted cards to "deleted". */
  kind: OutboxKind;
  /** card: the lead version this item announces. */
  version?: number;
  /** The consultant chat; absent = the sender's configured chat. */
  chatId?: number | string;
  /** erased: the posted cards to edit. */
  refs?: SentRef[];
  attempts: number;
  /** ISO time when the item may be tried (again). */
  dueAt: string;
  createdAt: string;
  /** Last failure, phone numbers masked. */
  lastError?: string;
}

/** What the channel's send function gets: whether to post or edit, and the rendered text. */
export interface OutboxDelivery {
  item: OutboxItem;
  /** `send` a new message to `item.chatId` (or the configured chat); `edit` the message `ref`. */
  action: 'send' | 'edit';
  ref?: SentRef;
  text: string;
  buttons: CardButton[][];
}

/**
 * Delivers one message; resolves to the message it posted or edited. Throwing means "try again later".
 * Treat Telegram's "message is not modified" as success (return `ref`); when the message to edit is
 * gone, post a new one and return its ref (later versions then edit that one).
 */
export type OutboxSend = (delivery: OutboxDelivery) => Promise<SentRef>;

export const cardItemId = (leadId: string, version: number) => `card:${leadId}:v${version}`;
export const erasedItemId = (leadId: string) => `erased:${leadId}`;
const cardVersionOf = (id: string, leadId: string): number | undefined => {
  const prefix = `card:${leadId}:v`;
  return id.startsWith(prefix) ? Number(id.slice(prefix.length)) : undefined;
};

export interface OutboxOptions {
  /** The store's locks (Store.locks); default: in-process (one process owns the store). */
  locks?: Locks;
}

/** How long a crashed sender blocks its item (renewed while the send runs). */
const ITEM_LEASE_TTL_MS = 30_000;

/** The stored queue: enqueue, inspect, remove. Sending is the dispatcher's job. */
export class Outbox {
  private readonly locks: Locks;

  constructor(
    private readonly kv: Keyv,
    options: OutboxOptions = {},
  ) {
    this.locks = options.locks ?? localLocks();
  }

  /**
   * Queues the card of a lead version. No-op (returns false) when this version is already queued or
   * was already delivered. Older queued versions of the same lead are dropped: a card is rendered from
   * the current lead when it is sent, so the newest item covers them.
   */
  async enqueueCard(leadId: string, version: number, now: Date, chatId?: number | string): Promise<boolean> {
    const id = cardItemId(leadId, version);
    return this.locks.withLock(keys.outboxLock, RECORD_LOCK_TTL_MS, async () => {
      if (await this.kv.get(keys.outboxItem(id))) return false;
      const ref = await this.kv.get<CardRef>(keys.cardRef(leadId));
      if (ref && ref.version >= version) return false;
      const index = await this.index();
      const superseded = index.filter((other) => (cardVersionOf(other, leadId) ?? Infinity) < version);
      for (const old of superseded) await this.kv.delete(keys.outboxItem(old));
      const item: OutboxItem = {
        id,
        leadId,
        kind: 'card',
        version,
        ...(chatId !== undefined ? { chatId } : {}),
        attempts: 0,
        dueAt: now.toISOString(),
        createdAt: now.toISOString(),
      };
      await this.kv.set(keys.outboxItem(id), item);
      await this.kv.set(keys.outboxIndex, [...index.filter((other) => !superseded.includes(other)), id]);
      return true;
    });
  }

  /** Queues the "deleted" edit of the posted cards of an erased lead (ids only, no personal data). */
  async enqueueErased(leadId: string, refs: SentRef[], now: Date): Promise<boolean> {
    if (refs.length === 0) return false;
    const id = erasedItemId(leadId);
    return this.locks.withLock(keys.outboxLock, RECORD_LOCK_TTL_MS, async () => {
      const existing = await this.kv.get<OutboxItem>(keys.outboxItem(id));
      const item: OutboxItem = {
        id,
        leadId,
        kind: 'erased',
        refs: [...(existing?.refs ?? []), ...refs.map(({ chatId, messageId }) => ({ chatId, messageId }))],
        attempts: 0,
        dueAt: now.toISOString(),
        createdAt: existing?.createdAt ?? now.toISOString(),
      };
      await this.kv.set(keys.outboxItem(id), item);
      const index = await this.index();
      if (!index.includes(id)) await this.kv.set(keys.outboxIndex, [...index, id]);
      return true;
    });
  }

  /** Every queued item, oldest first. */
  async list(): Promise<OutboxItem[]> {
    const items = await Promise.all((await this.index()).map((id) => this.get(id)));
    return items.filter((item): item is OutboxItem => item !== undefined);
  }

  get(id: string): Promise<OutboxItem | undefined> {
    return this.kv.get<OutboxItem>(keys.outboxItem(id));
  }

  /** Stores an item's new state (after a failed attempt); ignored when the item was removed meanwhile. */
  async update(item: OutboxItem): Promise<void> {
    if (await this.kv.get(keys.outboxItem(item.id))) await this.kv.set(keys.outboxItem(item.id), item);
  }

  /** Removes items (and their index entries and leases). */
  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.locks.withLock(keys.outboxLock, RECORD_LOCK_TTL_MS, async () => {
      for (const id of ids) await this.kv.delete(keys.outboxItem(id));
      const index = await this.index();
      const left = index.filter((id) => !ids.includes(id));
      if (left.length !== index.length) await this.kv.set(keys.outboxIndex, left);
    });
  }

  /** Removes every queued item of a lead (used when the lead is erased). Returns the removed ids. */
  async removeForLead(leadId: string): Promise<string[]> {
    const ids = (await this.index()).filter((id) => id === erasedItemId(leadId) || cardVersionOf(id, leadId) !== undefined);
    await this.remove(ids);
    return ids;
  }

  async index(): Promise<string[]> {
    return [...((await this.kv.get<string[]>(keys.outboxIndex)) ?? [])];
  }
}

export interface DispatcherOptions {
  kv: Keyv;
  /** The channel's delivery (Telegram: sendMessage / editMessageText to the consultant chat). */
  send: OutboxSend;
  logger: Logger;
  /** Clock (default: the real time). */
  now?: () => Date;
  /** Delay before the next attempt after `attempts` failures (default 2 s, 4 s, 8 s … capped at 5 min). */
  backoff?: (attempts: number) => number;
  /** How often the timer loop looks for due items (default 1000 ms). */
  intervalMs?: number;
  /** Card language (default zh). */
  locale?: Locale;
  /** The store's locks (Store.locks): the per-item lease; default in-process (one process owns the store). */
  locks?: Locks;
}

export const BACKOFF_CAP_MS = 5 * 60_000;
export const defaultBackoff = (attempts: number): number => Math.min(2000 * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);

/** Errors that will not go away by themselves (the bot was removed from the chat, 403, chat not found). */
export function looksPermanent(error: unknown): boolean {
  const code = (error as { error_code?: unknown } | null)?.error_code;
  const message = error instanceof Error ? error.message : String(error);
  return code === 403 || /\b403\b|forbidden|bot was (blocked|kicked|removed)|not a member|chat not found/i.test(message);
}

/**
 * Sends due outbox items. `start()` runs a timer loop; `drain()` does one pass (for tests and shutdown).
 * Each item is taken under a lease (`lease:outbox:<id>`), so two dispatchers on one store (two
 * processes) never send the same item at once.
 */
export class OutboxDispatcher {
  private readonly outbox: Outbox;
  private readonly locks: Locks;
  private readonly now: () => Date;
  private readonly backoff: (attempts: number) => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(private readonly options: DispatcherOptions) {
    this.locks = options.locks ?? localLocks();
    this.outbox = new Outbox(options.kv, { locks: this.locks });
    this.now = options.now ?? (() => new Date());
    this.backoff = options.backoff ?? defaultBackoff;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      this.running = this.drain()
        .catch((error: unknown) => this.options.logger.error({ err: maskPhone(String(error)) }, 'outbox pass failed'))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 1000).unref();
        });
    };
    tick();
  }

  /** Stops the loop and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass over the due items, oldest first. */
  async drain(): Promise<{ sent: number; failed: number }> {
    const result = { sent: 0, failed: 0 };
    for (const id of await this.outbox.index()) {
      const outcome = await this.deliver(id);
      if (outcome === 'sent') result.sent++;
      if (outcome === 'failed') result.failed++;
    }
    return result;
  }

  private async deliver(id: string): Promise<'sent' | 'failed' | 'skipped'> {
    const { kv, logger } = this.options;
    const peek = await this.outbox.get(id);
    if (!peek) {
      await this.outbox.remove([id]); // a stale index entry
      return 'skipped';
    }
    if (Date.parse(peek.dueAt) > this.now().getTime()) return 'skipped';
    const release = await this.locks.tryLock(keys.outboxLease(id), ITEM_LEASE_TTL_MS);
    if (!release) return 'skipped';
    try {
      const item = await this.outbox.get(id); // another dispatcher may have sent it meanwhile
      if (!item || Date.parse(item.dueAt) > this.now().getTime()) return 'skipped';
      try {
        if (item.kind === 'card') {
          const lead = await kv.get<Lead>(keys.lead(item.leadId));
          if (!lead) {
            logger.info({ outboxId: id, leadId: item.leadId }, 'lead erased before its card was sent; card dropped');
            await this.outbox.remove([id]);
            return 'skipped';
          }
          const ref = await kv.get<CardRef>(keys.cardRef(item.leadId));
          const card = renderLeadCard(lead, this.options.locale);
          const sent = await this.options.send({
            item,
            action: ref ? 'edit' : 'send',
            ...(ref ? { ref: { chatId: ref.chatId, messageId: ref.messageId } } : {}),
            ...card,
          });
          await this.recordCard(item.leadId, sent, lead.version);
        } else {
          const refs = [...(item.refs ?? [])];
          const card = renderErasedCard(item.leadId, this.options.locale);
          while (refs.length > 0) {
            await this.options.send({ item: { ...item, refs }, action: 'edit', ref: refs[0]!, ...card });
            refs.shift();
            if (refs.length > 0) await this.outbox.update({ ...item, refs });
          }
        }
        await this.outbox.remove([id]);
        logger.info({ outboxId: id, leadId: item.leadId, attempts: item.attempts + 1 }, 'outbox item delivered');
        return 'sent';
      } catch (error) {
        await this.failed(item, error);
        return 'failed';
      }
    } finally {
      await release();
    }
  }

  /** Remembers the posted card, unless the lead was erased while it was being sent (then erase it too). */
  private async recordCard(leadId: string, sent: SentRef, version: number): Promise<void> {
    const { kv } = this.options;
    if (await kv.get(keys.lead(leadId))) {
      await kv.set(keys.cardRef(leadId), { chatId: sent.chatId, messageId: sent.messageId, version } satisfies CardRef);
    } else {
      await this.outbox.enqueueErased(leadId, [sent], this.now());
    }
  }

  private async failed(item: OutboxItem, error: unknown): Promise<void> {
    const attempts = item.attempts + 1;
    const permanent = looksPermanent(error);
    const delay = permanent ? Math.max(this.backoff(attempts), BACKOFF_CAP_MS) : this.backoff(attempts);
    const message = maskPhone(error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
    await this.outbox.update({ ...item, attempts, lastError: message, dueAt: new Date(this.now().getTime() + delay).toISOString() });
    const fields = { outboxId: item.id, leadId: item.leadId, attempts, retryInMs: delay, error: message };
    if (permanent) this.options.logger.error(fields, 'outbox send keeps failing (the bot may have lost access to the chat); retrying at the cap');
    else this.options.logger.warn(fields, 'outbox send failed; will retry');
  }
}
