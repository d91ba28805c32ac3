import type { Transformer } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';

/** What a chat shows last: the newest message the bot sent (with its keyboard, edits applied). */
export interface LastMessage {
  message_id: number;
  text: string;
  keyboard?: InlineKeyboardMarkup;
}

/**
 * A lean Bot API stand-in for the benchmark: an API transformer that answers every call with a
 * fake result (nothing leaves the process) and keeps only what a simulated prospect needs — the
 * newest message per chat and the newest one with a keyboard — plus call counts.
 */
export class RecordingApi {
  calls = 0;
  sent = 0;
  private nextMessageId = 1;
  readonly last = new Map<number, LastMessage>();
  readonly lastKeyboard = new Map<number, LastMessage>();

  readonly transformer: Transformer = async (_prev, method, payload) => {
    this.calls++;
    const p = payload as unknown as Record<string, unknown>;
    if (method === 'sendMessage') {
      this.sent++;
      const chatId = Number(p['chat_id']);
      const markup = p['reply_markup'] as InlineKeyboardMarkup | undefined;
      const message: LastMessage = {
        message_id: this.nextMessageId++,
        text: String(p['text']),
        ...(markup?.inline_keyboard?.length ? { keyboard: markup } : {}),
      };
      this.last.set(chatId, message);
      if (message.keyboard) this.lastKeyboard.set(chatId, message);
      return {
        ok: true,
        result: { message_id: message.message_id, date: 0, chat: { id: chatId, type: 'private', first_name: 'P' }, text: message.text },
      } as never;
    }
    if (method === 'editMessageText' || method === 'editMessageReplyMarkup') {
      const chatId = Number(p['chat_id']);
      const shown = this.lastKeyboard.get(chatId);
      if (shown && shown.message_id === Number(p['message_id'])) {
        const markup = p['reply_markup'] as InlineKeyboardMarkup | undefined;
        if (typeof p['text'] === 'string') shown.text = p['text'];
        if (markup?.inline_keyboard?.length) shown.keyboard = markup;
        else this.lastKeyboard.delete(chatId);
      }
    }
    return { ok: true, result: true } as never;
  };
}
