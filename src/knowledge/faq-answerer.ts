import type { KnowledgeBase } from './knowledge-base.js';
import { FaqIndex, type FaqMatch } from './faq-index.js';
import { RefusalPolicyMatcher } from './refusal-policy.js';
import { Tokenizer } from './tokenizer.js';
import type { FaqEntry } from './schema.js';
import { detectLocale, type Locale } from '../locale/detect.js';
import { faqEn } from '../locale/faq.en.js';
import { faqZh } from '../locale/faq.zh.js';

export type AskOutcome = 'answered' | 'handoff' | 'refused';

/** The `ask --json` record (shared/design/interfaces.md). */
export interface AskResult {
  question: string;
  outcome: AskOutcome;
  answer: string;
  entry: string | null;
  sources: string[];
  confidence: number;
}

/** Coverage at or above this answers from the entry; below it, the bot hands off rather than guess. */
export const ANSWER_THRESHOLD = 0.45;

const faqText = { zh: faqZh, en: faqEn } as const;

/** Deterministic FAQ answering: refusal policy, then ranked retrieval with a confidence threshold. */
export class FaqAnswerer {
  private built: FaqIndex | undefined;
  private readonly refusals: RefusalPolicyMatcher;

  constructor(readonly kb: KnowledgeBase) {
    this.refusals = new RefusalPolicyMatcher(kb.refusals);
  }

  /**
   * The ranked index, built on first use: the jieba dictionary and the index take ~150–250 ms that
   * a start-up (the greeting to /start) does not need. The knowledge itself is validated
   * before, when `kb` is loaded. See warm().
   */
  get index(): FaqIndex {
    this.built ??= new FaqIndex(this.kb.entries, new Tokenizer(this.kb.lexicon));
    return this.built;
  }

  /** Whether the index is built (the next question pays nothing extra). */
  get ready(): boolean {
    return this.built !== undefined;
  }

  /** Builds the index now, at a moment nobody waits (src/knowledge/idle-warm-up.ts). */
  warm(): void {
    void this.index;
  }

  answer(question: string, locale: Locale = detectLocale(question)): AskResult {
    const refusal = this.refusals.match(question);
    if (refusal) {
      return {
        question,
        outcome: refusal.outcome,
        answer: refusal.answer[locale],
        entry: null,
        sources: refusal.sources,
        confidence: 1,
      };
    }
    const best = this.index.find(question, 1)[0];
    if (!best || best.coverage < ANSWER_THRESHOLD) {
      const text = faqText[locale];
      return {
        question,
        outcome: 'handoff',
        answer: question.trim() ? text.handoff : text.empty,
        entry: null,
        sources: [],
        confidence: round(best?.coverage ?? 0),
      };
    }
    return {
      question,
      outcome: 'answered',
      answer: renderEntryAnswer(best.entry, locale),
      entry: best.entry.id,
      sources: best.entry.sources,
      confidence: round(best.coverage),
    };
  }

  /** The best match however weak, for callers that decide themselves (a side question mid-flow). */
  bestMatch(question: string): FaqMatch | undefined {
    return this.index.find(question, 1)[0];
  }
}

/** The curated answer in the locale, with the "confirm with the centre" note on C and G grades. */
export function renderEntryAnswer(entry: FaqEntry, locale: Locale): string {
  const body = locale === 'en' && entry.answer.en ? entry.answer.en : entry.answer.zh;
  const needsNote = entry.confidence === 'C' || entry.confidence === 'G';
  return needsNote ? `${body}\n${faqText[locale].confirmNote}` : body;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
