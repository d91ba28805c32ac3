import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate, estimateJson, type Estimate, type Indicator } from '../../src/estimate/estimate.js';
import { EDUCATIONS, parseProfile, ProfileError, safeParseProfile, TITLES, type Profile } from '../../src/estimate/profile.js';
import {
  DEFAULT_SCORING_TABLE_URL,
  loadScoringTable,
  readScoringTable,
  ScoringTableError,
} from '../../src/estimate/scoring-table.js';

const table = loadScoringTable();

/** Someone who can apply: permit, 12 months of insurance, nothing else unless given. */
const applicant = (extra: Partial<Profile> = {}): Profile => ({
  age: 35,
  hasResidencePermit: true,
  employeeSocialInsurance: true,
  insuredMonthsLast12: 12,
  ...extra,
});

const run = (extra: Partial<Profile> = {}, locale: 'zh' | 'en' = 'zh'): Estimate => estimate(applicant(extra), table, locale);
const line = (result: Estimate, indicator: Indicator) => result.breakdown.find((l) => l.indicator === indicator);
const pointsOf = (result: Estimate, indicator: Indicator) => line(result, indicator)?.points;
const sumOf = (result: Estimate) => result.breakdown.reduce((total, l) => total + l.points, 0);
const hasCJK = (text: string) => /[\u4e00-\u9fff]/.test(text);

describe('the two worked examples', () => {
  it('a 35-year-old with a bachelor degree and 3 years of social insurance scores 129 and reaches the pass mark', () => {
    const result = run({ age: 35, education: 'bachelor_degree', socialInsuranceMonths: 36 });
    expect(result).toMatchObject({ eligible: true, blockers: [], total: 129, passMark: 120, reachesPassMark: true, gap: 0 });
    expect(result.breakdown.map((l) => [l.indicator, l.points])).toEqual([
      ['age', 30],
      ['education', 90],
      ['socialInsuranceYears', 9],
    ]);
  });

  it('a 45-year-old with a college diploma and 2 years of social insurance scores 83, 37 short, and gets priced suggestions', () => {
    const result = run({ age: 45, education: 'college', socialInsuranceMonths: 24 });
    expect(result).toMatchObject({ eligible: true, total: 83, reachesPassMark: false, gap: 37 });
    expect(result.breakdown.map((l) => l.points)).toEqual([27, 50, 6]);
    expect(result.suggestions.length).toBeGreaterThanOrEqual(5);
    const all = result.suggestions.join('\n');
    expect(all).toMatch(/再正常缴纳 12 个月社保.*\+3/); // next full year of social insurance
    expect(all).toMatch(/0\.8–1 倍.*\+25/); // next base tier
    expect(all).toMatch(/1–2 倍.*\+50/); // the tier that closes the gap alone
    expect(all).toMatch(/中级职称.*\+50/); // mid title counts instead of college (100 − 50)
    expect(all).toMatch(/三级.*\+10/); // skill level 3 (60 − 50)
    expect(all).toMatch(/本科学历\+学士学位.*\+40/); // full bachelor (90 − 50)
    expect(all).toMatch(/紧缺急需专业.*\+30/);
    expect(all).toMatch(/年龄分每长 1 岁少 2 分/);
    expect(result.suggestions.filter((s) => s.includes('单这一项即可达到 120 分'))).toHaveLength(3);
  });
});

describe('age points', () => {
  it.each([
    [18, 30],
    [43, 30],
    [44, 29],
    [45, 27],
    [50, 17],
    [55, 7],
    [56, 5],
    [60, 5],
  ])('a %i-year-old gets %i age points and can apply', (age, points) => {
    const result = run({ age });
    expect(pointsOf(result, 'age')).toBe(points);
    expect(result.eligible).toBe(true);
  });

  it('a 17-year-old cannot apply and gets no age points', () => {
    const result = run({ age: 17 });
    expect(result.eligible).toBe(false);
    expect(result.reachesPassMark).toBe(false);
    expect(pointsOf(result, 'age')).toBe(0);
    expect(result.blockers.join()).toContain('未满 18 周岁');
    expect(result.suggestions.join()).toContain('年满 18 周岁后');
  });

  it('a 61-year-old cannot apply and gets no age points', () => {
    const result = run({ age: 61, startupTalent: true });
    expect(result.eligible).toBe(false);
    expect(result.reachesPassMark).toBe(false);
    expect(result.total).toBe(120);
    expect(pointsOf(result, 'age')).toBe(0);
    expect(result.blockers.join()).toContain('超过 60 周岁');
  });

  it('a young applicant is told how many years of full age points are left', () => {
    expect(run({ age: 35 }).suggestions.join()).toContain('还有约 9 年保持满分');
    expect(run({ age: 43 }).suggestions.join()).toContain('还有约 1 年保持满分');
  });
});

describe('education points', () => {
  it.each([
    ['none', 0],
    ['college', 50],
    ['bachelor', 60],
    ['bachelor_degree', 90],
    ['master', 100],
    ['doctor', 110],
  ] as const)('education %s scores %i', (education, points) => {
    expect(pointsOf(run({ education }), 'education')).toBe(points);
  });

  it('covers every education level in the profile', () => {
    expect(EDUCATIONS).toHaveLength(6);
  });

  it('a missing education counts as none', () => {
    const result = run();
    expect(pointsOf(result, 'education')).toBe(0);
    expect(line(result, 'title')).toBeUndefined();
  });
});

describe('title and skill-level points', () => {
  it.each([
    ['skill5', 15, 15],
    ['skill4', 30, 30],
    ['skill3', 60, 60],
    ['skill2', 100, 0],
    ['skill1', 140, 0],
    ['mid', 100, 0],
    ['senior', 140, 0],
  ] as const)('%s scores %i with the base condition and %i without it', (title, withBase, withoutBase) => {
    expect(pointsOf(run({ title, titleBaseOk: true }), 'title')).toBe(withBase);
    expect(pointsOf(run({ title, titleBaseOk: false }), 'title')).toBe(withoutBase);
    expect(pointsOf(run({ title }), 'title')).toBe(withoutBase);
  });

  it('covers every title in the profile', () => {
    expect(TITLES).toHaveLength(8);
  });

  it('a mid title without the base condition counts 0 and the warning names the condition', () => {
    const result = run({ title: 'mid' });
    expect(result.total).toBe(30);
    expect(result.warnings.join()).toContain('社保缴费基数最近1年内累计6个月不低于上年度社平工资');
    expect(line(result, 'title')?.note).toContain('0 分');
    expect(result.suggestions.join()).toMatch(/中级职称即可计分，\+100 分/);
  });

  it('skill levels 5 to 3 need no base condition and give no base warning', () => {
    for (const title of ['skill5', 'skill4', 'skill3'] as const) {
      expect(run({ title }).warnings.join()).not.toContain('社保缴费基数最近1年内累计6个月');
    }
  });
});

describe('education and title: only the higher one counts', () => {
  it('a master with a senior title scores 140, not 240', () => {
    const result = run({ education: 'master', title: 'senior', titleBaseOk: true });
    expect(pointsOf(result, 'education')).toBe(0);
    expect(pointsOf(result, 'title')).toBe(140);
    expect(result.total).toBe(170);
    expect(line(result, 'education')?.note).toContain('二选一');
  });

  it('a bachelor degree with a mid title scores 100', () => {
    const result = run({ education: 'bachelor_degree', title: 'mid', titleBaseOk: true });
    expect(pointsOf(result, 'education')! + pointsOf(result, 'title')!).toBe(100);
    expect(pointsOf(result, 'title')).toBe(100);
  });

  it('a college diploma with skill level 3 scores 60', () => {
    const result = run({ education: 'college', title: 'skill3' });
    expect(pointsOf(result, 'education')! + pointsOf(result, 'title')!).toBe(60);
  });

  it('a master with an unconfirmed senior title keeps the master points', () => {
    const result = run({ education: 'master', title: 'senior' });
    expect(pointsOf(result, 'education')).toBe(100);
    expect(pointsOf(result, 'title')).toBe(0);
  });

  it('a doctor with skill level 3 counts the doctorate and shows the title at 0', () => {
    const result = run({ education: 'doctor', title: 'skill3' });
    expect(pointsOf(result, 'education')).toBe(110);
    expect(pointsOf(result, 'title')).toBe(0);
    expect(line(result, 'title')?.note).toContain('二选一');
  });
});

describe('social insurance years', () => {
  it.each([
    [0, 0],
    [11, 0],
    [12, 3],
    [35, 6],
    [36, 9],
    [120, 30],
  ])('%i months of social insurance give %i points', (socialInsuranceMonths, points) => {
    expect(pointsOf(run({ socialInsuranceMonths }), 'socialInsuranceYears')).toBe(points);
  });

  it('always shows the social insurance line, even with no months', () => {
    expect(line(run(), 'socialInsuranceYears')).toBeDefined();
  });

  it('suggests the months missing until the next full year', () => {
    expect(run({ socialInsuranceMonths: 35 }).suggestions.join()).toContain('再正常缴纳 1 个月社保（满 3 年），年限分 +3 分');
    expect(run({ socialInsuranceMonths: 0 }).suggestions.join()).toContain('再正常缴纳 12 个月社保（满 1 年）');
  });
});

describe('who can apply', () => {
  it('5 insured months in the last 12 block the application, 6 do not', () => {
    const five = run({ insuredMonthsLast12: 5 });
    expect(five.eligible).toBe(false);
    expect(five.blockers).toHaveLength(1);
    expect(five.blockers[0]).toContain('5 个月');
    expect(five.suggestions[0]).toContain('再正常缴纳 1 个月职工社保');
    expect(run({ insuredMonthsLast12: 6 }).eligible).toBe(true);
  });

  it('no residence permit blocks the application', () => {
    const result = run({ hasResidencePermit: false });
    expect(result.eligible).toBe(false);
    expect(result.blockers.join()).toContain('居住证');
  });

  it('no employee social insurance blocks the application, with the fix "after 6 months you can apply"', () => {
    const result = estimate({ age: 30, hasResidencePermit: true }, table);
    expect(result.eligible).toBe(false);
    expect(result.blockers).toHaveLength(1);
    expect(result.suggestions.join()).toContain('累计满 6 个月（补缴不算）后即可申请');
  });

  it('an empty profile with only an age lists every missing precondition', () => {
    const result = estimate({ age: 30 }, table);
    expect(result.blockers).toHaveLength(2);
    expect(result.reachesPassMark).toBe(false);
  });

  it('staff of an out-of-town branch cannot apply', () => {
    const result = run({ outOfTownBranch: true });
    expect(result.eligible).toBe(false);
    expect(result.blockers.join()).toContain('外省市');
  });

  it('a serious crime is a veto even with enough points', () => {
    const result = run({ education: 'bachelor_degree', seriousCrime: true, socialInsuranceMonths: 36 });
    expect(result.total).toBe(129);
    expect(result.eligible).toBe(false);
    expect(result.reachesPassMark).toBe(false);
    expect(result.gap).toBe(0);
    expect(result.blockers.join()).toContain('一票否决');
  });

  it('a family planning violation is only a warning, not a blocker', () => {
    const result = run({ education: 'bachelor_degree', familyPlanningViolation: true });
    expect(result.eligible).toBe(true);
    expect(result.reachesPassMark).toBe(true);
    expect(result.warnings.join()).toContain('计划生育');
  });

  it('someone not yet eligible but with enough points is told their score once they can apply', () => {
    const result = run({ education: 'bachelor_degree', hasResidencePermit: false });
    expect(result.reachesPassMark).toBe(false);
    expect(result.suggestions.join()).toContain('估算为 120 分，已达到 120 分');
  });
});

describe('bonus points', () => {
  it.each([
    ['0.8x', 25],
    ['1x', 50],
    ['2x', 100],
    ['3x', 120],
  ] as const)('a contribution base of %s gives %i points', (baseTier, points) => {
    const result = run({ baseTier });
    expect(pointsOf(result, 'baseTier')).toBe(points);
    expect(result.warnings.join()).toContain('统计窗口');
  });

  it('a contribution base of none shows no base line', () => {
    expect(line(run({ baseTier: 'none' }), 'baseTier')).toBeUndefined();
  });

  it('a shortage major gives 30 points and a scope warning', () => {
    const result = run({ shortageMajor: true });
    expect(pointsOf(result, 'shortageMajor')).toBe(30);
    expect(result.warnings.join()).toContain('紧缺急需专业');
  });

  it.each([
    [99_999, 0, 0],
    [100_000, 0, 10],
    [350_000, 0, 30],
    [1_250_000, 0, 120],
    [0, 9, 0],
    [0, 10, 10],
    [0, 25, 20],
    [200_000, 45, 40],
    [450_000, 25, 40],
  ])('investment tax of %i yuan a year and %i hukou employees give %i points', (investTaxPerYear, hukouEmployees, points) => {
    const result = run({ investTaxPerYear, hukouEmployees });
    expect(pointsOf(result, 'investTax')).toBe(points);
    expect(result.warnings.join()).toMatch(/上限说法有冲突.*120.*100/);
  });

  it.each([
    [4, 0],
    [5, 20],
    [10, 40],
  ])('%i years in a public service field give %i points, with a start-year warning', (publicServiceYears, points) => {
    const result = run({ publicServiceYears });
    expect(pointsOf(result, 'publicService')).toBe(points);
    expect(result.warnings.join()).toContain('满 5 年后计入');
  });

  it.each([
    [4, 0],
    [5, 10],
    [10, 20],
    [15, 20],
  ])('%i years in a remote area give %i points (capped at 20), with a start-year warning', (remoteAreaYears, points) => {
    const result = run({ remoteAreaYears });
    expect(pointsOf(result, 'remoteArea')).toBe(points);
    expect(result.warnings.join()).toContain('满 3 年');
  });

  it.each([
    [3, 12],
    [10, 40],
    [11, 40],
  ])('%i years married to a Shanghai hukou holder give %i points', (spouseHukouYears, points) => {
    expect(pointsOf(run({ spouseHukouYears }), 'spouseHukou')).toBe(points);
  });

  it.each([
    ['municipal_special', 30],
    ['municipal_general', 60],
    ['national', 110],
  ] as const)('an award %s gives %i points', (award, points) => {
    expect(pointsOf(run({ award }), 'award')).toBe(points);
  });

  it('a start-up talent and an intermediary talent each give 120 points', () => {
    const startup = run({ startupTalent: true });
    expect(pointsOf(startup, 'startupTalent')).toBe(120);
    expect(startup.reachesPassMark).toBe(true);
    expect(pointsOf(run({ intermediaryTalent: true }), 'intermediaryTalent')).toBe(120);
  });

  it('shows only the lines that apply', () => {
    expect(run({ education: 'college' }).breakdown.map((l) => l.indicator)).toEqual(['age', 'education', 'socialInsuranceYears']);
  });
});

describe('penalties', () => {
  it('false materials, detentions and crimes subtract 150, 50 and 150 each', () => {
    const result = run({ education: 'bachelor_degree', falseMaterials: 1, detentions5y: 2, crimes5y: 1 });
    expect(pointsOf(result, 'falseMaterials')).toBe(-150);
    expect(pointsOf(result, 'detentions')).toBe(-100);
    expect(pointsOf(result, 'crimes')).toBe(-150);
    expect(result.total).toBe(30 + 90 - 400);
  });

  it('a negative total is not floored at zero and the gap grows accordingly', () => {
    const result = run({ falseMaterials: 1 });
    expect(result.total).toBe(-120);
    expect(result.gap).toBe(240);
    expect(result.reachesPassMark).toBe(false);
  });
});

describe('the estimate as a whole', () => {
  it('the total is always the plain sum of the breakdown', () => {
    const profiles: Partial<Profile>[] = [
      {},
      { education: 'master', title: 'senior', titleBaseOk: true, baseTier: '2x', spouseHukouYears: 4 },
      { age: 50, title: 'skill2', investTaxPerYear: 5_000_000, remoteAreaYears: 30, falseMaterials: 2 },
    ];
    for (const extra of profiles) {
      const result = run(extra);
      expect(result.total).toBe(sumOf(result));
      expect(result.gap).toBe(Math.max(0, 120 - result.total));
    }
  });

  it('the output has exactly the promised fields (the codes for qualification stay inside)', () => {
    const result = run({ hasResidencePermit: false, age: 17 });
    expect(result.blockerCodes).toEqual(['noResidencePermit', 'tooYoung']);
    expect(result.blockerCodes).toHaveLength(result.blockers.length);
    expect(result.suggestionCodes).toHaveLength(result.suggestions.length);
    expect(Object.keys(estimateJson(run()))).toEqual([
      'eligible',
      'blockers',
      'total',
      'passMark',
      'reachesPassMark',
      'gap',
      'breakdown',
      'warnings',
      'suggestions',
    ]);
    for (const l of run({ title: 'mid' }).breakdown) expect(Object.keys(l)).toEqual(['indicator', 'points', 'note']);
  });

  it('always ends the warnings with the simulation disclaimer', () => {
    for (const result of [run(), run({ age: 70 }), run({ education: 'doctor' })]) {
      expect(result.warnings.at(-1)).toContain('上海市居住证积分管理信息系统');
      expect(result.warnings.at(-1)).toContain('以人才服务中心/官网最新口径为准');
    }
  });

  it('someone who already reaches the pass mark is told how to keep it valid', () => {
    const result = run({ education: 'bachelor_degree' });
    expect(result.total).toBe(120);
    expect(result.reachesPassMark).toBe(true);
    expect(result.suggestions).toHaveLength(1);
    expect(result.suggestions[0]).toContain('居住证');
  });

  it('someone who only just reaches the pass mark at 44 is told to apply before age points drop', () => {
    const result = run({ age: 44, education: 'college', title: 'skill3', baseTier: '0.8x', socialInsuranceMonths: 30 });
    expect(result.total).toBe(120);
    expect(result.suggestions.join()).toContain('满 1 周岁后年龄分少 2 分，届时约 118 分');
    expect(run({ age: 35, education: 'bachelor_degree' }).suggestions.join()).not.toContain('余量很小');
  });

  it('does not change the profile it is given', () => {
    const profile = applicant({ education: 'college' });
    const copy = structuredClone(profile);
    estimate(profile, table);
    expect(profile).toEqual(copy);
  });

  it('gives the same result for the same input (pure)', () => {
    expect(run({ age: 47, title: 'mid' })).toEqual(run({ age: 47, title: 'mid' }));
  });
});

describe('English', () => {
  it('gives the same numbers with English notes, warnings and suggestions', () => {
    const zh = run({ age: 45, education: 'college', socialInsuranceMonths: 24, title: 'mid' });
    const en = run({ age: 45, education: 'college', socialInsuranceMonths: 24, title: 'mid' }, 'en');
    expect(en.total).toBe(zh.total);
    expect(en.breakdown.map((l) => [l.indicator, l.points])).toEqual(zh.breakdown.map((l) => [l.indicator, l.points]));
    expect(en.breakdown[0]!.note).toBe('45 years old: 5 + 2×(56−45) = 27');
    expect(en.suggestions.join('\n')).toContain('Pay 12 more months of social insurance (3 full years): +3');
    expect(en.warnings.join('\n')).toContain('6 of the last 12 months');
    for (const text of [...en.breakdown.map((l) => l.note), ...en.suggestions]) {
      expect(text.replace(/\([^)]*[\u4e00-\u9fff][^)]*\)/g, ''), text).not.toSatisfy(hasCJK);
    }
  });

  it('gives English blockers', () => {
    expect(estimate({ age: 30 }, table, 'en').blockers[0]).toContain('Residence Permit');
  });
});

describe('profile validation', () => {
  it('accepts a profile with only an age', () => {
    expect(parseProfile({ age: 30 })).toEqual({ age: 30 });
  });

  it('rejects a missing age', () => {
    expect(safeParseProfile({})).toMatchObject({ ok: false, field: 'age' });
  });

  it('rejects an unknown enum value naming the field and the allowed values', () => {
    const result = safeParseProfile({ age: 30, title: 'expert' });
    expect(result).toMatchObject({ ok: false, field: 'title' });
    if (!result.ok) expect(result.error).toContain('none, skill5, skill4, skill3, skill2, skill1, mid, senior');
  });

  it('rejects a misspelt field and suggests the right one', () => {
    expect(() => parseProfile({ age: 30, eduction: 'master' })).toThrow(ProfileError);
    expect(() => parseProfile({ age: 30, eduction: 'master' })).toThrow('unknown field "eduction" (did you mean "education"?)');
  });

  it('rejects fractional months and negative counts', () => {
    expect(safeParseProfile({ age: 30, socialInsuranceMonths: 12.5 })).toMatchObject({ ok: false, field: 'socialInsuranceMonths' });
    expect(safeParseProfile({ age: 30, falseMaterials: -1 })).toMatchObject({ ok: false, field: 'falseMaterials' });
    expect(safeParseProfile({ age: 30, insuredMonthsLast12: 13 })).toMatchObject({ ok: false, field: 'insuredMonthsLast12' });
  });

  it('rejects a string where a yes/no is expected', () => {
    expect(safeParseProfile({ age: 30, shortageMajor: 'yes' })).toMatchObject({ ok: false, field: 'shortageMajor' });
  });
});

describe('the scoring table', () => {
  it('carries a source and a confidence grade for every figure', () => {
    const text = readFileSync(DEFAULT_SCORING_TABLE_URL, 'utf8');
    expect(table.passMark.points).toBe(120);
    expect(table.investTax.confidence).toBe('C');
    expect(text.match(/source:/g)!.length).toBeGreaterThanOrEqual(20);
  });

  it('a broken table file fails with an error naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoring-'));
    const broken = readFileSync(DEFAULT_SCORING_TABLE_URL, 'utf8').replace('  cap: 120\n', '  cap: lots\n');
    writeFileSync(join(dir, 'scoring.yaml'), broken);
    expect(() => readScoringTable(join(dir, 'scoring.yaml'))).toThrow(ScoringTableError);
    expect(() => readScoringTable(join(dir, 'scoring.yaml'))).toThrow(/scoring\.yaml: investTax\.cap: /);
  });

  it('a table missing an education level is rejected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoring-'));
    const broken = readFileSync(DEFAULT_SCORING_TABLE_URL, 'utf8').replace(/ {4}doctor: 110.*\n/, '');
    writeFileSync(join(dir, 'scoring.yaml'), broken);
    expect(() => readScoringTable(join(dir, 'scoring.yaml'))).toThrow(/education\.points\.doctor/);
  });

  it('a file that is not YAML fails naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoring-'));
    writeFileSync(join(dir, 'scoring.yaml'), 'passMark: [unclosed\n');
    expect(() => readScoringTable(join(dir, 'scoring.yaml'))).toThrow(/scoring\.yaml: not valid YAML/);
  });

  it('a different table changes the result without code changes', () => {
    const stricter = { ...table, passMark: { ...table.passMark, points: 130 } };
    const result = estimate(applicant({ education: 'bachelor_degree', socialInsuranceMonths: 36 }), stricter);
    expect(result).toMatchObject({ total: 129, passMark: 130, reachesPassMark: false, gap: 1 });
  });
});
