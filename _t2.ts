import { loadKnowledgeBase } from './src/knowledge/knowledge-base.js';
import { FaqAnswerer } from './src/knowledge/faq-answerer.js';
const a = new FaqAnswerer(loadKnowledgeBase());
const ix = a.index as any;
for (const q of process.argv.slice(2)) { const t=[...new Set(ix.tokenizer.tokenize(q))] as string[]; console.log(q, ix.tokenizer.normalize(q)); for (const x of ix.meaningTerms(t)) console.log('  ', x, ix.documentFrequency.get(x), ix.idf(x).toFixed(2)); }
