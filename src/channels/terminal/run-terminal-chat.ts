import { createInterface } from 'node:readline';
import { createServices } from '../../app/services.js';
import type { Config } from '../../config/env.js';
import { createLogger } from '../../util/logger.js';
import { TerminalChat, formatJsonLine, formatReplyText } from './terminal-chat.js';

export interface TerminalOptions {
  user: string;
  json: boolean;
}

/** Runs the chat over stdin/stdout until end of input (or Ctrl-D), then closes storage. */
export async function runTerminalChat(config: Config, options: TerminalOptions): Promise<void> {
  // Logs would interleave with the conversation: only warnings and worse, on stderr.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // A person waits for the greeting, which needs no FAQ index: it is built right after.
  const services = await createServices(config, logger, { faqIndex: 'idle' });
  const chat = new TerminalChat(services.core, `terminal:${options.user}`);
  await chat.resume();
  const interactive = process.stdin.isTTY === true && !options.json;
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  if (interactive) {
    process.stdout.write('输入 /start 开始，/help 查看帮助，Ctrl-D 退出。Type /start to begin, Ctrl-D to quit.\n');
    rl.setPrompt('> ');
    rl.prompt();
  }
  try {
    for await (const line of rl) {
      if (!line.trim()) {
        if (options.json) process.stdout.write(`${formatJsonLine([])}\n`);
        if (interactive) rl.prompt();
        continue;
      }
      const replies = await chat.send(line);
      if (options.json) {
        process.stdout.write(`${formatJsonLine(replies)}\n`);
      } else {
        let n = 1;
        const blocks = replies.map((r) => {
          const { text, next } = formatReplyText(r, n);
          n = next;
          return text;
        });
        process.stdout.write(`${blocks.join('\n\n')}\n\n`);
      }
      if (interactive) rl.prompt();
    }
  } finally {
    rl.close();
    await services.close();
  }
}
