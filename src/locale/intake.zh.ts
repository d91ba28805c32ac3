/** Wording of the intake conversation, Simplified Chinese (the default). */
/** The limits blocker texts quote, read from knowledge/scoring.yaml (flows/questions.ts: ELIGIBILITY_LIMITS). */
export interface BlockerLimits {
  minInsuredMonths: number;
  minAge: number;
  maxAge: number;
}

export const intakeZh = {
  greeting: (passMark: number) =>
    `你好！我是上海居住证积分咨询助手 🤖\n我可以：\n1. 用几分钟问你一些问题，估算你的积分、离 ${passMark} 分还差多少、怎么补齐，以及材料上的风险；\n2. 随时回答积分政策和办理流程的问题（直接打字问就行，问卷会接着继续）；\n3. 需要时帮你约顾问免费一对一跟进。\n准备好了就点“开始评估”。`,
  startButton: '开始评估',
  progress: (index: number, total: number) => `第 ${index}/${total} 题`,
  yes: '是',
  no: '否',
  questions: {
    residencePermit: { prompt: '你现在持有有效的《上海市居住证》吗？', hint: '请回答“是”或“否”，也可以直接点按钮。' },
    employeeInsurance: {
      prompt: '你现在是通过单位在上海缴纳“职工社会保险”吗？（灵活就业、外地社保不算）',
      hint: '请回答“是”或“否”。',
    },
    insuredMonthsLast12: {
      prompt: '最近 12 个月里，你在上海正常缴纳（不算补缴）职工社保一共几个月？',
      hint: '请输入 0 到 12 之间的月数，例如“8”或“8个月”。',
      presets: { 12: '12个月', 6: '6–11个月', 3: '不到6个月' } as Record<number, string>,
    },
    outOfTownBranch: {
      prompt: '你是上海单位设在外省市的分公司/分支机构的员工吗？',
      hint: '请回答“是”或“否”：劳动关系和社保在上海总部的选“否”。',
    },
    age: { prompt: '你今年多大（周岁）？', hint: '请输入年龄数字，例如“35”或“35岁”。' },
    education: { prompt: '你的最高学历是？（以国家认可的学历学位为准）', hint: '请选择下面的一项，或输入“本科”“硕士”等。' },
    degreeMode: {
      prompt: '这个学历是怎么取得的？',
      hint: '请选择：全日制、非全日制（自考/成考/网教等）或国（境）外学历。',
    },
    title: {
      prompt: '你有专业技术职称或国家职业资格（技能等级）证书吗？选最高的一项。',
      hint: '请选择一项；没有就选“没有”。',
    },
    titleBaseOk: {
      prompt: '最近 1 年里，你的社保缴费基数是否累计有 6 个月不低于上海上年度职工社会平均工资？（中级/高级职称、二级/一级技能计分需要满足）',
      hint: '请回答“是”或“否”；不确定可以在“随申办”或上海人社 APP 查缴费基数。',
    },
    socialInsuranceMonths: {
      prompt: '你在上海正常缴纳职工社保累计多少个月？（补缴、断缴、外地转入的月份不算）',
      hint: '请输入月数，例如“36”；也可以写“3年”。',
      presets: { 12: '1年', 24: '2年', 36: '3年', 60: '5年及以上' } as Record<number, string>,
    },
    baseTier: {
      prompt: '最近几年你的社保缴费基数大约是上海社平工资的几倍？',
      hint: '请选择一项；不清楚就选“不到0.8倍/不清楚”。',
    },
    spouse: { prompt: '你的配偶是上海户籍吗？', hint: '请选择一项。' },
    spouseHukouYears: { prompt: '你们结婚满几年了？', hint: '请输入整年数，例如“3”。', presets: { 1: '1年', 3: '3年', 5: '5年', 10: '10年及以上' } as Record<number, string> },
    bonuses: {
      prompt: '以下加分情况你有吗？可以多选，选好后点“选好了”；都没有就点“都没有”。',
      hint: '请点选下面的选项，或输入“都没有”。',
      done: '选好了',
      none: '都没有',
      selected: (items: string) => `已选：${items}。还有其他的吗？`,
    },
    award: { prompt: '你获得的是哪一级的表彰奖励？', hint: '请选择一项。' },
    investTaxWan: {
      prompt: '按你的投资份额计算，企业最近 3 年平均每年纳税大约多少万元？',
      hint: '请输入万元数，例如“30”。',
      presets: { 10: '10万', 50: '50万', 100: '100万及以上' } as Record<number, string>,
    },
    publicServiceYears: { prompt: '你在本市特定公共服务领域工作满几年了？', hint: '请输入整年数。', presets: { 3: '不到5年', 5: '5年', 10: '10年' } as Record<number, string> },
    remoteAreaYears: { prompt: '你在远郊重点区域（如临港）工作并居住满几年了？', hint: '请输入整年数。', presets: { 3: '不到5年', 5: '5年', 10: '10年及以上' } as Record<number, string> },
    penalties: {
      prompt: '最后一个评估问题，如实回答才能帮你看清风险（只用于估分，不会外传）：近 5 年有没有以下记录？可多选，没有就点“都没有”。',
      hint: '请点选，或输入“都没有”。',
      done: '选好了',
      none: '都没有',
      selected: (items: string) => `已选：${items}。还有吗？`,
    },
    stage: { prompt: '你的积分申请现在办到哪一步了？', hint: '请选择一项。' },
    jobChange: { prompt: '近期有换工作的打算吗？（不同阶段换工作的处理方式不一样）', hint: '请回答“是”或“否”。' },
    wantsConsultant: {
      prompt: '需要顾问免费一对一帮你核对材料、规划补分方案吗？',
      hint: '请回答“需要”或“不需要”。',
    },
  },
  options: {
    education: {
      none: '高中及以下',
      college: '大专',
      bachelor: '本科（无学位）',
      bachelor_degree: '本科+学士学位',
      master: '硕士',
      doctor: '博士',
    },
    degreeMode: { fullTime: '全日制', partTime: '非全日制（自考/成考/网教等）', foreign: '国（境）外学历' },
    title: {
      none: '没有',
      skill5: '五级（初级工）',
      skill4: '四级（中级工）',
      skill3: '三级（高级工）',
      skill2: '二级（技师）',
      skill1: '一级（高级技师）',
      mid: '中级职称',
      senior: '高级职称',
    },
    baseTier: {
      none: '不到0.8倍/不清楚',
      '0.8x': '0.8–1倍',
      '1x': '1–2倍',
      '2x': '2–3倍',
      '3x': '3倍及以上',
    },
    spouse: { hukou: '是，上海户籍', notHukou: '不是', single: '未婚' },
    bonuses: {
      shortageMajor: '紧缺急需专业',
      award: '市级及以上表彰奖励',
      talent: '创业人才/技术转移人才',
      investTax: '投资办企业纳税',
      publicService: '特定公共服务领域工作',
      remoteArea: '远郊重点区域工作居住',
    },
    award: { municipal_special: '市级专项表彰', municipal_general: '市级综合性表彰', national: '省部级及以上' },
    penalties: {
      falseMaterials: '提供虚假材料被查实',
      detention: '行政拘留',
      crime: '一般刑事犯罪',
      seriousCrime: '严重刑事犯罪',
    },
    stage: {
      notStarted: '还没开始',
      accountOpened: '单位已开通账号',
      submitted: '材料已提交并受理',
      approved: '积分已审批通过',
    },
  },
  /** Extra typed forms accepted for options, besides the labels above. */
  aliases: {
    education: {
      none: ['高中', '中专', '初中', '没有', '无'],
      college: ['专科', '高职', '大专'],
      bachelor: ['本科没学位', '本科无学位', '没有学位', '没学位', '只有毕业证'],
      bachelor_degree: ['本科', '学士', '本科有学位', '本科学士', '本科加学位', '统招本科'],
      master: ['研究生', '硕士'],
      doctor: ['博士'],
    },
    degreeMode: { fullTime: ['全日制', '统招'], partTime: ['非全日制', '自考', '成考', '成人', '网教', '函授', '夜大', '开放大学'], foreign: ['国外', '境外', '海外', '留学'] },
    title: {
      none: ['没有', '无', '都没有', '没'],
      skill5: ['五级', '初级工'],
      skill4: ['四级', '中级工'],
      skill3: ['三级', '高级工'],
      skill2: ['二级', '技师'],
      skill1: ['一级', '高级技师'],
      mid: ['中级', '中级职称', '工程师'],
      senior: ['高级', '高级职称', '副高', '正高', '高工'],
    },
    baseTier: { none: ['不清楚', '不知道', '不到0.8', '没有'], '0.8x': ['0.8'], '1x': ['1倍', '一倍'], '2x': ['2倍', '两倍'], '3x': ['3倍', '三倍'] },
    spouse: { hukou: ['是', '上海户口', '上海户籍', '是的'], notHukou: ['不是', '否', '外地'], single: ['未婚', '单身', '没结婚'] },
    stage: { notStarted: ['没开始', '还没', '没有'], accountOpened: ['开通账号', '账号'], submitted: ['已提交', '受理', '交了材料'], approved: ['审批通过', '通过了', '办好了', '已通过'] },
    award: { municipal_special: ['专项'], municipal_general: ['综合'], national: ['省部级', '国家级'] },
  } as Record<string, Record<string, string[]>>,
  unparsed: (hint: string) => `没太明白你的回答 🙏 ${hint}`,
  outOfRange: (min: number, max: number) => `这个数字好像不太对，请输入 ${min} 到 ${max} 之间的数。`,
  escapeOffer: '看起来这一题不好回答。你可以跳过这一题（按“否/没有”估算），或者请顾问帮你。',
  skipButton: '跳过这一题',
  consultantButton: '找顾问',
  staleButton: '这个按钮已经过期了，我们接着当前的问题：',
  resumeAfterFaq: '好，我们接着刚才的问题：',
  restarted: '好的，我们重新开始。',
  backNothing: '已经是第一题了。',
  idleRestart: (days: number) => `距离上次聊天已经超过 ${days} 天，政策和你的情况可能都有变化，我们从头开始吧。`,
  incompatibleState: '机器人刚升级过，之前的对话无法接着进行，抱歉！我们从头开始。',
  storageError: '抱歉，系统暂时保存不了对话，请稍后再发一次。已回答的内容不会丢。',
  blockers: {
    noPermit: () =>
      '积分申请的前提是持有有效的《上海市居住证》，所以现在还不能申请。\n怎么办：先在居住地办理居住登记，满半年后符合就业、住所或就读条件之一即可申领居住证，拿到后再来评估。',
    noInsurance: (l: BlockerLimits) =>
      `积分要求在上海参加职工社会保险（由单位缴纳），灵活就业或外地社保不符合条件，所以现在还不能申请。\n怎么办：入职上海单位并由单位缴纳职工社保，累计满 ${l.minInsuredMonths} 个月后即可申请。`,
    insuranceUnder6: (l: BlockerLimits) =>
      `申请积分需要最近 12 个月内在上海正常缴纳职工社保累计满 ${l.minInsuredMonths} 个月（补缴不算），你现在还不满足。\n怎么办：继续正常缴纳，满 ${l.minInsuredMonths} 个月后就可以申请，到时再来估一次分。`,
    branch: () =>
      '上海单位设在外省市的分公司/分支机构的员工，不在积分申请范围内，所以现在不能申请。\n怎么办：如果将来劳动关系和社保转到上海的单位（或上海总部），满足条件后就可以通过该单位申请。',
    age: (l: BlockerLimits) => `积分的年龄指标只覆盖 ${l.minAge}–${l.maxAge} 周岁，目前的年龄不在可申请范围内。`,
    seriousCrime: () => '有严重刑事犯罪记录属于“一票否决”情形，不能申请积分。建议找顾问结合具体情况确认。',
  } as Record<string, (limits: BlockerLimits) => string>,
  ineligibleTail: '有其他积分问题随时可以问我；发送 /restart 可以重新评估，/consultant 可以找顾问。',
  estimateTitle: (total: number) => `📊 你的积分估算：${total} 分`,
  reached: (total: number, passMark: number) => `✅ 已达到 ${passMark} 分标准（${total} 分）。`,
  gap: (gap: number, passMark: number) => `离 ${passMark} 分还差 ${gap} 分。`,
  blockedEstimate: '⚠️ 目前有条件不满足，暂时不能申请：',
  breakdownTitle: '分项：',
  warningsTitle: '提醒：',
  suggestionsTitle: '补分的现实途径：',
  risksTitle: '材料风险：',
  nextStepsTitle: '你的下一步：',
  jobChangeTitle: '关于换工作：',
  expectedBy: (what: string, date: string) => `${what}预计在 ${date} 前后（按工作日推算，已考虑法定节假日和调休）。`,
  consultantNo: '好的，评估结束。还有问题随时问我；发送 /restart 可以重新评估。',
  done: '评估已经完成。有问题可以直接问我，发送 /restart 重新评估，/consultant 找顾问。',
  help:
    '我能做的：\n• 积分评估：/start 开始，/back 修改上一题，/restart 重新开始\n• 政策问答：直接打字提问，或发送 /faq 按主题浏览\n• 找顾问：/consultant\n• 隐私说明：/privacy；删除我的数据：/delete',
  faqMenu: '你想了解哪方面？点一个主题：',
  faqTopicEntries: '这个主题下常见的问题，点一个看答案：',
  unknownCommand: '没有这个命令。发送 /help 看看我能做什么。',
  privacy:
    '隐私说明：我只保存为评估积分所需的回答和对话进度，用来继续对话和（在你同意后）转给顾问。发送 /delete 可以随时删除你的全部数据。',
  deleteConfirm: '确定要删除你的全部数据（回答、对话进度）吗？删除后无法恢复。',
  deleteYes: '确定删除',
  deleteNo: '取消',
  deleted: '你的数据已全部删除。发送 /start 可以重新开始。',
  deleteCancelled: '已取消，数据保留。',
  nonText: '我只能看懂文字消息哦。请用文字回答或提问。',
  tooLong: (max: number) => `消息太长了（超过 ${max} 字），请简短地描述你的问题。`,
  emojiOnly: '收到 😊 请用文字回答或提问。',
};
export type IntakeMessages = typeof intakeZh;
