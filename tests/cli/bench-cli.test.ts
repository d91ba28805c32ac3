import { describe, expect, it } from 'vitest';
import { startRedis } from '../helpers/servers.js';
import { runScript } from '../helpers/run-process.js';

describe('npm run bench', () => {
  it('runs a small load end to end and prints one JSON object with every figure and target', async () => {
    const args = ['--json', '--prospects', '12', '--updates', '6', '--live', '200', '--rounds', '2'];
    const result = await runScript('src/cli/bench.ts', args, { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, any>;
    expect(report.machine.cores).toBeGreaterThan(0);
    for (const run of [report.pipeline.memory, report.pipeline.sqlite, report.floor.memory, report.floor.sqlite, report.floor.productSqlite]) {
      expect(run.updates).toBe(72);
      expect(run.updatesPerSec).toBeGreaterThan(0);
      expect(run.p99Ms).toBeGreaterThanOrEqual(run.p50Ms);
    }
    expect(report.ratioPerRound.memory).toHaveLength(2);
    // Each round's ratio is its pipeline figure over its floor figure, both printed.
    report.microsPerRound.pipelineMemory.forEach((pipeline: number, i: number) => {
      expect(pipeline / report.microsPerRound.floorMemory[i]).toBeCloseTo(report.ratioPerRound.memory[i], 6);
    });
    expect(report.ratio.sqlite).toBeGreaterThan(0);
    expect(report.persisted.conversations).toBe(12);
    expect(report.startup.runsMs).toHaveLength(3);
    expect(report.startup.firstFaqMs).toBeGreaterThan(0);
    expect(report.startup.coldMs).toBeGreaterThan(0);
    expect(report.targets.map((t: { name: string }) => t.name)).toEqual([
      'pipeline ÷ floor, memory',
      'pipeline ÷ floor, sqlite',
      'storage writes per update on the hot path (sqlite)',
      'p99 per update, sqlite, in process',
      'persisted per conversation (max)',
      'FAQ lookups',
      'start-up to first answer (median)',
    ]);
  }, 150_000);

  it('with --storage also times the pipeline on that store, and refuses a store that already holds its conversations', async () => {
    const redis = await startRedis();
    try {
      const args = ['--json', '--prospects', '8', '--updates', '5', '--live', '100', '--rounds', '1', '--storage', redis.url];
      const first = await runScript('src/cli/bench.ts', args, { timeoutMs: 120_000 });
      expect(first.code, first.stderr).toBe(0);
      const report = JSON.parse(first.stdout) as Record<string, any>;
      expect(report.onStorage.url).toBe(redis.url);
      expect(report.onStorage.figures.updates).toBe(40);

      const again = await runScript('src/cli/bench.ts', args, { timeoutMs: 120_000 });
      expect(again.code).not.toBe(0);
      expect(again.stdout).toBe('');
      expect(again.stderr).toContain('already holds benchmark conversations');
    } finally {
      await redis.stop();
    }
  }, 250_000);
});
