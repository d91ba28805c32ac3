import { BACHELOR_35, asTelegramSteps } from '../helpers/core-harness.js';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, commandMenu, registerCommands } from '../../src/channels/telegram/features/commands.js';
import { OptionalMethods } from '../../src/channels/telegram/tolerate.js';
import { createLogger } from '../../src/util/logger.js';
import { FakeUser, createTestBot, type TestBot, startIntake } from './fake-bot-api.js';

let t: TestBot;
afterEach(async () => {
  await t?.services.close();
});

const PRESSES_AND_TEXTS = asTelegramSteps(BACHELOR_35);

/** A user at the first question (after /start and the start button). */
async function atFirstQuestion(id: number): Promise<FakeUser> {
  t = await createTestBot();
  const user = new FakeUser(id, t.api);
  await startIntake(t, user);
  return user;
}

describe('the Telegram bot', () => {
  it('walks a 35-year-old with a bachelor degree and 36 months of insurance to an estimate of 129 by button presses', async () => {
    const user = await atFirstQuestion(1001);
    for (const [kind, value] of PRESSES_AND_TEXTS) {
      await t.bot.handleUpdate(kind === 'press' ? user.press(value) : user.text(value));
    }
    const texts = t.api.sentTexts(1001);
    expect(texts.some((text) => text.includes('129'))).toBe(true);
    const presses = 1 + PRESSES_AND_TEXTS.filter(([kind]) => kind === 'press').length;
    expect(t.api.of('answerCallbackQuery')).toHaveLength(presses);
    expect(t.api.of('editMessageText').filter((c) => /\n\n✔ /.test(String(c.payload['text'])))).toHaveLength(presses);
    expect(texts.find((text) => text.includes('积分估算'))).toContain('129 分');
  });

  it('answers every button press and edits the pressed question to show the choice without a keyboard', async () => {
    const user = await atFirstQuestion(1002);
    const question = { ...t.api.lastKeyboard(1002)! };
    expect(question.text).toContain('居住证');
    const press = user.press('是');
    await t.bot.handleUpdate(press);

    const answers = t.api.of('answerCallbackQuery');
    expect(answers.at(-1)!.payload['callback_query_id']).toBe((press as { callback_query: { id: string } }).callback_query.id);
    const edit = t.api.of('editMessageText').at(-1)!;
    expect(edit.payload['message_id']).toBe(question.message_id);
    expect(edit.payload['text']).toBe(`${question.text}\n\n✔ 是`);
    expect(edit.payload['reply_markup']).toEqual({ inline_keyboard: [] });
    expect(t.api.messages.get(question.message_id)!.reply_markup).toBeUndefined();
    expect(t.api.lastKeyboard(1002)!.text).toContain('职工社会保险');
  });

  it('renders the core replies as messages with inline keyboards whose callback data are the button ids', async () => {
    t = await createTestBot();
    const user = new FakeUser(1003, t.api);
    await t.bot.handleUpdate(user.command('/start'));
    const sent = t.api.of('sendMessage').at(-1)!;
    const keyboard = sent.payload['reply_markup'] as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
    expect(keyboard.inline_keyboard[0]![0]).toEqual({ text: '开始评估', callback_data: 's:0' });
  });

  it('toggles a multi-choice option by editing the question in place', async () => {
    const user = await atFirstQuestion(1004);
    for (const [kind, value] of PRESSES_AND_TEXTS.slice(0, 11)) {
      await t.bot.handleUpdate(kind === 'press' ? user.press(value) : user.text(value));
    }
    const bonuses = t.api.lastKeyboard(1004)!;
    expect(bonuses.text).toContain('加分');
    const sentBefore = t.api.of('sendMessage').length;
    await t.bot.handleUpdate(user.press('紧缺急需专业'));
    expect(t.api.of('sendMessage').length).toBe(sentBefore);
    const shown = t.api.messages.get(bonuses.message_id)!;
    expect(shown.text).toContain('已选：紧缺急需专业');
    expect(JSON.stringify(shown.reply_markup)).toContain('✅ 紧缺急需专业');
  });

  it('processes an update delivered twice only once', async () => {
    const user = await atFirstQuestion(1005);
    const press = user.press('是');
    await t.bot.handleUpdate(press);
    const before = { sent: t.api.of('sendMessage').length, edits: t.api.of('editMessageText').length };
    await t.bot.handleUpdate(structuredClone(press));
    expect(t.api.of('sendMessage').length).toBe(before.sent);
    expect(t.api.of('editMessageText').length).toBe(before.edits);
    expect((await t.services.core.snapshotOf('tg:1005'))!.answers).toEqual({ residencePermit: true });
  });

  it('ignores an update the core already processed even in a fresh bot (e.g. after a restart)', async () => {
    const user = await atFirstQuestion(1006);
    const press = user.press('是');
    await t.bot.handleUpdate(press);
    const { createBot } = await import('../../src/channels/telegram/create-bot.js');
    const restarted = createBot(t.config, { core: t.services.core, logger: createLogger('silent'), botInfo: t.bot.botInfo, transformers: [t.api.transformer] });
    const sent = t.api.of('sendMessage').length;
    await restarted.handleUpdate(structuredClone(press));
    expect(t.api.of('sendMessage').length).toBe(sent);
    expect((await t.services.core.snapshotOf('tg:1006'))!.answers).toEqual({ residencePermit: true });
  });

  it('sends every command to the core as a command', async () => {
    t = await createTestBot();
    const user = new FakeUser(1007, t.api);
    await t.bot.handleUpdate(user.command('/help'));
    expect(t.api.sentTexts(1007).at(-1)).toContain('/consultant');
    await t.bot.handleUpdate(user.command('/privacy'));
    expect(t.api.sentTexts(1007).join('\n')).toContain('隐私说明');
    await t.bot.handleUpdate(user.command('/delete'));
    expect(t.api.lastKeyboard(1007)!.text).toContain('删除');
    await t.bot.handleUpdate(user.command(`/start@${t.bot.botInfo.username}`));
    expect(t.api.sentTexts(1007).at(-1)).toContain('开始评估');
  });

  it('registers the command menu in Chinese by default and in English for English users, tolerating a server without setMyCommands', async () => {
    t = await createTestBot();
    t.api.unsupported.clear();
    const logger = createLogger('silent');
    await registerCommands(t.bot.api, new OptionalMethods(logger), logger);
    const calls = t.api.of('setMyCommands');
    expect(calls).toHaveLength(2);
    expect(calls[0]!.payload['commands']).toEqual(commandMenu('zh'));
    expect(calls[0]!.payload['language_code']).toBeUndefined();
    expect(calls[1]!.payload['language_code']).toBe('en');
    expect((calls[1]!.payload['commands'] as Array<{ command: string }>).map((c) => c.command)).toEqual([...COMMANDS]);

    t.api.unsupported.add('setMyCommands');
    await expect(registerCommands(t.bot.api, new OptionalMethods(logger), logger)).resolves.toBeUndefined();
  });

  it('refuses to build a bot without a token, saying which variable to set', async () => {
    const { createBot } = await import('../../src/channels/telegram/create-bot.js');
    const { parseConfig } = await import('../../src/config/env.js');
    expect(() => createBot(parseConfig({}), { core: {} as never, logger: createLogger('silent') })).toThrow(/TELEGRAM_BOT_TOKEN/);
  });
});
