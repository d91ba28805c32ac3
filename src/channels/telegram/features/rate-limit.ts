import { limit } from '@grammyjs/ratelimiter';
import { Composer } from 'grammy';
import { telegramMessages } from '../../../locale/telegram.js';
import { localeOf, type BotContext } from '../context.js';

export interface RateLimitOptions {
  /** Length of one window in milliseconds. Default 10000. */
  timeFrameMs?: number;
  /** Updates one user may send per window; the rest of the window's updates are skipped. Default 60. */
  limit?: number;
}

/**
 * 60 updates in 10 s: far above what a person types or taps (a whole questionnaire is about 20
 * updates), so a quick user or a scripted test never loses an answer, yet a flood of several messages
 * a second is cut off.
 */
export const RATE_LIMIT_DEFAULTS = { timeFrameMs: 10_000, limit: 60 } as const;

/**
 * Flood protection per user (in memory, per process). A user over the limit gets ONE notice per
 * window (in a private chat) and the excess updates are dropped, never reaching the core.
 */
export function rateLimitFeature(options: RateLimitOptions = {}): Composer<BotContext> {
  return new Composer<BotContext>(
    limit<BotContext, never>({
      timeFrame: options.timeFrameMs ?? RATE_LIMIT_DEFAULTS.timeFrameMs,
      limit: options.limit ?? RATE_LIMIT_DEFAULTS.limit,
      keyGenerator: (ctx) => (ctx.from ? String(ctx.from.id) : undefined),
      onLimitExceeded: async (ctx) => {
        ctx.logger.info('rate limit exceeded; further updates in this window are skipped');
        if (ctx.chat?.type === 'private') await ctx.reply(telegramMessages(localeOf(ctx)).rateLimited);
      },
    }),
  );
}
