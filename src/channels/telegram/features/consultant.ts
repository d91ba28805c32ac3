import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { FeatureDeps } from '../relay.js';

/**
 * The consultants' chat (CONSULTANT_CHAT_ID). Everything from it stops here: it is never treated
 * as a prospect's conversation. Consultant features (lead summaries, claim buttons, commands
 * for CONSULTANT_IDS) are to be mounted on `consultantChat` below; until then updates from that
 * chat are left unhandled, except that button presses are answered so no spinner hangs.
 */
export function consultantFeature(deps: FeatureDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const consultantChat = composer.filter((ctx) => deps.consultantChatId !== undefined && ctx.chat?.id === deps.consultantChatId);
  consultantChat.on('callback_query', async (ctx) => {
    await deps.optional.call('answerCallbackQuery', () => ctx.answerCallbackQuery(), ctx.logger);
  });
  consultantChat.use((ctx) => {
    ctx.logger.debug('update from the consultant chat left unhandled');
  });
  return composer;
}
