import { captureEn } from './capture.en.js';
import { captureZh, type CaptureMessages } from './capture.zh.js';
import type { Locale } from './detect.js';
import { faqEn } from './faq.en.js';
import { faqZh, type FaqMessages } from './faq.zh.js';
import { intakeEn } from './intake.en.js';
import { intakeZh, type IntakeMessages } from './intake.zh.js';

export type Messages = IntakeMessages & { faq: FaqMessages; capture: CaptureMessages };

const ALL: Record<Locale, Messages> = {
  zh: { ...intakeZh, faq: faqZh, capture: captureZh },
  en: { ...intakeEn, faq: faqEn, capture: captureEn },
};

export function messages(locale: Locale): Messages {
  return ALL[locale];
}
