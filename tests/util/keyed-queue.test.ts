import { setTimeout as pause } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { serialized } from '../../src/util/keyed-queue.js';

describe('serialized', () => {
  it('runs calls with one key one after another in call order, other keys alongside', async () => {
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`${name}+`);
      await pause(ms);
      log.push(`${name}-`);
      return name;
    };
    const results = await Promise.all([serialized('a', step('a1', 30)), serialized('a', step('a2', 1)), serialized('b', step('b1', 1)), serialized('a', step('a3', 1))]);
    expect(results).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(log.filter((e) => e.startsWith('a'))).toEqual(['a1+', 'a1-', 'a2+', 'a2-', 'a3+', 'a3-']);
    expect(log.indexOf('b1-')).toBeLessThan(log.indexOf('a1-'));
  });

  it('passes a failure (thrown or rejected) to its own caller and runs the next call anyway', async () => {
    const thrown = serialized('k', () => {
      throw new Error('thrown at once');
    });
    const rejected = serialized('k', async () => {
      throw new Error('rejected');
    });
    const next = serialized('k', async () => 'ran');
    await expect(thrown).rejects.toThrow('thrown at once');
    await expect(rejected).rejects.toThrow('rejected');
    await expect(next).resolves.toBe('ran');
  });
});
