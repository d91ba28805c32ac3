/** Wording of consent, contact capture and the handoff to a consultant, Simplified Chinese. */
export const captureZh = {
  consent:
    '在请顾问跟进之前，先说明一下个人信息的用途：\n• 收集什么：你的称呼、手机号或微信、方便联系的时间，以及刚才的评估回答和估分结果；\n• 为什么：只用于顾问联系你、为你做积分规划；\n• 谁能看到：只有本机构的积分顾问；\n• 怎么删除：随时发送 /delete 删除全部数据，/privacy 查看说明。\n你同意吗？',
  consentYes: '同意并留下联系方式',
  consentNo: '不同意',
  consentDeclined: '好的，不会保存你的联系方式。估分和问答照常可以用；改主意了随时发送 /consultant。',
  askDetails: '请留下称呼和手机号（或微信号），一条消息发完就行，例如：“王先生 13912345678 工作日晚上”。',
  askName: '怎么称呼你？',
  askReach: '请留一个手机号（11位）或微信号，方便顾问联系你。',
  invalidPhone: '这个手机号好像不对：请输入 11 位大陆手机号（1 开头），或者留微信号。',
  askTime: '什么时间方便联系你？',
  timeOptions: { weekdayDay: '工作日白天', weekdayEvening: '工作日晚上', weekend: '周末', anytime: '随时' } as Record<string, string>,
  captured: (name: string) => `谢谢${name}！信息已记录，顾问会在你方便的时间联系你。在这之前有问题也可以继续问我。`,
  handoffStarted: '已为你转接顾问，顾问会在这里直接回复你（工作时间内一般很快）。在此期间我先不自动回答；发送 /restart 可以回到机器人。',
  handoffRelayed: '已转给顾问，请稍候。',
  handoffEnded: '顾问已结束这次对话，之后由我继续为你服务。有问题随时问我。',
  handoffExpired: '顾问暂时没有回复，我先回来继续为你服务；顾问看到后仍会联系你。',
};
export type CaptureMessages = typeof captureZh;
