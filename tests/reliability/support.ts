import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { ConversationStore } from '../../src/core/conversation-store.js';
import type { Store } from '../../src/storage/open-store.js';
import type { Logger } from '../../src/util/logger.js';
import { REPO_ROOT } from '../helpers/run-process.js';


export interface JsonReply {
  text: string;
  buttons?: string[][];
}

/** A fresh sqlite STORAGE_URL in its own temp dir. */
export function tempSqliteUrl(prefix: string): string {
  return `sqlite://${join(mkdtempSync(join(tmpdir(), `${prefix}-`)), 'bot.sqlite')}`;
}

/** `npm run chat -- --json --user <id>` (node src/launch.mjs chat …) that can also be killed with SIGKILL at any moment. */
export class KillableChat {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;
  private readonly exited: Promise<void>;
  stderr = '';

  constructor(user: string, env: NodeJS.ProcessEnv) {
    // What `npm run chat` runs: one node process (the bundled command), so SIGKILL kills the bot itself.
    this.child = spawn(process.execPath, ['src/launch.mjs', 'chat', '--json', '--user', user], { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', () => resolve()));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting(line);
      else this.lines.push(line);
    });
  }

  /** Writes a line without waiting for its answer. */
  write(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  async send(line: string, timeoutMs = 20_000): Promise<JsonReply[]> {
    this.write(line);
    const out =
      this.lines.shift() ??
      (await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply to "${line}" within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
        this.waiting = (l) => {
          clearTimeout(timer);
          resolve(l);
        };
      }));
    return (JSON.parse(out) as { replies: JsonReply[] }).replies;
  }

  /** kill -9, then wait until the process is gone. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async end(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }
}

/** The parts of a stored conversation that define where it stands. */
export async function conversationState(store: Store, chatId: string): Promise<string> {
  const record = await new ConversationStore(store.kv).load(chatId);
  if (record === undefined) return 'none';
  if (record === 'incompatible') return 'incompatible';
  return JSON.stringify({ state: record.state, answers: record.ctx.answers, picks: record.picks, epoch: record.epoch, retries: record.retries });
}

/** A pino logger that keeps every record (level ≥ warn) in memory, for asserting that nothing failed. */
export function capturingLogger(): { logger: Logger; records: Array<{ level: number; msg: string; err?: unknown }> } {
  const records: Array<{ level: number; msg: string; err?: unknown }> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void records.push(JSON.parse(line)) });
  return { logger, records };
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
