import { Bot, Composer, Context, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Config } from '../../config/env.js';
import { telegramMessages } from '../../locale/telegram.js';
import type { Logger } from '../../util/logger.js';
import { apiLogging } from './api-transformers.js';
import { RecentUpdates, chatKeyOf, inChatOrder } from './chat-queue.js';
import { retryOnFloodWait, type FloodWaitOptions } from './flood-wait.js';
import { localeOf, type BotContext } from './context.js';
import { commandsFeature } from './features/commands.js';
import { consultantFeature, type ConsultantDeps } from './features/consultant.js';
import { faqFeature } from './features/faq.js';
import { groupFeature } from './features/group.js';
import { intakeFeature } from './features/intake.js';
import { rateLimitFeature, type RateLimitOptions } from './features/rate-limit.js';
import { unhandledFeature } from './features/unhandled.js';
import type { ChatCore, FeatureDeps } from './relay.js';
import { OptionalMethods } from './tolerate.js';
import { inSequence } from './when.js';

export interface BotDeps {
  /** The conversation core (`services.core`). */
  core: ChatCore;
  logger: Logger;
  /** The bot's own user. Set it to skip `getMe` (tests, or a known bot); otherwise call `await bot.init()`. */
  botInfo?: UserFromGetMe;
  /**
   * API transformers installed first, i.e. closest to the network. Tests pass one that records
   * calls and returns fake results, so no request leaves the process. Default: none.
   */
  transformers?: Transformer[];
  /** Flood protection. Default: 60 updates per user per 10 seconds, one notice per window. */
  rateLimit?: RateLimitOptions;
  /**
   * 429 handling (flood-wait.ts). Default: wait `retry_after` (up to 60 s) and retry, at most 3
   * times; server errors (5xx) and network errors are not retried, so an unsupported method fails fast.
   */
  floodWait?: Partial<FloodWaitOptions>;
  /** Optional-method tolerance shared with the runner (setMyCommands); one is made when absent. */
  optional?: OptionalMethods;
  /** Send a typing indicator before answering text (default false; run-telegram turns it on with an LLM). */
  showTyping?: boolean;
  /** The consultant side (see features/consultant.ts and consultant-desk.ts); absent = the consultant chat is only fenced off. */
  consultant?: ConsultantDeps;
}

/**
 * Builds the Telegram bot (no module singleton): API transformers, a per-update child logger,
 * once-per-update-id handling, per-chat ordering, then the features in order inside an error
 * boundary — consultant chat, flood limit, group chats, commands, FAQ menu, intake, unhandled.
 */
export function createBot(config: Pick<Config, 'telegram' | 'consultantChatId'>, deps: BotDeps): Bot<BotContext> {
  if (config.telegram.mode === 'none') {
    throw new Error('createBot needs a Telegram configuration: set TELEGRAM_BOT_TOKEN (from @BotFather).');
  }
  const { token, apiRoot } = config.telegram;
  const logger = deps.logger;
  const bot = new Bot<BotContext>(token, {
    ContextConstructor: contextWithLogger(logger),
    client: { apiRoot },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
  });
  for (const transformer of deps.transformers ?? []) bot.api.config.use(transformer);
  bot.api.config.use(retryOnFloodWait(deps.floodWait));
  bot.api.config.use(apiLogging(logger));

  const featureDeps: FeatureDeps = {
    core: deps.core,
    optional: deps.optional ?? new OptionalMethods(logger),
    consultantChatId: config.consultantChatId,
    showTyping: deps.showTyping ?? false,
    ...(deps.consultant ? { consultant: deps.consultant } : {}),
  };
  const recent = new RecentUpdates();

  const features = inSequence(
    consultantFeature(featureDeps),
    rateLimitFeature(deps.rateLimit),
    groupFeature(featureDeps),
    commandsFeature(featureDeps),
    faqFeature(featureDeps),
    intakeFeature(featureDeps),
    unhandledFeature(featureDeps),
  );
  const guarded = new Composer<BotContext>();
  guarded.errorBoundary(async (error) => {
    const ctx = error.ctx;
    ctx.logger.error({ err: error.error }, 'update failed');
    if (ctx.chat?.type === 'private') {
      await ctx.reply(telegramMessages(localeOf(ctx)).internalError).catch(() => undefined);
    }
  }, features);

  // One middleware on the bot (see inSequence): once per update id, in order per chat, then the features.
  bot.use(
    inSequence<BotContext>(
      (ctx, next) => {
        if (recent.add(ctx.update.update_id)) return next();
        ctx.logger.info('update delivered again; already handled');
      },
      inChatOrder<BotContext>((ctx) => chatKeyOf(ctx.update)),
      guarded,
    ),
  );

  bot.catch((error) => {
    logger.error({ err: error.error, update_id: error.ctx.update.update_id }, 'update failed outside the error boundary');
  });
  return bot;
}

/**
 * The bot's context class: `logger` is a child logger bound to the update id, made on first use
 * (most updates log nothing, and a pino child costs more than routing the update); a getter on the
 * class keeps every context the same shape, unlike a property added per update.
 */
function contextWithLogger(logger: Logger): new (...args: ConstructorParameters<typeof Context>) => BotContext {
  const logsDebug = logger.isLevelEnabled('debug');
  return class extends Context {
    // Getters and a `declare`d field: no per-instance field definitions on top of grammY's constructor.
    declare private child: Logger | undefined;
    get logsDebug(): boolean {
      return logsDebug;
    }
    get logger(): Logger {
      return (this.child ??= logger.child({ update_id: this.update.update_id }));
    }
  };
}
