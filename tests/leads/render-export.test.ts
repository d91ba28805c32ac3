import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimate/estimate.js';
import { CSV_COLUMNS, leadsToCsv, leadsToJson } from '../../src/leads/export.js';
import { LeadSchema, type Lead } from '../../src/leads/lead-schema.js';
import { qualify, suggestNextStep } from '../../src/leads/qualify.js';
import { parseCardButton, renderLeadCard, renderLeadLine } from '../../src/leads/render-card.js';
import { applicant, PHONE, PROFILE_129 } from './lead-fixtures.js';

function lead(extra: Partial<Lead> = {}): Lead {
  const e = estimate(PROFILE_129);
  const qualification = qualify(e);
  return LeadSchema.parse({
    id: 'L-20261201-0007',
    chatId: '1001',
    channel: 'telegram',
    createdAt: '2026-12-01T02:00:00.000Z',
    updatedAt: '2026-12-01T03:00:00.000Z',
    version: 1,
    status: 'new',
    statusHistory: [],
    qualification,
    requested: true,
    consentAt: '2026-12-01T02:30:00.000Z',
    contact: { name: '张三', phone: PHONE, wechat: 'zhang_san', contactTime: '工作日晚上', telegramUsername: 'zhangsan' },
    answers: { age: 35 },
    estimate: e,
    risks: ['学历需认证'],
    stage: '已在办理居住证',
    jobChange: false,
    topics: ['faq-materials', 'faq-renewal'],
    nextStep: suggestNextStep({ qualification, estimate: e }),
    ...extra,
  });
}

describe('the consultant card', () => {
  it('shows everything a consultant needs in one compact message, with claim / contacted / close buttons', () => {
    const { text, buttons } = renderLeadCard(lead());
    expect(text.split('\n')).toEqual([
      '🧾 线索 L-20261201-0007 · ✅ 合格 · 🙋 主动要求顾问',
      `👤 张三 · ${PHONE} · 微信 zhang_san · 方便时间 工作日晚上 · @zhangsan`,
      '📊 估分 129 分，已达 120 分标准',
      '   年龄 +30，学历 +90，社保年限 +9',
      '⚠️ 风险：学历需认证',
      '🧭 阶段：已在办理居住证 · 暂不换工作',
      '❓ 咨询过：faq-materials, faq-renewal',
      '➡️ 下一步：已达标：协助准备材料并提交',
      '📌 状态：新线索',
    ]);
    expect(buttons).toEqual([
      [
        { id: 'lc:L-20261201-0007:claimed', label: '认领 Claim' },
        { id: 'lc:L-20261201-0007:contacted', label: '已联系 Contacted' },
        { id: 'lc:L-20261201-0007:closed', label: '关闭 Close' },
      ],
    ]);
    expect(parseCardButton('lc:L-20261201-0007:contacted')).toEqual({ leadId: 'L-20261201-0007', status: 'contacted' });
    expect(parseCardButton('lc:L-20261201-0007:new')).toBeUndefined();
  });

  it('names blockers, the gap and who changed the status when', () => {
    const e = estimate(applicant({ insuredMonthsLast12: 3, education: 'college' }));
    const { text } = renderLeadCard(
      lead({ estimate: e, qualification: 'nurture', requested: false, status: 'claimed', statusHistory: [{ status: 'claimed', by: '王顾问', at: '2026-12-01T06:03:00.000Z' }] }),
    );
    expect(text).toContain(`📊 估分 ${e.total} 分，差 ${e.gap} 分`);
    expect(text).toContain('⛔ 不能申请：前 12 个月内正常缴纳职工社保只有 3 个月');
    expect(text).toContain('📌 状态：已认领（王顾问，12-01 14:03）');
    expect(text).not.toContain('主动要求顾问');
  });

  it('lists a lead in one line with the phone number masked', () => {
    expect(renderLeadLine(lead())).toBe('L-20261201-0007 · ✅ 合格 · 新线索 · 张三 · 139****5678 · 129 · 要求顾问');
  });
});

describe('exports', () => {
  it('JSON has the interface fields for every lead, null when unknown, and the rest of the lead', () => {
    const [withContact, without] = JSON.parse(leadsToJson([lead(), lead({ id: 'L-20261201-0008', consentAt: null, contact: {}, estimate: null })])) as Array<Record<string, unknown>>;
    expect(withContact).toMatchObject({
      id: 'L-20261201-0007',
      createdAt: '2026-12-01T02:00:00.000Z',
      status: 'new',
      qualification: 'qualified',
      consentAt: '2026-12-01T02:30:00.000Z',
      contact: { name: '张三', phone: PHONE, wechat: 'zhang_san' },
      estimate: { total: 129, gap: 0 },
      topics: ['faq-materials', 'faq-renewal'],
    });
    expect(without).toMatchObject({ consentAt: null, contact: { name: null, phone: null, wechat: null }, estimate: { total: null, gap: null } });
  });

  it('CSV escapes commas, quotes and newlines (RFC 4180) and keeps formulas from running', () => {
    const csv = leadsToCsv([lead({ contact: { name: '张三, "老张"\n二行', phone: PHONE, wechat: '=HYPERLINK("x")' }, stage: 'a,b' })]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(header).toBe('id,createdAt,status,qualification,consentAt,contact.name,contact.phone,contact.wechat,estimate.total,estimate.gap,requested,stage,updatedAt');
    expect(csv).toContain(`"张三, ""老张""\n二行",${PHONE},"'=HYPERLINK(""x"")",129,0,true,"a,b",2026-12-01T03:00:00.000Z`);
    expect(row!.startsWith('L-20261201-0007,2026-12-01T02:00:00.000Z,new,qualified,2026-12-01T02:30:00.000Z,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
