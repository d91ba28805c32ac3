import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadScoringTable } from '../estimate/scoring-table.js';
import { FaqAnswerer } from '../knowledge/faq-answerer.js';
import { loadIntakeGuides } from '../knowledge/intake-guides.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { nowMs, percentile } from './stats.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');

export interface StartupFigures {
  /** Spawn of `tsx src/cli/chat.ts --json` on a fresh sqlite file until the reply line to "/start", per run, ms. */
  runsMs: number[];
  medianMs: number;
  /** The same spawn of a bare `node -e 0`, for scale (what no code of ours can save). */
  bareNodeMs: number;
  /** In this process: load and validate the knowledge, guides and scoring table, build the FAQ index. */
  knowledgeLoadMs: number;
}

/** In-process: load the knowledge files and build the index (jieba dictionary included), ms. */
export function timeKnowledgeLoad(): number {
  const t0 = nowMs();
  const kb = loadKnowledgeBase();
  loadIntakeGuides();
  loadScoringTable();
  new FaqAnswerer(kb);
  return nowMs() - t0;
}

/** Spawns a command, writes "/start", resolves with the ms until its first stdout line (or exit for bare node). */
function timeFirstLine(command: string, args: string[], env: NodeJS.ProcessEnv, waitForLine: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = nowMs();
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let done = false;
    const finish = (ms: number | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (ms instanceof Error) reject(ms);
      else resolve(ms);
    };
    if (waitForLine) {
      createInterface({ input: child.stdout }).once('line', () => {
        finish(nowMs() - t0);
        child.stdin.end();
      });
      child.stdin.write('/start\n');
    } else child.stdin.end();
    child.on('close', (code) => {
      if (!waitForLine) finish(nowMs() - t0);
      else finish(new Error(`chat exited (${code}) before answering: ${stderr.trim().split('\n')[0]}`));
    });
  });
}

/** Start-up to first answer, `runs` times, each on a fresh sqlite file in `dir`. */
export async function runStartup(dir: string, runs = 3): Promise<Omit<StartupFigures, 'knowledgeLoadMs'>> {
  const bareNodeMs = await timeFirstLine(process.execPath, ['-e', '0'], {}, false);
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const env = { STORAGE_URL: `sqlite://${join(dir, `startup-${i}.sqlite`)}`, LOG_LEVEL: 'warn', TELEGRAM_BOT_TOKEN: '' };
    runsMs.push(await timeFirstLine(TSX, ['src/cli/chat.ts', '--json', '--user', `startup-${i}`], env, true));
  }
  return { runsMs, medianMs: percentile(runsMs, 50), bareNodeMs };
}
