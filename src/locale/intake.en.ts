import type { IntakeMessages } from './intake.zh.js';

/** Wording of the intake conversation, English. */
export const intakeEn: IntakeMessages = {
  greeting:
    "Hi! I'm an assistant for Shanghai Residence Permit points (积分) questions 🤖\nI can:\n1. Ask you a few questions (takes a few minutes) to estimate your points, how far you are from 120, how to close the gap, and any risks in your documents;\n2. Answer questions about the points policy and the application process at any time (just type your question; the questionnaire picks up where it left off);\n3. Arrange a free one-on-one follow-up with a consultant if you need one.\nWhen you're ready, tap \"Start assessment\".",
  startButton: 'Start assessment',
  faqButton: 'Ask a question first',
  progress: (index: number, total: number) => `Question ${index}/${total}`,
  yes: 'Yes',
  no: 'No',
  questions: {
    residencePermit: {
      prompt: 'Do you currently hold a valid Shanghai Residence Permit (《上海市居住证》)?',
      hint: 'Please answer "yes" or "no", or just tap a button.',
    },
    employeeInsurance: {
      prompt:
        'Are you currently paying Shanghai employee social insurance (职工社会保险) through an employer? (Flexible-employment or out-of-town social insurance does not count.)',
      hint: 'Please answer "yes" or "no".',
    },
    insuredMonthsLast12: {
      prompt:
        'In the last 12 months, for how many months in total did you pay Shanghai employee social insurance normally (back payments excluded)?',
      hint: 'Please enter a number of months from 0 to 12, e.g. "8" or "8 months".',
      presets: { 12: '12 months', 6: '6–11 months', 3: 'Under 6 months' } as Record<number, string>,
    },
    outOfTownBranch: {
      prompt: 'Do you work for a branch office or branch unit that a Shanghai employer has set up in another province or city?',
      hint: 'Please answer "yes" or "no". If your employment contract and social insurance are with the Shanghai headquarters, choose "no".',
    },
    age: { prompt: 'How old are you (in full years)?', hint: 'Please enter your age as a number, e.g. "35" or "35 years".' },
    education: {
      prompt: 'What is your highest level of education? (Only state-recognised qualifications and degrees count.)',
      hint: 'Please pick one of the options below, or type e.g. "bachelor" or "master".',
    },
    degreeMode: {
      prompt: 'How did you obtain this qualification?',
      hint: 'Please choose: full-time; part-time (self-study exams, adult college, online education, etc.); or a degree from outside mainland China.',
    },
    title: {
      prompt:
        'Do you hold a professional technical title (职称) or a national vocational qualification (skill level) certificate? Choose the highest one.',
      hint: 'Please choose one; if you have none, choose "None".',
    },
    titleBaseOk: {
      prompt:
        "In the last year, was your social insurance contribution base at least Shanghai's average employee wage of the previous year for a total of 6 months? (Required for points from an intermediate/senior title or skill level 2/1.)",
      hint: 'Please answer "yes" or "no". If unsure, you can check your contribution base in the Suishenban (随申办) app or the Shanghai HR & Social Security app.',
    },
    socialInsuranceMonths: {
      prompt:
        'For how many months in total have you paid Shanghai employee social insurance normally? (Back-paid months, gaps and months transferred in from elsewhere do not count.)',
      hint: 'Please enter a number of months, e.g. "36"; you can also write "3 years".',
      presets: { 12: '1 year', 24: '2 years', 36: '3 years', 60: '5 years or more' } as Record<number, string>,
    },
    baseTier: {
      prompt: "Over the last few years, roughly how many times Shanghai's average wage has your social insurance contribution base been?",
      hint: 'Please choose one; if you don\'t know, choose "Under 0.8× / not sure".',
    },
    spouse: { prompt: 'Does your spouse have Shanghai hukou (household registration)?', hint: 'Please choose one.' },
    spouseHukouYears: {
      prompt: 'How many full years have you been married?',
      hint: 'Please enter a whole number of years, e.g. "3".',
      presets: { 1: '1 year', 3: '3 years', 5: '5 years', 10: '10 years or more' } as Record<number, string>,
    },
    bonuses: {
      prompt:
        'Do any of the following bonus items apply to you? You can pick several; tap "Done" when finished, or "None of these" if none apply.',
      hint: 'Please tap the options below, or type "none".',
      done: 'Done',
      none: 'None of these',
      selected: (items: string) => `Selected: ${items}. Anything else?`,
    },
    award: { prompt: 'At what level was the commendation or award you received?', hint: 'Please choose one.' },
    investTaxWan: {
      prompt:
        'Based on your share of the investment, roughly how much tax has the company paid per year on average over the last 3 years, in units of 10,000 yuan (万元)?',
      hint: 'Please enter the amount in 10,000 yuan (万元), e.g. "30" for 300,000 yuan.',
      presets: { 10: '100,000 yuan (10万)', 50: '500,000 yuan (50万)', 100: '1M yuan+ (100万+)' } as Record<number, string>,
    },
    publicServiceYears: {
      prompt: "How many full years have you worked in one of the city's designated public service sectors?",
      hint: 'Please enter a whole number of years.',
      presets: { 3: 'Under 5 years', 5: '5 years', 10: '10 years' } as Record<number, string>,
    },
    remoteAreaYears: {
      prompt: 'How many full years have you both worked and lived in a key outer-suburb area (e.g. Lingang)?',
      hint: 'Please enter a whole number of years.',
      presets: { 3: 'Under 5 years', 5: '5 years', 10: '10 years or more' } as Record<number, string>,
    },
    penalties: {
      prompt:
        'Last assessment question. Answering truthfully lets me show you the real risks (used only for the estimate, never shared): in the last 5 years, do you have any of the following records? You can pick several; if none, tap "None of these".',
      hint: 'Please tap the options, or type "none".',
      done: 'Done',
      none: 'None of these',
      selected: (items: string) => `Selected: ${items}. Any others?`,
    },
    stage: { prompt: 'How far along is your points application right now?', hint: 'Please choose one.' },
    jobChange: {
      prompt: 'Are you planning to change jobs soon? (Changing jobs is handled differently at different stages.)',
      hint: 'Please answer "yes" or "no".',
    },
    wantsConsultant: {
      prompt: 'Would you like a consultant to check your documents and plan how to make up points with you, one-on-one and free of charge?',
      hint: 'Please answer "yes" or "no".',
    },
  },
  options: {
    education: {
      none: 'High school or below',
      college: 'College diploma (大专)',
      bachelor: "Bachelor's, no degree",
      bachelor_degree: "Bachelor's + degree",
      master: "Master's",
      doctor: 'Doctorate',
    },
    degreeMode: { fullTime: 'Full-time', partTime: 'Part-time / self-study', foreign: 'Overseas degree' },
    title: {
      none: 'None',
      skill5: 'Level 5 (junior worker)',
      skill4: 'Level 4 (mid worker)',
      skill3: 'Level 3 (senior worker)',
      skill2: 'Level 2 (technician)',
      skill1: 'Level 1 (sr technician)',
      mid: 'Intermediate title',
      senior: 'Senior title',
    },
    baseTier: {
      none: 'Under 0.8× / not sure',
      '0.8x': '0.8–1×',
      '1x': '1–2×',
      '2x': '2–3×',
      '3x': '3× or more',
    },
    spouse: { hukou: 'Yes, Shanghai hukou', notHukou: 'No', single: 'Not married' },
    bonuses: {
      shortageMajor: 'Shortage-field major',
      award: 'Municipal+ award',
      talent: 'Entrepreneur/tech talent',
      investTax: 'Tax from invested firm',
      publicService: 'Public service work',
      remoteArea: 'Remote area work+living',
    },
    award: { municipal_special: 'Municipal special award', municipal_general: 'Municipal general award', national: 'Provincial/ministerial+' },
    penalties: {
      falseMaterials: 'False documents found',
      detention: 'Administrative detention',
      crime: 'General criminal offence',
      seriousCrime: 'Serious criminal offence',
    },
    stage: {
      notStarted: 'Not started yet',
      accountOpened: 'Employer account opened',
      submitted: 'Submitted & accepted',
      approved: 'Points approved',
    },
  },
  /** Extra typed forms accepted for options, besides the labels above. */
  aliases: {
    education: {
      none: ['高中', '中专', '初中', '没有', '无', 'high school', 'secondary school', 'technical school', 'middle school', 'none', 'no'],
      college: ['专科', '高职', '大专', 'college', 'college diploma', 'junior college', 'vocational college', 'associate', 'associate degree'],
      bachelor: [
        '本科没学位',
        '本科无学位',
        '没有学位',
        '没学位',
        '只有毕业证',
        'bachelor without degree',
        'bachelor no degree',
        "bachelor's without degree",
        'no degree',
        'without degree',
        'graduation certificate only',
        'diploma only',
      ],
      bachelor_degree: [
        '本科',
        '学士',
        '本科有学位',
        '本科学士',
        '本科加学位',
        '统招本科',
        'bachelor',
        "bachelor's",
        "bachelor's degree",
        'bachelor degree',
        'bachelor with degree',
        'undergraduate',
        'ba',
        'bs',
        'bsc',
      ],
      master: ['研究生', '硕士', 'master', "master's", 'masters', "master's degree", 'postgraduate', 'graduate', 'ma', 'msc', 'mba'],
      doctor: ['博士', 'doctor', 'doctorate', 'phd', 'ph.d.', 'doctoral'],
    },
    degreeMode: {
      fullTime: ['全日制', '统招', 'full-time', 'full time', 'fulltime', 'regular'],
      partTime: [
        '非全日制',
        '自考',
        '成考',
        '成人',
        '网教',
        '函授',
        '夜大',
        '开放大学',
        'part-time',
        'part time',
        'non-full-time',
        'self-study',
        'self-study exam',
        'adult education',
        'adult college',
        'online',
        'online education',
        'distance learning',
        'correspondence',
        'evening university',
        'night school',
        'open university',
      ],
      foreign: ['国外', '境外', '海外', '留学', 'foreign', 'overseas', 'abroad', 'studied abroad', 'international'],
    },
    title: {
      none: ['没有', '无', '都没有', '没', 'none', 'no', 'nothing', 'neither'],
      skill5: ['五级', '初级工', 'level 5', 'l5', 'grade 5', 'junior worker'],
      skill4: ['四级', '中级工', 'level 4', 'l4', 'grade 4', 'intermediate worker', 'mid worker'],
      skill3: ['三级', '高级工', 'level 3', 'l3', 'grade 3', 'senior worker'],
      skill2: ['二级', '技师', 'level 2', 'l2', 'grade 2', 'technician'],
      skill1: ['一级', '高级技师', 'level 1', 'l1', 'grade 1', 'senior technician', 'sr technician'],
      mid: ['中级', '中级职称', '工程师', 'intermediate', 'intermediate title', 'mid-level', 'mid level', 'engineer'],
      senior: [
        '高级',
        '高级职称',
        '副高',
        '正高',
        '高工',
        'senior',
        'senior title',
        'associate senior',
        'full senior',
        'senior engineer',
        'professor',
      ],
    },
    baseTier: {
      none: ['不清楚', '不知道', '不到0.8', '没有', 'not sure', 'unsure', "don't know", 'dont know', 'unknown', 'below 0.8', 'under 0.8', 'less than 0.8', 'none'],
      '0.8x': ['0.8', '0.8x', '0.8 times', '0.8-1'],
      '1x': ['1倍', '一倍', '1x', '1 time', '1 times', 'one time', 'once', '1-2'],
      '2x': ['2倍', '两倍', '2x', '2 times', 'two times', 'twice', 'double', '2-3'],
      '3x': ['3倍', '三倍', '3x', '3 times', 'three times', 'triple', '3+', 'more than 3'],
    },
    spouse: {
      hukou: ['是', '上海户口', '上海户籍', '是的', 'yes', 'shanghai hukou', 'yes shanghai hukou', 'local hukou', 'hukou', 'shanghai household registration'],
      notHukou: ['不是', '否', '外地', 'no', 'not', 'not shanghai', 'not shanghai hukou', 'no hukou', 'non-local', 'other province', 'out of town'],
      single: ['未婚', '单身', '没结婚', 'single', 'unmarried', 'not married', 'no spouse'],
    },
    stage: {
      notStarted: ['没开始', '还没', '没有', 'not started', 'not yet', 'no', 'nothing yet', "haven't started"],
      accountOpened: ['开通账号', '账号', 'account', 'account opened', 'employer account', 'opened account'],
      submitted: ['已提交', '受理', '交了材料', 'submitted', 'accepted', 'documents submitted', 'applied'],
      approved: ['审批通过', '通过了', '办好了', '已通过', 'approved', 'done', 'passed', 'finished', 'completed'],
    },
    award: {
      municipal_special: ['专项', 'special', 'municipal special', 'special award'],
      municipal_general: ['综合', 'general', 'comprehensive', 'municipal general', 'general award'],
      national: ['省部级', '国家级', 'provincial', 'ministerial', 'national', 'state level'],
    },
  } as Record<string, Record<string, string[]>>,
  unparsed: (hint: string) => `Sorry, I didn't quite understand your answer 🙏 ${hint}`,
  outOfRange: (min: number, max: number) => `That number doesn't look right. Please enter a number between ${min} and ${max}.`,
  escapeOffer:
    'This question seems hard to answer. You can skip it (it will be estimated as "no/none"), or ask a consultant for help.',
  skipButton: 'Skip this question',
  consultantButton: 'Talk to a consultant',
  staleButton: "That button has expired. Let's continue with the current question:",
  resumeAfterFaq: "OK, let's get back to where we were:",
  restarted: "OK, let's start over.",
  backNothing: "This is already the first question.",
  idleRestart:
    "It's been more than 30 days since we last chatted. The policy and your situation may both have changed, so let's start from the beginning.",
  incompatibleState: "Sorry, the bot has just been upgraded and our previous conversation can't be continued. Let's start from the beginning.",
  storageError: "Sorry, the system can't save the conversation right now. Please send your message again in a moment. Your earlier answers won't be lost.",
  blockers: {
    noPermit:
      "A valid Shanghai Residence Permit (《上海市居住证》) is a prerequisite for a points application, so you can't apply yet.\nWhat to do: first register your residence where you live; after half a year, if you meet one of the conditions on employment, housing or study, you can apply for the residence permit. Come back for an assessment once you have it.",
    noInsurance:
      "Points require Shanghai employee social insurance (paid through an employer). Flexible-employment or out-of-town social insurance does not qualify, so you can't apply yet.\nWhat to do: join a Shanghai employer that pays employee social insurance for you; once you have 6 months in total, you can apply.",
    insuranceUnder6:
      "A points application requires at least 6 months in total of normally paid Shanghai employee social insurance within the last 12 months (back payments don't count). You don't meet this yet.\nWhat to do: keep paying normally; once you reach 6 months you can apply. Come back then for a new estimate.",
    branch:
      "Employees of branch offices or branch units that Shanghai employers have set up in other provinces or cities are not covered by the points scheme, so you can't apply at the moment.\nWhat to do: if your employment contract and social insurance move to a Shanghai employer (or the Shanghai headquarters) in future, you can apply through that employer once you meet the conditions.",
    age: 'The age criterion for points only covers ages 18–60, and your current age is outside the range that can apply.',
    seriousCrime:
      'A record of a serious criminal offence is a "one-vote veto" case: you cannot apply for points. We suggest talking to a consultant to confirm based on your specific situation.',
  } as Record<string, string>,
  ineligibleTail: 'Feel free to ask me any other questions about points. Send /restart to reassess, or /consultant to reach a consultant.',
  estimateTitle: (total: number) => `📊 Your estimated points: ${total}`,
  reached: (total: number, passMark: number) => `✅ You reach the ${passMark}-point standard (${total} points).`,
  gap: (gap: number, passMark: number) => `You are ${gap} ${gap === 1 ? 'point' : 'points'} short of ${passMark}.`,
  blockedEstimate: "⚠️ Some conditions aren't met yet, so you can't apply for now:",
  breakdownTitle: 'Breakdown:',
  warningsTitle: 'Reminders:',
  suggestionsTitle: 'Realistic ways to add points:',
  risksTitle: 'Document risks:',
  nextStepsTitle: 'Your next steps:',
  jobChangeTitle: 'About changing jobs:',
  expectedBy: (what: string, date: string) =>
    `${what} expected around ${date} (counted in working days, taking public holidays and make-up working days into account).`,
  consultantYes:
    "Great! A consultant will contact you as soon as possible (the step for leaving your contact details is still being finalised). You can keep asking me questions in the meantime.",
  consultantNo: "OK, the assessment is complete. Ask me anything at any time; send /restart to reassess.",
  done: 'The assessment is complete. You can ask me questions directly, send /restart to reassess, or /consultant to reach a consultant.',
  help:
    'What I can do:\n• Points assessment: /start to begin, /back to change the previous answer, /restart to start over\n• Policy Q&A: just type your question, or send /faq to browse by topic\n• Reach a consultant: /consultant\n• Privacy notice: /privacy; delete my data: /delete',
  consultant:
    "OK, I've noted that you'd like a consultant to follow up. A consultant will contact you during working hours; until then you can keep asking me questions.",
  faqMenu: 'What would you like to know about? Tap a topic:',
  faqTopicEntries: 'Common questions on this topic; tap one to see the answer:',
  unknownCommand: "There's no such command. Send /help to see what I can do.",
  privacy:
    'Privacy notice: I only store the answers needed to estimate your points and your conversation progress, to continue the conversation and (with your consent) to pass them to a consultant. Send /delete at any time to delete all of your data.',
  deleteConfirm: 'Are you sure you want to delete all your data (answers and conversation progress)? This cannot be undone.',
  deleteYes: 'Yes, delete',
  deleteNo: 'Cancel',
  deleted: 'All of your data has been deleted. Send /start to begin again.',
  deleteCancelled: 'Cancelled; your data has been kept.',
  nonText: 'I can only understand text messages. Please answer or ask in text.',
  tooLong: (max: number) => `That message is too long (over ${max} characters). Please describe your question briefly.`,
  emojiOnly: 'Got it 😊 Please answer or ask in text.',
};
