import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/free-port.js';
import { REPO_ROOT } from '../helpers/run-process.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';

export async function startEmulator(): Promise<TelegramServer> {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  return server;
}

/** What `npm start` runs (`node src/launch.mjs start`, the bundled entry point) as a child process, with its log kept. */
export class BotProcess {
  log = '';
  exitCode: number | null | undefined;
  readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['src/launch.mjs', 'start'], {
      cwd: REPO_ROOT,
      // Explicit empty values: no webhook, no LLM, unless the test sets them.
      env: { ...process.env, WEBHOOK_URL: '', WEBHOOK_SECRET: '', PORT: '', OPENAI_API_KEY: '', CONSULTANT_CHAT_ID: '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a signal reaches whatever the bot process started too.
      detached: true,
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.log += d.toString('utf8')));
    this.child.stderr!.on('data', (d: Buffer) => (this.log += d.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => {
      this.exitCode = code;
      resolve();
    }));
  }

  async started(marker: RegExp): Promise<void> {
    await eventually(() => marker.test(this.log) || this.exitCode !== undefined, 'the bot to start', 30_000);
    if (this.exitCode !== undefined) throw new Error(`the bot exited with ${this.exitCode}:\n${this.log}`);
  }

  private signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.child.pid!, signal);
    } catch {
      // the group is gone already
    }
  }

  /** SIGTERM (graceful) or SIGKILL; resolves with the exit code once the process is gone. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', timeoutMs = 15_000): Promise<number | null> {
    if (this.exitCode === undefined) {
      this.signalGroup(signal);
      const timer = setTimeout(() => this.signalGroup('SIGKILL'), timeoutMs);
      await this.exited;
      clearTimeout(timer);
    }
    if (signal === 'SIGKILL') this.signalGroup('SIGKILL'); // the bot itself, if the CLI went first
    return this.exitCode ?? null;
  }
}

interface BotMessage {
  messageId: number;
  message: { chat_id: number | string; text: string; reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> } };
}

/** A private-chat user of the emulator: sends texts, commands, stickers and button presses, and reads the bot's messages. */
export class EmulatorUser {
  private date = Math.floor(Date.now() / 1000);

  constructor(
    readonly server: TelegramServer,
    readonly token: string,
    readonly id: number,
  ) {}

  get from() {
    return { id: this.id, is_bot: false, first_name: 'Li', username: `user${this.id}`, language_code: 'zh-hans' };
  }

  get chat() {
    return { id: this.id, type: 'private' as const, first_name: 'Li', username: `user${this.id}` };
  }

  /** The bot's messages in this chat, oldest first, as they are now (edits applied). */
  botMessages(): BotMessage[] {
    return (this.server.storage.botMessages as unknown as Array<BotMessage & { botToken: string }>).filter(
      (m) => m.botToken === this.token && String(m.message.chat_id) === String(this.id),
    );
  }

  texts(): string[] {
    return this.botMessages().map((m) => m.message.text);
  }

  private async post(route: string, body: object): Promise<void> {
    const res = await fetch(`${this.server.config.apiURL}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botToken: this.token, date: this.date++, from: this.from, chat: this.chat, ...body }),
    });
    if (!res.ok) throw new Error(`emulator ${route} answered ${res.status}`);
  }

  /** Sends and returns the index from which the bot's answer will appear. */
  async send(text: string): Promise<number> {
    const mark = this.botMessages().length;
    if (text.startsWith('/')) {
      await this.post('sendCommand', { text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] });
    } else {
      await this.post('sendMessage', { text });
    }
    return mark;
  }

  /** Sends a text as a reply to one of the bot's messages (the emulator's bot is user 666). */
  async replyTo(text: string, to: BotMessage): Promise<number> {
    const mark = this.botMessages().length;
    await this.post('sendMessage', {
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
      reply_to_message: {
        message_id: to.messageId,
        date: this.date,
        chat: this.chat,
        from: { id: 666, is_bot: true, first_name: 'Bot', username: 'TestNameBot' },
        text: to.message.text,
      },
    });
    return mark;
  }

  async sendSticker(): Promise<number> {
    const mark = this.botMessages().length;
    await this.post('sendMessage', { sticker: { file_id: 'CAAC', file_unique_id: 'AgAD', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '👍' } });
    return mark;
  }

  /** Presses the button with this label on the newest message that has it (or on `on`). */
  async press(label: string, on?: BotMessage): Promise<number> {
    const message = on ?? [...this.botMessages()].reverse().find((m) => buttonOf(m, label));
    if (!message) throw new Error(`no bot message in chat ${this.id} has a button "${label}"; messages:\n${this.texts().join('\n---\n')}`);
    const button = buttonOf(message, label)!;
    return this.pressData(button.callback_data!, message);
  }

  async pressData(data: string, message: BotMessage): Promise<number> {
    const mark = this.botMessages().length;
    const res = await fetch(`${this.server.config.apiURL}/sendCallback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        botToken: this.token,
        date: this.date++,
        from: this.from,
        data,
        message: {
          message_id: message.messageId,
          date: this.date,
          chat: this.chat,
          from: { id: 666, is_bot: true, first_name: 'Bot', username: 'TestNameBot' },
          text: message.message.text,
          ...(message.message.reply_markup ? { reply_markup: message.message.reply_markup } : {}),
        },
      }),
    });
    if (!res.ok) throw new Error(`emulator sendCallback answered ${res.status}`);
    return mark;
  }

  /** Waits for a bot message at or after `from` whose text matches; returns it. */
  async reply(pattern: RegExp | string, from = 0, timeoutMs = 15_000): Promise<BotMessage> {
    return eventually(
      () => this.botMessages().slice(from).find((m) => (typeof pattern === 'string' ? m.message.text.includes(pattern) : pattern.test(m.message.text))),
      () => `a bot message matching ${String(pattern)} in chat ${this.id}; since the mark:\n${this.texts().slice(from).join('\n---\n')}`,
      timeoutMs,
    );
  }
}

export function buttonOf(message: BotMessage, label: string): { text: string; callback_data?: string } | undefined {
  return message.message.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
}
