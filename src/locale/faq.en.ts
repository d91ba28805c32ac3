import type { FaqMessages } from './faq.zh.js';

/** Wording around FAQ answers, English. */
export const faqEn: FaqMessages = {
  topics: {
    eligibility: 'Who can apply',
    scoring: 'How points are scored',
    bonus: 'Bonus points',
    penalty: 'Penalties and vetoes',
    process: 'Application steps',
    materials: 'Documents',
    'job-change': 'Changing jobs',
    timeline: 'How long it takes',
    validity: 'Validity and renewal',
    benefits: 'What 120 points give',
    education: 'Degrees',
    'social-insurance': 'Social insurance',
    hukou: 'Points vs hukou',
  },
  confirmNote:
    '(Part of this rests on third-party or guide-only sources; the talent service centre / official website has the final word: 以人才服务中心/官网最新口径为准.)',
  handoff:
    "I don't have curated material that answers this reliably, and I'd rather not guess. Try rephrasing, or send /consultant to ask a consultant directly.",
  empty: 'Please type your question, e.g. "How long does the review take?"',
};
