import { FaqSearch, type SearchDoc } from './faq-search.js';
import type { FaqEntry } from './schema.js';
import type { Tokenizer } from './tokenizer.js';

export interface FaqMatch {
  entry: FaqEntry;
  /** BM25 score of the entry's best document. */
  score: number;
  /** 0..1: how much of the question's meaning (idf-weighted terms) the entry covers. */
  coverage: number;
}

/** How strongly a term found only in the answer text counts, versus one in the asked questions or tags. */
const ANSWER_ONLY_WEIGHT = 0.6;
const RERANK_DEPTH = 8;
/** Share of coverage (vs. normalised BM25) in the final ranking. */
const COVERAGE_RANK_WEIGHT = 0.7;
const FRAGMENT_WEIGHT = 0.5;
const NUMBER = /^\d+(\.\d+)?$/;
const MIN_INFORMATION = 2;
const CJK_WORD = /[\u3400-\u9fff]/;
const ENGLISH_WORD = /^[a-z]{6,}$/;

/** Where a term occurs in an entry: in its phrasings or tags, only in its answer, or not at all. */
const ABSENT = 0;
const ANSWERED_ONLY = 1;
const ASKED = 2;

interface TermInfo {
  /** Entries using the term anywhere. */
  documentFrequency: number;
  /** Per entry (by position): ABSENT, ANSWERED_ONLY or ASKED. */
  presence: Uint8Array;
}

/**
 * Ranked full-text index over the curated entries: one document per phrasing (so a short
 * question is not drowned by long ones) plus one per entry for its tags and answer.
 */
export class FaqIndex {
  private readonly search: FaqSearch;
  /** What the index knows of each term: one small record per term, read a few times per question. */
  private readonly termInfo = new Map<string, TermInfo>();
  private readonly entryNumber = new Map<string, number>();
  private readonly byId: Map<string, FaqEntry>;
  private readonly exactPhrasing = new Map<string, string>();

  constructor(
    entries: readonly FaqEntry[],
    private readonly tokenizer: Tokenizer,
  ) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
    const docs: SearchDoc[] = [];
    for (const [number, entry] of entries.entries()) {
      this.entryNumber.set(entry.id, number);
      entry.questions.forEach((q, i) => {
        docs.push({ id: `${entry.id}#${i}`, entryId: entry.id, q, tags: '', answer: '' });
        this.exactPhrasing.set(tokenizer.normalize(q).replace(/\s+/g, ''), entry.id);
      });
      const answer = [entry.answer.zh, entry.answer.en ?? ''].join('\n');
      docs.push({ id: `${entry.id}#a`, entryId: entry.id, q: '', tags: entry.tags.join(' '), answer });
      const asked = new Set(tokenizer.tokenize([...entry.questions, ...entry.tags].join('\n')));
      const answered = new Set(tokenizer.tokenize(answer));
      for (const term of new Set([...asked, ...answered])) {
        let info = this.termInfo.get(term);
        if (!info) this.termInfo.set(term, (info = { documentFrequency: 0, presence: new Uint8Array(entries.length) }));
        info.documentFrequency++;
        info.presence[number] = asked.has(term) ? ASKED : ANSWERED_ONLY;
      }
    }
    this.search = new FaqSearch(docs, (text) => tokenizer.tokenize(text));
  }

  /** Best entries for a question, most likely first. */
  find(question: string, limit = 3): FaqMatch[] {
    const analysis = this.tokenizer.analyze(question);
    const terms = [...new Set(analysis.terms)];
    if (terms.length === 0) return [];
    const meaning = this.meaningTerms(terms);
    const known = meaning.map((t) => this.termInfo.get(t));
    const weights = meaning.map((t, i) => this.idf(t, known[i]));
    let information = 0;
    for (const weight of weights) information += weight;
    const exact = this.exactPhrasing.get(analysis.normalized.replace(/\s+/g, ''));
    const ranked = this.search.rankEntries(terms, (term) => this.fuzziness(term), RERANK_DEPTH);
    const topScore = ranked[0]?.[1] ?? 0;
    return ranked
      .map(([entryId, score]) => {
        const match = { entry: this.byId.get(entryId)!, score, coverage: this.coverage(this.entryNumber.get(entryId)!, known, weights, information) };
        return { match, rank: rank(match, topScore, exact) };
      })
      .sort((a, b) => b.rank - a.rank)
      .slice(0, limit)
      .map(({ match }) => match);
  }

  /**
   * Typo tolerance for English words the base does not know ("pasword"); known words match exactly,
   * which keeps the radix-tree walk off the common path.
   */
  private fuzziness(term: string): number | false {
    return ENGLISH_WORD.test(term) && !this.termInfo.has(term) ? 0.2 : false;
  }

  /**
   * Search-mode segmentation yields overlapping pieces (手续费 → 手续, 续费, 手续费). Coverage
   * counts each word once: the longest form, or its pieces when the base knows all of them.
   */
  private meaningTerms(terms: readonly string[]): string[] {
    const result = new Set<string>();
    // A term inside another is shorter than it: the length test spares most `includes` of this n² pass.
    const maximal = terms.filter((t) => !terms.some((o) => o.length > t.length && o.includes(t)));
    for (const word of maximal) {
      // Only CJK words are cut into overlapping pieces; "best" does not contain the word "s".
      const pieces = CJK_WORD.test(word) ? terms.filter((t) => t.length < word.length && word.includes(t)) : [];
      if (this.termInfo.has(word) || pieces.length === 0 || pieces.some((p) => !this.termInfo.has(p))) {
        result.add(word);
      } else {
        for (const p of pieces) result.add(p);
      }
    }
    return [...result];
  }

  /**
   * Rare terms weigh more. A term the base never uses counts like a rare one, except lone unknown
   * characters (jieba's leftovers from unknown words) and numbers: a number is usually a personal
   * detail (38岁, 4年, 90分), not the intent, whether or not some answer happens to contain it.
   */
  private idf(term: string, info: TermInfo | undefined): number {
    const n = this.byId.size;
    const df = info?.documentFrequency;
    if (NUMBER.test(term) || (df === undefined && term.length === 1)) return FRAGMENT_WEIGHT;
    return Math.log(1 + n / (df ?? 1));
  }

  /**
   * A question made only of very common words ("积分?") says too little to pick one entry:
   * its coverage is scaled down until it carries MIN_INFORMATION worth of idf.
   */
  private coverage(entry: number, terms: ReadonlyArray<TermInfo | undefined>, weights: readonly number[], information: number): number {
    return this.rawCoverage(entry, terms, weights) * Math.min(1, information / MIN_INFORMATION);
  }

  /** The question's terms (as the index knows them, or undefined) with their weights, against one entry. */
  private rawCoverage(entry: number, terms: ReadonlyArray<TermInfo | undefined>, weights: readonly number[]): number {
    let covered = 0;
    let total = 0;
    let askedHit = false;
    for (let i = 0; i < terms.length; i++) {
      const presence = terms[i]?.presence[entry] ?? ABSENT;
      const weight = weights[i]!;
      total += weight;
      if (presence === ASKED) {
        covered += weight;
        askedHit = true;
      } else if (presence === ANSWERED_ONLY) covered += weight * ANSWER_ONLY_WEIGHT;
    }
    if (total === 0) return 0;
    // Words found only in an answer's text ("what's your name" → a form field) do not make a question on-topic.
    return askedHit ? covered / total : (covered / total) * ANSWER_ONLY_WEIGHT;
  }
}

/**
 * Mostly coverage, partly text score; a question asked word for word as curated wins outright.
 * Coverage is what decides whether to answer, so it also leads the ranking: otherwise a short
 * phrasing with one shared rare word (BM25) can outrank the entry that covers the whole question.
 */
function rank(match: FaqMatch, topScore: number, exactEntryId: string | undefined): number {
  const exactBonus = match.entry.id === exactEntryId ? 1 : 0;
  const text = topScore > 0 ? match.score / topScore : 0;
  return exactBonus + (1 - COVERAGE_RANK_WEIGHT) * text + COVERAGE_RANK_WEIGHT * match.coverage;
}
