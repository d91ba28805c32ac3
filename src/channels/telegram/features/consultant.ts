import { Composer, Context, type Api, type MiddlewareFn } from 'grammy';
import type { BotCommand, Message } from 'grammy/types';
import { storedPendingQuestion } from '../../../../flows/intake-machine.js';
import { RESOLVED_SNAPSHOT, type ConversationStore } from '../../../core/conversation-store.js';
import type { IntakeCore } from '../../../core/intake-core.js';
import type { LeadBackend } from '../../../leads/lead-backend.js';
import type { ConversationFunnel } from '../../../leads/funnel.js';
import { LEAD_ID_SOURCE, LEAD_STATUSES, type LeadStatus } from '../../../leads/lead-schema.js';
import { CARD_BUTTON_PREFIX, parseCardButton, renderLeadCard, renderLeadLine, renderStats } from '../../../leads/render-card.js';
import { consultantTexts } from '../../../locale/consultant.js';
import { leadTexts } from '../../../locale/leads.js';
import { messages } from '../../../locale/messages.js';
import type { Logger } from '../../../util/logger.js';
import { localeOf, telegramChatIdOf, type BotContext } from '../context.js';
import type { RelayLog } from '../../../leads/relay-log.js';
import type { FeatureDeps } from '../relay.js';
import { inlineKeyboard, sendReplies, splitText } from '../render.js';
import type { OptionalMethods } from '../tolerate.js';
import { parseCommand } from './commands.js';
import { feature, when } from '../when.js';

/** What the consultant side needs besides the chat core (built from the services, see consultant-desk.ts). */
export interface ConsultantDeps {
  /** CONSULTANT_IDS: the Telegram users allowed to use consultant commands, card buttons and replies. */
  consultantIds: readonly number[];
  leads: Pick<LeadBackend, 'leads' | 'funnel'>;
  core: Pick<IntakeCore, 'endHandoff' | 'touchHandoff'>;
  conversations: ConversationStore;
  relays: RelayLog;
}

/** Consultant commands, in menu order. */
const CONSULTANT_COMMANDS = ['leads', 'lead', 'stats', 'endchat'] as const;
/** How many leads `/leads` lists. */
const LEADS_LIST_LIMIT = 20;
const LEAD_ID = new RegExp(String.raw`\b${LEAD_ID_SOURCE}\b`);

/**
 * The consultants' side. Card buttons (`lc:<leadId>:<status>`) and the consultant commands
 * (/leads, /lead, /stats, /endchat) are handled in any chat, for CONSULTANT_IDS only (others get a
 * polite refusal). In the consultant chat (CONSULTANT_CHAT_ID) a consultant's reply to a relayed
 * message or to a lead card goes to that prospect; nothing from that chat is ever treated as a
 * prospect's conversation (a prospect's /delete, like every erase, also forgets and blanks the
 * messages relayed from their chat: LeadStore.eraseByChat). Without `deps.consultant` only the
 * consultant chat is fenced off.
 */
export function consultantFeature(deps: FeatureDeps): Composer<BotContext> {
  const handlers: Array<MiddlewareFn<BotContext>> = [];
  const inConsultantChat: Array<MiddlewareFn<BotContext>> = [];
  const isConsultantChat = (ctx: BotContext) => deps.consultantChatId !== undefined && ctx.chat?.id === deps.consultantChatId;
  const desk = deps.consultant;

  if (desk) {
    const isConsultant = (ctx: BotContext) => ctx.from !== undefined && desk.consultantIds.includes(ctx.from.id);

    const onCardButton = when(Context.has.callbackQuery(new RegExp(`^${CARD_BUTTON_PREFIX}`)), async (ctx) => {
      const m = consultantTexts(localeOf(ctx));
      const answer = (text?: string, alert = false) =>
        deps.optional.call('answerCallbackQuery', () => ctx.answerCallbackQuery(text ? { text, show_alert: alert } : {}), ctx);
      const parsed = parseCardButton(ctx.callbackQuery.data);
      if (!parsed) return void (await answer());
      if (!isConsultant(ctx)) {
        ctx.logger.info({ leadId: parsed.leadId }, 'card button pressed by someone not in CONSULTANT_IDS; refused');
        return void (await answer(m.buttonNotForYou, true));
      }
      const tx = leadTexts('zh');
      const lead = await desk.leads.leads.get(parsed.leadId);
      if (!lead) return void (await answer(m.leadGone, true));
      if (lead.status === parsed.status) return void (await answer(m.statusUnchanged(tx.status[parsed.status])));
      const updated = await desk.leads.leads.setStatus(parsed.leadId, parsed.status, consultantName(ctx), new Date());
      if (!updated) return void (await answer(m.leadGone, true));
      ctx.logger.info({ leadId: updated.id, status: updated.status, by: ctx.from.id }, 'lead status set by a consultant');
      await answer(m.statusSet(tx.status[updated.status]));
      // At once where it was pressed; the outbox (already queued) keeps the consultant chat's card up to date.
      const message = ctx.callbackQuery.message;
      if (message) {
        const card = renderLeadCard(updated);
        await ctx.api.editMessageText(message.chat.id, message.message_id, card.text, { reply_markup: inlineKeyboard(card.buttons) }).catch((error: unknown) => {
          ctx.logger.debug({ description: error instanceof Error ? error.message : String(error) }, 'could not edit the pressed card');
        });
      }
    });

    const onCommand = when(Context.has.command(CONSULTANT_COMMANDS as unknown as string[]), async (ctx) => {
      const m = consultantTexts(localeOf(ctx));
      const { name, args = '' } = parseCommand(ctx.msg.text) ?? { name: '' };
      if (!isConsultant(ctx)) {
        ctx.logger.info({ command: name }, 'consultant command from someone not in CONSULTANT_IDS; refused');
        await ctx.reply(m.notForYou);
        return;
      }
      if (ctx.chat.type !== 'private' && !isConsultantChat(ctx)) {
        await ctx.reply(consultantTexts('zh').wrongChat);
        return;
      }
      switch (name) {
        case 'leads':
          return leadsCommand(ctx, desk, args);
        case 'lead':
          return leadCommand(ctx, desk, args);
        case 'stats':
          return statsCommand(ctx, desk);
        case 'endchat':
          return endchatCommand(ctx, desk, args);
      }
    });

    handlers.push(onCardButton, onCommand);

    const onReplyToProspect = when(Context.has.filterQuery('message'), async (ctx, next) => {
      const replied = ctx.msg.reply_to_message;
      if (!replied || replied.from?.id !== ctx.me.id) return next(); // consultants talking among themselves
      if (ctx.msg.text?.startsWith('/')) return next();
      const m = consultantTexts('zh');
      const answer = (text: string) => ctx.reply(text, { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } });
      if (!isConsultant(ctx)) return void (await answer(m.replyNotAllowed));
      if (!ctx.msg.text) return void (await answer(m.replyOnlyText));
      const target = await prospectOfMessage(desk, replied);
      if (!target) return void (await answer(m.replyUnknown));
      if (!target.exists) return void (await answer(m.leadGone));
      const telegramId = telegramChatIdOf(target.chatId);
      if (telegramId === undefined) return void (await answer(m.notTelegram(target.label)));
      const record = await desk.conversations.load(target.chatId);
      const locale = record && record !== 'incompatible' ? record.locale : 'zh';
      try {
        for (const part of splitText(consultantTexts(locale).fromConsultant(ctx.msg.text))) await ctx.api.sendMessage(telegramId, part);
      } catch (error) {
        ctx.logger.warn({ leadId: target.leadId, description: error instanceof Error ? error.message : String(error) }, 'consultant reply not delivered');
        return void (await answer(m.replyFailed(target.label)));
      }
      const inHandoff = await desk.core.touchHandoff(target.chatId);
      ctx.logger.info({ leadId: target.leadId, inHandoff }, 'consultant reply relayed to the prospect');
      await answer(inHandoff ? m.replyDelivered(target.label) : m.replyDeliveredNoHandoff(target.label));
    });
    inConsultantChat.push(onReplyToProspect);
  }
  inConsultantChat.push(
    when(Context.has.filterQuery('callback_query'), async (ctx) => {
      await deps.optional.call('answerCallbackQuery', () => ctx.answerCallbackQuery(), ctx);
    }),
    (ctx) => {
      ctx.logger.debug('update from the consultant chat left unhandled');
    },
  );
  handlers.push(when(isConsultantChat, ...inConsultantChat));
  return feature(...handlers);
}

/** How a consultant is named on a card's status line. */
function consultantName(ctx: BotContext): string {
  const from = ctx.from!;
  return from.username ? `@${from.username}` : [from.first_name, from.last_name].filter(Boolean).join(' ') || String(from.id);
}

interface Prospect {
  chatId: string;
  leadId: string | undefined;
  /** Lead id, or the core chat id when there is no lead. */
  label: string;
  /** Something of this prospect is still stored (not erased). */
  exists: boolean;
}

async function prospectOfChat(desk: ConsultantDeps, chatId: string): Promise<Prospect> {
  const lead = await desk.leads.leads.getByChat(chatId);
  const exists = lead !== undefined || (await desk.conversations.load(chatId)) !== undefined;
  return { chatId, leadId: lead?.id, label: lead?.id ?? chatId, exists };
}

/** The prospect a bot message in the consultant chat is about: a relayed message (by the relay log) or a lead card (by its id). */
async function prospectOfMessage(desk: ConsultantDeps, message: Message): Promise<Prospect | undefined> {
  const relayed = await desk.relays.lookup({ chatId: message.chat.id, messageId: message.message_id });
  if (relayed) return prospectOfChat(desk, relayed);
  const leadId = LEAD_ID.exec(message.text ?? '')?.[0];
  return leadId ? prospectOfLead(desk, leadId) : undefined;
}

/** The prospect of a lead id; an erased (or never given) id is a prospect that no longer exists. */
async function prospectOfLead(desk: ConsultantDeps, leadId: string): Promise<Prospect> {
  const lead = await desk.leads.leads.get(leadId);
  return lead ? prospectOfChat(desk, lead.chatId) : { chatId: '', leadId, label: leadId, exists: false };
}

async function leadsCommand(ctx: BotContext, desk: ConsultantDeps, args: string): Promise<void> {
  const m = consultantTexts('zh');
  const tx = leadTexts('zh');
  const wanted = args.toLowerCase();
  if (wanted && !(LEAD_STATUSES as readonly string[]).includes(wanted)) return void (await ctx.reply(m.leadsUsage));
  const status = wanted ? (wanted as LeadStatus) : undefined;
  const leads = await desk.leads.leads.list({ ...(status ? { status } : {}), limit: LEADS_LIST_LIMIT });
  const label = status ? tx.status[status] : undefined;
  if (leads.length === 0) return void (await ctx.reply(m.leadsEmpty(label)));
  const text = [m.leadsTitle(leads.length, label), ...leads.map((lead) => renderLeadLine(lead))].join('\n');
  for (const part of splitText(text)) await ctx.reply(part);
}

async function leadCommand(ctx: BotContext, desk: ConsultantDeps, args: string): Promise<void> {
  const m = consultantTexts('zh');
  const id = LEAD_ID.exec(args.toUpperCase())?.[0];
  if (!id) return void (await ctx.reply(m.leadUsage));
  const lead = await desk.leads.leads.get(id);
  if (!lead) return void (await ctx.reply(m.leadNotFound(id)));
  const card = renderLeadCard(lead);
  await ctx.reply(card.text, { reply_markup: inlineKeyboard(card.buttons) });
}

async function statsCommand(ctx: BotContext, desk: ConsultantDeps): Promise<void> {
  const stats = await desk.leads.funnel.stats((chatId) => conversationFunnelOf(desk.conversations, chatId));
  const questions = messages('zh').questions as Record<string, { prompt?: string } | undefined>;
  await ctx.reply(renderStats(stats, 'zh', (id) => questions[id]?.prompt ?? id));
}

/** The funnel steps a stored conversation reached and the question it waits for (the drop-off point). */
async function conversationFunnelOf(conversations: ConversationStore, chatId: string): Promise<ConversationFunnel | undefined> {
  const record = await conversations.load(chatId);
  if (!record || record === 'incompatible') return undefined;
  return { steps: record.funnel, pending: storedPendingQuestion(record.state, record.ctx, record[RESOLVED_SNAPSHOT]) };
}

async function endchatCommand(ctx: BotContext, desk: ConsultantDeps, args: string): Promise<void> {
  const m = consultantTexts('zh');
  const msg = ctx.msg!;
  let target: Prospect | undefined;
  const leadId = LEAD_ID.exec(args.toUpperCase())?.[0];
  if (leadId) {
    target = await prospectOfLead(desk, leadId);
  } else if (telegramChatIdOf(args) !== undefined) {
    target = await prospectOfChat(desk, args);
  } else if (msg.reply_to_message && msg.reply_to_message.from?.id === ctx.me.id) {
    target = await prospectOfMessage(desk, msg.reply_to_message);
  }
  if (!target) return void (await ctx.reply(m.endchatUsage));
  if (!target.exists) return void (await ctx.reply(m.leadGone));
  const replies = await desk.core.endHandoff(target.chatId);
  if (replies.length === 0) return void (await ctx.reply(m.endchatNotInHandoff(target.label)));
  const telegramId = telegramChatIdOf(target.chatId);
  if (telegramId !== undefined) {
    try {
      await sendReplies(ctx, telegramId, replies);
    } catch (error) {
      ctx.logger.warn({ leadId: target.leadId, description: error instanceof Error ? error.message : String(error) }, 'handoff end notice not delivered');
    }
  }
  ctx.logger.info({ leadId: target.leadId }, 'handoff ended by a consultant');
  await ctx.reply(m.endchatDone(target.label));
}

/** The consultant commands for the menu of the consultant chat. */
function consultantMenu(): BotCommand[] {
  const descriptions = consultantTexts('zh').commands;
  return CONSULTANT_COMMANDS.map((command) => ({ command, description: descriptions[command] }));
}

/** Shows the consultant commands in the consultant chat's menu only (a server without setMyCommands is tolerated). */
export async function registerConsultantCommands(api: Api, optional: OptionalMethods, logger: Logger, consultantChatId: number | undefined): Promise<void> {
  if (consultantChatId === undefined) return;
  await optional.call('setMyCommands', () => api.setMyCommands(consultantMenu(), { scope: { type: 'chat', chat_id: consultantChatId } }), { logger });
}
