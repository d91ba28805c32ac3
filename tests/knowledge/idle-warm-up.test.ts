import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FaqAnswerer } from '../../src/knowledge/faq-answerer.js';
import { IdleWarmUp } from '../../src/knowledge/idle-warm-up.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';

/** Past the warm-up's 0 ms timer. */
const tick = () => sleep(5);

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('IdleWarmUp', () => {
  it('warms once, right after the first turn settles, not during it', async () => {
    let warmed = 0;
    const warmUp = new IdleWarmUp(() => warmed++, 60_000);
    const turn = deferred();
    const tracked = warmUp.track(turn.promise);
    await tick();
    expect(warmed).toBe(0);
    turn.resolve();
    await tracked;
    expect(warmed).toBe(0); // the code awaiting the turn (the reply) runs first
    await tick();
    expect(warmed).toBe(1);
    await warmUp.track(Promise.resolve());
    await tick();
    expect(warmed).toBe(1);
  });

  it('waits while another turn is still running', async () => {
    let warmed = 0;
    const warmUp = new IdleWarmUp(() => warmed++, 60_000);
    const slow = deferred();
    void warmUp.track(slow.promise);
    await warmUp.track(Promise.resolve());
    await tick();
    expect(warmed).toBe(0);
    slow.resolve();
    await slow.promise;
    await tick();
    expect(warmed).toBe(1);
  });

  it('warms after the idle delay when no turn comes, also after a failed turn, and never once cancelled', async () => {
    let idle = 0;
    new IdleWarmUp(() => idle++, 10);
    await sleep(40);
    expect(idle).toBe(1);

    let afterFailure = 0;
    const failing = new IdleWarmUp(() => afterFailure++, 60_000);
    await expect(failing.track(Promise.reject(new Error('turn failed')))).rejects.toThrow('turn failed');
    await tick();
    expect(afterFailure).toBe(1);

    let cancelled = 0;
    new IdleWarmUp(() => cancelled++, 10).cancel();
    await sleep(40);
    expect(cancelled).toBe(0);
  });
});

describe('FaqAnswerer', () => {
  it('builds its index on first use or warm(), with the same answers either way', () => {
    const kb = loadKnowledgeBase();
    const lazy = new FaqAnswerer(kb);
    const warmed = new FaqAnswerer(kb);
    expect(lazy.ready).toBe(false);
    warmed.warm();
    expect(warmed.ready).toBe(true);
    const questions = kb.entries.flatMap((e) => e.questions).concat('今天天气怎么样', '积分?', '');
    for (const q of questions) expect(lazy.answer(q), q).toEqual(warmed.answer(q));
    expect(lazy.ready).toBe(true);
  });
});
