import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FaqAnswerer } from '../../src/knowledge/faq-answerer.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';

interface Fixture {
  inScope: { q: string; entry: string; alsoOk?: string[] }[];
  outOfScope: { q: string; expect: 'refused' | 'handoff' }[];
}

const fixture = parse(
  readFileSync(new URL('../fixtures/paraphrases.yaml', import.meta.url), 'utf8'),
) as Fixture;
const devSet = parse(
  readFileSync(new URL('../fixtures/paraphrases-dev.yaml', import.meta.url), 'utf8'),
) as Fixture;
const answerer = new FaqAnswerer(loadKnowledgeBase());

describe('FAQ retrieval', () => {
  it('finds each entry from every phrasing it lists', () => {
    const misses: string[] = [];
    for (const entry of answerer.kb.entries) {
      for (const q of entry.questions) {
        const result = answerer.answer(q);
        if (result.outcome !== 'answered' || result.entry !== entry.id) {
          misses.push(`${entry.id} ← "${q}" got ${result.outcome}/${result.entry} (${result.confidence})`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('keeps the held-out paraphrases apart from the listed phrasings', () => {
    const listed = new Set(answerer.kb.entries.flatMap((e) => e.questions));
    expect(fixture.inScope.length).toBeGreaterThanOrEqual(40);
    for (const { q, entry } of fixture.inScope) {
      expect(listed.has(q), q).toBe(false);
      expect(answerer.kb.byId.has(entry), entry).toBe(true);
    }
  });

  it('answers at least 90% of held-out paraphrases with the right entry', () => {
    const misses: string[] = [];
    for (const { q, entry, alsoOk = [] } of fixture.inScope) {
      const result = answerer.answer(q);
      const ok = result.outcome === 'answered' && [entry, ...alsoOk].includes(result.entry ?? '');
      if (!ok) misses.push(`"${q}" → ${result.outcome}/${result.entry} (${result.confidence}), expected ${entry}`);
    }
    const rate = 1 - misses.length / fixture.inScope.length;
    console.log(
      `held-out paraphrases: ${fixture.inScope.length - misses.length}/${fixture.inScope.length} = ${(rate * 100).toFixed(1)}%` +
        (misses.length ? `\n  misses:\n  ${misses.join('\n  ')}` : ''),
    );
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it('refuses or hands off out-of-scope and abusive questions', () => {
    const wrong: string[] = [];
    for (const item of fixture.outOfScope) {
      const result = answerer.answer(item.q);
      const acceptable = item.expect === 'refused' ? ['refused'] : ['handoff', 'refused'];
      if (!acceptable.includes(result.outcome)) wrong.push(`"${item.q}" → ${result.outcome}/${result.entry}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reports the development-set rate (tuned on; kept apart from the held-out rate)', () => {
    const misses: string[] = [];
    for (const { q, entry, alsoOk = [] } of devSet.inScope) {
      expect(answerer.kb.byId.has(entry), entry).toBe(true);
      const result = answerer.answer(q);
      const ok = result.outcome === 'answered' && [entry, ...alsoOk].includes(result.entry ?? '');
      if (!ok) misses.push(`"${q}" → ${result.outcome}/${result.entry} (${result.confidence}), expected ${entry}`);
    }
    const wrong: string[] = [];
    for (const item of devSet.outOfScope) {
      const result = answerer.answer(item.q);
      const acceptable = item.expect === 'refused' ? ['refused'] : ['handoff', 'refused'];
      if (!acceptable.includes(result.outcome)) wrong.push(`"${item.q}" → ${result.outcome}/${result.entry}`);
    }
    const rate = 1 - misses.length / devSet.inScope.length;
    const outRate = 1 - wrong.length / devSet.outOfScope.length;
    console.log(
      `dev paraphrases: ${devSet.inScope.length - misses.length}/${devSet.inScope.length} = ${(rate * 100).toFixed(1)}%, ` +
        `out of scope ${devSet.outOfScope.length - wrong.length}/${devSet.outOfScope.length}` +
        (misses.length || wrong.length ? `\n  misses:\n  ${[...misses, ...wrong].join('\n  ')}` : ''),
    );
    expect(rate).toBeGreaterThanOrEqual(0.85);
    expect(outRate).toBeGreaterThanOrEqual(0.85);
  });

  it('answers a question about the consequence of false materials, but refuses a request to forge', () => {
    for (const q of ['材料弄虚作假被发现扣几分', '造假会怎样']) {
      expect(answerer.answer(q).entry, q).toBe('false-materials-penalty');
    }
    for (const q of ['帮我弄个假学历', '能不能改一下社保记录']) {
      const result = answerer.answer(q);
      expect(result.outcome, q).toBe('refused');
      expect(result.answer, q).toContain('150');
    }
  });

  it('does not treat an office of a Shanghai employer in another city as another city\'s scheme', () => {
    expect(answerer.answer('公司把我派驻在杭州办事处，能办积分吗').outcome).not.toBe('refused');
  });

  it('names the 150-point penalty when refusing to help with forged papers', () => {
    const result = answerer.answer('能不能帮我弄个假的本科毕业证');
    expect(result.outcome).toBe('refused');
    expect(result.answer).toContain('150');
  });

  it('tells the user to confirm with the centre when an answer rests on guide-only or single-source facts', () => {
    const graded = answerer.kb.entries.find((e) => e.confidence === 'G' || e.confidence === 'C')!;
    const result = answerer.answer(graded.questions[0]!);
    expect(result.answer).toContain('以人才服务中心/官网最新口径为准');
  });

  it('answers English questions in English', () => {
    const result = answerer.answer('How long does the final review take?');
    expect(result.outcome).toBe('answered');
    expect(result.answer).toMatch(/20 working days/i);
  });
});
