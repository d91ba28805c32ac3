import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Button, Reply } from '../../core/types.js';
import type { BotContext } from './context.js';

/** Telegram's limit for one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Button rows (the core's, or a lead card's) as an inline keyboard: callback_data is the button id,
 * empty rows are left out. An empty keyboard removes the buttons of an edited message.
 */
export function inlineKeyboard(buttons: ReadonlyArray<ReadonlyArray<Pick<Button, 'id' | 'label'>>>): InlineKeyboardMarkup {
  return {
    inline_keyboard: buttons.filter((row) => row.length > 0).map((row) => row.map((b) => ({ text: b.label, callback_data: b.id }))),
  };
}

/** The core's button rows as the keyboard of a new message; undefined when there are none. */
export function keyboardOf(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  const keyboard = inlineKeyboard(buttons ?? []);
  return keyboard.inline_keyboard.length > 0 ? keyboard : undefined;
}

/** Splits a text into Telegram-sized parts, at line breaks where possible. */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit);
    if (cut < limit / 2) cut = limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

/** Sends the core's replies in order; a long text becomes several messages, the keyboard goes on the last. */
export async function sendReplies(ctx: BotContext, chatId: number, replies: readonly Reply[]): Promise<void> {
  for (const reply of replies) {
    const parts = splitText(reply.text.trim() === '' ? '…' : reply.text);
    const keyboard = keyboardOf(reply.buttons);
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      await ctx.api.sendMessage(chatId, parts[i]!, last && keyboard ? { reply_markup: keyboard } : {});
    }
  }
}

/** The label of the button with this callback data in a message's inline keyboard. */
export function pressedLabel(ctx: BotContext, data: string): string | undefined {
  const message = ctx.callbackQuery?.message;
  const rows = message && 'reply_markup' in message ? message.reply_markup?.inline_keyboard : undefined;
  for (const row of rows ?? []) {
    for (const button of row) {
      if ('callback_data' in button && button.callback_data === data) return button.text;
    }
  }
  return undefined;
}
