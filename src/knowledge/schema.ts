import { z } from 'zod';

/**
 * Confidence grades from shared/domain/points-rules.md:
 * A official, B several independent sources agree, C one third-party source or conflicting,
 * G only in the guide the bot is built from. C and G answers carry the "confirm with the centre" note.
 */
export const Grade = z.enum(['A', 'B', 'C', 'G']);
export type Grade = z.infer<typeof Grade>;

export const TOPICS = [
  'eligibility',
  'scoring',
  'bonus',
  'penalty',
  'process',
  'materials',
  'job-change',
  'timeline',
  'validity',
  'benefits',
  'education',
  'social-insurance',
  'hukou',
] as const;
export const Topic = z.enum(TOPICS);
export type Topic = z.infer<typeof Topic>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-01');

export const FaqEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. password-reset'),
  topic: Topic,
  /** How people ask it: several colloquial phrasings, Simplified Chinese first, some English. */
  questions: z.array(z.string().min(2)).min(3, 'needs at least 3 phrasings'),
  /** Extra search words that are not in the questions (synonyms, document names). */
  tags: z.array(z.string().min(1)).default([]),
  answer: z.strictObject({
    zh: z.string().min(10),
    en: z.string().min(10).optional(),
  }),
  /** Where the facts come from: guide section or rule number in points-rules.md. */
  sources: z.array(z.string().min(3)).min(1),
  confidence: Grade,
  checked: isoDate,
});
export type FaqEntry = z.infer<typeof FaqEntrySchema>;

export const FaqFileSchema = z.array(FaqEntrySchema).min(1);

/** Search vocabulary: words jieba must keep whole, and colloquial or mistyped forms mapped to canonical ones. */
export const LexiconSchema = z.strictObject({
  domainWords: z.array(z.string().min(2)),
  synonyms: z.record(z.string(), z.array(z.string().min(1))),
  stopwords: z.array(z.string().min(1)),
});
export type Lexicon = z.infer<typeof LexiconSchema>;

export const RefusalCategory = z.enum(['other-city', 'fraud', 'bribery', 'injection', 'unrelated', 'specific']);

/** Requests the bot must not help with, matched before retrieval. */
export const RefusalPolicySchema = z.array(
  z.strictObject({
    category: RefusalCategory,
    /** refused: the bot will not help; handoff: in the field but only a person can answer it. */
    outcome: z.enum(['refused', 'handoff']).default('refused'),
    /** Regular expressions (case-insensitive) over the normalized question. */
    patterns: z.array(z.string().min(1)).min(1),
    /** Regular expressions that lift the rule: "造假会怎样" asks about the rule, it does not request fraud. */
    unless: z.array(z.string().min(1)).default([]),
    answer: z.strictObject({ zh: z.string().min(5), en: z.string().min(5) }),
    sources: z.array(z.string()).default([]),
  }),
);
export type RefusalPolicy = z.infer<typeof RefusalPolicySchema>;
