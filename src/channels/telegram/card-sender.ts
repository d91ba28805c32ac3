import { GrammyError, type Api } from 'grammy';
import type { OutboxDelivery, OutboxSend, SentRef } from '../../leads/outbox.js';
import { maskPhone, type Logger } from '../../util/logger.js';
import { TELEGRAM_TEXT_LIMIT, inlineKeyboard } from './render.js';

const describe = (error: unknown): string =>
  error instanceof GrammyError ? error.description : error instanceof Error ? error.message : String(error);

/** Telegram's answer to an edit that changes nothing: the message already shows this. */
function isNotModified(error: unknown): boolean {
  return /message is not modified/i.test(describe(error));
}

/** The message to edit no longer exists (deleted, or in a chat the bot can no longer see). */
function isMessageGone(error: unknown): boolean {
  return /message to edit not found|message can't be edited|MESSAGE_ID_INVALID|message not found/i.test(describe(error));
}

/**
 * The outbox's delivery over the Bot API: posts a lead card with its Claim / Contacted / Close buttons
 * to the consultant chat, or edits the posted one. An edit that changes nothing counts as done; when
 * the card to edit is gone a new one is posted (an "erased" edit of a gone message is simply done).
 * Anything else throws, and the dispatcher retries with backoff.
 */
export function createCardSender(api: Api, consultantChatId: number | string | undefined, logger?: Logger): OutboxSend {
  return async (delivery: OutboxDelivery): Promise<SentRef> => {
    const { item, action, ref, buttons } = delivery;
    const text = delivery.text.length > TELEGRAM_TEXT_LIMIT ? `${delivery.text.slice(0, TELEGRAM_TEXT_LIMIT - 1)}…` : delivery.text;
    const keyboard = inlineKeyboard(buttons);
    const post = async (): Promise<SentRef> => {
      const chatId = item.chatId ?? consultantChatId;
      if (chatId === undefined) throw new Error('no consultant chat: set CONSULTANT_CHAT_ID');
      const message = await api.sendMessage(chatId, text, keyboard.inline_keyboard.length > 0 ? { reply_markup: keyboard } : {});
      return { chatId, messageId: message.message_id };
    };
    if (action === 'send' || !ref) return post();
    try {
      await api.editMessageText(ref.chatId, ref.messageId, text, { reply_markup: keyboard });
      return ref;
    } catch (error) {
      if (isNotModified(error)) return ref;
      if (isMessageGone(error)) {
        logger?.info({ outboxId: item.id, leadId: item.leadId, error: maskPhone(describe(error)) }, 'consultant card to edit is gone');
        return item.kind === 'erased' ? ref : post();
      }
      throw error;
    }
  };
}
