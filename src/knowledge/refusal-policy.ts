import type { RefusalPolicy } from './schema.js';

export type RefusalCategory = RefusalPolicy[number]['category'];

export interface Refusal {
  category: RefusalCategory;
  outcome: 'refused' | 'handoff';
  answer: { zh: string; en: string };
  sources: string[];
}

const NAMES_SHANGHAI = /上海|沪|shanghai/i;

/** Decides whether a question asks for something the bot must not help with (checked before retrieval). */
export class RefusalPolicyMatcher {
  private readonly rules: { rule: RefusalPolicy[number]; patterns: RegExp[]; unless: RegExp[] }[];

  constructor(policy: RefusalPolicy) {
    this.rules = policy.map((rule) => ({
      rule,
      patterns: rule.patterns.map((p) => new RegExp(p, 'i')),
      unless: rule.unless.map((p) => new RegExp(p, 'i')),
    }));
  }

  match(question: string): Refusal | undefined {
    const text = question.normalize('NFKC');
    for (const { rule, patterns, unless } of this.rules) {
      // "苏州户口能办上海积分吗" is about Shanghai: another city named as someone's origin is fine.
      if (rule.category === 'other-city' && NAMES_SHANGHAI.test(text)) continue;
      if (unless.some((p) => p.test(text))) continue;
      if (patterns.some((p) => p.test(text))) {
        return { category: rule.category, outcome: rule.outcome, answer: rule.answer, sources: rule.sources };
      }
    }
    return undefined;
  }
}
