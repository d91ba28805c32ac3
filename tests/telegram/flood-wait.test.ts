import type { Transformer } from 'grammy';
import { describe, expect, it, vi } from 'vitest';
import { retryOnFloodWait } from '../../src/channels/telegram/flood-wait.js';
import { loadScoringTable } from '../../src/estimate/scoring-table.js';
import { FakeUser, createTestBot, startIntake } from './fake-bot-api.js';

type Answer = { ok: true; result: true } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };
const OK: Answer = { ok: true, result: true };
const floodWait = (seconds: number): Answer => ({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } });

/** Runs one call through the transformer over a Bot API that gives `answers` in turn (the last one from then on). */
async function callThrough(transformer: Transformer, answers: Array<Answer | Error>, signal?: AbortSignal) {
  let calls = 0;
  const prev = (async () => {
    const answer = answers[Math.min(calls++, answers.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as Parameters<Transformer>[0];
  const started = Date.now();
  const result = await transformer(prev, 'sendMessage', { chat_id: 1, text: 'x' }, signal as never);
  return { result, calls, ms: Date.now() - started };
}

describe('flood-control retries (429 with retry_after)', () => {
  it('waits as long as Telegram asks, then makes the call again', async () => {
    vi.useFakeTimers(); // the wait is a timer: a fake clock, not a real second
    try {
      const answered = callThrough(retryOnFloodWait({ maxRetryAttempts: 3, maxDelaySeconds: 60 }), [floodWait(1), OK]);
      await vi.advanceTimersByTimeAsync(1000);
      const { result, calls, ms } = await answered;
      expect(result).toEqual(OK);
      expect(calls).toBe(2);
      expect(ms).toBeGreaterThanOrEqual(950);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up after the allowed retries and hands back the last refusal', async () => {
    const { result, calls } = await callThrough(retryOnFloodWait({ maxRetryAttempts: 2, maxDelaySeconds: 60 }), [floodWait(0)]);
    expect(result).toMatchObject({ ok: false, error_code: 429 });
    expect(calls).toBe(3);
  });

  it('does not wait longer than allowed, nor retry other failures or thrown network errors', async () => {
    const transformer = retryOnFloodWait({ maxRetryAttempts: 3, maxDelaySeconds: 60 });
    const tooLong = await callThrough(transformer, [floodWait(3600), OK]);
    expect(tooLong).toMatchObject({ result: { ok: false, error_code: 429 }, calls: 1 });
    const serverError = await callThrough(transformer, [{ ok: false, error_code: 500, description: 'Internal Server Error' }, OK]);
    expect(serverError).toMatchObject({ result: { ok: false, error_code: 500 }, calls: 1 });
    await expect(callThrough(transformer, [new Error('socket hang up'), OK])).rejects.toThrow('socket hang up');
  });

  it('stops waiting when the call is aborted (the bot stopping)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(callThrough(retryOnFloodWait({ maxRetryAttempts: 3, maxDelaySeconds: 60 }), [floodWait(30), OK], controller.signal)).rejects.toThrow(/aborted/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('delivers a reply held back by flood control exactly once', async () => {
    let refused = 0;
    const floodOnce: Transformer = async (prev, method, payload, signal) => {
      if (method === 'sendMessage' && refused === 0) {
        refused++;
        return floodWait(0) as never; // a wait of 0 s takes the retry path without a real wait
      }
      return prev(method, payload, signal);
    };
    const t = await createTestBot('memory://', { transformers: [floodOnce], floodWait: { maxRetryAttempts: 3, maxDelaySeconds: 5 } });
    try {
      const user = new FakeUser(4201, t.api);
      await startIntake(t, user);
      expect(refused).toBe(1);
      // The greeting (refused once, then sent) and the first question: each exactly once.
      const texts = t.api.sentTexts(4201);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain(String(loadScoringTable().passMark.points));
      expect(texts[1]).toContain('居住证');
    } finally {
      await t.services.close();
    }
  });
});
