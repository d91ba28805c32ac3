import { consultantEn } from './consultant.en.js';
import { consultantZh, type ConsultantTexts } from './consultant.zh.js';
import type { Locale } from './detect.js';

export type { ConsultantTexts };

/** Wording of the consultant side of the Telegram channel. */
export function consultantTexts(locale: Locale = 'zh'): ConsultantTexts {
  return locale === 'en' ? consultantEn : consultantZh;
}
