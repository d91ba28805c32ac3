import { Composer, Context } from 'grammy';
import type { BotContext } from '../context.js';
import { relay, type FeatureDeps } from '../relay.js';
import { when } from '../when.js';

/**
 * FAQ menu buttons (`ft:<topic>`, `fe:<entry>`): answered and passed to the core. Unlike question
 * buttons, the menu stays as it is so the user can open another topic or entry from it later.
 * Typed questions are answered by the core through the intake feature.
 */
export function faqFeature(deps: FeatureDeps): Composer<BotContext> {
  return new Composer<BotContext>(
    when(Context.has.callbackQuery(/^f[te]:/), async (ctx) => {
      await deps.optional.call('answerCallbackQuery', () => ctx.answerCallbackQuery(), ctx);
      await relay(ctx, deps, { kind: 'button', id: ctx.callbackQuery.data });
    }),
  );
}
