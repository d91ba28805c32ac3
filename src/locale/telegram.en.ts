import type { TelegramMessages } from './telegram.zh.js';

/** Wording only the Telegram channel uses, English. */
export const telegramEn: TelegramMessages = {
  rateLimited: 'You are sending messages a little fast 🙏 I skipped the last few; please wait a few seconds before sending more.',
  groupPrivateOnly: 'To protect your privacy, points assessments and questions are handled in a private chat only. Tap the button below to message me.',
  openPrivateChat: 'Chat privately',
  editedIgnored: 'I do not process edited messages again. To change your last answer, send /back, or simply send a new message.',
  internalError: 'Sorry, something went wrong. Please send that again; your answers so far are kept.',
  chosen: (label: string) => `✔ ${label}`,
  commands: {
    start: 'Start the points assessment',
    restart: 'Start the assessment over',
    back: 'Change the previous answer',
    faq: 'Browse common questions by topic',
    consultant: 'Talk to a consultant',
    help: 'What I can do',
    privacy: 'Privacy notice',
    delete: 'Delete all my data',
  },
};
