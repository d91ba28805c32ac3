import { pino } from 'pino';
import { ConversationStore } from '../../src/core/conversation-store.js';
import type { Store } from '../../src/storage/open-store.js';
import type { Logger } from '../../src/util/logger.js';
import { ChatProcess } from '../helpers/chat-process.js';

/** `npm run chat -- --json --user <id>` (node src/launch.mjs chat …) that can also be killed with SIGKILL at any moment. */
export class KillableChat extends ChatProcess {
  constructor(user: string, env: NodeJS.ProcessEnv) {
    super(['--user', user], { LOG_LEVEL: 'warn', ...env }, { launcher: true, replyTimeoutMs: 20_000 });
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
