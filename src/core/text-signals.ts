// How the core reads free text before it goes to the questionnaire or the FAQ.
import type { Locale } from '../locale/detect.js';
import { messages } from '../locale/messages.js';
import type { InboundMeta } from './types.js';

/** Looks like a question (to the FAQ) rather than an answer, even when an answer could be read from it. */
export const QUESTION_LIKE = /[?？吗呢么]|怎么|如何|多久|多少|哪|什么|能不能|可不可以|是否|要不要|\b(how|what|when|where|why|can i|do i|is it)\b/i;
/** Emoji-only or punctuation-only messages have no letters or digits. */
export const HAS_WORDS = /[\p{L}\p{N}]/u;
const START_WORDS = /^(开始|开始评估|评估|start|ok|好|好的|是|yes|go)$/i;

/** "开始", "start", or the start button's label typed in either language. */
export function isStartWord(text: string): boolean {
  return START_WORDS.test(text) || text === messages('zh').startButton || text.toLowerCase() === messages('en').startButton.toLowerCase();
}

export function parseConsent(text: string): boolean | undefined {
  if (/不同意|拒绝|不要|不用|不愿意|^no\b|disagree|decline/i.test(text)) return false;
  if (/^(同意|好的?|可以|行|没问题|yes|agree|ok)/i.test(text.trim())) return true;
  return undefined;
}

export function localeHint(meta: InboundMeta): Locale {
  return meta.languageCode && !meta.languageCode.startsWith('zh') ? 'en' : 'zh';
}
