import type { Config } from '../config/env.js';
import { ConversationStore, alreadyProcessed } from '../core/conversation-store.js';
import { IntakeCore, type CoreDeps } from '../core/intake-core.js';
import type { Inbound, InboundMeta, Reply } from '../core/types.js';
import { loadScoringTable } from '../estimate/scoring-table.js';
import { createAnswerService, type AnswerService } from '../knowledge/answer-service.js';
import { FaqAnswerer } from '../knowledge/faq-answerer.js';
import { IdleWarmUp } from '../knowledge/idle-warm-up.js';
import { loadIntakeGuides } from '../knowledge/intake-guides.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { createLeadBackend, type LeadBackend } from '../leads/lead-backend.js';
import { lazyLlmClient } from '../llm/client.js';
import { extractLead } from '../llm/extract-lead.js';
import { orderedChatLock, type ChatLock } from '../storage/arrival-order.js';
import { openStore, type Store } from '../storage/open-store.js';
import type { Logger } from '../util/logger.js';

/**
 * The per-chat lock of several instances: a crashed holder blocks its chat for at most this long
 * (a live holder renews it every third of it, however long its LLM calls or Telegram sends take).
 */
const CHAT_LOCK_TTL_MS = 15_000;
/** How long an update waits for its chat before the prospect is told to try again (a slow turn, a crashed holder). */
const CHAT_LOCK_WAIT_MS = 60_000;
/** In 'idle' mode, with no message by then, the FAQ index is built this long after start-up (else after the first turn). */
const FAQ_WARM_UP_IDLE_MS = 250;

/** Passes a prospect's message to the consultants during a handoff. */
export type RelayToConsultants = (chatId: string, text: string) => Promise<void>;

/** Everything a channel needs, built once from the configuration. */
export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  kb: KnowledgeBase;
  faq: AnswerService;
  core: IntakeCore;
  leads: LeadBackend;
  conversations: ConversationStore;
  /**
   * Holds a chat across instances (a lock in Redis / PostgreSQL, renewed while held) while `fn` runs;
   * given the update id, also keeps the chat's updates in update-id order across instances
   * (arrival-order.ts). Undefined when one process owns the store. Re-entrant: the core asks for it
   * again inside.
   */
  chatLock: ChatLock | undefined;
  /** The channel that can relay (Telegram) installs its relay here once its bot exists. */
  setRelay(relay: RelayToConsultants): void;
  close(): Promise<void>;
}

/**
 * When the FAQ index (jieba dictionary + search index, a few hundred ms) is built:
 * 'startup': in createServices, so no turn ever waits for it (servers, benchmarks, tests);
 * 'idle': after the first reply or when idle shortly after start-up (IdleWarmUp), so a process a
 * person waits for answers its first message sooner; a question arriving before builds it on demand.
 */
export type FaqIndexTiming = 'startup' | 'idle';

export interface ServiceOptions {
  now?: () => Date;
  /** True for channels where a consultant can take over the chat (Telegram). */
  handoff?: boolean;
  /** Default 'startup'; the terminal chat uses 'idle'. */
  faqIndex?: FaqIndexTiming;
}

/**
 * The per-chat lock of several instances (undefined when one process owns the store): the engine
 * lock, with the arrival-order guard when the store was opened with its arrival registry (webhook
 * mode: see StoreOptions) and an update id is given.
 */
export function chatLockFor(store: Store, conversations: ConversationStore, logger?: Logger): ChatLock | undefined {
  if (!store.locks.shared) return undefined;
  const lockKey = (chatId: string) => `chat:${chatId}`;
  if (!store.arrivals) {
    return (chatId, fn) => store.locks.withLock(lockKey(chatId), CHAT_LOCK_TTL_MS, fn, CHAT_LOCK_WAIT_MS);
  }
  return orderedChatLock({
    locks: store.locks,
    arrivals: store.arrivals,
    lockKey,
    ttlMs: CHAT_LOCK_TTL_MS,
    waitMs: CHAT_LOCK_WAIT_MS,
    processed: async (chatId) => {
      const record = await conversations.load(chatId);
      return (updateId) => record !== undefined && record !== 'incompatible' && alreadyProcessed(record, updateId);
    },
    onWaited: ({ chatId, updateId, waitedMs, gaveUpOn }) =>
      gaveUpOn
        ? logger?.warn({ chatId, update_id: updateId, waitedMs, gaveUpOn }, 'earlier update of the chat never processed; going ahead')
        : logger?.debug({ chatId, update_id: updateId, waitedMs }, 'waited for an earlier update of the chat'),
  });
}

/** Loads the knowledge (a broken file throws KnowledgeError before anything starts) and opens storage. */
export async function createServices(config: Config, logger: Logger, options: ServiceOptions = {}): Promise<Services> {
  const kb = loadKnowledgeBase();
  const guides = loadIntakeGuides();
  const scoring = loadScoringTable();
  const answerer = new FaqAnswerer(kb);
  const warmUp =
    options.faqIndex === 'idle' ? new IdleWarmUp(() => answerer.warm(), FAQ_WARM_UP_IDLE_MS) : undefined;
  if (!warmUp) answerer.warm();
  // Updates of one chat arrive at several instances at once only behind a webhook; a single poller or a terminal needs no grace wait.
  const store = await openStore(config.storageUrl, { arrivalOrder: config.telegram.mode === 'webhook' });
  // One LLM client per process, for rephrasing and contact extraction, made on first use.
  const llm = config.llm;
  const llmClient = llm ? lazyLlmClient(llm) : undefined;
  const faq = createAnswerService({ answerer, llm, getClient: llmClient, store, logger });
  const leads = createLeadBackend(store, logger, {
    ...(config.consultantChatId !== undefined ? { consultantChatId: config.consultantChatId } : {}),
  });
  const conversations = new ConversationStore(store.kv);
  const chatLock = chatLockFor(store, conversations, logger);
  let relay: RelayToConsultants | undefined;
  const deps: CoreDeps = {
    conversations,
    faq,
    kb,
    guides,
    scoring,
    logger,
    leads: leads.recorder,
    extractContact: async (text) => extractLead(text, llmClient && (await llmClient()), { logger }),
    ...(chatLock ? { chatLock } : {}),
    ...(options.handoff
      ? {
          relay: async (chatId: string, text: string) => {
            if (!relay) throw new Error('no relay installed for the handoff');
            await relay(chatId, text);
          },
        }
      : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const core = warmUp ? new WarmingCore(warmUp, deps) : new IntakeCore(deps);
  return {
    config,
    logger,
    store,
    kb,
    faq,
    core,
    leads,
    conversations,
    chatLock,
    setRelay: (fn) => {
      relay = fn;
    },
    close: () => {
      warmUp?.cancel();
      return store.close();
    },
  };
}

/** The core, telling the FAQ warm-up when turns run, so the index is built between them and not during the first. */
class WarmingCore extends IntakeCore {
  constructor(
    private readonly warmUp: IdleWarmUp,
    deps: CoreDeps,
  ) {
    super(deps);
  }

  override handle(chatId: string, inbound: Inbound, meta?: InboundMeta): Promise<Reply[]> {
    return this.warmUp.track(super.handle(chatId, inbound, meta));
  }
}
