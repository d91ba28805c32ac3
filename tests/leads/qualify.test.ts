import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimate/estimate.js';
import type { Estimate } from '../../src/estimate/estimate.js';
import { qualify, QUALIFY_RULES, QualificationRulesSchema, suggestNextStep } from '../../src/leads/qualify.js';

/** The suggestions the qualification rule counts as priced (by the estimator's codes). */
const priced = (e: Estimate) => e.suggestions.filter((_, i) => QUALIFY_RULES.pricedSuggestions.includes(e.suggestionCodes[i]!));
const general = (e: Estimate) => e.suggestions.filter((_, i) => !QUALIFY_RULES.pricedSuggestions.includes(e.suggestionCodes[i]!));
import { applicant, PROFILE_129, PROFILE_83 } from './lead-fixtures.js';

describe('qualification', () => {
  it('a 129-point applicant with nothing blocking is qualified and is told to prepare the documents', () => {
    const e = estimate(PROFILE_129);
    expect(qualify(e)).toBe('qualified');
    expect(suggestNextStep({ qualification: 'qualified', estimate: e })).toBe('已达标：协助准备材料并提交');
  });

  it('an 83-point applicant is nurture even with priced suggestions, because 37 short is more than 30', () => {
    const e = estimate(PROFILE_83);
    expect(e.gap).toBe(37);
    expect(priced(e).length).toBeGreaterThan(0);
    expect(QUALIFY_RULES.nearGap).toBe(30);
    expect(qualify(e)).toBe('nurture');
    expect(suggestNextStep({ qualification: 'nurture', estimate: e })).toMatch(/^差 37 分：建议再正常缴纳 12 个月社保/);
  });

  it('an eligible applicant at most 30 short with a priced suggestion is qualified', () => {
    const e = estimate(applicant({ education: 'bachelor_degree', socialInsuranceMonths: 0, age: 50 }));
    expect(e.eligible).toBe(true);
    expect(e.gap).toBeGreaterThan(0);
    expect(e.gap).toBeLessThanOrEqual(30);
    expect(qualify(e)).toBe('qualified');
    expect(qualify({ ...e, suggestions: general(e), suggestionCodes: e.suggestionCodes.filter((c) => !QUALIFY_RULES.pricedSuggestions.includes(c)) })).toBe('nurture');
  });

  it('staff of an out-of-town branch are ineligible even with enough points', () => {
    const e = estimate(applicant({ outOfTownBranch: true, education: 'master', socialInsuranceMonths: 36 }));
    expect(e.total).toBeGreaterThanOrEqual(120);
    expect(qualify(e)).toBe('ineligible');
    expect(suggestNextStep({ qualification: 'ineligible', estimate: e })).toMatch(/^暂不能申请：本市单位设在外省市的分支机构/);
  });

  it('three months of insurance in the last twelve is nurture, because waiting fixes it', () => {
    const e = estimate(applicant({ insuredMonthsLast12: 3, education: 'bachelor_degree', socialInsuranceMonths: 36 }));
    expect(qualify(e)).toBe('nurture');
    expect(suggestNextStep({ qualification: 'nurture', estimate: e })).toMatch(/^暂不能申请：.*3 个月.*；条件满足后再跟进$/);
  });

  it('no residence permit yet and being under 18 are nurture; over 60 and a serious crime are ineligible', () => {
    expect(qualify(estimate(applicant({ hasResidencePermit: false, education: 'master' })))).toBe('nurture');
    expect(qualify(estimate(applicant({ age: 17 })))).toBe('nurture');
    expect(qualify(estimate(applicant({ age: 61, education: 'doctor' })))).toBe('ineligible');
    expect(qualify(estimate(applicant({ seriousCrime: true, education: 'doctor', socialInsuranceMonths: 120 })))).toBe('ineligible');
  });

  it('blockers and suggestions are recognised in English estimates too', () => {
    expect(qualify(estimate(applicant({ seriousCrime: true }), undefined, 'en'))).toBe('ineligible');
    expect(qualify(estimate(applicant({ insuredMonthsLast12: 1, education: 'doctor' }), undefined, 'en'))).toBe('nurture');
    const en = estimate(PROFILE_83, undefined, 'en');
    expect(priced(en).length).toBeGreaterThanOrEqual(5);
    expect(en.suggestionCodes).toEqual(estimate(PROFILE_83).suggestionCodes);
    expect(suggestNextStep({ qualification: 'qualified', estimate: estimate(PROFILE_129, undefined, 'en') }, 'en')).toMatch(/^Reaches 120/);
  });

  it('a lead without an estimate is nurture, and an unknown blocker never makes a lead ineligible', () => {
    expect(qualify(null)).toBe('nurture');
    expect(suggestNextStep({ qualification: 'nurture', estimate: null })).toMatch(/^问卷未完成/);
    const e = { ...estimate(PROFILE_129), eligible: false, blockers: ['某个新的限制条件'], blockerCodes: [] };
    expect(qualify(e)).toBe('nurture');
    // A lead stored before the codes were kept: its worded blockers are not read.
    const { blockerCodes: _codes, ...legacy } = estimate(applicant({ seriousCrime: true }));
    expect(qualify(legacy)).toBe('nurture');
  });

  it('general advice on timing or a spouse is not a concrete suggestion', () => {
    const e = estimate(PROFILE_83);
    expect(general(e).join('\n')).toMatch(/年龄分每长 1 岁/);
    expect(general(e).join('\n')).toMatch(/如配偶为本市户籍/);
    expect(priced(e).join('\n')).not.toMatch(/年龄分每长 1 岁|如配偶为本市户籍/);
  });

  it('follows knowledge/qualification.yaml: another near-gap or another list of permanent blockers changes the outcome', () => {
    const e83 = estimate(PROFILE_83);
    expect(qualify(e83, { ...QUALIFY_RULES, nearGap: 40 })).toBe('qualified');
    const old = estimate(applicant({ age: 61, education: 'doctor' }));
    expect(old.blockerCodes).toEqual(['tooOld']);
    expect(qualify(old, { ...QUALIFY_RULES, permanentBlockers: ['seriousCrime'] })).toBe('nurture');
    expect(qualify(e83, { ...QUALIFY_RULES, nearGap: 40, pricedSuggestions: [] })).toBe('nurture');
  });

  it('rejects a code the estimator does not have (a typo in knowledge/qualification.yaml stops start-up)', () => {
    expect(QualificationRulesSchema.safeParse(QUALIFY_RULES).success).toBe(true);
    const typo = QualificationRulesSchema.safeParse({ ...QUALIFY_RULES, permanentBlockers: ['tooOld', 'tooOlder'] });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues[0]?.path).toEqual(['permanentBlockers', 1]);
  });
});
