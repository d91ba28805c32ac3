import { join } from 'node:path';
import type Keyv from 'keyv';
import { createServices } from '../app/services.js';
import { createBot } from '../channels/telegram/create-bot.js';
import { createLogger } from '../util/logger.js';
import { drive } from './drive.js';
import { BENCH_BOT_INFO, NO_FLOOD_LIMIT, benchConfig, type Script } from './prospects.js';
import { RecordingApi } from './recording-api.js';
import { mean, percentile } from './stats.js';

export interface RunFigures {
  updates: number;
  updatesPerSec: number;
  /** Wall time per update (the inverse of the throughput), ms. */
  msPerUpdate: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Bot API calls made (sendMessage, edits, answerCallbackQuery …). */
  apiCalls: number;
}

export function figures(result: { updates: number; wallMs: number; latencies: number[] }, apiCalls: number): RunFigures {
  return {
    updates: result.updates,
    updatesPerSec: result.updates / (result.wallMs / 1000),
    msPerUpdate: result.wallMs / result.updates,
    p50Ms: percentile(result.latencies, 50),
    p99Ms: percentile(result.latencies, 99),
    meanMs: mean(result.latencies),
    apiCalls,
  };
}

/** A storage URL for a run: memory://, or a fresh sqlite file in the bench's temp dir. */
export function storageUrlFor(kind: 'memory' | 'sqlite', dir: string, name: string): string {
  return kind === 'memory' ? 'memory://' : `sqlite://${join(dir, `${name}.sqlite`)}`;
}

/**
 * The full pipeline: Telegram update → grammY (createBot, every feature, flood limit included)
 * → core → statechart → storage → replies through a recording API transformer. No network.
 * `inspect` runs on the services after the run, before storage closes (e.g. to measure records).
 */
export async function runPipeline<T = undefined>(
  script: Script,
  storageUrl: string,
  concurrency: number,
  inspect?: (services: Awaited<ReturnType<typeof createServices>>) => Promise<T>,
): Promise<{ figures: RunFigures; replies: number; storage: StorageCounts; inspected: T | undefined }> {
  const config = benchConfig(storageUrl);
  const logger = createLogger('silent');
  const services = await createServices(config, logger);
  try {
    const storage = countStorage(services.store.kv);
    const api = new RecordingApi();
    const bot = createBot(config, { core: services.core, logger, botInfo: BENCH_BOT_INFO, transformers: [api.transformer], rateLimit: NO_FLOOD_LIMIT });
    const result = await drive(
      script.updates,
      async (u) => {
        const writesBefore = storage.writes;
        await bot.handleUpdate(u);
        storage.maxWritesPerUpdate = Math.max(storage.maxWritesPerUpdate, storage.writes - writesBefore);
      },
      concurrency,
    );
    const counted = { ...storage, writesByKind: { ...storage.writesByKind } }; // before inspect reads anything
    const inspected = inspect ? await inspect(services) : undefined;
    return { figures: figures(result, api.calls), replies: api.sent, storage: counted, inspected };
  } finally {
    await services.close();
  }
}

export interface StorageCounts {
  reads: number;
  writes: number;
  /** Most writes seen during one update (exact with concurrency 1, an upper bound otherwise). */
  maxWritesPerUpdate: number;
  /** Writes per key family (`conv`, `lead`, …), to see what writes on the hot path. */
  writesByKind: Record<string, number>;
}

/** Counts the store's reads and writes by wrapping this Keyv instance's get/set. */
function countStorage(kv: Keyv): StorageCounts {
  const counts: StorageCounts = { reads: 0, writes: 0, maxWritesPerUpdate: 0, writesByKind: {} };
  const get = kv.get.bind(kv) as (...args: unknown[]) => unknown;
  const set = kv.set.bind(kv) as (...args: unknown[]) => unknown;
  (kv as unknown as { get: (...args: unknown[]) => unknown }).get = (...args) => {
    counts.reads++;
    return get(...args);
  };
  (kv as unknown as { set: (...args: unknown[]) => unknown }).set = (...args) => {
    counts.writes++;
    const kind = String(args[0]).split(':')[0]!;
    counts.writesByKind[kind] = (counts.writesByKind[kind] ?? 0) + 1;
    return set(...args);
  };
  return counts;
}
