import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimate/estimate.js';
import { blockerKind, isConcreteSuggestion } from '../../src/leads/estimate-signals.js';
import { qualify, QUALIFY_RULES, suggestNextStep } from '../../src/leads/qualify.js';
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
    expect(e.suggestions.some(isConcreteSuggestion)).toBe(true);
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
    expect(qualify(e, [])).toBe('nurture');
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
    expect(estimate(PROFILE_83, undefined, 'en').suggestions.filter(isConcreteSuggestion).length).toBeGreaterThanOrEqual(5);
    expect(suggestNextStep({ qualification: 'qualified', estimate: estimate(PROFILE_129, undefined, 'en') }, 'en')).toMatch(/^Reaches 120/);
  });

  it('a lead without an estimate is nurture, and an unknown blocker never makes a lead ineligible', () => {
    expect(qualify(null)).toBe('nurture');
    expect(suggestNextStep({ qualification: 'nurture', estimate: null })).toMatch(/^问卷未完成/);
    expect(blockerKind('某个新的限制条件')).toBe('unknown');
    const e = { ...estimate(PROFILE_129), eligible: false, blockers: ['某个新的限制条件'] };
    expect(qualify(e)).toBe('nurture');
  });

  it('general advice on timing or a spouse is not a concrete suggestion', () => {
    const suggestions = estimate(PROFILE_83).suggestions;
    expect(suggestions.filter((s) => !isConcreteSuggestion(s)).join('\n')).toMatch(/年龄分每长 1 岁/);
    expect(suggestions.filter((s) => !isConcreteSuggestion(s)).join('\n')).toMatch(/如配偶为本市户籍/);
  });
});
