import type Keyv from 'keyv';
import { ChatIndex } from './chat-index.js';
import { keys } from './keys.js';
import { localLocks, type Locks } from '../storage/locks.js';
import { serialized } from '../util/keyed-queue.js';
import { FUNNEL_STEPS, type FunnelStep } from './lead-schema.js';
import type { FunnelStats } from './render-card.js';

/**
 * What the stored conversation says about the funnel: the steps it reached (the core keeps them in
 * the conversation record, written anyway on each update) and the question it is waiting on.
 */
export interface ConversationFunnel {
  steps: readonly string[];
  pending?: string | undefined;
}

/** When each funnel step was first reached by one chat (the steps marked outside the conversation record: qualified, claimed). */
type FunnelRecord = { steps: Partial<Record<FunnelStep, string>> };

/** Remembered marks, so repeated marks cost no storage read; bounded. */
const MEMO_LIMIT = 50_000;

/**
 * Funnel counts without a write per update: each step is written once per chat (the first time), and
 * the drop-off point is computed at stats time from the stored conversations (the pending question of
 * each chat that did not finish), over the chat index (chat-index.ts).
 */
export class Funnel {
  private readonly chats: ChatIndex;
  private readonly memo = new Set<string>();

  constructor(
    private readonly kv: Keyv,
    options: { locks?: Locks } = {},
  ) {
    this.chats = new ChatIndex(kv, options.locks ?? localLocks());
  }

  /** Records that a chat reached a step; idempotent (one write the first time, none after). */
  mark(chatId: string, step: FunnelStep, now: Date = new Date()): Promise<void> {
    const memoKey = `${chatId}\u0000${step}`;
    if (this.memo.has(memoKey)) return Promise.resolve();
    return serialized(`funnel:${chatId}`, async () => {
      const record = await this.kv.get<FunnelRecord>(keys.funnel(chatId));
      if (!record?.steps[step]) {
        await this.kv.set(keys.funnel(chatId), { steps: { ...record?.steps, [step]: now.toISOString() } } satisfies FunnelRecord);
        if (!record) await this.registerChat(chatId);
      }
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.add(memoKey);
    });
  }

  /** Adds a chat to the chat index (once; mark() does this for a chat's first step). */
  registerChat(chatId: string): Promise<void> {
    return this.chats.add(chatId);
  }

  /** Forgets the in-memory marks of a chat (after its data was erased; LeadStore takes it out of the index). */
  forget(chatId: string): void {
    for (const step of FUNNEL_STEPS) this.memo.delete(`${chatId}\u0000${step}`);
  }

  /**
   * Counts per step, and the pending question most often left unanswered by chats that started but
   * did not finish the questionnaire. `loadConversation` reads a chat's funnel steps and pending
   * question from its stored conversation (undefined when none).
   */
  async stats(loadConversation: (chatId: string) => Promise<ConversationFunnel | undefined>): Promise<FunnelStats> {
    const chats = await this.chats.list();
    const counts = Object.fromEntries(FUNNEL_STEPS.map((step) => [step, 0])) as Record<FunnelStep, number>;
    const left = new Map<string, number>();
    let counted = 0;
    for (const chatId of chats) {
      const record = await this.kv.get<FunnelRecord>(keys.funnel(chatId));
      const conversation = await loadConversation(chatId);
      if (!record && !conversation) continue;
      counted++;
      const reached = new Set<string>([...Object.keys(record?.steps ?? {}), ...(conversation?.steps ?? [])]);
      for (const step of FUNNEL_STEPS) if (reached.has(step)) counts[step]++;
      if (reached.has('finishedQuestionnaire')) continue;
      const pending = conversation?.pending;
      if (pending) left.set(pending, (left.get(pending) ?? 0) + 1);
    }
    let dropOff: FunnelStats['dropOff'] = null;
    for (const [question, count] of [...left].sort(([a], [b]) => a.localeCompare(b))) {
      if (!dropOff || count > dropOff.count) dropOff = { question, count };
    }
    return { chats: counted, counts, dropOff };
  }
}
