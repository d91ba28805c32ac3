import type { IntakeCore } from '../../core/intake-core.js';
import type { Inbound, InboundMeta, Reply } from '../../core/types.js';
import { chatIdOf, coreChatId, type BotContext } from './context.js';
import type { ConsultantDeps } from './features/consultant.js';
import { sendReplies } from './render.js';
import type { OptionalMethods } from './tolerate.js';

/** The part of the conversation core the Telegram channel uses. */
export type ChatCore = Pick<IntakeCore, 'handle' | 'peekPending'>;

/** What every feature composer is built from. */
export interface FeatureDeps {
  core: ChatCore;
  optional: OptionalMethods;
  /** The consultants' group: left to the consultant feature, never treated as a prospect. */
  consultantChatId: number | undefined;
  /** The consultant side (lead cards' buttons, consultant commands, replies to prospects); absent = the consultant chat is only fenced off. */
  consultant?: ConsultantDeps;
  /** Show "typing…" before answering text: only worth an API call when answers can be slow (an LLM). */
  showTyping: boolean;
}

/**
 * Hands an inbound event to the core with the update id (so a redelivered update is ignored)
 * and the user's language, and returns the replies without sending them.
 */
export async function askCore(ctx: BotContext, deps: FeatureDeps, inbound: Inbound): Promise<{ chatId: number; replies: Reply[] }> {
  const chatId = chatIdOf(ctx);
  if (chatId === undefined) throw new Error('askCore needs an update with a chat or a sender');
  // Built field by field: `ctx.from` is a getter that searches the update, and this runs for every update.
  const from = ctx.from;
  const meta: InboundMeta = { updateId: ctx.update.update_id };
  if (from?.language_code) meta.languageCode = from.language_code;
  if (from?.username) meta.username = from.username;
  const replies = await deps.core.handle(coreChatId(chatId), inbound, meta);
  if (ctx.logsDebug) ctx.logger.debug({ inbound: inbound.kind, replies: replies.length }, 'core answered');
  return { chatId, replies };
}

/** askCore, then sends the replies. */
export async function relay(ctx: BotContext, deps: FeatureDeps, inbound: Inbound): Promise<Reply[]> {
  const { chatId, replies } = await askCore(ctx, deps, inbound);
  await sendReplies(ctx, chatId, replies);
  return replies;
}
