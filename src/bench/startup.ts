import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadScoringTable } from '../estimate/scoring-table.js';
import { FaqAnswerer } from '../knowledge/faq-answerer.js';
import { loadIntakeGuides } from '../knowledge/intake-guides.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { PROJECT_ROOT } from '../knowledge/project-root.js';
import { median, nowMs } from './stats.js';

/** What `npm run chat` runs (package.json): the launcher, which imports the cached bundle of src/cli/chat.ts. */
const LAUNCHER = join(PROJECT_ROOT, 'src/launch.mjs');
/** The first question of the FAQ run: answered from the index, which the greeting does not need. */
const FIRST_FAQ_QUESTION = '积分最终审核要多久？';

export interface StartupFigures {
  /**
   * Spawn of `node src/launch.mjs chat --json` (npm run chat) with a warm bundle cache, on a fresh
   * sqlite file, until the reply line to "/start", per run, ms.
   */
  runsMs: number[];
  medianMs: number;
  /** The same spawn of a bare `node -e 0`, for scale (what no code of ours can save). */
  bareNodeMs: number;
  /** In this process: load and validate the knowledge, guides and scoring table, build the FAQ index. */
  knowledgeLoadMs: number;
  /** One run like runsMs with an empty bundle cache: the first start after an install or a source edit, esbuild build included, ms. */
  coldMs: number;
  /**
   * Warm cache, FIRST_FAQ_QUESTION sent as the first line instead of "/start", until its answer
   * (FAQ index built on demand), per run, ms.
   */
  firstFaqRunsMs: number[];
  firstFaqMs: number;
}

/** In-process: load the knowledge files and build the index (jieba dictionary included), ms; and the answerer built. */
export function timeKnowledgeLoad(): { ms: number; answerer: FaqAnswerer } {
  const t0 = nowMs();
  const kb = loadKnowledgeBase();
  loadIntakeGuides();
  loadScoringTable();
  const answerer = new FaqAnswerer(kb);
  answerer.warm();
  return { ms: nowMs() - t0, answerer };
}

interface FirstLine {
  ms: number;
  line: string;
}

/**
 * Spawns a command, writes `input` (unless undefined), and measures until its first stdout line (or
 * its exit when no line is awaited); resolves once the process has exited, so it cannot compete
 * with the next run for the CPU.
 */
function timeFirstLine(command: string, args: string[], env: NodeJS.ProcessEnv, input: string | undefined): Promise<FirstLine> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    // As a plain `npm run chat` starts: no loader options inherited from a test runner or tsx.
    delete childEnv['NODE_OPTIONS'];
    const t0 = nowMs();
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let first: FirstLine | undefined;
    if (input !== undefined) {
      createInterface({ input: child.stdout }).once('line', (line) => {
        first = { ms: nowMs() - t0, line };
        child.stdin.end();
      });
      child.stdin.write(`${input}\n`);
    } else child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (input === undefined) resolve({ ms: nowMs() - t0, line: '' });
      else if (first) resolve(first);
      else reject(new Error(`chat exited (${code}) before answering: ${stderr.trim().split('\n')[0]}`));
    });
  });
}

/** The text of the first reply of a `chat --json` line. */
function firstReplyText(line: string): string {
  const parsed = JSON.parse(line) as { replies?: { text?: string }[] };
  return parsed.replies?.[0]?.text ?? '';
}

/**
 * Start-up to first answer, each run on a fresh sqlite file in `dir`, with a bundle cache of its own
 * (inside node_modules/.cache, removed afterwards; the operator's cache is not touched): first one
 * cold run, which builds the bundle, then `runs` warm runs answering "/start" and `runs` warm runs
 * answering FIRST_FAQ_QUESTION (checked against `answerer`, in process).
 */
export async function runStartup(dir: string, answerer: FaqAnswerer, runs = 3): Promise<Omit<StartupFigures, 'knowledgeLoadMs'>> {
  const bareNodeMs = (await timeFirstLine(process.execPath, ['-e', '0'], {}, undefined)).ms;
  mkdirSync(join(PROJECT_ROOT, 'node_modules/.cache'), { recursive: true });
  const cache = mkdtempSync(join(PROJECT_ROOT, 'node_modules/.cache/startup-bench-'));
  let n = 0;
  const chat = (input: string) => {
    const i = n++;
    const env = {
      STORAGE_URL: `sqlite://${join(dir, `startup-${i}.sqlite`)}`,
      LOG_LEVEL: 'warn',
      TELEGRAM_BOT_TOKEN: '',
      BUNDLE_CACHE_DIR: cache,
    };
    return timeFirstLine(process.execPath, [LAUNCHER, 'chat', '--json', '--user', `startup-${i}`], env, input);
  };
  try {
    const coldMs = (await chat('/start')).ms;
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) runsMs.push((await chat('/start')).ms);
    const expected = answerer.answer(FIRST_FAQ_QUESTION);
    const firstFaqRunsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { ms, line } = await chat(FIRST_FAQ_QUESTION);
      // Only an answer from the index measures the index: not a refusal, a handoff or the greeting alone.
      if (expected.outcome !== 'answered' || firstReplyText(line) !== expected.answer) {
        throw new Error(`the first FAQ run did not answer "${FIRST_FAQ_QUESTION}" from the knowledge base: ${line.slice(0, 120)}`);
      }
      firstFaqRunsMs.push(ms);
    }
    return {
      runsMs,
      medianMs: median(runsMs),
      bareNodeMs,
      coldMs,
      firstFaqRunsMs,
      firstFaqMs: median(firstFaqRunsMs),
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
