/**
 * Wording of the consultant side of the Telegram channel (lead cards' buttons, relayed messages,
 * consultant commands), Simplified Chinese. consultant.en.ts implements the same interface.
 * Texts for consultants use the consultant chat's language (zh); texts for a prospect use the
 * prospect's conversation language.
 */
export interface ConsultantTexts {
  /** A command for consultants used by someone else (any chat). */
  notForYou: string;
  /** A card button pressed by someone who is not in CONSULTANT_IDS (shown as an alert). */
  buttonNotForYou: string;
  /** A consultant used a consultant command in a group that is not the consultant chat. */
  wrongChat: string;
  /** A prospect's message in the consultant chat: "💬 <lead id or chat> <name>：<text>". */
  relayed(label: string, name: string | undefined, text: string): string;
  /** A consultant's reply as the prospect sees it. */
  fromConsultant(text: string): string;
  replyDelivered(label: string): string;
  replyDeliveredNoHandoff(label: string): string;
  replyFailed(label: string): string;
  replyUnknown: string;
  replyOnlyText: string;
  replyNotAllowed: string;
  notTelegram(label: string): string;
  leadGone: string;
  statusSet(status: string): string;
  statusUnchanged(status: string): string;
  leadsTitle(count: number, status: string | undefined): string;
  leadsEmpty(status: string | undefined): string;
  leadsUsage: string;
  leadUsage: string;
  leadNotFound(id: string): string;
  endchatUsage: string;
  endchatDone(label: string): string;
  endchatNotInHandoff(label: string): string;
  commands: { leads: string; lead: string; stats: string; endchat: string };
}

export const consultantZh: ConsultantTexts = {
  notForYou: '抱歉，这个命令仅供顾问使用。有问题可以直接问我，或发送 /help 看看我能做什么。',
  buttonNotForYou: '抱歉，只有顾问可以操作这张线索卡片。',
  wrongChat: '为保护客户隐私，顾问命令只能在顾问群或与我的私聊中使用。',
  relayed: (label, name, text) => `💬 ${label}${name ? ` ${name}` : ''}：${text}`,
  fromConsultant: (text) => `👩‍💼 顾问：${text}`,
  replyDelivered: (label) => `✅ 已发给 ${label}`,
  replyDeliveredNoHandoff: (label) =>
    `✅ 已发给 ${label}。注意：对方目前不在转接中，TA 之后的消息会由机器人接待（TA 可以发送 /consultant 再次转接）。`,
  replyFailed: (label) => `⚠️ 没能发给 ${label}：对方可能已屏蔽机器人，请用留下的联系方式联系。`,
  replyUnknown: '找不到这条消息对应的客户（转接记录可能已过期）。请回复该客户的线索卡片，或发送 /lead 编号 查看。',
  replyOnlyText: '目前只能转发文字消息给客户。',
  replyNotAllowed: '抱歉，只有顾问（CONSULTANT_IDS）的回复才会转给客户。',
  notTelegram: (label) => `${label} 不是通过 Telegram 咨询的客户，无法直接回复，请用留下的联系方式联系。`,
  leadGone: '这条线索已不存在（客户要求删除或已超过保存期限）。',
  statusSet: (status) => `已标记为「${status}」`,
  statusUnchanged: (status) => `已经是「${status}」`,
  leadsTitle: (count, status) => `🗂 最近 ${count} 条线索${status ? `（${status}）` : ''}：`,
  leadsEmpty: (status) => (status ? `暂无「${status}」的线索。` : '暂无线索。'),
  leadsUsage: '用法：/leads [new|claimed|contacted|closed]',
  leadUsage: '用法：/lead L-20260101-0001',
  leadNotFound: (id) => `找不到线索 ${id}（可能已删除）。`,
  endchatUsage: '用法：回复客户的转发消息或线索卡片发送 /endchat，或发送 /endchat L-20260101-0001',
  endchatDone: (label) => `已结束与 ${label} 的转接，客户回到机器人接待。`,
  endchatNotInHandoff: (label) => `${label} 目前不在转接中。`,
  commands: {
    leads: '最近的线索（可按状态筛选）',
    lead: '查看一条线索：/lead 编号',
    stats: '漏斗统计与最多人停下的问题',
    endchat: '结束与客户的转接',
  },
};
