/**
 * End to end for the consultant side: `npm start` as a child process against telegram-test-api, the
 * consultant chat being the consultant's private chat (CONSULTANT_CHAT_ID = CONSULTANT_IDS = 6001).
 */
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultantTexts } from '../../src/locale/consultant.js';
import { messages } from '../../src/locale/messages.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';
import { BotProcess, EmulatorUser, startEmulator } from './emulator.js';

const zh = messages('zh');
const TOKEN = '100101:consultant-bot';
const CONSULTANT = 6001;

let server: TelegramServer;
let bot: BotProcess;

beforeAll(async () => {
  server = await startEmulator();
  bot = new BotProcess({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: server.config.apiURL,
    STORAGE_URL: tempSqliteUrl('tg-consultant-e2e'),
    CONSULTANT_CHAT_ID: String(CONSULTANT),
    CONSULTANT_IDS: String(CONSULTANT),
  });
  await bot.started(/telegram long polling started/);
}, 60_000);

afterAll(async () => {
  await bot?.stop('SIGKILL');
  await server?.stop();
});

describe('the consultant side on a Bot API emulator', () => {
  it('posts a card with the mobile number to the consultant chat after /start, the questionnaire, consent and contact, and relays the handoff both ways', async () => {
    const prospect = new EmulatorUser(server, TOKEN, 5101);
    const consultant = new EmulatorUser(server, TOKEN, CONSULTANT);

    await prospect.reply('开始评估', await prospect.send('/start'));
    await prospect.reply('第 1/12 题', await prospect.press('开始评估'));
    await prospect.reply('第 2/12 题', await prospect.press('是'));
    await prospect.reply('第 3/12 题', await prospect.press('是'));
    await prospect.reply('第 4/12 题', await prospect.press('12个月'));
    await prospect.reply('第 5/12 题', await prospect.press('否'));
    await prospect.reply('第 6/12 题', await prospect.send('35'));
    await prospect.reply('第 7/13 题', await prospect.press('本科+学士学位'));
    await prospect.reply('第 8/13 题', await prospect.press('全日制'));
    await prospect.reply('第 9/13 题', await prospect.press('没有'));
    await prospect.reply('第 10/13 题', await prospect.send('36'));
    await prospect.reply('第 11/13 题', await prospect.press('不到0.8倍/不清楚'));
    await prospect.reply('第 12/13 题', await prospect.press('未婚'));
    await prospect.reply('第 13/13 题', await prospect.press('都没有'));
    await prospect.reply(zh.questions.stage.prompt, await prospect.press('都没有'));
    await prospect.reply(zh.questions.jobChange.prompt, await prospect.press('还没开始'));
    await prospect.reply(zh.questions.wantsConsultant.prompt, await prospect.press('否'));
    await prospect.reply('你同意吗', await prospect.press('是'));
    await prospect.reply(zh.capture.askDetails, await prospect.press(zh.capture.consentYes));
    await prospect.reply(zh.capture.askTime, await prospect.send('王小明 13912345678'));
    await prospect.reply(zh.capture.handoffStarted, await prospect.press('工作日晚上'));

    const card = await consultant.reply(/🧾 线索 L-\d{8}-\d{4}/);
    expect(card.message.text).toContain('13912345678');
    expect(card.message.text).toContain('王小明');
    const leadId = /L-\d{8}-\d{4}/.exec(card.message.text)![0];

    // the consultant claims it: the card is edited to show who
    await consultant.press('认领 Claim', card);
    await consultant.reply(/📌 状态：已认领（@user6001/);

    // handoff: prospect → consultant chat → prospect (marks: where each chat's new messages start)
    let seen = consultant.botMessages().length;
    await prospect.send('材料要准备哪些？');
    const relayed = await consultant.reply(`💬 ${leadId} 王小明：材料要准备哪些？`, seen);
    await prospect.reply(zh.capture.handoffRelayed);
    seen = prospect.botMessages().length;
    await consultant.replyTo('先准备身份证和学历证明。', relayed);
    await prospect.reply('👩‍💼 顾问：先准备身份证和学历证明。', seen);
    seen = prospect.botMessages().length;
    await consultant.replyTo('/endchat', relayed);
    await prospect.reply(zh.capture.handoffEnded, seen);
    await consultant.reply(consultantTexts('zh').endchatDone(leadId));
    expect(bot.log).not.toContain('13912345678');
  }, 90_000);
});
