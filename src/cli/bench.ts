/**
 * npm run bench -- [--json] [--prospects N] [--updates N] [--concurrency N] [--live N] [--seed N] [--rounds N] [--storage URL]
 * --storage: also time the pipeline once on that store (redis://, postgres://; an empty database: it keeps the data).
 * Measures the full pipeline against the bare-grammY floor (memory and sqlite), FAQ retrieval,
 * persisted bytes and RSS per conversation, and start-up time; prints each target with PASS/MISS.
 * Numbers go to standard output (one JSON object with --json); progress to standard error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Services } from '../app/services.js';
import { runFaq } from '../bench/faq.js';
import { runFloor } from '../bench/floor.js';
import { liveConversationMemory, persistedBytes, type PersistedFigures } from '../bench/footprint.js';
import { machineInfo } from '../bench/machine.js';
import { medianFigures, runPipeline, storageUrlFor, type PipelineRun, type RunFigures } from '../bench/pipeline.js';
import { generateScript } from '../bench/prospects.js';
import { formatReport, judge, type BenchResult } from '../bench/report.js';
import { runStartup, timeKnowledgeLoad } from '../bench/startup.js';
import { coreChatId } from '../channels/telegram/context.js';
import { keys } from '../leads/keys.js';
import { maskStorageUrl, openStore } from '../storage/open-store.js';
import { UsageError, parseArgs, runCli } from './cli-support.js';

runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2), ['prospects', 'updates', 'concurrency', 'live', 'seed', 'rounds', 'storage']);
  const int = (name: string, fallback: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} needs a whole number ≥ 1`);
    return Number(raw);
  };
  const settings = {
    prospects: int('prospects', 1000),
    updatesPerProspect: int('updates', 20),
    concurrency: int('concurrency', 1),
    seed: int('seed', 20261201),
    rounds: int('rounds', 5),
    liveConversations: int('live', 10_000),
  };
  const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    progress('knowledge load and start-up');
    const knowledge = timeKnowledgeLoad();
    const startup = { ...(await runStartup(dir, knowledge.answerer)), knowledgeLoadMs: knowledge.ms };

    progress(`generating ${settings.prospects} × ${settings.updatesPerProspect} updates (also the warm-up)`);
    const script = await generateScript({ prospects: settings.prospects, perProspect: settings.updatesPerProspect, seed: settings.seed });

    // One untimed run of each side exactly as timed, so neither side of a ratio pays for compiling
    // its code in the timed rounds (the generating run is not enough for the pipeline: it also
    // keeps what each prospect is shown, which the timed runs do not).
    progress('warm-up: floor and pipeline');
    await runFloor(script, 'memory', '', settings.concurrency);
    await runFloor(script, 'keyv-sqlite', join(dir, 'floor-warm-up.sqlite'), settings.concurrency);
    await runPipeline(script, storageUrlFor('memory', dir, 'pipeline-warm-up'), settings.concurrency);
    await runPipeline(script, storageUrlFor('sqlite', dir, 'pipeline-warm-up'), settings.concurrency);

    // Floor and pipeline alternate, round after round, so a slow patch of the machine touches both
    // sides; each figure is the median of the rounds, each ratio compares the sides' fastest rounds.
    const rounds: Round[] = [];
    for (let i = 1; i <= settings.rounds; i++) {
      const tag = `round ${i}/${settings.rounds}`;
      progress(`${tag}: floor, memory`);
      const floorMemory = await runFloor(script, 'memory', '', settings.concurrency);
      progress(`${tag}: pipeline, memory`);
      const pipelineMemory = await runPipeline(script, storageUrlFor('memory', dir, `pipeline-${i}`), settings.concurrency);
      progress(`${tag}: floor, keyv + @keyv/sqlite`);
      const floorSqlite = await runFloor(script, 'keyv-sqlite', join(dir, `floor-${i}.sqlite`), settings.concurrency);
      progress(`${tag}: floor, keyv + the product's sqlite adapter (reference)`);
      const floorProductSqlite = await runFloor(script, 'product-sqlite', join(dir, `floor-product-${i}.sqlite`), settings.concurrency);
      progress(`${tag}: pipeline, sqlite`);
      // Record sizes are read from the last round only (after its timing).
      const inspect = i === settings.rounds ? (services: Services) => persistedBytes(services, script.chatIds) : undefined;
      const pipelineSqlite = await runPipeline(script, storageUrlFor('sqlite', dir, `pipeline-${i}`), settings.concurrency, inspect);
      for (const [name, run] of [['memory', pipelineMemory], ['sqlite', pipelineSqlite]] as const) {
        if (run.replies !== script.replies) {
          throw new Error(`the ${name} replay sent ${run.replies} messages, the generating run ${script.replies}: the runs diverged`);
        }
      }
      rounds.push({ floorMemory, pipelineMemory, floorSqlite, floorProductSqlite, pipelineSqlite });
    }
    const last = rounds[rounds.length - 1]!;

    const storageFlag = flags.get('storage');
    let onStorage: BenchResult['onStorage'];
    if (typeof storageFlag === 'string') {
      progress(`pipeline on ${maskStorageUrl(storageFlag)}`);
      await refuseUnlessEmpty(storageFlag, script.chatIds[0]!);
      const run = await runPipeline(script, storageFlag, settings.concurrency);
      if (run.replies !== script.replies) throw new Error(`the run on ${maskStorageUrl(storageFlag)} sent ${run.replies} messages, the generating run ${script.replies}`);
      onStorage = { url: maskStorageUrl(storageFlag), figures: run.figures };
    }

    progress('FAQ retrieval');
    const faq = runFaq(knowledge.answerer);
    progress(`${settings.liveConversations} live conversations`);
    const memory = await liveConversationMemory(settings.liveConversations, 8, settings.seed + 1);

    const partial: Omit<BenchResult, 'targets'> = {
      machine: machineInfo(),
      settings,
      pipeline: {
        memory: medianFigures(rounds.map((r) => r.pipelineMemory.figures)),
        sqlite: medianFigures(rounds.map((r) => r.pipelineSqlite.figures)),
        sqliteStorage: last.pipelineSqlite.storage!,
      },
      floor: {
        memory: medianFigures(rounds.map((r) => r.floorMemory)),
        sqlite: medianFigures(rounds.map((r) => r.floorSqlite)),
        productSqlite: medianFigures(rounds.map((r) => r.floorProductSqlite)),
      },
      // Each side's fastest round: noise (another process, a collection of an earlier run's garbage
      // landing in this one) only ever adds time, and it weighs most on the 7 µs floor — a median of
      // per-round ratios let one disturbed floor round pull the ratio down.
      ratio: {
        memory: fastest(rounds.map((r) => r.pipelineMemory.figures)) / fastest(rounds.map((r) => r.floorMemory)),
        sqlite: fastest(rounds.map((r) => r.pipelineSqlite.figures)) / fastest(rounds.map((r) => r.floorSqlite)),
        sqliteSameAdapter: fastest(rounds.map((r) => r.pipelineSqlite.figures)) / fastest(rounds.map((r) => r.floorProductSqlite)),
      },
      ratioPerRound: {
        memory: rounds.map((r) => r.pipelineMemory.figures.msPerUpdate / r.floorMemory.msPerUpdate),
        sqlite: rounds.map((r) => r.pipelineSqlite.figures.msPerUpdate / r.floorSqlite.msPerUpdate),
      },
      microsPerRound: {
        floorMemory: rounds.map((r) => r.floorMemory.msPerUpdate * 1000),
        pipelineMemory: rounds.map((r) => r.pipelineMemory.figures.msPerUpdate * 1000),
      },
      faq,
      persisted: last.pipelineSqlite.inspected!,
      memory,
      startup,
      ...(onStorage ? { onStorage } : {}),
    };
    const result: BenchResult = { ...partial, targets: judge(partial) };
    process.stdout.write(flags.has('json') ? `${JSON.stringify(result)}\n` : formatReport(result));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The least disturbed of several runs of one load: its wall time per update. */
function fastest(runs: readonly RunFigures[]): number {
  return Math.min(...runs.map((f) => f.msPerUpdate));
}

interface Round {
  floorMemory: RunFigures;
  pipelineMemory: PipelineRun;
  floorSqlite: RunFigures;
  floorProductSqlite: RunFigures;
  pipelineSqlite: PipelineRun<PersistedFigures>;
}

/** The bench writes 1,000 conversations under fixed chat ids: a store that holds them already would answer differently. */
async function refuseUnlessEmpty(url: string, firstChatId: number): Promise<void> {
  const store = await openStore(url);
  try {
    if ((await store.kv.get(keys.conversation(coreChatId(firstChatId)))) !== undefined) {
      throw new UsageError(`${maskStorageUrl(url)} already holds benchmark conversations: point --storage at an empty database`);
    }
  } finally {
    await store.close();
  }
}
