/**
 * npm run ask -- [--json] ["question"]
 * Answers from the curated knowledge base; without a question, one question per line of stdin.
 * With an LLM configured (OPENAI_API_KEY), answered questions may be rephrased (fact-checked), and
 * the rephrases are cached in the store (STORAGE_URL), so a repeated question costs no call.
 */
import { loadConfig } from '../config/env.js';
import { loadKnowledgeBase } from '../knowledge/knowledge-base.js';
import { FaqAnswerer, type AskResult } from '../knowledge/faq-answerer.js';
import { createAnswerService } from '../knowledge/answer-service.js';
import { openStore, type Store } from '../storage/open-store.js';
import { createLogger } from '../util/logger.js';
import { parseArgs, readLines, runCli } from './cli-support.js';

function format(result: AskResult, json: boolean): string {
  if (json) return JSON.stringify(result);
  const source = result.sources.length ? `\n来源 Sources: ${result.sources.join('; ')}` : '';
  return `${result.answer}${source}\n`;
}

runCli(async () => {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const answerer = new FaqAnswerer(loadKnowledgeBase());
  const json = flags.has('json');
  // The store is only needed for the rephrase cache.
  const store: Store | undefined = config.llm ? await openStore(config.storageUrl) : undefined;
  try {
    const service = createAnswerService({
      answerer,
      llm: config.llm,
      store,
      logger: config.llm ? createLogger(config.logLevel) : undefined,
    });
    const write = async (question: string) =>
      process.stdout.write(`${format(await service.answer(question), json)}\n`);
    if (positional.length > 0) {
      await write(positional.join(' '));
      return;
    }
    for await (const line of readLines()) {
      if (line.trim()) await write(line.trim());
    }
  } finally {
    await store?.close();
  }
});
