import { join } from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR, loadYamlFile } from '../knowledge/load-yaml.js';

/** knowledge/llm-key-terms.yaml: the vocabulary of the rephrase fact check. */
export const KeyTermsSchema = z.strictObject({
  /** Named bodies, documents and systems a rephrase must keep when the curated answer names them. */
  terms: z.array(z.string().min(2)).default([]),
  /** Everyday words that end like a named term (保证, 简单) and must not be required. */
  notTerms: z.array(z.string().min(2)).default([]),
  /** Groups of equivalent negations / restrictions. */
  negations: z.array(z.array(z.string().min(1)).min(1)).default([]),
  /** Words that contain a negation character but negate nothing (不过, 非常). */
  ignore: z.array(z.string().min(1)).default([]),
});
export type KeyTerms = z.infer<typeof KeyTermsSchema>;

export const KEY_TERMS_FILE = 'llm-key-terms.yaml';

/** Loads and validates knowledge/llm-key-terms.yaml; throws KnowledgeError naming the file and field. */
export function loadKeyTerms(dir: string = KNOWLEDGE_DIR): KeyTerms {
  return loadYamlFile(join(dir, KEY_TERMS_FILE), KeyTermsSchema);
}
