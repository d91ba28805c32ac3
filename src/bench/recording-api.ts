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
 * fake result (nothing leaves the process) and counts the calls. With `tracksChats` it also keeps
 * what a simulated prospect reads next: the newest message per chat and the newest one with a
 * keyboard (a copy: see below). Only the run that writes the script needs that; the timed runs only
 * count, since in a deployment a sent message leaves the process, while keeping every chat's last
 * keyboard here would charge the side that sends keyboards for garbage collection no deployment does.
 *
 * Copies, not the bot's own objects: V8 allocates objects directly in the old generation at a code
 * site whose objects it saw survive ("allocation-site pretenuring"). Keyboards kept here (and in the
 * script's button presses) made the bot's keyboard builder such a site for the rest of the process,
 * so in the timed runs every short-lived keyboard went to the old generation and held its young
 * labels and ids alive through scavenges — a cost of this harness, not of the bot.
 */
export class RecordingApi {
  calls = 0;
  sent = 0;
  private nextMessageId = 1;
  readonly last = new Map<number, LastMessage>();
  readonly lastKeyboard = new Map<number, LastMessage>();

  constructor(private readonly tracksChats = false) {}

  readonly transformer: Transformer = async (_prev, method, payload) => {
    this.calls++;
    const p = payload as unknown as Record<string, unknown>;
    if (method === 'sendMessage') {
      this.sent++;
      const chatId = Number(p['chat_id']);
      if (!this.tracksChats) return sentMessage(this.nextMessageId++, chatId, String(p['text']));
      const markup = p['reply_markup'] as InlineKeyboardMarkup | undefined;
      const message: LastMessage = {
        message_id: this.nextMessageId++,
        text: String(p['text']),
        ...(markup?.inline_keyboard?.length ? { keyboard: structuredClone(markup) } : {}),
      };
      this.last.set(chatId, message);
      if (message.keyboard) this.lastKeyboard.set(chatId, message);
      return sentMessage(message.message_id, chatId, message.text);
    }
    if (this.tracksChats && (method === 'editMessageText' || method === 'editMessageReplyMarkup')) {
      const chatId = Number(p['chat_id']);
      const shown = this.lastKeyboard.get(chatId);
      if (shown && shown.message_id === Number(p['message_id'])) {
        const markup = p['reply_markup'] as InlineKeyboardMarkup | undefined;
        if (typeof p['text'] === 'string') shown.text = p['text'];
        if (markup?.inline_keyboard?.length) shown.keyboard = structuredClone(markup);
        else this.lastKeyboard.delete(chatId);
      }
    }
    return { ok: true, result: true } as never;
  };
}

/** The Bot API's answer to sendMessage. */
function sentMessage(messageId: number, chatId: number, text: string): never {
  return { ok: true, result: { message_id: messageId, date: 0, chat: { id: chatId, type: 'private', first_name: 'P' }, text } } as never;
}
