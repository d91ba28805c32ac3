import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { Tokenizer } from '../../src/knowledge/tokenizer.js';

const tokenizer = new Tokenizer(loadKnowledgeBase().lexicon);

describe('Tokenizer.normalize (knowledge/lexicon.yaml synonyms)', () => {
  it('maps colloquial Chinese forms and typos inside words, longest phrase first', () => {
    expect(tokenizer.normalize('我的社宝号码')).toBe('我的 社保 号码');
    // 职工社会保险 is one phrase: the longer variant wins over 社会保险 inside it.
    expect(tokenizer.normalize('职工社会保险怎么交')).toBe(' 社保 怎么交');
    expect(tokenizer.normalize('跳槽以后')).toBe(' 换工作 以后');
  });

  it('maps English variants only as whole words, after width and case folding', () => {
    expect(tokenizer.normalize('my PASSWORD')).toBe('my  密码 ');
    expect(tokenizer.normalize('ｐａｓｓｗｏｒｄ?')).toBe(' 密码 ?');
    expect(tokenizer.normalize('passwords and mypassword')).toBe('passwords and mypassword');
    expect(tokenizer.normalize('how to change jobs')).toBe('how to  换工作 ');
  });

  it('leaves text without any phrase as it is (folded)', () => {
    expect(tokenizer.normalize('Hello 世界')).toBe('hello 世界');
    expect(tokenizer.normalize('')).toBe('');
  });
});
