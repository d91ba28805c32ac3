import type { CaptureMessages } from './capture.zh.js';

/** Wording of consent, contact capture and the handoff to a consultant, English. */
export const captureEn: CaptureMessages = {
  consent:
    "Before a consultant follows up, here is how your details are used:\n• What: how to address you, your mobile or WeChat, a good time to call, plus your answers and estimate;\n• Why: only so a consultant can contact you and plan your points;\n• Who sees it: only our points consultants;\n• Erasing: send /delete at any time to erase everything, /privacy to read this again.\nDo you agree?",
  consentYes: 'Agree and leave contact',
  consentNo: 'No, thanks',
  consentDeclined: "OK, your contact details won't be stored. The estimate and Q&A still work; send /consultant if you change your mind.",
  askDetails: 'Please leave your name and mobile number (or WeChat id) in one message, e.g. "Mr Wang 13912345678 weekday evenings".',
  askName: 'How should we address you?',
  askReach: 'Please leave an 11-digit mainland mobile number or a WeChat id so a consultant can reach you.',
  invalidPhone: "That mobile number doesn't look right: please enter an 11-digit mainland number starting with 1, or a WeChat id.",
  askTime: 'When is a good time to contact you?',
  timeOptions: { weekdayDay: 'Weekday daytime', weekdayEvening: 'Weekday evenings', weekend: 'Weekends', anytime: 'Any time' },
  captured: (name: string) => `Thank you${name ? `, ${name}` : ''}! Your details are recorded and a consultant will contact you at a convenient time. Feel free to keep asking me questions.`,
  handoffStarted: "You're now connected to a consultant, who will reply here. I won't answer automatically meanwhile; send /restart to come back to the bot.",
  handoffRelayed: 'Passed on to the consultant, please wait.',
  handoffEnded: 'The consultant has ended the chat; I am back to help you. Ask me anything.',
  handoffExpired: "The consultant hasn't replied yet, so I'm back to help; they will still contact you.",
};
