import type { Context } from 'grammy';
import { chatIdOfUpdate } from './chat-queue.js';
import { localeHint } from '../../core/text-signals.js';
import type { Locale } from '../../locale/detect.js';
import type { Logger } from '../../util/logger.js';

/** The grammY context of this bot: a child logger carrying the update id. */
export type BotContext = Context & {
  /** Logger for this update (`update_id` bound). Never log message text, tokens or phone numbers. */
  logger: Logger;
  /** Whether debug lines are written: check it before building one on a hot path (see create-bot.ts). */
  logsDebug: boolean;
};

/** The core's chat id for a Telegram chat: `tg:<chat id>` (other channels use other prefixes). */
export function coreChatId(telegramChatId: number): string {
  return `tg:${telegramChatId}`;
}

/** The Telegram chat id inside a core chat id made by coreChatId, or undefined for other channels. */
export function telegramChatIdOf(chatId: string): number | undefined {
  const match = /^tg:(-?\d+)$/.exec(chatId);
  return match ? Number(match[1]) : undefined;
}

/** The chat an update belongs to: the chat, or for a button on an inaccessible message the user (private chat id = user id). */
export function chatIdOf(ctx: Context): number | undefined {
  // The same rule as the per-chat ordering, read from the update (grammY's `ctx.chat` walks a dozen getters).
  return chatIdOfUpdate(ctx.update);
}

/** The language for adapter-only wording, the same rule the core uses for a new conversation. */
export function localeOf(ctx: Context): Locale {
  const code = ctx.from?.language_code;
  return localeHint(code ? { languageCode: code } : {});
}
