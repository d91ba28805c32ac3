export type Locale = 'zh' | 'en';

const CJK = /[\u3400-\u9fff]/;
const LATIN_WORD = /[a-z]{2,}/i;

/** A message with no Chinese characters but English words is answered in English. */
export function detectLocale(text: string, fallback: Locale = 'zh'): Locale {
  if (CJK.test(text)) return 'zh';
  if (LATIN_WORD.test(text)) return 'en';
  return fallback;
}
