import { mkdtempSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { KNOWLEDGE_DIR, KnowledgeError } from '../../src/knowledge/load-yaml.js';
import { TOPICS } from '../../src/knowledge/schema.js';

describe('curated knowledge base', () => {
  const kb = loadKnowledgeBase();

  it('loads at least 60 valid entries with unique ids', () => {
    expect(kb.entries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(kb.entries.map((e) => e.id)).size).toBe(kb.entries.length);
  });

  it('covers every topic of the FAQ menu', () => {
    const used = new Set(kb.entries.map((e) => e.topic));
    for (const topic of TOPICS) expect(used, `topic ${topic}`).toContain(topic);
  });

  it('gives every entry a source, a grade and a checked date', () => {
    for (const entry of kb.entries) {
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
      expect(['A', 'B', 'C', 'G']).toContain(entry.confidence);
      expect(Number.isNaN(Date.parse(entry.checked)), entry.id).toBe(false);
    }
  });

  it('asks each entry with some English phrasing somewhere in the base', () => {
    const english = kb.entries.filter((e) => e.questions.some((q) => !/[\u3400-\u9fff]/.test(q)));
    expect(english.length).toBeGreaterThanOrEqual(kb.entries.length / 2);
  });
});

describe('a broken knowledge file', () => {
  function copyWithBrokenFile(mutate: (yaml: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
    const file = join(dir, 'faq', 'process.yaml');
    writeFileSync(file, mutate(readFileSync(file, 'utf8')));
    return dir;
  }

  it('stops loading with the file and the field named when a grade is invalid', () => {
    const dir = copyWithBrokenFile((yaml) => yaml.replace(/confidence: [ABCG]/, 'confidence: Z'));
    expect(() => loadKnowledgeBase(dir)).toThrowError(KnowledgeError);
    expect(() => loadKnowledgeBase(dir)).toThrowError(/process\.yaml: \[\d+\]\.confidence/);
  });

  it('stops loading with the file named when the YAML itself is malformed', () => {
    const dir = copyWithBrokenFile((yaml) => `${yaml}\n- id: [unclosed\n`);
    expect(() => loadKnowledgeBase(dir)).toThrowError(/process\.yaml: cannot read YAML/);
  });

  it('stops loading when an entry lacks its answer', () => {
    const dir = copyWithBrokenFile((yaml) => yaml.replace(/\n  answer:/, '\n  answerx:'));
    expect(() => loadKnowledgeBase(dir)).toThrowError(/process\.yaml: \[0\]/);
  });
});
