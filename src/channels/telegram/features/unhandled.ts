import { Composer, Context } from 'grammy';
import type { BotContext } from '../context.js';
import type { FeatureDeps } from '../relay.js';
import { feature, when } from '../when.js';

/** The last feature: whatever nobody handled. Button presses are still answered; the rest is logged at debug. */
export function unhandledFeature(deps: FeatureDeps): Composer<BotContext> {
  return feature(
    when(Context.has.filterQuery('callback_query'), async (ctx) => {
      await deps.optional.call('answerCallbackQuery', () => ctx.answerCallbackQuery(), ctx);
    }),
    (ctx) => {
      ctx.logger.debug({ kind: Object.keys(ctx.update).find((k) => k !== 'update_id') }, 'update not handled');
    },
  );
}
