/** A small, stable knowledge base for the LLM tests (real lexicon and refusal policy, fixed FAQ entries). */
import { join } from 'node:path';
import { FaqAnswerer } from '../../src/knowledge/faq-answerer.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { KNOWLEDGE_DIR, loadYamlFile } from '../../src/knowledge/load-yaml.js';
import { FaqEntrySchema, LexiconSchema, RefusalPolicySchema, type FaqEntry } from '../../src/knowledge/schema.js';

export const FINAL_REVIEW_ZH =
  '最终审核一般需要约20个工作日。审核通过后会收到短信，再凭身份证到人才服务中心自助打印积分通知单。';
export const PASSWORD_ZH = '登录账号一般就是你的身份证号；密码要设成6到18位的字母加数字组合，不能只有数字或只有字母。';

const entries: FaqEntry[] = [
  FaqEntrySchema.parse({
    id: 'final-review-time',
    topic: 'timeline',
    questions: ['最终审核要多久', '最终审核需要多长时间', '终审一般几天出结果', 'How long does the final review take?'],
    answer: {
      zh: FINAL_REVIEW_ZH,
      en: 'The final review takes about 20 working days. After the SMS, print your points notice at the talent service centre with your ID card.',
    },
    sources: ['指南·最终审核'],
    confidence: 'G',
    checked: '2026-12-01',
  }),
  FaqEntrySchema.parse({
    id: 'account-password-format',
    topic: 'process',
    questions: ['密码要设几位', '积分帐号密码有什么格式要求', '密码能只用数字吗', 'What is the password format?'],
    answer: { zh: PASSWORD_ZH },
    sources: ['指南·账号开通'],
    confidence: 'A',
    checked: '2026-12-01',
  }),
];

export function fixtureKnowledgeBase(): KnowledgeBase {
  return {
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    lexicon: loadYamlFile(join(KNOWLEDGE_DIR, 'lexicon.yaml'), LexiconSchema),
    refusals: loadYamlFile(join(KNOWLEDGE_DIR, 'refusals.yaml'), RefusalPolicySchema),
  };
}

export function fixtureAnswerer(): FaqAnswerer {
  return new FaqAnswerer(fixtureKnowledgeBase());
}
