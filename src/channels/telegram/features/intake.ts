import { Composer, Context } from 'grammy';
import type { Message } from 'grammy/types';
import { isToggleButton } from '../../../core/button-ids.js';
import type { Reply } from '../../../core/types.js';
import { telegramMessages } from '../../../locale/telegram.js';
import { localeOf, type BotContext } from '../context.js';
import { askCore, relay, type FeatureDeps } from '../relay.js';
import { TELEGRAM_TEXT_LIMIT, keyboardOf, pressedLabel, sendReplies } from '../render.js';
import { feature, when } from '../when.js';

/** Message kinds a person sends that are not text: answered with `nonText` and the pending question. */
const NON_TEXT_KINDS = [
  'sticker', 'photo', 'video', 'video_note', 'voice', 'audio', 'document', 'animation',
  'location', 'venue', 'contact', 'poll', 'dice', 'game', 'story', 'paid_media', 'checklist',
] as const;

/**
 * The questionnaire and free questions: text goes to the core; question buttons are answered,
 * the pressed question is edited to show the choice (keyboard removed) and the core's replies
 * follow; anything else a person sends gets a short polite reply and the pending question again.
 */
export function intakeFeature(deps: FeatureDeps): Composer<BotContext> {
  return feature(
    when(Context.has.filterQuery('message:text'), async (ctx) => {
      const chatId = ctx.chat.id;
      if (deps.showTyping) await deps.optional.call('sendChatAction', () => ctx.api.sendChatAction(chatId, 'typing'), ctx);
      await relay(ctx, deps, { kind: 'text', text: ctx.msg.text });
    }),

    when(Context.has.filterQuery('callback_query:data'), async (ctx) => {
      const data = ctx.callbackQuery.data;
      // Always answered first, stale or forged or not, so the button's spinner stops.
      await deps.optional.call('answerCallbackQuery', () => ctx.answerCallbackQuery(), ctx);
      const { chatId, replies } = await askCore(ctx, deps, { kind: 'button', id: data });
      if (replies.length === 0) return; // a redelivered press: already handled
      if (replies[0]?.failed) return void (await sendReplies(ctx, chatId, replies)); // nothing recorded: keep the keyboard
      const editedInPlace = await markPressed(ctx, chatId, data, replies);
      await sendReplies(ctx, chatId, editedInPlace ? replies.slice(1) : replies);
    }),

    when(Context.has.filterQuery('edited_message'), async (ctx) => {
      await ctx.reply(telegramMessages(localeOf(ctx)).editedIgnored);
    }),

    when(Context.has.filterQuery('message'), async (ctx) => {
      const kind = NON_TEXT_KINDS.find((k) => k in ctx.msg);
      if (!kind) {
        ctx.logger.debug('service message ignored');
        return;
      }
      ctx.logger.debug({ kind }, 'non-text message');
      // Through the core: the reply is in the conversation's language and a redelivered update is answered once.
      await relay(ctx, deps, { kind: 'unsupported' });
    }),
  );
}

/**
 * Shows on the pressed message what was chosen, so its keyboard cannot be pressed again:
 * a multi-choice toggle re-renders the question in place (returns true: the first reply is used);
 * an accepted answer becomes "question\n\n✔ label" without keyboard; a stale button just loses its keyboard.
 */
async function markPressed(ctx: BotContext, chatId: number, data: string, replies: readonly Reply[]): Promise<boolean> {
  const message = ctx.callbackQuery?.message;
  if (!message || !('text' in message || 'chat' in message)) return false;
  const messageId = message.message_id;
  const first = replies[0];
  // The core's answer to a button that no longer applies (earlier conversation, answered question, forged data).
  const stale = first?.stale === true;
  try {
    if (!stale && isToggleButton(data) && first?.buttons?.length && first.text.length <= TELEGRAM_TEXT_LIMIT) {
      await ctx.api.editMessageText(chatId, messageId, first.text, { reply_markup: keyboardOf(first.buttons)! });
      return true;
    }
    const text = (message as Message).text;
    const label = pressedLabel(ctx, data);
    if (!stale && text && label) {
      const marked = `${text}\n\n${telegramMessages(localeOf(ctx)).chosen(label)}`;
      if (marked.length <= TELEGRAM_TEXT_LIMIT) {
        await ctx.api.editMessageText(chatId, messageId, marked, { reply_markup: { inline_keyboard: [] } });
        return false;
      }
    }
    await ctx.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } });
  } catch (error) {
    // Too old to edit, already edited, deleted: the replies still go out.
    ctx.logger.debug({ description: error instanceof Error ? error.message : String(error) }, 'could not edit the pressed message');
  }
  return false;
}
