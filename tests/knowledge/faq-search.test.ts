import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FaqSearch, type SearchDoc } from '../../src/knowledge/faq-search.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { Tokenizer } from '../../src/knowledge/tokenizer.js';

const kb = loadKnowledgeBase();
const tokenizer = new Tokenizer(kb.lexicon);
const tokenize = (text: string) => tokenizer.tokenize(text);
const docs: SearchDoc[] = kb.entries.flatMap((entry) => [
  ...entry.questions.map((q, i) => ({ id: `${entry.id}#${i}`, entryId: entry.id, q, tags: '', answer: '' })),
  { id: `${entry.id}#a`, entryId: entry.id, q: '', tags: entry.tags.join(' '), answer: `${entry.answer.zh}\n${entry.answer.en ?? ''}` },
]);
// Fuzzy for every long English word, known or not, so the live (fuzzy) path is exercised too.
const fuzziness = (term: string) => (/^[a-z]{6,}$/.test(term) ? 0.2 : false);

const referenceEngine = new MiniSearch<SearchDoc>({
  fields: ['q', 'tags', 'answer'],
  storeFields: ['entryId'],
  tokenize,
  processTerm: (term) => term,
  searchOptions: { boost: { q: 3, tags: 2, answer: 1 }, combineWith: 'OR', fuzzy: fuzziness },
});
referenceEngine.addAll(docs);

/** The plain MiniSearch query FaqSearch stands in for: each entry's first hit, best first. */
function reference(terms: string[], depth: number): [string, number][] {
  const best = new Map<string, number>();
  for (const hit of referenceEngine.search(terms.join(' '), { tokenize: (q) => q.split(' ') })) {
    const entryId = hit['entryId'] as string;
    if (!best.has(entryId)) best.set(entryId, hit.score);
  }
  return [...best].slice(0, depth);
}

function questions(): string[] {
  const out = kb.entries.flatMap((e) => [...e.questions, ...e.tags]);
  for (const file of ['paraphrases.yaml', 'paraphrases-dev.yaml']) {
    const fixture = parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')) as {
      inScope: { q: string }[];
      outOfScope: { q: string }[];
    };
    out.push(...fixture.inScope.map((x) => x.q), ...fixture.outOfScope.map((x) => x.q));
  }
  // Pairs of phrasings (many terms, many equal scores) and typos in English words.
  const phrasings = kb.entries.flatMap((e) => e.questions);
  for (let i = 0; i + 1 < phrasings.length; i += 7) out.push(`${phrasings[i]} ${phrasings[i + 1]}`);
  out.push('pasword reqirements', 'documants certficate', 'insurence employr', '积分', '', '😀');
  return out;
}

describe('FaqSearch', () => {
  const search = new FaqSearch(docs, tokenize);

  it('ranks entries with exactly the scores and order of a plain MiniSearch query', () => {
    const mismatches: string[] = [];
    for (const question of questions()) {
      const terms = [...new Set(tokenize(question))];
      const got = search.rankEntries(terms, fuzziness, 8);
      const want = reference(terms, 8);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(question);
    }
    expect(mismatches).toEqual([]);
  });
});
