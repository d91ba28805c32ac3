import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory with package.json and knowledge/, found by walking up from this module. The same
 * code runs from the source tree (src/knowledge/, through tsx or vitest) and bundled into one file
 * (node_modules/.cache/…, see src/launch.mjs), so no fixed relative path is right for both.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'knowledge'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the project root (package.json and knowledge/) above ${from}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
