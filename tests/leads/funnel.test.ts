import { describe, expect, it, vi } from 'vitest';
import Keyv from 'keyv';
import { Funnel } from '../../src/leads/funnel.js';
import { renderStats } from '../../src/leads/render-card.js';

describe('the funnel', () => {
  it('marks a step once per chat: repeated marks write nothing', async () => {
    const kv = new Keyv();
    const set = vi.spyOn(kv, 'set');
    const funnel = new Funnel(kv);
    await funnel.mark('a', 'started');
    const writes = set.mock.calls.length;
    await funnel.mark('a', 'started');
    await funnel.mark('a', 'started');
    expect(set.mock.calls.length).toBe(writes);
    // A second process (fresh memory) does not write either.
    const other = new Funnel(kv);
    await other.mark('a', 'started');
    expect(set.mock.calls.length).toBe(writes);
  });

  it('counts each step per chat and names the question most often left unanswered by unfinished chats', async () => {
    const kv = new Keyv();
    const funnel = new Funnel(kv);
    const pending: Record<string, string> = { a: 'age', b: 'education', c: 'education', d: 'education' };
    for (const chat of ['a', 'b', 'c', 'd', 'e']) await funnel.mark(chat, 'started');
    // Steps the conversation reached live in its record; the funnel reads them from there.
    const steps: Record<string, string[]> = {
      a: ['started', 'passedPreconditions'],
      e: ['started', 'passedPreconditions', 'finishedQuestionnaire', 'consented'],
      d: ['started', 'finishedQuestionnaire'], // finished: its pending question does not count
    };
    const stats = await funnel.stats(async (chatId) => ({ steps: steps[chatId] ?? ['started'], pending: pending[chatId] }));
    expect(stats).toEqual({
      chats: 5,
      counts: { started: 5, passedPreconditions: 2, finishedQuestionnaire: 2, consented: 1, qualified: 0, claimed: 0 },
      dropOff: { question: 'education', count: 2 },
    });
    const text = renderStats(stats, 'zh', (id) => (id === 'education' ? '最高学历' : id));
    expect(text).toContain('开始评估：5');
    expect(text).toContain('完成问卷：2（40%）');
    expect(text).toContain('最多人停在：最高学历（2 人）');
  });

  it('reports no drop-off when every chat finished', async () => {
    const funnel = new Funnel(new Keyv());
    await funnel.mark('a', 'finishedQuestionnaire');
    expect((await funnel.stats(async () => ({ steps: ['finishedQuestionnaire'], pending: 'age' }))).dropOff).toBeNull();
  });

  it("still counts the chats an earlier version listed in its single chats:index, once each", async () => {
    const kv = new Keyv();
    const funnel = new Funnel(kv);
    await funnel.mark('new', 'started');
    await funnel.mark('both', 'started');
    await kv.set('chats:index', ['old', 'both']);
    await kv.set('funnel:old', { steps: { started: '2026-11-01T00:00:00.000Z' } });
    const stats = await funnel.stats(async () => undefined);
    expect(stats.chats).toBe(3);
    expect(stats.counts.started).toBe(3);
  });
});
