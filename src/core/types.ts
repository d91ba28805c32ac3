/** What a channel hands the core: typed text, a pressed button (its id), or a command. */
export type Inbound =
  | { kind: 'text'; text: string }
  | { kind: 'button'; id: string }
  | { kind: 'command'; name: string; args?: string }
  /** A sticker, photo, voice note…: answered politely, the pending question shown again. */
  | { kind: 'unsupported' };

export interface Button {
  /** Stable id a channel sends back when the button is pressed (≤ 64 bytes, Telegram's limit). */
  id: string;
  label: string;
}

/** One message to show: text plus optional rows of buttons. */
export interface Reply {
  text: string;
  buttons?: Button[][];
  /** The answer to a button that no longer applies (a channel may remove that old keyboard). */
  stale?: boolean;
  /** Nothing was recorded (storage unavailable): the person should send the same thing again. */
  failed?: boolean;
  /** The question expects a typed number; its buttons are shortcuts ("12个月"), so a typed "8" is an answer, not a button number. */
  expectsNumber?: boolean;
}

export interface InboundMeta {
  /** Telegram update id: a redelivered update (an id among the chat's recently processed ones) is ignored. */
  updateId?: number;
  /** The user's language as the channel knows it (Telegram language_code). */
  languageCode?: string;
  /** The user's handle on the channel (Telegram @username), kept with the contact details after consent. */
  username?: string;
}
