import { describe, expect, it } from 'vitest';
import { checkFacts, parseChineseNumber } from '../../src/llm/fact-check.js';
import { loadKeyTerms } from '../../src/llm/key-terms.js';
import { FINAL_REVIEW_ZH, PASSWORD_ZH } from './fixture-kb.js';

const vocabulary = loadKeyTerms();
const check = (curated: string, rephrase: string) => checkFacts(curated, rephrase, vocabulary);

describe('checkFacts', () => {
  it('accepts a faithful rephrase (numbers, terms and negations kept, spacing and range style free)', () => {
    expect(
      check(PASSWORD_ZH, '账号一般是你的身份证号哦。密码需要 6-18 位字母加数字，不能只有数字或只有字母。'),
    ).toEqual({ ok: true, missing: [], added: [] });
    expect(check(FINAL_REVIEW_ZH, '终审大概要20个工作日～通过后你会收到短信，然后凭身份证去人才服务中心自助打印积分通知单就行。').ok).toBe(true);
  });

  it('reads Chinese numerals with a unit as numbers', () => {
    expect(parseChineseNumber('一百二十')).toBe(120);
    expect(check('密码6到18位。', '密码六到十八位。').ok).toBe(true);
    expect(check('大致五步。', '一共5步。').ok).toBe(true);
    expect(check('十分重要，一般不用管。', '这点十分重要，一般不用管。').ok).toBe(true);
  });

  it('rejects a changed number or unit', () => {
    const result = check(FINAL_REVIEW_ZH, '最终审核一般需要约15个工作日。通过后收到短信，凭身份证到人才服务中心自助打印积分通知单。');
    expect(result.ok).toBe(false);
    expect(result.missing).toContain('20个工作日');
    expect(result.added).toContain('15个工作日');
    expect(check('约20个工作日', '约20天').missing).toContain('20个工作日');
  });

  it('rejects a dropped or an added negation', () => {
    const dropped = check(PASSWORD_ZH, '账号一般是身份证号；密码设成6到18位的字母加数字组合，只有数字或只有字母也行。');
    expect(dropped.ok).toBe(false);
    expect(dropped.missing).toContain('不能');
    const flipped = check('换工作会影响积分。', '换工作不会影响积分。');
    expect(flipped.ok).toBe(false);
    expect(flipped.added.length).toBeGreaterThan(0);
    // equivalent negations are accepted, longest match wins (不会影响 = 不影响)
    expect(check('断缴一个月不影响积分。', '断缴一个月不会影响积分。').ok).toBe(true);
    expect(check('只能去窗口重置。', '只能到窗口重置。').ok).toBe(true);
  });

  it('rejects a new number', () => {
    const result = check(FINAL_REVIEW_ZH, `${FINAL_REVIEW_ZH}一般3天内会有短信。`);
    expect(result.ok).toBe(false);
    expect(result.added).toContain('3天');
  });

  it('keeps signed numbers and dates', () => {
    expect(check('提供虚假材料，每次−150分。', '虚假材料每次 -150 分。').ok).toBe(true);
    expect(check('2026年12月1日起执行。', '从2026-12-01开始执行。').ok).toBe(true);
    expect(check('2026年12月1日起执行。', '从2026年12月2日开始执行。').ok).toBe(false);
  });

  it('requires named bodies and documents: from the answer and from knowledge/llm-key-terms.yaml', () => {
    const curated = '需要时单位先提交《调阅人员信息表》，再到区人才服务中心审档，约20个工作日。';
    const result = check(curated, '需要时单位先交调阅表，再去区人才中心审档，约20个工作日。');
    expect(result.ok).toBe(false);
    expect(result.missing).toEqual(expect.arrayContaining(['调阅人员信息表', '人才服务中心']));
    expect(check(curated, '如有需要，单位先提交调阅人员信息表，然后到区人才服务中心审档案，大约20个工作日。').ok).toBe(true);
  });

  it('works in English too', () => {
    const curated = 'The password must be 6 to 18 characters; it cannot be only digits.';
    expect(check(curated, 'Your password needs 6-18 characters and cannot be digits only.').ok).toBe(true);
    expect(check(curated, 'Your password needs 8-18 characters and can be digits only.').ok).toBe(false);
  });
});
