import type { Config } from '../config/env.js';
import { ConversationStore } from '../core/conversation-store.js';
import { IntakeCore } from '../core/intake-core.js';
import { loadScoringTable } from '../estimate/scoring-table.js';
import { createAnswerService, type AnswerService } from '../knowledge/answer-service.js';
import { FaqAnswerer } from '../knowledge/faq-answerer.js';
import { loadIntakeGuides } from '../knowledge/intake-guides.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/knowledge-base.js';
import { openStore, type Store } from '../storage/open-store.js';
import type { Logger } from '../util/logger.js';

/** Everything a channel needs, built once from the configuration. */
export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  kb: KnowledgeBase;
  faq: AnswerService;
  core: IntakeCore;
  close(): Promise<void>;
}

/** Loads the knowledge (a broken file throws KnowledgeError before anything starts) and opens storage. */
export async function createServices(config: Config, logger: Logger, now?: () => Date): Promise<Services> {
  const kb = loadKnowledgeBase();
  const guides = loadIntakeGuides();
  const scoring = loadScoringTable();
  const answerer = new FaqAnswerer(kb);
  const store = await openStore(config.storageUrl);
  const faq = createAnswerService({ answerer, llm: config.llm, store, logger });
  const core = new IntakeCore({
    conversations: new ConversationStore(store.kv),
    faq,
    kb,
    guides,
    scoring,
    logger,
    ...(now ? { now } : {}),
  });
  return { config, logger, store, kb, faq, core, close: () => store.close() };
}
