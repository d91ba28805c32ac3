import { WECHAT_ID_PATTERN, isValidMobile, type LeadContact } from '../llm/extract-lead.js';
import type { Contact } from '../leads/lead-schema.js';
import type { CaptureProgress } from './conversation-store.js';
import { encodeButton } from './button-ids.js';
import type { Turn } from './turn.js';

/** How contact details are pulled from free text: the rules, or the LLM on top of them. */
export type ContactExtractor = (text: string) => Promise<LeadContact>;

export interface CaptureHooks {
  extract: ContactExtractor;
  /** Stores the lead (and queues the consultant card when warranted); called when capture completes or is declined. */
  recordLead(turn: Turn): Promise<void>;
  /** Whether a consultant can talk to the prospect through this channel (Telegram: yes; terminal: no). */
  canHandOff: boolean;
  now(): Date;
  /** Shows the pending questionnaire question again once the capture is over. */
  resume(turn: Turn): void;
}

const TIME_OPTIONS = ['weekdayDay', 'weekdayEvening', 'weekend', 'anytime'] as const;
const MAX_CAPTURE_RETRIES = 3;

/**
 * Consent first, then contact details: one free-text message or one question at a time.
 * Nothing personal is stored before consent; a declined consent keeps the estimate and FAQ working.
 */
export class LeadCapture {
  constructor(private readonly hooks: CaptureHooks) {}

  /** The prospect asked for a consultant (button, question or /consultant). */
  async begin(turn: Turn): Promise<void> {
    turn.record.requested = true;
    if (!turn.record.consentAt) {
      turn.record.capture = { step: 'consent', retries: 0 };
      turn.replies.push({
        text: turn.m.capture.consent,
        buttons: [[
          { id: encodeButton({ kind: 'consent', agree: true }), label: turn.m.capture.consentYes },
          { id: encodeButton({ kind: 'consent', agree: false }), label: turn.m.capture.consentNo },
        ]],
      });
      return;
    }
    return this.askNext(turn);
  }

  async onConsent(turn: Turn, agree: boolean): Promise<void> {
    if (!agree) {
      turn.record.capture = undefined;
      turn.record.requested = false;
      turn.replies.push({ text: turn.m.capture.consentDeclined });
      await this.hooks.recordLead(turn);
      this.hooks.resume(turn);
      return;
    }
    turn.record.consentAt ??= this.hooks.now().toISOString();
    turn.record.capture = { step: 'details', retries: 0 };
    turn.replies.push({ text: turn.m.capture.askDetails });
  }

  /** Past consent, collecting details: free text is read as contact details. */
  isCapturing(turn: Turn): boolean {
    return turn.record.capture !== undefined && turn.record.capture.step !== 'consent';
  }

  async onText(turn: Turn, text: string): Promise<void> {
    const capture = { ...turn.record.capture! };
    const contact = writableContact(turn);
    turn.record.capture = capture;
    if (capture.step === 'name') {
      const name = text.trim().slice(0, 30);
      if (name) contact.name = name;
    } else if (capture.step === 'reach' && WECHAT_ID_PATTERN.test(text.trim())) {
      contact.wechat = text.trim();
    } else if (capture.step === 'time') {
      contact.contactTime = text.trim().slice(0, 40);
    } else {
      const found = await this.hooks.extract(text);
      merge(contact, found);
      if (!contact.name && capture.step === 'details') {
        const leftover = leftoverName(text, found);
        if (leftover) contact.name = leftover;
      }
      const typedDigits = /\d{7,}/.test(text.replace(/[\s-]/g, ''));
      if (!found.phone && !found.wechat && typedDigits) {
        capture.retries += 1;
        turn.replies.push({ text: turn.m.capture.invalidPhone });
        if (capture.retries < MAX_CAPTURE_RETRIES) return;
      }
    }
    return this.askNext(turn);
  }

  /** A contact-time button; the core calls it only while a capture is in progress. */
  async onTime(turn: Turn, option: string): Promise<void> {
    const label = turn.m.capture.timeOptions[option];
    if (!label) return;
    writableContact(turn).contactTime = label;
    return this.askNext(turn);
  }

  /** Asks for what is still missing, or completes the capture. */
  private async askNext(turn: Turn): Promise<void> {
    const contact = turn.record.contact;
    const capture: CaptureProgress = { step: 'details', retries: 0, ...turn.record.capture };
    turn.record.capture = capture;
    const m = turn.m.capture;
    if (!contact.name && capture.step !== 'name') {
      capture.step = 'name';
      turn.replies.push({ text: m.askName });
      return;
    }
    if (!contact.phone && !contact.wechat && capture.retries < MAX_CAPTURE_RETRIES) {
      capture.step = 'reach';
      turn.replies.push({ text: m.askReach });
      return;
    }
    if (!contact.contactTime && capture.step !== 'time') {
      capture.step = 'time';
      turn.replies.push({
        text: m.askTime,
        buttons: [TIME_OPTIONS.map((o) => ({ id: encodeButton({ kind: 'contactTime', option: o }), label: m.timeOptions[o]! }))],
      });
      return;
    }
    turn.record.capture = undefined;
    await this.hooks.recordLead(turn);
    turn.replies.push({ text: m.captured(contact.name ?? '') });
    if (this.hooks.canHandOff) {
      const now = this.hooks.now().getTime();
      turn.record.handoff = { since: now, lastActivity: now };
      turn.replies.push({ text: m.handoffStarted });
    } else {
      this.hooks.resume(turn);
    }
  }
}

/**
 * The turn's own copy of the contact, to change: a loaded record's parts are shared with the store
 * (memory:// keeps objects), so a turn replaces a part rather than changing it in place.
 */
export function writableContact(turn: Turn): Contact {
  const contact = { ...turn.record.contact };
  turn.record.contact = contact;
  return contact;
}

function merge(contact: Contact, found: LeadContact): void {
  if (found.name) contact.name = found.name;
  if (found.phone && isValidMobile(found.phone)) contact.phone = found.phone;
  if (found.wechat) contact.wechat = found.wechat;
  if (found.email) contact.email = found.email;
  if (found.contactTime) contact.contactTime = found.contactTime;
}

/** "王小明 13912345678": what is left after the phone, WeChat id and time is the name, when short. */
function leftoverName(text: string, found: LeadContact): string | undefined {
  let rest = text;
  for (const v of [found.phone, found.wechat, found.email, found.contactTime]) if (v) rest = rest.replace(v, ' ');
  rest = rest
    .replace(/(?:\+?86)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}/g, ' ')
    .replace(/(我叫|我是|叫我|称呼|姓名|名字|手机号?|电话|微信号?|联系|方便|时间)[:：]?/g, ' ')
    .replace(/[，,。.;；:：!！\s]+/g, ' ')
    .trim();
  const first = rest.split(' ')[0] ?? '';
  return first && first.length <= 12 && !/\d/.test(first) ? first : undefined;
}
