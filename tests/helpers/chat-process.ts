import { nodeWithTsx } from './node-tsx.js';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './run-process.js';

export interface JsonReply {
  text: string;
  buttons?: string[][];
}

/**
 * `npm run chat -- --json` as a child process, driven one line at a time: each line sent waits for
 * its one output line, proving replies arrive as each input arrives, not at end of input.
 * Started from the sources through tsx, or with `launcher` as `npm run chat` starts it
 * (node src/launch.mjs chat); either way one node process, so kill() stops the bot itself.
 */
export class ChatProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;
  private readonly exited: Promise<number | null>;
  private readonly replyTimeoutMs: number;
  stderr = '';

  constructor(args: string[], env: NodeJS.ProcessEnv, options: { launcher?: boolean; replyTimeoutMs?: number } = {}) {
    const [command, commandArgs] = options.launcher
      ? [process.execPath, ['src/launch.mjs', 'chat', '--json', ...args]]
      : nodeWithTsx('src/cli/chat.ts', ['--json', ...args]);
    this.replyTimeoutMs = options.replyTimeoutMs ?? 15_000;
    this.child = spawn(command, commandArgs, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', resolve));
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

  async send(line: string, timeoutMs = this.replyTimeoutMs): Promise<JsonReply[]> {
    this.write(line);
    const out = this.lines.shift() ?? (await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to "${line}" within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiting = (l) => {
        clearTimeout(timer);
        resolve(l);
      };
    }));
    return (JSON.parse(out) as { replies: JsonReply[] }).replies;
  }

  /** kill -9, then waits until the process is gone. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Closes standard input and waits for the exit code. */
  end(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }
}

export const allText = (replies: JsonReply[]) => replies.map((r) => r.text).join('\n');
export const allLabels = (replies: JsonReply[]) => replies.flatMap((r) => (r.buttons ?? []).flat());
