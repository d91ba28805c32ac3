import type { Locale } from './detect.js';
import { leadsEn } from './leads.en.js';
import { leadsZh, type LeadTexts } from './leads.zh.js';

export type { LeadTexts };

const ALL: Record<Locale, LeadTexts> = { zh: leadsZh, en: leadsEn };

/** Consultant-facing wording (lead cards, lists, funnel statistics). */
export function leadTexts(locale: Locale = 'zh'): LeadTexts {
  return ALL[locale];
}
