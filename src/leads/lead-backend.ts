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
  dispatcher(send: OutboxSend, options?: Partial<Omit<DispatcherOptions, 'kv' | 'send'>>): OutboxDispatcher;
}

export function createLeadBackend(store: Store, logger: Logger, options: { consultantChatId?: number | string } = {}): LeadBackend {
  // Several instances share only a network store (redis); a sqlite file or memory belongs to one bot
  // process, where in-process queues already serialise writers, so the cross-process settle wait is not needed.
  const lease = { settleMs: store.kind === 'sqlite' || store.kind === 'memory' ? 0 : 50 };
  const funnel = new Funnel(store.kv, { lease });
  const leads = new LeadStore(store.kv, {
    lease,
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
    // every update anyway); only the first step is written here, to list the chat for the stats.
    mark: (chatId, step) => (step === 'started' ? funnel.mark(chatId, step) : Promise.resolve()),
  };
  return {
    leads,
    funnel,
    recorder,
    dispatcher: (send, extra = {}) => new OutboxDispatcher({ logger, ...extra, kv: store.kv, send }),
  };
}
