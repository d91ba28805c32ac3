import { afterEach, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { answersToProfile } from '../../flows/answers-to-profile.js';
import { estimate } from '../../src/estimate/estimate.js';
import { loadScoringTable } from '../../src/estimate/scoring-table.js';
import { FakeUser, createTestBot, findButton, type FakeBotApi, type TestBot } from '../telegram/fake-bot-api.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';

const PROSPECTS = 200;
const FIRST_ID = 70_000;
let bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots) await b.services.close();
  bots = [];
});

/** Prospect i's answers: ages and insurance months differ per chat, so any mix-up shows in the estimate. */
function stepsOf(i: number): string[] {
  const age = String(24 + (i % 30));
  const months = String(12 + ((i * 7) % 100));
  const title = i % 3 === 0 ? '没有' : '三级（高级工）';
  return ['/start', '开始评估', '是', '是', '12个月', '否', age, '本科+学士学位', '全日制', title, months, '不到0.8倍/不清楚', '未婚', '都没有', '都没有', '还没开始'];
}

/** The update for one step: a command, a press of an offered button (its real callback data), or typed text. */
function updateFor(user: FakeUser, api: FakeBotApi, step: string, mayPress: boolean): Update {
  if (step.startsWith('/')) return user.command(step);
  const shown = mayPress ? api.lastKeyboard(user.id) : undefined;
  if (shown && findButton(shown, step)) return user.press(step, shown);
  return user.text(step);
}

/**
 * Walks every prospect in pairs of updates: the first of a pair may press a button on the last
 * question, the second is typed (its question has not been shown yet). With `together`, both
 * updates of a pair go to handleUpdate at once and all chats run at once.
 */
async function walk(b: TestBot, together: boolean): Promise<void> {
  const walkOne = async (i: number) => {
    const user = new FakeUser(FIRST_ID + i, b.api);
    const steps = stepsOf(i);
    for (let s = 0; s < steps.length; s += 2) {
      const first = updateFor(user, b.api, steps[s]!, true);
      const second = s + 1 < steps.length ? updateFor(user, b.api, steps[s + 1]!, false) : undefined;
      if (together) await Promise.all([b.bot.handleUpdate(first), second && b.bot.handleUpdate(second)]);
      else {
        await b.bot.handleUpdate(first);
        if (second) await b.bot.handleUpdate(second);
      }
    }
  };
  const ids = Array.from({ length: PROSPECTS }, (_, i) => i);
  if (together) await Promise.all(ids.map(walkOne));
  else for (const i of ids) await walkOne(i);
}

describe('200 prospects at once through the Telegram bot', () => {
  it('keeps each chat in order and apart when two messages per chat arrive together, with every estimate right', async () => {
    const reference = await createTestBot('memory://');
    const concurrent = await createTestBot(tempSqliteUrl('concurrent'));
    bots = [reference, concurrent];
    await walk(reference, false);
    await walk(concurrent, true);

    const scoring = loadScoringTable();
    for (let i = 0; i < PROSPECTS; i++) {
      const id = FIRST_ID + i;
      const texts = concurrent.api.sentTexts(id);
      // Same replies in the same order as when the chat's updates came one by one: order kept, nothing from another chat.
      expect(texts, `chat ${id}`).toEqual(reference.api.sentTexts(id));
      const stored = await concurrent.services.core.snapshotOf(`tg:${id}`);
      expect(stored?.answers.age).toBe(24 + (i % 30));
      expect(stored?.answers.socialInsuranceMonths).toBe(12 + ((i * 7) % 100));
      expect(stored?.answers.stage).toBe('notStarted');
      const total = estimate(answersToProfile(stored!.answers), scoring, 'zh').total;
      expect(texts.filter((t) => t.includes('积分估算'))).toEqual([expect.stringContaining(`积分估算：${total} 分`)]);
    }
    // Every message went to one of the prospects' own chats.
    const chats = new Set(concurrent.api.of('sendMessage').map((c) => Number(c.payload['chat_id'])));
    for (const chat of chats) expect(chat === -100500 || (chat >= FIRST_ID && chat < FIRST_ID + PROSPECTS)).toBe(true);
  }, 60_000);
});
