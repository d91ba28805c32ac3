import { loadKnowledgeBase } from './src/knowledge/knowledge-base.js';
import { FaqAnswerer } from './src/knowledge/faq-answerer.js';
const a = new FaqAnswerer(loadKnowledgeBase());
for (const q of process.argv.slice(2)) { console.log(q, '=>', (a.index as any).tokenizer.tokenize(q).join(','), '|', a.index.find(q,3).map(m=>`${m.entry.id}:${m.coverage.toFixed(2)}:${m.score.toFixed(1)}`).join(' ')); }
