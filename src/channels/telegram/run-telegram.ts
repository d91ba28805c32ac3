import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import { createServices, type Services } from '../../app/services.js';
import type { Config } from '../../config/env.js';
import { createLogger, type Logger } from '../../util/logger.js';
import { pollingPace } from './api-transformers.js';
import { ChatQueue, chatIdOfUpdate } from './chat-queue.js';
import { coreChatId, type BotContext } from './context.js';
import { attachConsultantDesk, consultantDepsOf } from './consultant-desk.js';
import { createBot } from './create-bot.js';
import { registerCommands } from './features/commands.js';
import { registerConsultantCommands } from './features/consultant.js';
import { OptionalMethods } from './tolerate.js';
import { createWebhookServer } from './webhook-server.js';

/** Update kinds the bot asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;
/** How long a shutdown waits for updates already being processed. */
const DRAIN_TIMEOUT_MS = 15_000;
/** Several instances: the longest a webhook request waits for its update before it is answered anyway. */
const ACK_AFTER_MS = 25_000;

export interface TelegramHandle {
  bot: Bot<BotContext>;
  mode: 'polling' | 'webhook';
  /** Stops taking updates, lets in-flight updates finish (up to 15 s), stops the outbox. Does not close storage. */
  stop(): Promise<void>;
}

/**
 * Starts the bot on already-built services: long polling with @grammyjs/runner (each chat in order
 * through createBot's inChatOrder), or a webhook server (secret checked, 200 at once, per-chat queue) with setWebhook.
 */
export async function startTelegram(config: Config, services: Services, logger: Logger): Promise<TelegramHandle> {
  const telegram = config.telegram;
  if (telegram.mode === 'none') throw new Error('startTelegram needs TELEGRAM_BOT_TOKEN to be set.');
  const optional = new OptionalMethods(logger);
  const consultant = consultantDepsOf(services);
  const bot = createBot(config, {
    core: services.core,
    logger,
    optional,
    consultant,
    showTyping: config.llm !== undefined,
    transformers: telegram.mode === 'polling' ? [pollingPace()] : [],
  });
  const desk = attachConsultantDesk(bot.api, services, consultant, logger);
  await bot.init();
  logger.info({ username: bot.botInfo.username, mode: telegram.mode, apiRoot: telegram.apiRoot }, 'telegram bot starting');
  await registerCommands(bot.api, optional, logger);
  await registerConsultantCommands(bot.api, optional, logger, config.consultantChatId);

  if (telegram.mode === 'polling') {
    await bot.api.deleteWebhook();
    const runner: RunnerHandle = run(bot, {
      runner: { fetch: { allowed_updates: ALLOWED_UPDATES }, silent: true },
    });
    await desk.start(); // the retention sweep, then the lead-card outbox
    logger.info('telegram long polling started');
    return {
      bot,
      mode: 'polling',
      stop: async () => {
        if (runner.isRunning()) await runner.stop();
        await waitUntil(() => runner.size() === 0, DRAIN_TIMEOUT_MS);
        await desk.stop();
      },
    };
  }

  const queue = new ChatQueue((error) => logger.error({ err: error }, 'webhook update failed'));
  const chatLock = services.chatLock;
  const webhook = createWebhookServer({
    // Several instances: the chat is held across instances for the whole update (the core's turn and
    // the sending of its replies), so two updates of one chat on two instances never interleave, and
    // given the update id the lock takes them in update-id order (src/storage/arrival-order.ts).
    handleUpdate: chatLock
      ? (update) => {
          const chatId = chatIdOfUpdate(update);
          return chatId !== undefined
            ? chatLock(coreChatId(chatId), () => bot.handleUpdate(update), update.update_id)
            : bot.handleUpdate(update);
        }
      : (update) => bot.handleUpdate(update),
    path: new URL(telegram.url).pathname,
    secret: telegram.secret,
    queue,
    logger,
    ...(chatLock ? { acknowledgeAfterMs: ACK_AFTER_MS, orderedByHandler: true } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    webhook.server.once('error', reject);
    webhook.server.listen(telegram.port, () => resolve());
  });
  await bot.api.setWebhook(telegram.url, {
    allowed_updates: ALLOWED_UPDATES,
    ...(telegram.secret ? { secret_token: telegram.secret } : {}),
  });
  await desk.start();
  logger.info(
    { port: telegram.port, secret: telegram.secret !== undefined, shared: chatLock !== undefined, storage: services.store.kind },
    'telegram webhook started',
  );
  return {
    bot,
    mode: 'webhook',
    stop: async () => {
      await webhook.close();
      await Promise.race([queue.drain(), delay(DRAIN_TIMEOUT_MS)]);
      await desk.stop();
    },
  };
}

/**
 * `npm start` with TELEGRAM_BOT_TOKEN: builds the services, starts the bot, and on SIGTERM/SIGINT
 * stops taking updates, lets in-flight updates finish and closes storage. A second signal exits at once.
 */
export async function runTelegram(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  // A handoff needs somewhere to relay to: without a consultant chat the prospect is not handed off.
  const services = await createServices(config, logger, { handoff: config.consultantChatId !== undefined });
  let handle: TelegramHandle;
  try {
    handle = await startTelegram(config, services, logger);
  } catch (error) {
    await services.close();
    throw error;
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(130);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: no new updates, finishing the ones in progress');
      handle
        .stop()
        .catch((error: unknown) => logger.error({ err: error }, 'error while stopping the bot'))
        .then(() => services.close())
        .catch((error: unknown) => logger.error({ err: error }, 'error while closing storage'))
        .finally(() => {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          logger.info('stopped');
          resolve();
        });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await delay(25);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
