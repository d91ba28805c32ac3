import type { Locale } from './detect.js';
import { telegramEn } from './telegram.en.js';
import { telegramZh, type TelegramMessages } from './telegram.zh.js';

export type { TelegramMessages };

export function telegramMessages(locale: Locale): TelegramMessages {
  return locale === 'en' ? telegramEn : telegramZh;
}
