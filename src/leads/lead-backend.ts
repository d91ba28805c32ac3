import type { LeadRecorder } from '../core/intake-core.js';
import type { Store } from '../storage/open-store.js';
import type { Logger } from '../util/logger.js';
import { Funnel } from './funnel.js';
import { LeadStore } from './lead-store.js';
import { OutboxDispatcher, type DispatcherOptions, type OutboxSend } from './outbox.js';

/** The lead side of the bot, wired over one store: leads, funnel, the core's recorder, and the outbox sender. */
export interface LeadBackend {
  leads: LeadStore;
  funnel: Funnel;
  /** What IntakeCore takes as `deps.leads`. */
  recorder: LeadRecorder;
  /** A dispatcher over the same store; the channel passes its send function, then calls start()/stop(). */
  dispatcher(send: OutboxSend, options?: Partial<Omit<DispatcherOptions, 'kv' | 'send' | 'locks'>>): OutboxDispatcher;
}

export function createLeadBackend(store: Store, logger: Logger, options: { consultantChatId?: number | string } = {}): LeadBackend {
  // The store's locks: Redis / PostgreSQL locks for several instances; in-process queues for a
  // sqlite file or memory, which belong to one bot process.
  const locks = store.locks;
  const funnel = new Funnel(store.kv, { locks });
  const leads = new LeadStore(store.kv, {
    locks,
    funnel,
    logger,
    scrub: () => store.scrub(),
    ...(options.consultantChatId !== undefined ? { consultantChatId: options.consultantChatId } : {}),
  });
  const recorder: LeadRecorder = {
    record: async (input, now) => {
      await leads.upsert(input, now);
    },
    eraseChat: async (chatId) => {
      await leads.eraseByChat(chatId);
    },
    // The conversation record already carries the steps the conversation reaches (and is written on
    // every update anyway); the first step only lists the chat, so the stats can find its record.
    mark: (chatId, step) => (step === 'started' ? funnel.registerChat(chatId) : Promise.resolve()),
  };
  return {
    leads,
    funnel,
    recorder,
    dispatcher: (send, extra = {}) => new OutboxDispatcher({ logger, ...extra, kv: store.kv, send, locks }),
  };
}
