import MiniSearch from 'minisearch';

export interface SearchDoc {
  id: string;
  entryId: string;
  q: string;
  tags: string;
  answer: string;
}

/** Fuzzy edit ratio for a query term, as in MiniSearch's `fuzzy` option; false for an exact match. */
export type Fuzziness = (term: string) => number | false;

/** What one query term adds to each document it matches, in the order MiniSearch visits them. */
interface TermScores {
  docs: Int32Array;
  scores: Float64Array;
}

const NO_SCORES: TermScores = { docs: new Int32Array(0), scores: new Float64Array(0) };

/**
 * MiniSearch's BM25 "OR" query, answered from per-term scores.
 *
 * A term's score in a document depends only on the index, so each indexed term is searched
 * once, on first use (not at build time: start-up stays as fast as before), and its scores kept;
 * a query then only adds up stored numbers. The additions happen in MiniSearch's own order (term
 * by term, each term's documents in the order MiniSearch first scores them), so the sums, and
 * the order of equal scores, are the ones `search` returns. Fuzzy terms depend on the query and
 * are searched live.
 */
export class FaqSearch {
  private readonly engine: MiniSearch<SearchDoc>;
  private readonly docNumber: Map<string, number>;
  /** Entry ids, and each document's entry as an index into them. */
  private readonly entryIds: string[];
  private readonly docEntry: Int32Array;
  private readonly vocabulary = new Set<string>();
  /** Scores of the indexed terms used so far: at most one per term of the vocabulary. */
  private readonly byTerm = new Map<string, TermScores>();
  // Per-query scratch, reused (find is synchronous): per document its summed (then final) score, matched
  // terms and first-touch position; the documents touched in order; per entry its best document (-1: none).
  private readonly sum: Float64Array;
  private readonly matched: Uint32Array;
  private readonly firstTouch: Uint32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly bestDoc: Int32Array;
  private readonly touchedEntries: Int32Array;

  constructor(docs: readonly SearchDoc[], tokenize: (text: string) => string[]) {
    this.docNumber = new Map(docs.map((d, i) => [d.id, i]));
    this.entryIds = [...new Set(docs.map((d) => d.entryId))];
    const entryNumber = new Map(this.entryIds.map((id, i) => [id, i]));
    this.docEntry = Int32Array.from(docs, (d) => entryNumber.get(d.entryId)!);
    this.sum = new Float64Array(docs.length);
    this.matched = new Uint32Array(docs.length);
    this.firstTouch = new Uint32Array(docs.length);
    this.bestDoc = new Int32Array(this.entryIds.length).fill(-1);
    // Fixed-size scratch lists (an array emptied with `length = 0` gives up its storage and regrows per query).
    this.touched = new Int32Array(docs.length);
    this.touchedEntries = new Int32Array(this.entryIds.length);
    this.engine = new MiniSearch<SearchDoc>({
      fields: ['q', 'tags', 'answer'],
      tokenize: (text) => {
        const terms = tokenize(text);
        for (const t of terms) this.vocabulary.add(t);
        return terms;
      },
      processTerm: (term) => term,
      searchOptions: { boost: { q: 3, tags: 2, answer: 1 }, combineWith: 'OR' },
    });
    this.engine.addAll(docs);
  }

  /**
   * The best-scoring `depth` entries for distinct terms (each entry scored by its best document), best
   * first: what MiniSearch's `search(terms.join(' '))` ranks, keeping each entry's first hit.
   */
  rankEntries(terms: readonly string[], fuzziness: Fuzziness, depth: number): [string, number][] {
    try {
      for (const term of terms) this.add(this.scoresOf(term, fuzziness(term)));
      return this.bestPerEntry(depth);
    } finally {
      this.reset();
    }
  }

  private scoresOf(term: string, fuzzy: number | false): TermScores {
    if (fuzzy !== false) return this.searchTerm(term, fuzzy);
    // A term the index lacks scores nothing; not keeping it bounds the memo by the vocabulary.
    if (!this.vocabulary.has(term)) return NO_SCORES;
    let scores = this.byTerm.get(term);
    if (!scores) this.byTerm.set(term, (scores = this.searchTerm(term, false)));
    return scores;
  }

  /** One term's scores per document, and the order MiniSearch scores them in (seen through its boostDocument hook). */
  private searchTerm(term: string, fuzzy: number | false): TermScores {
    const order = new Set<number>();
    const boostDocument = (id: string): number => {
      order.add(this.docNumber.get(id)!);
      return 1; // the factor MiniSearch uses without the hook: scores stay bit for bit the same
    };
    const score = new Map<number, number>();
    for (const hit of this.engine.search(term, { tokenize: (q) => [q], fuzzy, boostDocument })) {
      // A single-term query: MiniSearch's score is the term's summed field scores times 1 matched term.
      score.set(this.docNumber.get(hit.id as string)!, hit.score);
    }
    if (order.size === 0) return NO_SCORES;
    return { docs: Int32Array.from(order), scores: Float64Array.from(order, (doc) => score.get(doc)!) };
  }

  private add({ docs, scores }: TermScores): void {
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if (this.matched[doc] === 0) {
        this.firstTouch[doc] = this.touchedCount;
        this.touched[this.touchedCount++] = doc;
        this.sum[doc] = scores[i]!;
      } else {
        this.sum[doc] = this.sum[doc]! + scores[i]!;
      }
      this.matched[doc]!++;
    }
  }

  /**
   * MiniSearch multiplies the sum by the number of matched terms and stable-sorts by score; an
   * entry's first hit in that order is its highest score, the earliest-touched on a tie.
   */
  private bestPerEntry(depth: number): [string, number][] {
    const entries = this.touchedEntries;
    let entryCount = 0;
    for (let i = 0; i < this.touchedCount; i++) {
      const doc = this.touched[i]!;
      this.sum[doc] = this.sum[doc]! * this.matched[doc]!;
      const entry = this.docEntry[doc]!;
      const best = this.bestDoc[entry]!;
      if (best === -1) entries[entryCount++] = entry;
      if (best === -1 || this.sum[doc]! > this.sum[best]!) this.bestDoc[entry] = doc;
    }
    // The top `depth` by insertion: the same first entries as sorting them all (the order is total:
    // no two documents share a first touch), without sorting the ~80 entries a question touches.
    const top: number[] = [];
    for (let i = 0; i < entryCount; i++) {
      const entry = entries[i]!;
      const doc = this.bestDoc[entry]!;
      this.bestDoc[entry] = -1;
      if (top.length === depth && !this.before(doc, top[depth - 1]!)) continue;
      let at = top.length === depth ? depth - 1 : top.length;
      while (at > 0 && this.before(doc, top[at - 1]!)) {
        top[at] = top[at - 1]!;
        at--;
      }
      top[at] = doc;
    }
    return top.map((doc): [string, number] => [this.entryIds[this.docEntry[doc]!]!, this.sum[doc]!]);
  }

  /** Higher score first; on a tie, the document MiniSearch touched first. */
  private before(a: number, b: number): boolean {
    const sa = this.sum[a]!;
    const sb = this.sum[b]!;
    return sa > sb || (sa === sb && this.firstTouch[a]! < this.firstTouch[b]!);
  }

  private reset(): void {
    for (let i = 0; i < this.touchedCount; i++) this.matched[this.touched[i]!] = 0;
    this.touchedCount = 0;
  }
}
