import type { Transformer } from 'grammy';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import { createServices, type Services } from '../../src/app/services.js';
import { offlineBotInfo } from '../../src/channels/telegram/offline-bot-info.js';
import { parseConfig, type Config } from '../../src/config/env.js';
import { attachConsultantDesk, consultantDepsOf, type DeskHandle, type DeskOptions } from '../../src/channels/telegram/consultant-desk.js';
import { createBot, type BotDeps } from '../../src/channels/telegram/create-bot.js';
import { createLogger } from '../../src/util/logger.js';

export const BOT_INFO = offlineBotInfo(777, 'Points Bot', 'points_test_bot');

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A message as the chat shows it now (edits applied). */
export interface ShownMessage {
  message_id: number;
  chat_id: number;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
  /** The message this one replies to (reply_parameters.message_id). */
  reply_to?: number;
}

/**
 * A Bot API stand-in: an API transformer that records every call and returns fake results,
 * keeping the chat's messages (with edits) so a test can read them and press their buttons.
 */
export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly messages = new Map<number, ShownMessage>();
  /** Methods answered with HTTP 500, as telegram-test-api does for methods it lacks. */
  unsupported = new Set<string>(['sendChatAction', 'setMyCommands']);
  /**
   * Answer edits as Telegram does: 400 "message to edit not found" for an unknown message, 400
   * "message is not modified" when text and keyboard stay the same. Off by default.
   */
  strictEdits = false;
  private nextMessageId = 1000;

  readonly transformer: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    this.calls.push({ method, payload: p });
    if (this.unsupported.has(method)) {
      return { ok: false, error_code: 500, description: `API method '${method}' is not supported.` } as never;
    }
    switch (method) {
      case 'sendMessage': {
        const replyTo = (p['reply_parameters'] as { message_id?: number } | undefined)?.message_id;
        const message: ShownMessage = {
          message_id: this.nextMessageId++,
          chat_id: Number(p['chat_id']),
          text: String(p['text']),
          ...(p['reply_markup'] ? { reply_markup: p['reply_markup'] as InlineKeyboardMarkup } : {}),
          ...(replyTo !== undefined ? { reply_to: replyTo } : {}),
        };
        this.messages.set(message.message_id, message);
        const chat = message.chat_id < 0 ? { id: message.chat_id, type: 'supergroup', title: 'G' } : { id: message.chat_id, type: 'private', first_name: 'U' };
        return {
          ok: true,
          result: { ...message, chat_id: undefined, reply_to: undefined, date: 0, chat },
        } as never;
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const shown = this.messages.get(Number(p['message_id']));
        if (this.strictEdits) {
          if (!shown || shown.chat_id !== Number(p['chat_id'])) {
            return { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' } as never;
          }
          const markup = p['reply_markup'] as InlineKeyboardMarkup | undefined;
          const sameText = typeof p['text'] !== 'string' || p['text'] === shown.text;
          const sameMarkup = JSON.stringify(markup?.inline_keyboard ?? []) === JSON.stringify(shown.reply_markup?.inline_keyboard ?? []);
          if (sameText && sameMarkup) {
            return {
              ok: false,
              error_code: 400,
              description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
            } as never;
          }
        }
        if (shown) {
          if (typeof p['text'] === 'string') shown.text = p['text'];
          const markup = p['reply_markup'] as InlineKeyboardMarkup | undefined;
          if (markup?.inline_keyboard.length) shown.reply_markup = markup;
          else delete shown.reply_markup;
        }
        return { ok: true, result: true } as never;
      }
      default:
        return { ok: true, result: true } as never;
    }
  };

  /** Calls of one method, in order. */
  of(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Texts sent to a chat (sendMessage), in order. */
  sentTexts(chatId: number): string[] {
    return this.of('sendMessage')
      .filter((c) => Number(c.payload['chat_id']) === chatId)
      .map((c) => String(c.payload['text']));
  }

  /** Messages shown in a chat now (edits applied), oldest first. */
  shown(chatId: number): ShownMessage[] {
    return [...this.messages.values()].filter((m) => m.chat_id === chatId);
  }

  /** The newest message in a chat that still has a keyboard. */
  lastKeyboard(chatId: number): ShownMessage | undefined {
    return [...this.messages.values()].reverse().find((m) => m.chat_id === chatId && m.reply_markup?.inline_keyboard.length);
  }

  clear(): void {
    this.calls.length = 0;
  }
}

let updateId = 1;
export const nextUpdateId = () => updateId++;

/** A Telegram user in a private chat (chat id = user id) building updates. */
export class FakeUser {
  private messageId = 1;

  constructor(
    readonly id: number,
    readonly api: FakeBotApi,
    readonly languageCode = 'zh-hans',
    /** The chat this user writes in (default: their private chat, whose id is the user id), e.g. a group. */
    readonly inChat?: { id: number; type: 'group' | 'supergroup' | 'private'; title?: string },
    readonly username?: string,
  ) {}

  get from() {
    return { id: this.id, is_bot: false, first_name: 'Wang', language_code: this.languageCode, ...(this.username ? { username: this.username } : {}) };
  }

  get chat(): { id: number; type: 'group' | 'supergroup' | 'private'; title?: string; first_name?: string } {
    return this.inChat ?? { id: this.id, type: 'private' as const, first_name: 'Wang' };
  }

  message(fields: Record<string, unknown>, chat: Record<string, unknown> = this.chat): Update {
    return {
      update_id: nextUpdateId(),
      message: { message_id: this.messageId++, date: 1, chat, from: this.from, ...fields },
    } as unknown as Update;
  }

  text(text: string): Update {
    return this.message({ text });
  }

  /** A text (or, starting with "/", a command) sent as a reply to one of the bot's messages. */
  replyTo(text: string, to: ShownMessage): Update {
    const entities = text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] } : {};
    return this.message({
      text,
      ...entities,
      reply_to_message: { message_id: to.message_id, date: 1, chat: this.chat, from: BOT_INFO, text: to.text },
    });
  }

  command(text: string, chat: Record<string, unknown> = this.chat): Update {
    const length = text.split(/\s/)[0]!.length;
    return this.message({ text, entities: [{ type: 'bot_command', offset: 0, length }] }, chat);
  }

  /** A press on the button with this label on the newest message that has one (or on `on`). */
  press(label: string, on?: ShownMessage): Update {
    const message = on ?? [...this.api.messages.values()].reverse().find((m) => m.chat_id === this.chat.id && findButton(m, label));
    if (!message) throw new Error(`no message in chat ${this.chat.id} has a button "${label}"`);
    const button = findButton(message, label)!;
    return this.callback(button.callback_data, message);
  }

  callback(data: string, message: ShownMessage): Update {
    return {
      update_id: nextUpdateId(),
      callback_query: {
        id: String(nextUpdateId()),
        from: this.from,
        chat_instance: '1',
        data,
        message: {
          message_id: message.message_id,
          date: 1,
          chat: this.chat,
          from: BOT_INFO,
          text: message.text,
          ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
        },
      },
    } as unknown as Update;
  }
}

export function findButton(message: ShownMessage, label: string): { text: string; callback_data: string } | undefined {
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    for (const b of row) if (b.text === label && 'callback_data' in b) return b as { text: string; callback_data: string };
  }
  return undefined;
}

export const TEST_ENV = { TELEGRAM_BOT_TOKEN: '123456:TEST-token', STORAGE_URL: 'memory://', CONSULTANT_CHAT_ID: '-100500' };

export interface TestBot {
  bot: ReturnType<typeof createBot>;
  api: FakeBotApi;
  services: Services;
  config: Config;
}

/** A bot over real services (memory storage unless given, no LLM) and a fake Bot API; `deps.logger` serves the services too. */
export async function createTestBot(storageUrl = 'memory://', deps: Partial<BotDeps> = {}): Promise<TestBot> {
  const config = parseConfig({ ...TEST_ENV, STORAGE_URL: storageUrl });
  const logger = deps.logger ?? createLogger('silent');
  const services = await createServices(config, logger);
  const api = new FakeBotApi();
  // deps.transformers go above the recording API: it sees only the calls they let through.
  const bot = createBot(config, { core: services.core, logger, botInfo: BOT_INFO, ...deps, transformers: [api.transformer, ...(deps.transformers ?? [])] });
  return { bot, api, services, config };
}

/** `user` sends /start and presses the start button, then presses `answers` in order (each the label of an offered button). */
export async function startIntake(t: Pick<TestBot, 'bot'>, user: FakeUser, ...answers: string[]): Promise<void> {
  await t.bot.handleUpdate(user.command('/start'));
  await t.bot.handleUpdate(user.press('开始评估'));
  for (const answer of answers) await t.bot.handleUpdate(user.press(answer));
}

/** The consultant chat (a supergroup) and the consultant allowed in CONSULTANT_IDS. */
export const CONSULTANT_CHAT = { id: -100500, type: 'supergroup' as const, title: 'Consultants' };
export const CONSULTANT_ID = 9001;

export interface ConsultantTestBot extends TestBot {
  desk: DeskHandle;
}

export interface ConsultantTestOptions {
  /** STORAGE_URL (default memory://); a sqlite file survives a "restart" (a new test bot over it). */
  storageUrl?: string;
  /** The recording API to use (share one across restarts to count every call). */
  api?: FakeBotApi;
  deps?: Partial<BotDeps>;
  desk?: DeskOptions;
}

/**
 * A bot with the consultant side as `npm start` wires it: handoff on, CONSULTANT_CHAT_ID = -100500,
 * CONSULTANT_IDS = 9001, the relay installed and a lead-card outbox dispatcher (not started: call
 * `desk.dispatcher.drain()`; no backoff unless `desk` says otherwise).
 */
export async function createConsultantTestBot(options: ConsultantTestOptions = {}): Promise<ConsultantTestBot> {
  const config = parseConfig({ ...TEST_ENV, CONSULTANT_IDS: String(CONSULTANT_ID), STORAGE_URL: options.storageUrl ?? 'memory://' });
  const logger = createLogger('silent');
  const services = await createServices(config, logger, { handoff: true });
  const api = options.api ?? new FakeBotApi();
  const consultant = consultantDepsOf(services);
  // options.deps.transformers go above the recording API, as in createTestBot.
  const bot = createBot(config, {
    core: services.core,
    logger,
    botInfo: BOT_INFO,
    consultant,
    rateLimit: { limit: 1000 },
    ...options.deps,
    transformers: [api.transformer, ...(options.deps?.transformers ?? [])],
  });
  const desk = attachConsultantDesk(bot.api, services, consultant, logger, { ...options.desk, dispatcher: { backoff: () => 0, ...options.desk?.dispatcher } });
  return { bot, api, services, config, desk };
}
