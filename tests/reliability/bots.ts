import { createServices, type Services } from '../../src/app/services.js';
import { createBot, type BotDeps } from '../../src/channels/telegram/create-bot.js';
import { parseConfig } from '../../src/config/env.js';
import { createLogger, type Logger } from '../../src/util/logger.js';
import { BOT_INFO, FakeBotApi, TEST_ENV } from '../telegram/fake-bot-api.js';

export interface ReliabilityBot {
  bot: ReturnType<typeof createBot>;
  api: FakeBotApi;
  services: Services;
}

/** The real bot (createBot over createServices) on the given storage, with a recording fake Bot API. */
export async function botOn(storageUrl: string, deps: Partial<BotDeps> & { logger?: Logger } = {}): Promise<ReliabilityBot> {
  const config = parseConfig({ ...TEST_ENV, STORAGE_URL: storageUrl });
  const logger = deps.logger ?? createLogger('silent');
  const services = await createServices(config, logger);
  const api = new FakeBotApi();
  const bot = createBot(config, { core: services.core, logger, botInfo: BOT_INFO, transformers: [api.transformer], ...deps });
  return { bot, api, services };
}
