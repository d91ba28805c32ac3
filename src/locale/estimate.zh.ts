import type { Award, BaseTier, Education, Title } from '../estimate/profile.js';

/**
 * Every user-facing text of the points estimator (breakdown notes, blockers, warnings, suggestions).
 * Figures are passed in from knowledge/scoring.yaml; these functions only word them.
 * Simplified Chinese is the reference; estimate.en.ts implements the same interface.
 */
export interface EstimateTexts {
  labels: {
    education: Record<Education, string>;
    title: Record<Title, string>;
    baseTier: Record<BaseTier, string>;
    award: Record<Award, string>;
  };
  notes: {
    ageFull(age: number, points: number, upToAge: number): string;
    ageFormula(age: number, points: number, base: number, perYear: number, fromAge: number): string;
    ageFloor(age: number, points: number, fromAge: number, maxAge: number): string;
    ageOutOfRange(age: number, minAge: number, maxAge: number): string;
    educationNone(): string;
    educationCounted(level: string, points: number): string;
    educationNotCounted(level: string, points: number, title: string, titlePoints: number): string;
    titleCounted(title: string, points: number): string;
    titleNotCounted(title: string, points: number, level: string, educationPoints: number): string;
    titleBaseMissing(title: string, points: number): string;
    socialInsuranceYears(months: number, years: number, perYear: number): string;
    baseTier(tier: string, points: number): string;
    shortageMajor(points: number): string;
    investTax(taxPerYear: number, employees: number, byTax: number, byEmployees: number, points: number, cap: number | null): string;
    publicServiceNotYet(years: number, fromYears: number): string;
    publicService(years: number, perYear: number): string;
    remoteAreaNotYet(years: number, fromYears: number): string;
    remoteArea(years: number, perYear: number, points: number, cap: number | null): string;
    spouseHukou(years: number, perYear: number, points: number, cap: number | null): string;
    award(level: string, points: number): string;
    startupTalent(points: number): string;
    intermediaryTalent(points: number): string;
    falseMaterials(count: number, each: number): string;
    detentions(count: number, each: number): string;
    crimes(count: number, each: number): string;
  };
  blockers: {
    noResidencePermit(): string;
    noSocialInsurance(): string;
    tooFewInsuredMonths(months: number, minMonths: number): string;
    outOfTownBranch(): string;
    tooYoung(age: number, minAge: number): string;
    tooOld(age: number, maxAge: number): string;
    seriousCrime(): string;
    familyPlanning(): string;
  };
  warnings: {
    titleBaseCondition(title: string, points: number): string;
    titleMatchesPost(): string;
    educationRecognition(): string;
    socialInsuranceNormalOnly(): string;
    baseTierWindow(): string;
    shortageMajorScope(): string;
    investTaxCap(cap: number | null, conflictingCap: number | null): string;
    publicServiceStart(fromYears: number): string;
    remoteAreaStart(fromYears: number): string;
    falseMaterialsPeriod(): string;
    familyPlanning(): string;
    simulation(): string;
  };
  suggestions: {
    fixResidencePermit(): string;
    fixSocialInsurance(minMonths: number): string;
    fixInsuredMonths(monthsMore: number, minMonths: number): string;
    fixOutOfTownBranch(): string;
    fixTooYoung(yearsLeft: number, minAge: number): string;
    fixTooOld(maxAge: number): string;
    fixSeriousCrime(): string;
    pointsOnceEligible(total: number, passMark: number): string;
    moreInsuranceMonths(monthsMore: number, fullYears: number, plus: number): string;
    raiseBaseTier(tier: string, plus: number): string;
    meetTitleBase(title: string, plus: number): string;
    getTitle(title: string, points: number, plus: number, needsBase: boolean): string;
    upgradeEducation(level: string, points: number, plus: number): string;
    shortageMajor(plus: number): string;
    spouseHukouMore(years: number, plus: number, cap: number | null): string;
    spouseHukouIf(perYear: number, cap: number | null): string;
    ageKeepsFull(yearsLeft: number, upToAge: number, points: number, perYear: number): string;
    ageDropping(perYear: number): string;
    closesGap(passMark: number): string;
    keepValid(): string;
    applySoon(drop: number, total: number, passMark: number): string;
  };
  /** Headings of the plain-text report printed by `npm run estimate` without --json. */
  report: {
    title(): string;
    total(total: number, passMark: number): string;
    reaches(): string;
    gap(gap: number): string;
    eligible(): string;
    notEligible(): string;
    blockers(): string;
    breakdown(): string;
    warnings(): string;
    suggestions(): string;
    points(points: number): string;
  };
}

const yuan = (n: number): string => (n >= 10_000 ? `${+(n / 10_000).toFixed(2)} 万元` : `${n} 元`);
const capText = (cap: number | null): string => (cap === null ? '' : `，最高 ${cap} 分`);

export const estimateZh: EstimateTexts = {
  labels: {
    education: {
      none: '无学历分',
      college: '大专（高职）',
      bachelor: '本科学历（无学位）',
      bachelor_degree: '本科学历+学士学位',
      master: '硕士研究生',
      doctor: '博士研究生',
    },
    title: {
      none: '无职称/技能等级',
      skill5: '国家职业资格五级',
      skill4: '国家职业资格四级',
      skill3: '国家职业资格三级',
      skill2: '国家职业资格二级（技师）',
      skill1: '国家职业资格一级（高级技师）',
      mid: '中级职称',
      senior: '高级职称',
    },
    baseTier: {
      none: '低于社平工资 80%',
      '0.8x': '社平工资 0.8–1 倍',
      '1x': '社平工资 1–2 倍',
      '2x': '社平工资 2–3 倍',
      '3x': '社平工资 3 倍及以上',
    },
    award: {
      none: '无',
      municipal_special: '市级机关专项表彰奖励',
      municipal_general: '市级机关综合性表彰奖励',
      national: '省部级及以上政府表彰奖励',
    },
  },
  notes: {
    ageFull: (age, points, upToAge) => `${age} 周岁：${upToAge} 周岁及以下满分 ${points} 分`,
    ageFormula: (age, points, base, perYear, fromAge) =>
      `${age} 周岁：${base}+${perYear}×(${fromAge}−${age}) = ${points} 分`,
    ageFloor: (age, points, fromAge, maxAge) => `${age} 周岁：${fromAge}–${maxAge} 周岁计 ${points} 分`,
    ageOutOfRange: (age, minAge, maxAge) => `${age} 周岁：不在 ${minAge}–${maxAge} 周岁的申请年龄范围内，不计分`,
    educationNone: () => '无可计分的学历（大专及以上才计分）',
    educationCounted: (level, points) => `${level}：${points} 分`,
    educationNotCounted: (level, points, title, titlePoints) =>
      `${level} ${points} 分，与职称/技能二选一，按分高的${title}（${titlePoints} 分）计，本项记 0 分`,
    titleCounted: (title, points) => `${title}：${points} 分（与学历二选一，按分高的计）`,
    titleNotCounted: (title, points, level, educationPoints) =>
      `${title} ${points} 分，不高于学历分（${level} ${educationPoints} 分），二选一按学历计，本项记 0 分`,
    titleBaseMissing: (title, points) =>
      `${title}本可计 ${points} 分，但未确认满足社保缴费基数条件，暂按 0 分计`,
    socialInsuranceYears: (months, years, perYear) =>
      `正常缴纳本市职工社保 ${months} 个月 = 满 ${years} 年 × ${perYear} 分`,
    baseTier: (tier, points) => `社保缴费基数${tier}：${points} 分`,
    shortageMajor: (points) => `紧缺急需专业且岗位对口：${points} 分`,
    investTax: (taxPerYear, employees, byTax, byEmployees, points, cap) =>
      `年均纳税 ${yuan(taxPerYear)}（${byTax} 分）、聘用本市户籍员工 ${employees} 人（${byEmployees} 分），择高计 ${points} 分${capText(cap)}`,
    publicServiceNotYet: (years, fromYears) => `特定公共服务领域工作 ${years} 年：满 ${fromYears} 年后才计入，目前 0 分`,
    publicService: (years, perYear) => `特定公共服务领域工作 ${years} 年 × ${perYear} 分`,
    remoteAreaNotYet: (years, fromYears) => `远郊重点区域工作并居住 ${years} 年：满 ${fromYears} 年后才计入，目前 0 分`,
    remoteArea: (years, perYear, points, cap) =>
      `远郊重点区域工作并居住 ${years} 年 × ${perYear} 分 = ${points} 分${capText(cap)}`,
    spouseHukou: (years, perYear, points, cap) =>
      `配偶为本市户籍，结婚满 ${years} 年 × ${perYear} 分 = ${points} 分${capText(cap)}`,
    award: (level, points) => `${level}：${points} 分`,
    startupTalent: (points) => `创业人才（孵化器内企业持股≥5%，满 6 个月）：${points} 分`,
    intermediaryTalent: (points) => `创新创业中介服务人才（技术转移服务满 6 个月）：${points} 分`,
    falseMaterials: (count, each) => `提供虚假材料 ${count} 次 × ${each} 分`,
    detentions: (count, each) => `5 年内行政拘留 ${count} 次 × ${each} 分`,
    crimes: (count, each) => `5 年内一般刑事犯罪记录 ${count} 条 × ${each} 分`,
  },
  blockers: {
    noResidencePermit: () => '没有有效的《上海市居住证》，不能申请积分。',
    noSocialInsurance: () => '没有在本市正常缴纳职工社保，不能申请积分。',
    tooFewInsuredMonths: (months, minMonths) =>
      `前 12 个月内正常缴纳职工社保只有 ${months} 个月，需累计满 ${minMonths} 个月（补缴不算）。`,
    outOfTownBranch: () => '本市单位设在外省市的分支机构的员工不在申请范围内。',
    tooYoung: (age, minAge) => `${age} 周岁，未满 ${minAge} 周岁，不能申请积分。`,
    tooOld: (age, maxAge) => `${age} 周岁，超过 ${maxAge} 周岁，不在积分申请年龄范围内。`,
    seriousCrime: () => '有严重刑事犯罪记录，属一票否决，不能申请积分。',
    familyPlanning: () => '有违反计划生育政策的情形，按计分表属一票否决。',
  },
  warnings: {
    titleBaseCondition: (title, points) =>
      `${title}要计 ${points} 分，需满足：社保缴费基数最近1年内累计6个月不低于上年度社平工资（1 倍）。未确认满足，本次按 0 分估算。`,
    titleMatchesPost: () =>
      '职称/技能等级须与所在岗位相对应、在市人社局公布的目录内；外省市或国外职称需先复核或评审。',
    educationRecognition: () =>
      '学历须为国家认可的学历学位；非全日制学历（自考、成教、网教等）有地域条件，以人才服务中心审核为准。',
    socialInsuranceNormalOnly: () => '社保月数只算本市正常缴纳的月份；补缴、断缴、从外地转入的月份不计入。',
    baseTierWindow: () =>
      '社保缴费基数档的统计窗口各处写法不一（最近 4 年内累计 36 个月 / 最近连续 3 年；3 倍档为最近 3 年内累计 24 个月），以系统计算为准。',
    shortageMajorScope: () => '紧缺急需专业须在本市目录内且岗位对口；有说法称目录实际只覆盖（全日制）大专专业，需核实。',
    investTaxCap: (cap, conflictingCap) =>
      `投资纳税/带动就业一项的上限说法有冲突：按 ${cap ?? '无上限'} 分估算，2013 年报道为 ${conflictingCap ?? '无上限'} 分，以官方细则为准。`,
    publicServiceStart: (fromYears) =>
      `特定公共服务领域按"满 ${fromYears} 年后计入"估算；该项的上限和领域范围（试行期仅限环卫）未找到原文，本次未设上限，需核实。`,
    remoteAreaStart: (fromYears) =>
      `远郊重点区域按"满 ${fromYears} 年后计入"估算；各来源说法有冲突（也有满 3 年、临港新片区第 1 年起计入的说法），区域范围也需核实。`,
    falseMaterialsPeriod: () => '虚假材料扣分的追溯年限各处说法不一（有计算器写"3 年内"），以审核为准。',
    familyPlanning: () =>
      '违反计划生育政策在 2013/2017 年文本中属一票否决，三孩政策后是否仍执行不确定，本次未作为否决项，请向人才服务中心核实。',
    simulation: () =>
      '以上仅为模拟估算，请在上海市居住证积分管理信息系统中模拟打分确认，以人才服务中心/官网最新口径为准。',
  },
  suggestions: {
    fixResidencePermit: () => '先办理居住登记，满半年后申领《上海市居住证》；持有效居住证后才能申请积分。',
    fixSocialInsurance: (minMonths) =>
      `需由本市用人单位正常缴纳职工社保，前 12 个月内累计满 ${minMonths} 个月（补缴不算）后即可申请。`,
    fixInsuredMonths: (monthsMore, minMonths) =>
      `再正常缴纳 ${monthsMore} 个月职工社保，前 12 个月内累计满 ${minMonths} 个月后即可申请（补缴不算）。`,
    fixOutOfTownBranch: () => '外省市分支机构的员工需改由在本市注册的用人单位聘用并缴纳本市社保后，才能通过单位申请。',
    fixTooYoung: (yearsLeft, minAge) => `年满 ${minAge} 周岁后（还有 ${yearsLeft} 年）才能申请。`,
    fixTooOld: (maxAge) => `超过 ${maxAge} 周岁无法申请积分；如有其他需求，可以咨询顾问了解其他途径。`,
    fixSeriousCrime: () => '严重刑事犯罪记录属一票否决，积分途径走不通；如记录有误，请咨询顾问。',
    pointsOnceEligible: (total, passMark) =>
      total >= passMark
        ? `满足申请条件后，按目前情况估算为 ${total} 分，已达到 ${passMark} 分。`
        : `满足申请条件后，按目前情况估算为 ${total} 分，距 ${passMark} 分还差 ${passMark - total} 分。`,
    moreInsuranceMonths: (monthsMore, fullYears, plus) =>
      `再正常缴纳 ${monthsMore} 个月社保（满 ${fullYears} 年），年限分 +${plus} 分；之后每再满 1 年再 +${plus} 分。`,
    raiseBaseTier: (tier, plus) => `社保缴费基数提高到${tier}（按规定时间窗口累计），+${plus} 分。`,
    meetTitleBase: (title, plus) =>
      `让社保缴费基数最近1年内累计6个月不低于上年度社平工资，${title}即可计分，+${plus} 分。`,
    getTitle: (title, points, plus, needsBase) =>
      `取得${title}（${points} 分，与学历二选一按高的计），+${plus} 分${needsBase ? '；还需社保缴费基数最近1年内累计6个月不低于上年度社平工资' : ''}。`,
    upgradeEducation: (level, points, plus) => `取得${level}（${points} 分），+${plus} 分。`,
    shortageMajor: (plus) => `如所学专业在本市紧缺急需专业目录内且岗位对口，+${plus} 分。`,
    spouseHukouMore: (years, plus, cap) =>
      `配偶为本市户籍：结婚满 ${years + 1} 年时再 +${plus} 分${cap === null ? '' : `（该项最高 ${cap} 分）`}。`,
    spouseHukouIf: (perYear, cap) =>
      `如配偶为本市户籍，结婚每满 1 年 +${perYear} 分${cap === null ? '' : `，最高 ${cap} 分`}。`,
    ageKeepsFull: (yearsLeft, upToAge, points, perYear) =>
      `年龄分 ${upToAge} 周岁及以下都是满分 ${points}，之后每年少 ${perYear} 分；您还有约 ${yearsLeft} 年保持满分，宜尽早达标申请。`,
    ageDropping: (perYear) => `年龄分每长 1 岁少 ${perYear} 分，越早达标申请越有利。`,
    closesGap: (passMark) => `单这一项即可达到 ${passMark} 分。`,
    keepValid: () => '已达到标准分值：积分有效期跟居住证一致，居住证签注后记得通过单位办理积分续办（确认）。',
    applySoon: (drop, total, passMark) =>
      `余量很小：满 1 周岁后年龄分少 ${drop} 分，届时约 ${total - drop} 分，低于 ${passMark} 分，建议尽快申请。`,
  },  report: {
    title: () => '上海居住证积分 估分结果',
    total: (total, passMark) => `估算总分：${total} 分（标准分值 ${passMark} 分）`,
    reaches: () => '已达到标准分值。',
    gap: (gap) => `距标准分值还差 ${gap} 分。`,
    eligible: () => '申请条件：目前没有发现阻碍申请的情形。',
    notEligible: () => '申请条件：暂时不能申请，原因如下：',
    blockers: () => '不能申请的原因',
    breakdown: () => '分项明细',
    warnings: () => '提醒',
    suggestions: () => '建议',
    points: (points) => `${points > 0 ? '+' : ''}${points} 分`,
  },
};
