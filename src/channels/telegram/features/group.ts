import { Composer, InlineKeyboard } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import { telegramMessages } from '../../../locale/telegram.js';
import { localeOf, type BotContext } from '../context.js';
import type { FeatureDeps } from '../relay.js';

/**
 * Prospects are served in private chats only (their answers are personal). In a group or channel
 * the bot stays silent, except for one short explanation with a "chat privately" link when it is
 * mentioned, commanded or replied to. The consultant chat never reaches this feature.
 */
export function groupFeature(deps: FeatureDeps): Composer<BotContext> {
  return new Composer<BotContext>(async (ctx, next) => {
    const chat = ctx.chat;
    if (!chat || chat.type === 'private') return next();
    if (ctx.callbackQuery) {
      await deps.optional.call('answerCallbackQuery', () => ctx.answerCallbackQuery(), ctx);
      return;
    }
    if (!ctx.message || !addressedToBot(ctx)) return;
    const m = telegramMessages(localeOf(ctx));
    await ctx.reply(m.groupPrivateOnly, {
      reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
      reply_markup: new InlineKeyboard().url(m.openPrivateChat, `https://t.me/${ctx.me.username}`),
    });
  });
}

/** A command (for this bot or for no bot in particular), an @mention of the bot, or a reply to one of its messages. */
function addressedToBot(ctx: BotContext): boolean {
  const message = ctx.message;
  if (!message) return false;
  if (message.reply_to_message?.from?.id === ctx.me.id) return true;
  const text = message.text ?? message.caption ?? '';
  const entities: MessageEntity[] = message.entities ?? message.caption_entities ?? [];
  const username = `@${ctx.me.username}`.toLowerCase();
  return entities.some((e) => {
    const part = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === 'mention') return part === username;
    if (e.type === 'bot_command') return e.offset === 0 && (!part.includes('@') || part.endsWith(username));
    return e.type === 'text_mention' && e.user.id === ctx.me.id;
  });
}
