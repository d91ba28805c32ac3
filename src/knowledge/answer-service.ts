/**
 * Answers a question from the curated knowledge base, optionally rephrased by an LLM.
 * Without an LLM config it is exactly FaqAnswerer.answer(). With one, only "answered" results are
 * sent to the LLM (never refusals or handoffs), the rephrase is shown only if it passes the fact
 * check, and the "confirm with the centre" note is appended after it unchanged.
 * Rephrases (and rejections) are cached in the store under `rephrase:` so a repeated question costs
 * no call, also across short-lived processes.
 */
import { createHash } from 'node:crypto';
import type { LlmConfig } from '../config/env.js';
import { detectLocale, type Locale } from '../locale/detect.js';
import { lazyLlmClient, type LlmClient } from '../llm/client.js';
import type { FactVocabulary } from '../llm/fact-check.js';
import { checkFacts } from '../llm/fact-check.js';
import { loadKeyTerms } from '../llm/key-terms.js';
import { recordCacheHit } from '../llm/metrics.js';
import { PROMPT_VERSION } from '../llm/prompts.js';
import { rephraseAnswer } from '../llm/rephrase.js';
import type { Store } from '../storage/open-store.js';
import type { Logger } from '../util/logger.js';
import type { AskResult, FaqAnswerer } from './faq-answerer.js';

export interface AnswerService {
  answer(question: string, locale?: Locale): Promise<AskResult>;
}

export interface AnswerServiceOptions {
  answerer: FaqAnswerer;
  llm?: LlmConfig | undefined;
  /** For the rephrase cache; without it, an in-process cache is used. */
  store?: Store | undefined;
  logger?: Logger | undefined;
  /** Fact-check vocabulary; default knowledge/llm-key-terms.yaml. */
  vocabulary?: FactVocabulary | undefined;
  /** The process's shared client getter (see lazyLlmClient); default one of its own for `llm`. */
  getClient?: (() => Promise<LlmClient>) | undefined;
}

export const REPHRASE_CACHE_PREFIX = 'rephrase:';
/** Cached rephrases expire after 30 days (a knowledge edit changes the key anyway). */
export const REPHRASE_CACHE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Cached value: the accepted rephrase, or null when the check rejected it (show the curated text). */
interface CachedRephrase {
  text: string | null;
}

/** NFKC, lower case, single spaces, no trailing punctuation: 最终审核要多久？ ≡ 最终审核要多久 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?？!！。.,，~～]+$/u, '');
}

/** rephrase:<entry id>:<locale>:<hash of normalized question, curated text, prompt version>. */
export function rephraseCacheKey(entryId: string, question: string, locale: Locale, curated: string): string {
  const hash = createHash('sha256')
    .update(`${PROMPT_VERSION}\u0000${normalizeQuestion(question)}\u0000${curated}`)
    .digest('hex')
    .slice(0, 32);
  return `${REPHRASE_CACHE_PREFIX}${entryId}:${locale}:${hash}`;
}

export function createAnswerService(options: AnswerServiceOptions): AnswerService {
  const { answerer, llm, store, logger } = options;
  if (!llm) {
    return { answer: async (question, locale) => answerer.answer(question, locale ?? detectLocale(question)) };
  }
  // Created on the first rephrase: the SDK import is paid then, not at start-up, and never counts against a call's deadline.
  const getClient = options.getClient ?? lazyLlmClient(llm);
  const vocabulary = options.vocabulary ?? loadKeyTerms();
  const memory = new Map<string, CachedRephrase>();

  async function readCache(key: string): Promise<CachedRephrase | undefined> {
    if (!store) return memory.get(key);
    try {
      return (await store.kv.get<CachedRephrase>(key)) ?? undefined;
    } catch (error) {
      logger?.warn({ err: String(error) }, 'rephrase cache read failed');
      return undefined;
    }
  }

  async function writeCache(key: string, value: CachedRephrase): Promise<void> {
    if (!store) {
      memory.set(key, value);
      return;
    }
    try {
      await store.kv.set(key, value, REPHRASE_CACHE_TTL_MS);
    } catch (error) {
      logger?.warn({ err: String(error) }, 'rephrase cache write failed');
    }
  }

  return {
    async answer(question, locale = detectLocale(question)) {
      const result = answerer.answer(question, locale);
      if (result.outcome !== 'answered' || !result.entry) return result;
      const entry = answerer.kb.byId.get(result.entry);
      if (!entry) return result;
      const body = locale === 'en' && entry.answer.en ? entry.answer.en : entry.answer.zh;
      // renderEntryAnswer = body [+ "\n" + confirm note]: the note is kept and appended after the rephrase.
      if (!result.answer.startsWith(body)) return result;
      const note = result.answer.slice(body.length);

      const key = rephraseCacheKey(entry.id, question, locale, body);
      const cached = await readCache(key);
      if (cached && (cached.text === null || checkFacts(body, cached.text, vocabulary).ok)) {
        recordCacheHit();
        logger?.debug({ llm: 'rephrase', outcome: 'cached', entry: entry.id }, 'llm rephrase from cache');
        return cached.text === null ? result : { ...result, answer: `${cached.text}${note}` };
      }
      const outcome = await rephraseAnswer(
        await getClient(),
        { question, curated: body, locale, entryId: entry.id },
        { vocabulary, logger },
      );
      if (outcome.outcome === 'used' && outcome.text) {
        await writeCache(key, { text: outcome.text });
        return { ...result, answer: `${outcome.text}${note}` };
      }
      // A rejection is as repeatable as an acceptance; timeouts and errors are transient: not cached.
      if (outcome.outcome === 'rejected') await writeCache(key, { text: null });
      return result;
    },
  };
}
