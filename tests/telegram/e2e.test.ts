/**
 * End to end: `npm start` as a child process against telegram-test-api (a Bot API emulator)
 * started here on a free port, with sqlite storage in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/locale/messages.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/free-port.js';
import { BotProcess, EmulatorUser, buttonOf, startEmulator } from './emulator.js';

const zh = messages('zh');
const POLLING_STARTED = /telegram long polling started/;
const WEBHOOK_STARTED = /telegram webhook started/;

let server: TelegramServer;
let dir: string;
let shared: BotProcess;
const SHARED_TOKEN = '100001:shared-polling-bot';

function pollingBot(token: string, storage: string): BotProcess {
  return new BotProcess({
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: server.config.apiURL,
    STORAGE_URL: `sqlite://${join(dir, storage)}`,
  });
}

beforeAll(async () => {
  server = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'tg-e2e-'));
  shared = pollingBot(SHARED_TOKEN, 'shared.sqlite');
  await shared.started(POLLING_STARTED);
}, 60_000);

afterAll(async () => {
  await shared?.stop('SIGKILL');
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** /start, then the start button: returns at the first question. */
async function begin(user: EmulatorUser): Promise<void> {
  const mark = await user.send('/start');
  await user.reply('开始评估', mark);
  await user.reply('第 1/12 题', await user.press('开始评估'));
}

describe('the bot on a Bot API emulator', () => {
  it('takes a user through the questionnaire by text and button presses to an estimate of 129', async () => {
    const user = new EmulatorUser(server, SHARED_TOKEN, 5001);
    await begin(user);
    await user.reply('第 2/12 题', await user.send('是'));
    const q2 = await user.reply('第 2/12 题');
    await user.reply('第 3/12 题', await user.press('是'));
    // the pressed question shows the choice and lost its keyboard
    const edited = user.botMessages().find((m) => m.messageId === q2.messageId)!;
    expect(edited.message.text).toMatch(/\n\n✔ 是$/);
    expect(edited.message.reply_markup?.inline_keyboard ?? []).toEqual([]);

    await user.reply('第 4/12 题', await user.press('12个月'));
    await user.reply('第 5/12 题', await user.press('否'));
    await user.reply('第 6/12 题', await user.send('35'));
    await user.reply('第 7/13 题', await user.press('本科+学士学位'));
    await user.reply('第 8/13 题', await user.press('全日制'));
    await user.reply('第 9/13 题', await user.press('没有'));
    await user.reply('第 10/13 题', await user.send('36'));
    await user.reply('第 11/13 题', await user.press('不到0.8倍/不清楚'));
    await user.reply('第 12/13 题', await user.press('未婚'));
    await user.reply('第 13/13 题', await user.press('都没有'));
    const estimate = await user.reply('积分估算', await user.press('都没有'));
    expect(estimate.message.text).toContain('129 分');
  });

  it('answers a side question mid-questionnaire and then asks the pending question again', async () => {
    const user = new EmulatorUser(server, SHARED_TOKEN, 5002);
    await begin(user);
    const mark = await user.send('材料已经受理了，想换工作怎么办');
    const answer = await user.reply('撤销', mark);
    const again = await user.reply('第 1/12 题', mark);
    expect(user.botMessages().indexOf(again)).toBeGreaterThan(user.botMessages().indexOf(answer));
    expect(buttonOf(again, '是')).toBeDefined();
  });

  it('answers a sticker and a 5,000-character message and the conversation continues', async () => {
    const user = new EmulatorUser(server, SHARED_TOKEN, 5003);
    await begin(user);
    let mark = await user.sendSticker();
    await user.reply(zh.nonText, mark);
    await user.reply('第 1/12 题', mark);
    mark = await user.send('字'.repeat(5000));
    await user.reply(zh.tooLong(4000), mark);
    await user.reply('第 1/12 题', mark);
    await user.reply('第 2/12 题', await user.press('是'));
  });

  it('answers a press on a question already answered as stale and changes nothing', async () => {
    const user = new EmulatorUser(server, SHARED_TOKEN, 5004);
    await begin(user);
    const q1 = await user.reply('第 1/12 题');
    const yes = buttonOf(q1, '是')!.callback_data!;
    await user.reply('第 2/12 题', await user.press('是'));
    const mark = await user.pressData(yes, q1); // the same button again (a double tap)
    await user.reply(zh.staleButton, mark);
    await user.reply('第 2/12 题', mark);
    await user.reply('第 3/12 题', await user.press('是'));
    expect(user.texts().filter((t) => t.startsWith('第 2/12 题'))).toHaveLength(2); // asked, re-shown after the stale press
  });

  it('resumes where the conversation was after the bot process is killed and restarted', async () => {
    const token = '100002:restart-bot';
    const user = new EmulatorUser(server, token, 5005);
    const first = pollingBot(token, 'restart.sqlite');
    await first.started(POLLING_STARTED);
    await begin(user);
    await user.reply('第 2/12 题', await user.press('是'));
    await first.stop('SIGKILL');

    const second = pollingBot(token, 'restart.sqlite');
    try {
      await second.started(POLLING_STARTED);
      await user.reply('第 3/12 题', await user.press('是'));
      expect(user.texts().filter((t) => t.startsWith('第 1/12 题'))).toHaveLength(1);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
    expect(second.log).toMatch(/"msg":"stopped"/);
  });

  it('in webhook mode rejects a wrong or missing secret with 401 and processes a twice-delivered update once', async () => {
    const token = '100003:webhook-bot';
    const port = await freePort();
    const hook = `http://127.0.0.1:${port}/telegram/webhook`;
    const bot = new BotProcess({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: server.config.apiURL,
      STORAGE_URL: `sqlite://${join(dir, 'webhook.sqlite')}`,
      WEBHOOK_URL: hook,
      WEBHOOK_SECRET: 'right-secret',
      PORT: String(port),
    });
    try {
      await bot.started(WEBHOOK_STARTED);
      const user = new EmulatorUser(server, token, 5006);
      let updateId = 7_000_000;
      const post = (update: object, secret?: string) =>
        fetch(hook, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(secret ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}) },
          body: JSON.stringify(update),
        });
      const command = (text: string) => ({
        update_id: ++updateId,
        message: { message_id: updateId, date: 1, chat: user.chat, from: user.from, text, entities: [{ type: 'bot_command', offset: 0, length: text.length }] },
      });

      expect((await post(command('/start'), 'wrong-secret')).status).toBe(401);
      expect((await post(command('/start'))).status).toBe(401);
      expect((await post(command('/start'), 'right-secret')).status).toBe(200);
      const greeting = await user.reply('开始评估');
      expect(user.texts().filter((t) => t.includes('开始评估'))).toHaveLength(1); // the rejected ones did nothing

      const press = {
        update_id: ++updateId,
        callback_query: {
          id: 'cb-1',
          from: user.from,
          chat_instance: '1',
          data: buttonOf(greeting, '开始评估')!.callback_data,
          message: { message_id: greeting.messageId, date: 1, chat: user.chat, text: greeting.message.text, reply_markup: greeting.message.reply_markup },
        },
      };
      expect((await post(press, 'right-secret')).status).toBe(200);
      expect((await post(press, 'right-secret')).status).toBe(200); // delivered again
      const q1 = await user.reply('第 1/12 题');
      const answer = { ...press, update_id: ++updateId, callback_query: { ...press.callback_query, id: 'cb-2', data: buttonOf(q1, '是')!.callback_data, message: { ...press.callback_query.message, message_id: q1.messageId, text: q1.message.text } } };
      expect((await post(answer, 'right-secret')).status).toBe(200);
      await user.reply('第 2/12 题');
      expect(user.texts().filter((t) => t.startsWith('第 1/12 题'))).toHaveLength(1);
    } finally {
      expect(await bot.stop('SIGTERM')).toBe(0);
    }
  });

  it('stops gracefully on SIGTERM', async () => {
    const code = await shared.stop('SIGTERM');
    expect(code).toBe(0);
    expect(shared.log).toMatch(/"msg":"stopped"/);
    await eventually(() => shared.exitCode !== undefined, 'the exit');
  });
});
