import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Lexicon } from './schema.js';

const CJK = /[\u3400-\u9fff]/;
const ASCII_WORD = /^[\x20-\x7e]+$/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface Phrase {
  text: string;
  canonical: string;
  /** An English phrase: matched only between word boundaries (as regex `\b`). */
  wholeWord: boolean;
}

const isWordUnit = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/** A regex `\b` (without the u flag) at `at`: a word character on exactly one side. */
function wordBoundary(text: string, at: number): boolean {
  const before = at > 0 && isWordUnit(text.charCodeAt(at - 1));
  const after = at < text.length && isWordUnit(text.charCodeAt(at));
  return before !== after;
}

/**
 * Turns a question into search terms: NFKC + lower case, colloquial words and typos mapped to
 * their canonical form (社宝 → 社保, 跳槽 → 换工作, "password" → 密码), jieba segmentation in
 * search mode with the domain words kept whole, then stopwords dropped.
 * The same function indexes the curated questions, so both sides speak one vocabulary.
 */
export class Tokenizer {
  private readonly jieba: Jieba;
  /** Phrases to map, by their first UTF-16 unit, each list longest first (see normalize). */
  private readonly phrasesByFirst = new Map<number, Phrase[]>();
  private readonly phraseMap = new Map<string, string>();
  private readonly tokenMap = new Map<string, string>();
  private readonly stopwords: Set<string>;

  constructor(lexicon: Lexicon) {
    this.jieba = Jieba.withDict(dict);
    const keep = new Set<string>(lexicon.domainWords);
    for (const [canonical, variants] of Object.entries(lexicon.synonyms)) {
      const target = canonical.toLowerCase();
      keep.add(target);
      this.phraseMap.set(target, target);
      for (const raw of variants) {
        const variant = raw.normalize('NFKC').toLowerCase();
        // One CJK character is too ambiguous inside longer words (办 in 办事处): map it as a whole token only.
        if (variant.length === 1) this.tokenMap.set(variant, target);
        else this.phraseMap.set(variant, target);
      }
    }
    for (const word of lexicon.domainWords) {
      const w = word.toLowerCase();
      if (!this.phraseMap.has(w)) this.phraseMap.set(w, w);
    }
    // Longest first, so 高级技师 wins over 高级 and 120分 over 120.
    for (const phrase of [...this.phraseMap.keys()].sort((a, b) => b.length - a.length)) {
      const first = phrase.charCodeAt(0);
      const list = this.phrasesByFirst.get(first) ?? [];
      list.push({ text: phrase, canonical: this.phraseMap.get(phrase)!, wholeWord: ASCII_WORD.test(phrase) });
      this.phrasesByFirst.set(first, list);
    }
    // Multi-character fillers (咋整, 干嘛) go into the dictionary too, so they come out whole and get dropped.
    for (const w of lexicon.stopwords) if (w.length > 1) keep.add(w.toLowerCase());
    const userDict = [...keep]
      .filter((w) => CJK.test(w))
      .map((w) => `${w} 200000 n`)
      .join('\n');
    this.jieba.loadDict(Buffer.from(userDict, 'utf8'));
    this.stopwords = new Set(lexicon.stopwords.map((w) => w.toLowerCase()));
  }

  /**
   * Lower-cased, width-folded text with colloquial forms replaced by canonical ones (padded with
   * spaces). Left to right, the longest phrase starting at a position wins and scanning goes on after
   * it; English phrases only as whole words. A scan by first character rather than one regex of
   * several hundred alternatives: it runs for every question, usually with cold caches.
   */
  normalize(text: string): string {
    const folded = text.normalize('NFKC').toLowerCase();
    let out = '';
    let copied = 0;
    let at = 0;
    while (at < folded.length) {
      const phrase = this.phraseAt(folded, at);
      if (!phrase) {
        at++;
        continue;
      }
      out += `${folded.slice(copied, at)} ${phrase.canonical} `;
      at += phrase.text.length;
      copied = at;
    }
    return copied === 0 ? folded : out + folded.slice(copied);
  }

  private phraseAt(text: string, at: number): Phrase | undefined {
    const candidates = this.phrasesByFirst.get(text.charCodeAt(at));
    if (!candidates) return undefined;
    for (const phrase of candidates) {
      if (!text.startsWith(phrase.text, at)) continue;
      if (phrase.wholeWord && !(wordBoundary(text, at) && wordBoundary(text, at + phrase.text.length))) continue;
      return phrase;
    }
    return undefined;
  }

  tokenize(text: string): string[] {
    return this.analyze(text).terms;
  }

  /** The normalized text and its search terms, in one pass. */
  analyze(text: string): { normalized: string; terms: string[] } {
    const normalized = this.normalize(text);
    const terms: string[] = [];
    for (const raw of this.jieba.cutForSearch(normalized, false)) {
      const token = raw.trim();
      if (!token || !WORD_CHAR.test(token)) continue;
      const term = this.tokenMap.get(token) ?? stem(token);
      if (this.stopwords.has(term)) continue;
      terms.push(term);
    }
    return { normalized, terms };
  }
}

/** A light English plural folding so "documents" meets "document". */
function stem(token: string): string {
  if (!/^[a-z]{4,}$/.test(token)) return token;
  if (token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}
