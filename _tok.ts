import { loadKnowledgeBase } from './src/knowledge/knowledge-base.js';
import { FaqAnswerer } from './src/knowledge/faq-answerer.js';
const a = new FaqAnswerer(loadKnowledgeBase());
for (const q of process.argv.slice(2)) console.log(q, '=>', (a.index as any).tokenizer.tokenize(q).join(','));
