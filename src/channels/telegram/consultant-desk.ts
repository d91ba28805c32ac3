import type { Api } from 'grammy';
import type Keyv from 'keyv';
import type { RelayToConsultants, Services } from '../../app/services.js';
import { keys } from '../../leads/keys.js';
import type { LeadStore } from '../../leads/lead-store.js';
import type { CardRef, DispatcherOptions, OutboxDispatcher } from '../../leads/outbox.js';
import { consultantTexts } from '../../locale/consultant.js';
import type { Logger } from '../../util/logger.js';
import { createCardSender } from './card-sender.js';
import type { ConsultantDeps } from './features/consultant.js';
import { RelayLog } from '../../leads/relay-log.js';
import { splitText } from './render.js';

/** How often leads past the retention period are erased (also once at start). */
const RETENTION_SWEEP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** The consultant side's dependencies for createBot, over the services' store. */
export function consultantDepsOf(services: Services): ConsultantDeps {
  return {
    consultantIds: services.config.consultantIds,
    leads: services.leads,
    core: services.core,
    conversations: services.conversations,
    relays: new RelayLog(services.store.kv),
  };
}

export interface RelayOptions {
  relays: RelayLog;
  leads: Pick<LeadStore, 'getByChat'>;
  /** The store holding the card references (so a relayed message can reply to the lead's card). */
  kv: Keyv;
  consultantChatId: number | undefined;
  logger: Logger;
}

/**
 * The handoff relay (prospect → consultants): posts "💬 <lead id> <name>：<text>" into the consultant
 * chat (as a reply to the lead's card when there is one) and remembers which prospect each posted
 * message belongs to. Throws when it cannot post: the core then tells the prospect to try again.
 */
export function createRelay(api: Api, options: RelayOptions): RelayToConsultants {
  return async (chatId, text) => {
    const consultantChatId = options.consultantChatId;
    if (consultantChatId === undefined) throw new Error('no consultant chat to relay to: set CONSULTANT_CHAT_ID');
    const lead = await options.leads.getByChat(chatId);
    const card = lead ? await options.kv.get<CardRef>(keys.cardRef(lead.id)) : undefined;
    const body = consultantTexts('zh').relayed(lead?.id ?? chatId, lead?.contact.name, text);
    const toCard =
      card && String(card.chatId) === String(consultantChatId)
        ? { reply_parameters: { message_id: card.messageId, allow_sending_without_reply: true } }
        : {};
    for (const part of splitText(body)) {
      const message = await api.sendMessage(consultantChatId, part, toCard);
      await options.relays.remember({ chatId: consultantChatId, messageId: message.message_id }, chatId);
    }
    options.logger.info({ leadId: lead?.id }, 'prospect message relayed to the consultant chat');
  };
}

export interface DeskHandle {
  /** The outbox dispatcher delivering lead cards (and their "erased" edits) to the consultant chat. */
  dispatcher: OutboxDispatcher;
  /** Erases leads past the retention period now; returns their ids (failures are logged, not thrown). */
  sweep(): Promise<string[]>;
  /** Sweeps once, starts the dispatcher (when a consultant chat is set) and the daily sweep. */
  start(): Promise<void>;
  /** Stops the daily sweep and the dispatcher (waits for a delivery in progress). Call before closing storage. */
  stop(): Promise<void>;
}

export interface DeskOptions {
  /** Extra dispatcher options (tests: a clock, no backoff). */
  dispatcher?: Partial<Omit<DispatcherOptions, 'kv' | 'send' | 'logger'>>;
  now?: () => Date;
}

/**
 * Connects the consultant side to a bot's API: installs the handoff relay in the services, builds
 * the outbox dispatcher whose sender posts and edits lead cards, and the retention sweep.
 */
export function attachConsultantDesk(api: Api, services: Services, deps: ConsultantDeps, logger: Logger, options: DeskOptions = {}): DeskHandle {
  const consultantChatId = services.config.consultantChatId;
  const now = options.now ?? (() => new Date());
  services.setRelay(createRelay(api, { relays: deps.relays, leads: services.leads.leads, kv: services.store.kv, consultantChatId, logger }));
  const dispatcher = services.leads.dispatcher(createCardSender(api, consultantChatId, logger), { ...options.dispatcher });
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;

  const sweep = async (): Promise<string[]> => {
    try {
      const erased = await services.leads.leads.sweepRetention(now(), services.config.leadRetentionDays);
      if (erased.length > 0) logger.info({ erased: erased.length, days: services.config.leadRetentionDays }, 'leads past the retention period erased');
      return erased;
    } catch (error) {
      logger.error({ err: error }, 'retention sweep failed');
      return [];
    }
  };

  return {
    dispatcher,
    sweep,
    start: async () => {
      await sweep();
      if (consultantChatId === undefined) {
        logger.warn('CONSULTANT_CHAT_ID is not set: lead cards stay queued and no handoff to consultants is offered');
      } else {
        dispatcher.start();
      }
      timer = setInterval(() => {
        sweeping ??= sweep().finally(() => (sweeping = undefined));
      }, RETENTION_SWEEP_INTERVAL_MS).unref();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      await dispatcher.stop();
      await sweeping;
    },
  };
}
