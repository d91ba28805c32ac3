import { join } from 'node:path';
import type Keyv from 'keyv';
import type { Update } from 'grammy/types';
import type { Services } from '../app/services.js';
import { drive } from './drive.js';
import { benchBot, type Script } from './prospects.js';
import { mean, median, percentile } from './stats.js';

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

/** Each figure's median over several runs of the same load. */
export function medianFigures(runs: readonly RunFigures[]): RunFigures {
  const of = (pick: (f: RunFigures) => number) => median(runs.map(pick));
  return {
    updates: runs[0]?.updates ?? 0,
    updatesPerSec: of((f) => f.updatesPerSec),
    msPerUpdate: of((f) => f.msPerUpdate),
    p50Ms: of((f) => f.p50Ms),
    p99Ms: of((f) => f.p99Ms),
    meanMs: of((f) => f.meanMs),
    apiCalls: of((f) => f.apiCalls),
  };
}

/** A storage URL for a run: memory://, or a fresh sqlite file in the bench's temp dir. */
export function storageUrlFor(kind: 'memory' | 'sqlite', dir: string, name: string): string {
  return kind === 'memory' ? 'memory://' : `sqlite://${join(dir, `${name}.sqlite`)}`;
}

export interface PipelineRun<T = undefined> {
  figures: RunFigures;
  /** sendMessage calls (every replay of a script must make as many as its generating run). */
  replies: number;
  /** Storage reads and writes, counted on sqlite runs only. */
  storage: StorageCounts | undefined;
  inspected: T | undefined;
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
  inspect?: (services: Services) => Promise<T>,
): Promise<PipelineRun<T>> {
  const { services, bot, api } = await benchBot(storageUrl);
  try {
    // Reads and writes are counted on sqlite runs only (the figures the report shows): the counting
    // wrapper is bench code, kept out of the memory run's timing.
    const storage = storageUrl.startsWith('sqlite://') ? countStorage(services.store.kv) : undefined;
    const handle = (u: Update) => bot.handleUpdate(u);
    const result = await drive(script.updates, storage ? countingEachUpdate(storage, handle) : handle, concurrency);
    const counted = storage ? snapshotCounts(storage) : undefined; // before inspect reads anything
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
  /** How many updates made 0, 1, 2 … writes. */
  writesHistogram: Record<number, number>;
  /** Most writes by an update that recorded no lead (answers, side questions, buttons: the hot path). */
  maxWritesPerHotUpdate: number;
  /** Updates that also recorded a lead or a funnel entry (about once or twice per conversation). */
  leadRecordingUpdates: number;
}

type CountingState = StorageCounts & { kindsThisUpdate: Set<string> };

/** Wraps the update handler: per-update write counts and whether the update only moved the conversation. */
function countingEachUpdate(storage: CountingState, handle: (u: Update) => Promise<void>): (u: Update) => Promise<void> {
  return async (u) => {
    const writesBefore = storage.writes;
    storage.kindsThisUpdate.clear();
    await handle(u);
    const writes = storage.writes - writesBefore;
    storage.maxWritesPerUpdate = Math.max(storage.maxWritesPerUpdate, writes);
    storage.writesHistogram[writes] = (storage.writesHistogram[writes] ?? 0) + 1;
    // The hot path: an update that only moves the conversation (no lead is recorded on it).
    if ([...storage.kindsThisUpdate].every((k) => k === 'conv')) {
      storage.maxWritesPerHotUpdate = Math.max(storage.maxWritesPerHotUpdate, writes);
    } else storage.leadRecordingUpdates++;
  };
}

function snapshotCounts(storage: CountingState): StorageCounts {
  const { kindsThisUpdate: _transient, ...totals } = storage;
  return { ...totals, writesByKind: { ...storage.writesByKind }, writesHistogram: { ...storage.writesHistogram } };
}

/** Counts the store's reads and writes by wrapping this Keyv instance's get/set. */
function countStorage(kv: Keyv): CountingState {
  const counts = {
    reads: 0,
    writes: 0,
    maxWritesPerUpdate: 0,
    writesByKind: {} as Record<string, number>,
    writesHistogram: {} as Record<number, number>,
    maxWritesPerHotUpdate: 0,
    leadRecordingUpdates: 0,
    kindsThisUpdate: new Set<string>(),
  };
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
    counts.kindsThisUpdate.add(kind);
    return set(...args);
  };
  return counts;
}
