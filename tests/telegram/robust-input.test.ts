import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/locale/messages.js';
import { telegramMessages } from '../../src/locale/telegram.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { createLogger } from '../../src/util/logger.js';
import { BOT_INFO, FakeBotApi, FakeUser, createTestBot, type TestBot, startIntake } from './fake-bot-api.js';

const zh = messages('zh');
const tg = telegramMessages('zh');
let t: TestBot;
afterEach(async () => {
  await t?.services.close();
});

/** A user at the second question (employee insurance) after answering the first with a button. */
async function atSecondQuestion(id: number): Promise<FakeUser> {
  t = await createTestBot();
  const user = new FakeUser(id, t.api);
  await startIntake(t, user, '是');
  t.api.clear();
  return user;
}

async function answers(id: number) {
  return (await t.services.core.snapshotOf(`tg:${id}`))?.answers;
}

describe('the Telegram bot with unexpected input', () => {
  it.each([
    ['a sticker', { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } }],
    ['a photo', { photo: [{ file_id: 'p', file_unique_id: 'p', width: 90, height: 90 }], caption: '这是我的居住证' }],
    ['a voice message', { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } }],
    ['a document', { document: { file_id: 'd', file_unique_id: 'd', file_name: '社保.pdf' } }],
    ['a location', { location: { latitude: 31.2, longitude: 121.5 } }],
  ])('answers %s politely and shows the pending question again without changing anything', async (_name, fields) => {
    const user = await atSecondQuestion(2001);
    await t.bot.handleUpdate(user.message(fields));
    const texts = t.api.sentTexts(2001);
    expect(texts[0]).toBe(zh.nonText);
    expect(texts[1]).toContain('职工社会保险');
    expect(t.api.of('sendMessage')[1]!.payload['reply_markup']).toBeDefined();
    expect(await answers(2001)).toEqual({ residencePermit: true });
  });

  it('tells a user that an edited message is not processed again and changes nothing', async () => {
    const user = await atSecondQuestion(2002);
    await t.bot.handleUpdate({ update_id: 900_001, edited_message: { message_id: 1, date: 1, edit_date: 2, chat: user.chat, from: user.from, text: '否' } } as never);
    expect(t.api.sentTexts(2002)).toEqual([tg.editedIgnored]);
    expect(await answers(2002)).toEqual({ residencePermit: true });
  });

  it('answers a 5,000-character message with the too-long notice and keeps the conversation going', async () => {
    const user = await atSecondQuestion(2003);
    await t.bot.handleUpdate(user.text('社'.repeat(5000)));
    const texts = t.api.sentTexts(2003);
    expect(texts[0]).toBe(zh.tooLong(4000));
    expect(texts[1]).toContain('职工社会保险');
    await t.bot.handleUpdate(user.press('是'));
    expect(await answers(2003)).toEqual({ residencePermit: true, employeeInsurance: true });
  });

  it('answers an emoji-only message and asks the pending question again', async () => {
    const user = await atSecondQuestion(2004);
    await t.bot.handleUpdate(user.text('👍👍'));
    expect(t.api.sentTexts(2004)[0]).toBe(zh.emojiOnly);
    expect(await answers(2004)).toEqual({ residencePermit: true });
  });

  it('answers an unknown command with the help hint', async () => {
    const user = await atSecondQuestion(2005);
    await t.bot.handleUpdate(user.command('/foobar'));
    expect(t.api.sentTexts(2005)[0]).toBe(zh.unknownCommand);
    expect(await answers(2005)).toEqual({ residencePermit: true });
  });

  it('ignores a command addressed to another bot', async () => {
    const user = await atSecondQuestion(2006);
    await t.bot.handleUpdate(user.command('/start@some_other_bot'));
    expect(t.api.of('sendMessage')).toHaveLength(0);
  });

  it('answers a press on an old question, says the button is stale, removes its keyboard and changes nothing', async () => {
    t = await createTestBot();
    const user = new FakeUser(2007, t.api);
    await startIntake(t, user);
    const first = { ...t.api.lastKeyboard(2007)! };
    await t.bot.handleUpdate(user.text('是')); // answered by typing: the first question keeps its keyboard
    t.api.clear();
    await t.bot.handleUpdate(user.press('否', first));
    expect(t.api.of('answerCallbackQuery')).toHaveLength(1);
    expect(t.api.sentTexts(2007)[0]).toBe(zh.staleButton);
    expect(t.api.sentTexts(2007)[1]).toContain('职工社会保险');
    expect(t.api.of('editMessageReplyMarkup')[0]!.payload['message_id']).toBe(first.message_id);
    expect(t.api.of('editMessageText')).toHaveLength(0);
    expect(await answers(2007)).toEqual({ residencePermit: true });
  });

  it.each([['garbage'], ['a:0:age:999'], ['a:7:residencePermit:1'], ['x'.repeat(64)]])(
    'answers forged callback data %s and changes nothing',
    async (data) => {
      const user = await atSecondQuestion(2008);
      const question = t.api.lastKeyboard(2008)!;
      await t.bot.handleUpdate(user.callback(data, question));
      expect(t.api.of('answerCallbackQuery')).toHaveLength(1);
      expect(t.api.sentTexts(2008)[0]).toBe(zh.staleButton);
      expect(await answers(2008)).toEqual({ residencePermit: true });
    },
  );

  it('answers a press on a message the bot can no longer see', async () => {
    const user = await atSecondQuestion(2009);
    await t.bot.handleUpdate({
      update_id: 900_002,
      callback_query: { id: 'q1', from: user.from, chat_instance: '1', data: 'a:0:employeeInsurance:1' },
    } as never);
    expect(t.api.of('answerCallbackQuery')).toHaveLength(1);
    expect(await answers(2009)).toEqual({ residencePermit: true, employeeInsurance: true });
  });

  it('splits a reply longer than Telegram allows into several messages', async () => {
    const api = new FakeBotApi();
    const core = { handle: async () => [{ text: `${'甲'.repeat(3000)}\n${'乙'.repeat(3000)}`, buttons: [[{ id: 'c', label: '找顾问' }]] }], peekPending: async () => undefined };
    t = await createTestBot();
    const bot = createBot(t.config, { core, logger: createLogger('silent'), botInfo: BOT_INFO, transformers: [api.transformer] });
    await bot.handleUpdate(new FakeUser(2010, api).text('你好'));
    const sent = api.of('sendMessage');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.payload['reply_markup']).toBeUndefined();
    expect(sent[1]!.payload['reply_markup']).toBeDefined();
  });

  it('apologises instead of crashing when the core fails', async () => {
    const api = new FakeBotApi();
    const core = { handle: async () => { throw new Error('disk on fire'); }, peekPending: async () => undefined };
    t = await createTestBot();
    const bot = createBot(t.config, { core, logger: createLogger('silent'), botInfo: BOT_INFO, transformers: [api.transformer] });
    await expect(bot.handleUpdate(new FakeUser(2011, api).text('你好'))).resolves.toBeUndefined();
    expect(api.sentTexts(2011)).toEqual([tg.internalError]);
  });
});

describe('the Telegram bot in group chats', () => {
  const group = { id: -200, type: 'supergroup', title: '积分交流群' };

  it('stays silent in a group unless mentioned or commanded, then explains once that it works in private chats', async () => {
    t = await createTestBot();
    const user = new FakeUser(3001, t.api);
    await t.bot.handleUpdate(user.message({ text: '有人知道积分怎么算吗' }, group));
    expect(t.api.of('sendMessage')).toHaveLength(0);

    await t.bot.handleUpdate(user.command('/start', group));
    await t.bot.handleUpdate(user.message({ text: `@${BOT_INFO.username} 我能申请吗`, entities: [{ type: 'mention', offset: 0, length: BOT_INFO.username.length + 1 }] }, group));
    const sent = t.api.of('sendMessage');
    expect(sent).toHaveLength(2);
    expect(sent.every((c) => c.payload['text'] === tg.groupPrivateOnly)).toBe(true);
    expect(JSON.stringify(sent[0]!.payload['reply_markup'])).toContain(`https://t.me/${BOT_INFO.username}`);
    expect(await t.services.core.snapshotOf('tg:-200')).toBeUndefined();
  });

  it('leaves the consultant chat to the consultant feature: nothing reaches the prospect conversation', async () => {
    t = await createTestBot();
    const user = new FakeUser(3002, t.api);
    const consultantChat = { id: -100500, type: 'supergroup', title: '顾问群' };
    await t.bot.handleUpdate(user.command('/start', consultantChat));
    await t.bot.handleUpdate(user.message({ text: '今天有几个新线索？' }, consultantChat));
    expect(t.api.of('sendMessage')).toHaveLength(0);
    expect(await t.services.core.snapshotOf('tg:-100500')).toBeUndefined();
  });
});
