import type { FunnelStep, LeadStatus, Qualification } from '../leads/lead-schema.js';
import { intakeZh } from './intake.zh.js';

/**
 * Wording for consultants: lead cards, list lines, funnel statistics and the suggested next step.
 * Simplified Chinese is the reference; leads.en.ts implements the same interface.
 */
export interface LeadTexts {
  qualification: Record<Qualification, string>;
  status: Record<LeadStatus, string>;
  funnelStep: Record<FunnelStep, string>;
  /** Short names of the estimator's breakdown lines (by indicator id). */
  indicator: Record<string, string>;
  buttons: { claimed: string; contacted: string; closed: string };
  nextStep: {
    ready(passMark: number): string;
    closeGap(gap: number, suggestion: string): string;
    gapOnly(gap: number): string;
    cannotApply(reason: string): string;
    waitThenApply(reason: string): string;
    noEstimate(): string;
  };
  card: {
    title(id: string): string;
    requested(): string;
    contact(parts: string[]): string;
    noContact(): string;
    wechat(id: string): string;
    contactTime(time: string): string;
    estimate(total: number, gap: number, passMark: number): string;
    noEstimate(): string;
    breakdown(parts: string[]): string;
    blockers(list: string[]): string;
    risks(list: string[]): string;
    stage(stage: string): string;
    jobChange(plan: boolean): string;
    topics(ids: string[]): string;
    nextStep(text: string): string;
    status(status: string, by: string | undefined, at: string | undefined): string;
    erased(id: string): string;
  };
  line(parts: { id: string; qualification: string; status: string; name: string; phone: string; total: string; requested: boolean }): string;
  stats: {
    title(chats: number): string;
    step(label: string, count: number, percent: number | null): string;
    dropOff(question: string, count: number): string;
    noDropOff(): string;
  };
  /** Separator between items in one line. */
  sep: string;
}

export const leadsZh: LeadTexts = {
  qualification: { qualified: '✅ 合格', nurture: '🌱 培育', ineligible: '⛔ 暂不符合' },
  status: { new: '新线索', claimed: '已认领', contacted: '已联系', closed: '已关闭' },
  funnelStep: {
    started: '开始评估',
    passedPreconditions: '通过申请条件',
    finishedQuestionnaire: '完成问卷',
    consented: '同意留资',
    qualified: '合格线索',
    claimed: '顾问认领',
  },
  indicator: {
    age: '年龄',
    education: '学历',
    title: '职称/技能',
    socialInsuranceYears: '社保年限',
    baseTier: '社保基数',
    shortageMajor: '紧缺专业',
    investTax: '投资纳税',
    publicService: '公共服务',
    remoteArea: '远郊',
    spouseHukou: '配偶沪籍',
    award: '奖项',
    startupTalent: '创业人才',
    intermediaryTalent: '中介人才',
    falseMaterials: '虚假材料',
    detentions: '拘留',
    crimes: '刑事',
  },
  buttons: { claimed: '认领 Claim', contacted: '已联系 Contacted', closed: '关闭 Close' },
  nextStep: {
    ready: () => '已达标：协助准备材料并提交',
    closeGap: (gap, suggestion) => `差 ${gap} 分：建议${suggestion}`,
    gapOnly: (gap) => `差 ${gap} 分：先了解可补分的途径`,
    cannotApply: (reason) => `暂不能申请：${reason}`,
    waitThenApply: (reason) => `暂不能申请：${reason}；条件满足后再跟进`,
    noEstimate: () => '问卷未完成：先了解情况，补全问卷后估分',
  },
  card: {
    title: (id) => `🧾 线索 ${id}`,
    requested: () => '🙋 主动要求顾问',
    contact: (parts) => `👤 ${parts.join(' · ')}`,
    noContact: () => '👤 未留联系方式',
    wechat: (id) => `微信 ${id}`,
    contactTime: (time) => `方便时间 ${time}`,
    estimate: (total, gap, passMark) => `📊 估分 ${total} 分${gap > 0 ? `，差 ${gap} 分` : `，已达 ${passMark} 分标准`}`,
    noEstimate: () => '📊 尚无估分',
    breakdown: (parts) => `   ${parts.join('，')}`,
    blockers: (list) => `⛔ 不能申请：${list.join('；')}`,
    risks: (list) => `⚠️ 风险：${list.join('；')}`,
    stage: (stage) => `🧭 阶段：${intakeZh.options.stage[stage as keyof typeof intakeZh.options.stage] ?? stage}`,
    jobChange: (plan) => (plan ? '计划换工作' : '暂不换工作'),
    topics: (ids) => `❓ 咨询过：${ids.join(', ')}`,
    nextStep: (text) => `➡️ 下一步：${text}`,
    status: (status, by, at) => `📌 状态：${status}${by ? `（${by}${at ? `，${at}` : ''}）` : ''}`,
    erased: (id) => `🗑 线索 ${id} 已删除（用户要求删除或超过保存期限）`,
  },
  line: (p) =>
    [p.id, p.qualification, p.status, p.name, p.phone, p.total, ...(p.requested ? ['要求顾问'] : [])].join(' · '),
  stats: {
    title: (chats) => `📈 漏斗（共 ${chats} 个对话）`,
    step: (label, count, percent) => `${label}：${count}${percent === null ? '' : `（${percent}%）`}`,
    dropOff: (question, count) => `最多人停在：${question}（${count} 人）`,
    noDropOff: () => '暂无中途离开的对话',
  },
  sep: ' · ',
};
