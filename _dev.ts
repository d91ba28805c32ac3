import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadKnowledgeBase } from './src/knowledge/knowledge-base.js';
import { FaqAnswerer } from './src/knowledge/faq-answerer.js';
const kb = loadKnowledgeBase(); const a = new FaqAnswerer(kb);
const file = process.argv[2] ?? 'tests/fixtures/paraphrases-dev.yaml';
const quiet = process.argv[3] === 'q';
const f = parse(readFileSync(file,'utf8'));
const listed = new Set(kb.entries.flatMap((e) => e.questions));
let ok = 0;
for (const x of f.inScope) {
  if (listed.has(x.q)) console.log('LISTED!', x.q);
  if (!kb.byId.has(x.entry)) console.log('NO ENTRY', x.entry);
  const r = a.answer(x.q);
  const good = r.outcome === 'answered' && [x.entry, ...(x.alsoOk ?? [])].includes(r.entry);
  if (good) ok++;
  else if (!quiet) {
    const top = a.index.find(x.q, 3).map((m) => `${m.entry.id}:${m.coverage.toFixed(2)}`).join(' ');
    console.log(`MISS "${x.q}" → ${r.outcome}/${r.entry} want ${x.entry} | toks=${(a.index as any).tokenizer.tokenize(x.q).join(',')} | ${top}`);
  }
}
console.log(`in-scope ${ok}/${f.inScope.length} = ${(100*ok/f.inScope.length).toFixed(1)}%`);
let oo = 0;
for (const x of f.outOfScope) {
  const r = a.answer(x.q);
  const good = x.expect === 'refused' ? r.outcome === 'refused' : r.outcome !== 'answered';
  if (good) oo++; else console.log(`OOS WRONG "${x.q}" → ${r.outcome}/${r.entry} (${r.confidence}) want ${x.expect}`);
}
console.log(`out-of-scope ${oo}/${f.outOfScope.length}`);
