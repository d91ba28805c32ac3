import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/locale/messages.js';
import { telegramMessages } from '../../src/locale/telegram.js';
import { createBot } from '../../src/channels/telegram/create-bot.js';
import { createLogger } from '../../src/util/logger.js';
import { BOT_INFO, FakeUser, createTestBot, type TestBot } from './fake-bot-api.js';

const HELP = messages('zh').help;
const NOTICE = telegramMessages('zh').rateLimited;

let t: TestBot | undefined;
afterEach(async () => {
  await t?.services.close();
  t = undefined;
});

describe('flood protection', () => {
  it('answers up to the limit per user and window, tells the user once, drops the rest, and starts over in the next window', async () => {
    let now = 1_000_000;
    t = await createTestBot('memory://', { rateLimit: { limit: 3, timeFrameMs: 10_000, now: () => now } });
    const fast = new FakeUser(6101, t.api);
    const calm = new FakeUser(6102, t.api);
    const count = (user: FakeUser, text: string) => t!.api.sentTexts(user.id).filter((s) => s === text).length;

    for (let i = 0; i < 6; i++) await t.bot.handleUpdate(fast.command('/help'));
    await t.bot.handleUpdate(calm.command('/help'));
    expect(count(fast, HELP)).toBe(3);
    expect(count(fast, NOTICE)).toBe(1);
    expect(count(calm, HELP)).toBe(1); // another user is not held back
    expect(count(calm, NOTICE)).toBe(0);

    now += 9_999; // still the same window
    await t.bot.handleUpdate(fast.command('/help'));
    expect(count(fast, HELP)).toBe(3);
    now += 1; // the next window
    await t.bot.handleUpdate(fast.command('/help'));
    expect(count(fast, HELP)).toBe(4);
    expect(count(fast, NOTICE)).toBe(1);
  });

  it('sends no notice into a group chat', async () => {
    t = await createTestBot('memory://', { rateLimit: { limit: 1, timeFrameMs: 10_000 } });
    const member = new FakeUser(6103, t.api, 'zh-hans', { id: -4242, type: 'group', title: 'G' });
    for (let i = 0; i < 3; i++) await t.bot.handleUpdate(member.command('/help@points_test_bot'));
    expect(t.api.sentTexts(-4242).filter((s) => s === NOTICE)).toHaveLength(0);
  });

  it('gives a flooding user one notice per window and does not pass the excess to the core', async () => {
    const test = await createTestBot();
    t = test;
    const api = test.api;
    let handled = 0;
    const core = {
      handle: async (...args: Parameters<typeof test.services.core.handle>) => {
        handled++;
        return test.services.core.handle(...args);
      },
      peekPending: (id: string) => test.services.core.peekPending(id),
    };
    const bot = createBot(test.config, { core, logger: createLogger('silent'), botInfo: BOT_INFO, transformers: [api.transformer], rateLimit: { limit: 3, timeFrameMs: 60_000 } });
    const user = new FakeUser(4001, api);
    for (let i = 0; i < 12; i++) await bot.handleUpdate(user.text(`第${i}条消息`));
    expect(handled).toBe(3);
    expect(api.sentTexts(4001).filter((text) => text === NOTICE)).toHaveLength(1);
  });
});
