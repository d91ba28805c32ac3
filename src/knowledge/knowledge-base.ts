import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  FaqFileSchema,
  LexiconSchema,
  RefusalPolicySchema,
  type FaqEntry,
  type Lexicon,
  type RefusalPolicy,
} from './schema.js';
import { KNOWLEDGE_DIR, KnowledgeError, loadYamlFile } from './load-yaml.js';

export interface KnowledgeBase {
  entries: FaqEntry[];
  byId: Map<string, FaqEntry>;
  lexicon: Lexicon;
  refusals: RefusalPolicy;
}

/** Loads and validates every curated file; throws KnowledgeError naming the file and field. */
export function loadKnowledgeBase(dir: string = KNOWLEDGE_DIR): KnowledgeBase {
  const faqDir = join(dir, 'faq');
  const files = readdirSync(faqDir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
  if (files.length === 0) throw new KnowledgeError(`${faqDir}: no FAQ files (*.yaml) found`);

  const entries: FaqEntry[] = [];
  const byId = new Map<string, FaqEntry>();
  for (const name of files) {
    for (const entry of loadYamlFile(join(faqDir, name), FaqFileSchema)) {
      if (byId.has(entry.id)) {
        throw new KnowledgeError(`knowledge/faq/${name}: id "${entry.id}" is used twice`);
      }
      byId.set(entry.id, entry);
      entries.push(entry);
    }
  }
  const lexicon = loadYamlFile(join(dir, 'lexicon.yaml'), LexiconSchema);
  const refusals = loadYamlFile(join(dir, 'refusals.yaml'), RefusalPolicySchema);
  for (const [i, rule] of refusals.entries()) {
    for (const field of ['patterns', 'unless'] as const) {
      for (const pattern of rule[field]) {
        try {
          new RegExp(pattern, 'i');
        } catch {
          throw new KnowledgeError(`knowledge/refusals.yaml: [${i}].${field}: invalid regular expression ${pattern}`);
        }
      }
    }
  }
  return { entries, byId, lexicon, refusals };
}
