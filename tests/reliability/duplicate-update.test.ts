import { afterEach, describe, expect, it } from 'vitest';
import { FakeUser, createTestBot, type TestBot, startIntake } from '../telegram/fake-bot-api.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';

let bots: TestBot[] = [];
afterEach(async () => {
  for (const b of bots) await b.services.close();
  bots = [];
});

/** A bot and a user who has answered the first question (residence permit). */
async function atSecondQuestion(url: string, id: number): Promise<{ b: TestBot; user: FakeUser }> {
  const b = await createTestBot(url);
  bots.push(b);
  const user = new FakeUser(id, b.api);
  await startIntake(b, user, '是');
  b.api.clear();
  return { b, user };
}

const sends = (b: TestBot) => b.api.of('sendMessage').length;

describe('an update delivered twice', () => {
  it('is processed once when the same button press arrives again after the first was handled', async () => {
    const { b, user } = await atSecondQuestion('memory://', 3101);
    const press = user.press('是');
    await b.bot.handleUpdate(press);
    const once = sends(b);
    expect(once).toBeGreaterThan(0);
    await b.bot.handleUpdate(press);
    expect(sends(b)).toBe(once);
    expect((await b.services.core.snapshotOf('tg:3101'))?.answers).toEqual({ residencePermit: true, employeeInsurance: true });
  });

  it('is processed once when both copies of a typed answer arrive at the same moment', async () => {
    const { b, user } = await atSecondQuestion('memory://', 3102);
    const typed = user.text('否');
    await Promise.all([b.bot.handleUpdate(typed), b.bot.handleUpdate(typed)]);
    expect(b.api.sentTexts(3102)).toHaveLength(1);
    expect(b.api.sentTexts(3102)[0]).toContain('不能申请');
    expect((await b.services.core.snapshotOf('tg:3102'))?.answers).toEqual({ residencePermit: true, employeeInsurance: false });
  });

  it('is processed once when Telegram redelivers it to a restarted process on the same storage', async () => {
    const url = tempSqliteUrl('dup');
    const first = await atSecondQuestion(url, 3103);
    const press = first.user.press('是');
    const typedLater = (user: FakeUser) => user.text('12');
    await first.b.bot.handleUpdate(press);
    const typed = typedLater(first.user);
    await first.b.bot.handleUpdate(typed);
    const before = await first.b.services.core.snapshotOf('tg:3103');
    expect(before?.answers).toEqual({ residencePermit: true, employeeInsurance: true, insuredMonthsLast12: 12 });
    await first.b.services.close();
    bots = [];

    const second = await createTestBot(url);
    bots.push(second);
    await second.bot.handleUpdate(press);
    await second.bot.handleUpdate(typed);
    expect(sends(second)).toBe(0);
    expect(await second.services.core.snapshotOf('tg:3103')).toEqual(before);
  });
});
