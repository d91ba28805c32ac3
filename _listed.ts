import { loadKnowledgeBase } from './src/knowledge/knowledge-base.js';
import { FaqAnswerer } from './src/knowledge/faq-answerer.js';
const a = new FaqAnswerer(loadKnowledgeBase());
let miss=0, n=0;
for (const e of a.kb.entries) for (const q of e.questions) { n++; const r=a.answer(q); if (r.outcome!=='answered'||r.entry!==e.id){miss++; if(process.argv[2]!=='q') console.log('LISTED MISS', e.id, q, r.outcome, r.entry, r.confidence);} }
console.log(`listed misses ${miss}/${n}`);
