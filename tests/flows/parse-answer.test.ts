import { describe, expect, it } from 'vitest';
import { parseAnswer, parseChineseNumber } from '../../flows/parse-answer.js';
import { questionById } from '../../flows/questions.js';
import { messages } from '../../src/locale/messages.js';

const zh = messages('zh');
const en = messages('en');
const parse = (id: Parameters<typeof questionById>[0], text: string, m = zh) => parseAnswer(questionById(id), text, m);

describe('typed answers', () => {
  it.each([
    ['是', true], ['对', true], ['有的', true], ['嗯', true], ['yes', true],
    ['否', false], ['不是', false], ['没有', false], ['没', false], ['no', false], ['不需要', false],
  ])('reads %s as %s for a yes/no question', (text, value) => {
    expect(parse('residencePermit', text)).toEqual({ ok: true, value });
  });

  it.each([
    ['35', 35], ['35岁', 35], ['三十五', 35], ['我今年35了', 35], ['二十', 20],
  ])('reads the age %s as %i', (text, value) => {
    expect(parse('age', text)).toEqual({ ok: true, value });
  });

  it.each([
    ['36', 36], ['3年', 36], ['三年', 36], ['2年半', 30], ['1年6个月', 18], ['5年及以上', 60],
  ])('reads the insurance months %s as %i', (text, value) => {
    expect(parse('socialInsuranceMonths', text)).toEqual({ ok: true, value });
  });

  it('says a number outside the range is out of range, not unreadable', () => {
    expect(parse('insuredMonthsLast12', '15')).toEqual({ ok: false, reason: 'range' });
    expect(parse('age', '两百')).toEqual({ ok: false, reason: 'range' });
  });

  it.each([
    ['本科+学士学位', 'bachelor_degree'], ['本科', 'bachelor_degree'], ['本科没学位', 'bachelor'],
    ['大专', 'college'], ['研究生', 'master'], ['博士', 'doctor'],
  ])('reads the education %s as %s', (text, value) => {
    expect(parse('education', text)).toEqual({ ok: true, value });
  });

  it('reads button labels and English forms', () => {
    expect(parse('title', '中级职称')).toEqual({ ok: true, value: 'mid' });
    expect(parse('title', '高级技师')).toEqual({ ok: true, value: 'skill1' });
    expect(parse('education', "bachelor's degree", en)).toEqual({ ok: true, value: 'bachelor_degree' });
  });

  it('reads several options typed in one message and "none" as an empty selection', () => {
    expect(parse('bonuses', '紧缺急需专业和市级及以上表彰奖励')).toEqual({ ok: true, value: ['shortageMajor', 'award'] });
    expect(parse('bonuses', '都没有')).toEqual({ ok: true, value: [] });
  });

  it('does not guess at gibberish', () => {
    expect(parse('age', '不记得了')).toEqual({ ok: false, reason: 'unparsed' });
    expect(parse('education', '随便')).toEqual({ ok: false, reason: 'unparsed' });
    expect(parse('residencePermit', '嗯…这个嘛')).toMatchObject({ ok: true }); // 嗯 is a yes in chat
  });

  it('reads Chinese numerals', () => {
    expect(parseChineseNumber('十二')).toBe(12);
    expect(parseChineseNumber('一百二')).toBe(120);
    expect(parseChineseNumber('四十五')).toBe(45);
  });
});
