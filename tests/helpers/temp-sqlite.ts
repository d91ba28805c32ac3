import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh sqlite STORAGE_URL in a temp dir of its own (below the run's TMPDIR: tests/global-tmp.ts). */
export function tempSqliteUrl(prefix = 'store'): string {
  return `sqlite://${join(mkdtempSync(join(tmpdir(), `${prefix}-`)), 'bot.sqlite')}`;
}
