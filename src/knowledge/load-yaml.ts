import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { PROJECT_ROOT } from './project-root.js';

/** A knowledge file that cannot be used; the message names the file and the field. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
}

/** Root of the curated data, in the project root so every entry point (source or bundle) finds it. */
export const KNOWLEDGE_DIR = join(PROJECT_ROOT, 'knowledge/');

function displayPath(file: string): string {
  return relative(process.cwd(), file) || file;
}

/** Reads a YAML file and validates it, throwing a KnowledgeError like `knowledge/faq/x.yaml: [3].answer.zh: …`. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new KnowledgeError(`${displayPath(file)}: cannot read YAML: ${reason}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const where = describeEntry(data, issue.path);
    throw new KnowledgeError(
      `${displayPath(file)}: ${field.replace(/^\./, '') || '(root)'}${where}: ${issue.message}`,
    );
  }
  return result.data;
}

/** Names the entry id when the failing path points into a list of entries with ids. */
function describeEntry(data: unknown, path: readonly PropertyKey[]): string {
  const index = path[0];
  if (!Array.isArray(data) || typeof index !== 'number') return '';
  const item: unknown = data[index];
  if (item && typeof item === 'object' && 'id' in item && typeof item.id === 'string') {
    return ` (entry ${item.id})`;
  }
  return '';
}
