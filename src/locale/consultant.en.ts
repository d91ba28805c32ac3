import type { ConsultantTexts } from './consultant.zh.js';

/** Wording of the consultant side of the Telegram channel, English. */
export const consultantEn: ConsultantTexts = {
  notForYou: 'Sorry, this command is for consultants only. Just ask me your question, or send /help to see what I can do.',
  buttonNotForYou: 'Sorry, only consultants can use the buttons on this lead card.',
  wrongChat: "To protect clients' privacy, consultant commands work only in the consultant chat or in a private chat with me.",
  relayed: (label, name, text) => `💬 ${label}${name ? ` ${name}` : ''}: ${text}`,
  fromConsultant: (text) => `👩‍💼 Consultant: ${text}`,
  replyDelivered: (label) => `✅ Sent to ${label}`,
  replyDeliveredNoHandoff: (label) =>
    `✅ Sent to ${label}. Note: this person is not in a handoff now, so their next messages go to the bot (they can send /consultant again).`,
  replyFailed: (label) => `⚠️ Could not send to ${label}: they may have blocked the bot. Please use the contact details they left.`,
  replyUnknown: 'I cannot tell which client this message belongs to (the relay record may have expired). Reply to their lead card instead, or look it up with /lead ID.',
  replyOnlyText: 'Only text messages can be passed on to a client for now.',
  replyNotAllowed: 'Sorry, only replies from consultants (CONSULTANT_IDS) are passed on to clients.',
  notTelegram: (label) => `${label} did not come through Telegram, so I cannot reply directly; please use the contact details they left.`,
  leadGone: 'This lead no longer exists (erased on request or after the retention period).',
  statusSet: (status) => `Marked as "${status}"`,
  statusUnchanged: (status) => `Already "${status}"`,
  leadsTitle: (count, status) => `🗂 ${count} most recent leads${status ? ` (${status})` : ''}:`,
  leadsEmpty: (status) => (status ? `No "${status}" leads.` : 'No leads yet.'),
  leadsUsage: 'Usage: /leads [new|claimed|contacted|closed]',
  leadUsage: 'Usage: /lead L-20260101-0001',
  leadNotFound: (id) => `No lead ${id} (it may have been erased).`,
  endchatUsage: 'Usage: send /endchat as a reply to a relayed message or a lead card, or /endchat L-20260101-0001',
  endchatDone: (label) => `Handoff with ${label} ended; the bot is serving them again.`,
  endchatNotInHandoff: (label) => `${label} is not in a handoff.`,
  commands: {
    leads: 'Recent leads (optionally by status)',
    lead: 'Show one lead: /lead ID',
    stats: 'Funnel and the question most people stop at',
    endchat: 'End the handoff with a client',
  },
};
