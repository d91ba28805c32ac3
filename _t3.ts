import { loadKnowledgeBase } from './src/knowledge/knowledge-base.js';
import { FaqAnswerer } from './src/knowledge/faq-answerer.js';
const a = new FaqAnswerer(loadKnowledgeBase());
const ix = a.index as any;
const [q, ...ids] = process.argv.slice(2);
const t=[...new Set(ix.tokenizer.tokenize(q))] as string[];
const mt = ix.meaningTerms(t);
console.log(q, '|', ix.tokenizer.normalize(q));
for (const id of ids) { console.log(id, ix.coverage(id, mt).toFixed(2)); for (const x of mt) console.log('   ', x, ix.idf(x).toFixed(2), ix.askedTerms.get(id).has(x)?'Q':ix.answerTerms.get(id).has(x)?'A':'-'); }
