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
  private readonly rules: { rule: RefusalPolicy[number]; pattern: RegExp; unless: RegExp | undefined }[];

  constructor(policy: RefusalPolicy) {
    // A rule's patterns as one alternation (the same matches as testing each: any of them, anywhere),
    // so a question is scanned once per rule; `unless` is tested only when the rule matched.
    const anyOf = (patterns: readonly string[]) => new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'i');
    this.rules = policy.map((rule) => ({
      rule,
      pattern: anyOf(rule.patterns),
      unless: rule.unless.length > 0 ? anyOf(rule.unless) : undefined,
    }));
  }

  match(question: string): Refusal | undefined {
    const text = question.normalize('NFKC');
    for (const { rule, pattern, unless } of this.rules) {
      // "苏州户口能办上海积分吗" is about Shanghai: another city named as someone's origin is fine.
      if (rule.category === 'other-city' && NAMES_SHANGHAI.test(text)) continue;
      if (pattern.test(text) && !unless?.test(text)) {
        return { category: rule.category, outcome: rule.outcome, answer: rule.answer, sources: rule.sources };
      }
    }
    return undefined;
  }
}
