import { createInterface } from 'node:readline';
import { ConfigError } from '../config/env.js';
import { KnowledgeError } from '../knowledge/load-yaml.js';
import { StorageUnavailableError } from '../storage/open-store.js';

/** Runs a command's main; known problems print one line and exit 2, never a stack trace. */
export function runCli(main: () => Promise<void>): void {
  // A reader that stops early (`| head`) closes the pipe: that ends the command quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof KnowledgeError || error instanceof UsageError || error instanceof StorageUnavailableError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Unexpected error: ${message.split('\n')[0]}\n`);
      if (process.env['LOG_LEVEL'] === 'debug' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = 2;
  });
}

/** Wrong arguments to a command. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Splits argv into flags (`--json`, `--user x`) and positional arguments. */
export function parseArgs(
  argv: readonly string[],
  valued: readonly string[] = [],
): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (valued.includes(name)) {
        const value = argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else flags.set(name, true);
    } else positional.push(arg);
  }
  return { flags, positional };
}

/** Standard input line by line, each yielded as soon as it arrives (so a program can converse through a pipe). */
export async function* readLines(input: NodeJS.ReadableStream = process.stdin): AsyncGenerator<string> {
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) yield line;
}
