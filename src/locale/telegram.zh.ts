/** Wording only the Telegram channel uses, Simplified Chinese (the default). */
export const telegramZh = {
  /** Shown once per rate-limit window to a user who sends too fast; the extra messages are skipped. */
  rateLimited: '你发得有点快 🙏 刚才这几条我先跳过了，请稍等几秒再发。',
  /** In a group chat, when someone mentions or commands the bot. */
  groupPrivateOnly: '为了保护你的隐私，积分评估和咨询只在私聊中进行。请点下面的按钮私聊我。',
  openPrivateChat: '私聊咨询',
  /** An edited message is not processed again. */
  editedIgnored: '修改后的消息我不会重新处理。要改上一题的答案，请发送 /back；也可以直接发一条新消息。',
  /** Something unexpected failed while handling an update. */
  internalError: '抱歉，刚才出了点问题，请再发一次。已回答的内容不会丢。',
  /** Appended to a question after its button was pressed: the choice stays visible, the keyboard goes. */
  chosen: (label: string) => `✔ ${label}`,
  commands: {
    start: '开始积分评估',
    restart: '重新开始评估',
    back: '修改上一题',
    faq: '按主题浏览常见问题',
    consultant: '找顾问一对一跟进',
    help: '我能做什么',
    privacy: '隐私说明',
    delete: '删除我的全部数据',
  },
};
export type TelegramMessages = typeof telegramZh;
