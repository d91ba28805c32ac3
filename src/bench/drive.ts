import type { Update } from 'grammy/types';
import { nowMs } from './stats.js';

export interface DriveResult {
  updates: number;
  wallMs: number;
  /** Per-update latency: from handing the update to the bot until its handling resolved. */
  latencies: number[];
}

/**
 * Feeds updates in script order (round-robin over prospects) with at most `concurrency` in flight.
 * Updates of one chat never overlap: each waits for the chat's previous one, as Telegram
 * delivers them and the runner's per-chat ordering keeps them.
 */
export async function drive(updates: readonly Update[], handle: (u: Update) => Promise<unknown>, concurrency = 1): Promise<DriveResult> {
  const latencies = new Array<number>(updates.length);
  const tails = new Map<number, Promise<unknown>>();
  let next = 0;
  const started = nowMs();
  async function worker(): Promise<void> {
    while (next < updates.length) {
      const i = next++;
      const update = updates[i]!;
      const chat = chatOf(update);
      const before = tails.get(chat);
      if (before) await before;
      const t0 = nowMs();
      const done = handle(update);
      tails.set(chat, done);
      await done;
      latencies[i] = nowMs() - t0;
      if (tails.get(chat) === done) tails.delete(chat);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { updates: updates.length, wallMs: nowMs() - started, latencies };
}

function chatOf(update: Update): number {
  return update.message?.chat.id ?? update.callback_query?.from.id ?? 0;
}
