import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary file of a test run (sqlite files, server data dirs, scratch knowledge copies) goes
 * under one directory that is removed when the run ends, so runs leave nothing in /tmp. Workers and
 * the processes tests spawn inherit TMPDIR, which os.tmpdir() reads on each call.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'bot-tests-'));
  // Servers run as another user (postgres) need to reach their data dirs below it.
  chmodSync(root, 0o755);
  const previous = process.env['TMPDIR'];
  process.env['TMPDIR'] = root;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
