import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { FeatureDeps } from '../relay.js';

/** The last feature: whatever nobody handled. Button presses are still answered; the rest is logged at debug. */
export function unhandledFeature(deps: FeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', async (ctx) => {
    await deps.optional.call('answerCallbackQuery', () => ctx.answerCallbackQuery(), ctx.logger);
  });
  composer.use((ctx) => {
    ctx.logger.debug({ kind: Object.keys(ctx.update).find((k) => k !== 'update_id') }, 'update not handled');
  });
  return composer;
}
