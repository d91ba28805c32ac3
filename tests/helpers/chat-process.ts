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
 */
export class ChatProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | undefined;
  stderr = '';

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(...nodeWithTsx('src/cli/chat.ts', ['--json', ...args]), { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(line);
      } else this.lines.push(line);
    });
  }

  async send(line: string, timeoutMs = 15_000): Promise<JsonReply[]> {
    this.child.stdin.write(`${line}\n`);
    const out = this.lines.shift() ?? (await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to "${line}" within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiting = (l) => {
        clearTimeout(timer);
        resolve(l);
      };
    }));
    return (JSON.parse(out) as { replies: JsonReply[] }).replies;
  }

  /** Closes standard input and waits for the exit code. */
  end(): Promise<number | null> {
    return new Promise((resolve) => {
      this.child.on('close', resolve);
      this.child.stdin.end();
    });
  }
}

export const allText = (replies: JsonReply[]) => replies.map((r) => r.text).join('\n');
export const allLabels = (replies: JsonReply[]) => replies.flatMap((r) => (r.buttons ?? []).flat());
