import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteFilePath } from '../../src/storage/open-store.js';
import { REPO_ROOT, runProcess, type ProcessResult } from '../helpers/run-process.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';

// The launcher's cache must be inside the project (the bundle imports packages from node_modules).
mkdirSync(join(REPO_ROOT, 'node_modules/.cache'), { recursive: true });
const cache = mkdtempSync(join(REPO_ROOT, 'node_modules/.cache/launcher-test-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** `node src/launch.mjs <args>` as the npm scripts run it, with this test's bundle cache. */
function launch(args: readonly string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, ['src/launch.mjs', ...args], {
    input,
    env: { BUNDLE_CACHE_DIR: cache, LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '', OPENAI_API_KEY: '', ...env },
    timeoutMs: 60_000,
  });
}

const bundleOf = (command: string) => join(cache, `${command}.mjs`);
/** A rebuilt bundle is a new file (written elsewhere and renamed): a new inode. */
const identity = (file: string) => {
  const stat = statSync(file);
  return `${stat.ino}:${stat.mtimeMs}`;
};

describe('node src/launch.mjs', () => {
  it('builds `ask` into an empty cache and answers like `npm run ask -- --json`', async () => {
    const result = await launch(['ask', '--json', '积分最终审核要多久？']);
    expect(result.code, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout) as { outcome: string; entry: string };
    expect(answer).toMatchObject({ outcome: 'answered', entry: 'final-review-time' });
    expect(existsSync(bundleOf('ask'))).toBe(true);
    expect(existsSync(`${bundleOf('ask')}.map`)).toBe(true);
    expect(readFileSync(join(cache, 'ask.manifest'), 'utf8')).toContain('src/cli/ask.ts\t');
  }, 90_000);

  it('greets /start through `chat --json` with one JSON line, on sqlite storage', async () => {
    const url = tempSqliteUrl('launch');
    const result = await launch(['chat', '--json', '--user', 'launcher'], '/start\n', { STORAGE_URL: url });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const { replies } = JSON.parse(lines[0]!) as { replies: { text: string; buttons?: string[][] }[] };
    expect(replies[0]!.text).toContain('积分咨询助手');
    expect(replies.flatMap((r) => r.buttons ?? []).flat()).toContain('开始评估');
    expect(existsSync(sqliteFilePath(url))).toBe(true);
  }, 90_000);

  it('reuses the bundle while nothing changed and rebuilds it when a file under src/ changes', async () => {
    await launch(['estimate', '--json', '{"age":30}']);
    const built = identity(bundleOf('estimate'));
    const again = await launch(['estimate', '--json', '{"age":30}']);
    expect(again.code, again.stderr).toBe(0);
    expect(identity(bundleOf('estimate'))).toBe(built);

    // A new file under src/ changes the manifest as an edit does; removing it restores the manifest
    // exactly, so the developer's own cache stays valid (touching a real file could not restore its mtime exactly).
    const scratch = join(REPO_ROOT, 'src', `.launcher-test-${process.pid}.tmp`);
    try {
      writeFileSync(scratch, 'edited\n');
      const edited = await launch(['estimate', '--json', '{"age":30}']);
      expect(edited.code, edited.stderr).toBe(0);
      expect(JSON.parse(edited.stdout)).toMatchObject({ eligible: false });
      expect(identity(bundleOf('estimate'))).not.toBe(built);
      expect(readFileSync(join(cache, 'estimate.manifest'), 'utf8')).toContain('.launcher-test-');
    } finally {
      rmSync(scratch, { force: true });
    }
  }, 120_000);

  it('names the commands in one line and exits non-zero for an unknown one', async () => {
    const result = await launch(['no-such-command']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('ask, bench, chat, estimate, leads, start');
  });

  it('builds every bundle ahead with --prepare (the npm "prepare" script run by npm ci)', async () => {
    const prepared = join(cache, 'prepared');
    const result = await launch(['--prepare'], '', { BUNDLE_CACHE_DIR: prepared });
    expect(result.code, result.stderr).toBe(0);
    for (const command of ['ask', 'bench', 'chat', 'estimate', 'leads', 'start']) expect(existsSync(join(prepared, `${command}.mjs`))).toBe(true);
  }, 90_000);

  it('runs the sources through tsx, with one line on stderr, when the bundle cannot be written', async () => {
    const blocker = join(cache, 'not-a-directory');
    writeFileSync(blocker, ''); // a file where the cache directory would go: every write fails, as on a read-only install
    const result = await launch(['ask', '--json', '积分最终审核要多久？'], '', { BUNDLE_CACHE_DIR: join(blocker, 'bundles') });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: 'answered', entry: 'final-review-time' });
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('through tsx')]);
  }, 90_000);

  it('refuses a cache directory outside the project in one line', async () => {
    const result = await launch(['ask', '--json', '积分最终审核要多久？'], '', { BUNDLE_CACHE_DIR: tmpdir() });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('BUNDLE_CACHE_DIR');
  });

  it('takes BUNDLE_CACHE_DIR from .env too, as .env.example says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'launch-env-'));
    const fromEnvFile = join(cache, 'from-env-file');
    writeFileSync(join(dir, '.env'), `BUNDLE_CACHE_DIR=${fromEnvFile}\n`);
    const result = await runProcess(process.execPath, [join(REPO_ROOT, 'src/launch.mjs'), 'estimate', '--json', '{"age":30}'], {
      cwd: dir,
      env: { BUNDLE_CACHE_DIR: '' },
      timeoutMs: 60_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(fromEnvFile, 'estimate.mjs'))).toBe(true);
  }, 90_000);
});
