import { describe, expect, it } from 'vitest';
import { RECENT_UPDATE_IDS } from '../../src/core/conversation-store.js';
import { keys } from '../../src/leads/keys.js';
import { messages } from '../../src/locale/messages.js';
import { BACHELOR_35, Person, answerAll, createHarness } from '../helpers/core-harness.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';

async function started(url?: string, extra?: Parameters<typeof createHarness>[2]) {
  const h = await createHarness(url, undefined, extra);
  const person = new Person(h.core);
  await person.say('/start');
  await person.press('开始评估');
  return { ...h, person };
}

describe('the intake conversation', () => {
  it('greets with what the bot can do and a start button', async () => {
    const h = await createHarness();
    const person = new Person(h.core);
    await person.say('/start');
    expect(person.text()).toContain('积分');
    expect(person.buttons().map((b) => b.label)).toContain('开始评估');
  });

  it('shows progress on each question', async () => {
    const { person } = await started();
    expect(person.text()).toMatch(/第 1\/\d+ 题/);
    await person.press('是');
    expect(person.text()).toMatch(/第 2\/\d+ 题/);
  });

  it('tells a 35-year-old bachelor with degree and 36 months that 129 points reach 120', async () => {
    const { person } = await started();
    await answerAll(person, BACHELOR_35);
    const text = person.text();
    expect(text).toContain('129 分');
    expect(text).toContain('已达到 120 分');
    expect(text).toContain('+90');
    expect(person.buttons().map((b) => b.label)).toContain('还没开始');
  });

  it('shows a 45-year-old with a college diploma and 24 months 83 points, the gap and ways to close it', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是', '12', '否', '45', '大专', '全日制', '没有', '24', '不到0.8倍/不清楚', '未婚', '都没有', '都没有']);
    const text = person.text();
    expect(text).toContain('83 分');
    expect(text).toContain('还差 37 分');
    expect(text).toContain('补分的现实途径');
    expect(text).toMatch(/\+\d+ 分/);
  });

  it('stops an out-of-town branch employee with the reason and what would fix it', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是', '12个月', '是']);
    expect(person.text()).toContain('分支机构');
    expect(person.text()).toContain('不能申请');
    expect(person.buttons()).toEqual([]);
  });

  it('stops someone with under 6 months of insurance and says when they can apply', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是', '3']);
    expect(person.text()).toContain('满 6 个月后');
  });

  it('stops someone without employee social insurance', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '没有']);
    expect(person.text()).toContain('职工社会保险');
    expect(person.text()).toContain('还不能申请');
  });

  it('answers a side question mid-questionnaire and asks the pending question again', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是']);
    const replies = await person.say('材料已经提交并受理了，这时候换工作怎么办？');
    const text = person.text();
    expect(text).toContain('撤销');
    expect(text).toContain('最近 12 个月里');
    // Two messages: the answer, then the pending question headed by a line saying we go back to it.
    expect(replies).toHaveLength(2);
    expect(replies[1]!.text.startsWith(messages('zh').resumeAfterFaq)).toBe(true);
    expect(replies[1]!.buttons?.flat().map((b) => b.label)).toContain('12个月');
    await person.say('12');
    expect(person.text()).toContain('外省市');
  });

  it('accepts typed answers in everyday forms', async () => {
    const { person } = await started();
    await answerAll(person, ['对', '有的', '12个月', '不是', '三十五', '本科', '全日制', '没有', '3年']);
    expect(person.text()).toContain('缴费基数');
  });

  it('changes the previous answer with /back', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是', '12个月', '否', '35']);
    await person.say('/back');
    expect(person.text()).toContain('多大');
    await person.say('50');
    await answerAll(person, ['本科+学士学位', '全日制', '没有', '36', '不到0.8倍/不清楚', '未婚', '都没有', '都没有']);
    expect(person.text()).toContain('17 分'); // 5 + 2 × (56 − 50)
  });

  it('says so when /back is used on the first question', async () => {
    const { person } = await started();
    await person.say('/back');
    expect(person.text()).toContain('第一题');
  });

  it('re-asks an unparseable answer with a hint and offers a way out after three tries', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是', '12', '否']);
    await person.say('嗯嗯嗯');
    expect(person.text()).toContain('请输入年龄数字');
    await person.say('哈哈哈');
    await person.say('不知道呀');
    expect(person.buttons().map((b) => b.label)).toEqual(['跳过这一题', '找顾问']);
  });

  it('skips a question after the escape and moves on', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是', '12', '否', '35', '本科+学士学位', '全日制']);
    for (const junk of ['呃', '额额', '嗯哼']) await person.say(junk);
    await person.press('跳过这一题');
    expect(person.text()).toContain('累计多少个月');
  });

  it('rejects an age outside the range with the allowed range', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是', '12', '否', '200']);
    expect(person.text()).toContain('14 到 80');
  });

  it('ignores a stale button from before a restart', async () => {
    const { person } = await started();
    const oldYes = person.buttons().find((b) => b.label === '是')!.id;
    await person.say('/restart');
    await person.press('是');
    await person.pressId(oldYes);
    expect(person.text()).toContain('过期');
    expect(person.text()).toContain('第 2/');
  });

  it('answers a forged callback politely without changing anything', async () => {
    const { person } = await started();
    await person.pressId('a:0:age:999');
    expect(person.text()).toContain('过期');
    await person.pressId('totally-made-up');
    expect(person.text()).toContain('第 1/');
  });

  it('processes a redelivered update only once', async () => {
    const h = await createHarness();
    await h.core.handle('c', { kind: 'command', name: 'start' }, { updateId: 1 });
    const replies = await h.core.handle('c', { kind: 'button', id: 's:0' }, { updateId: 2 });
    const yes = replies[0]!.buttons![0]![0]!.id;
    await h.core.handle('c', { kind: 'button', id: yes }, { updateId: 3 });
    expect(await h.core.handle('c', { kind: 'button', id: yes }, { updateId: 3 })).toEqual([]);
    const snapshot = await h.core.snapshotOf('c');
    expect(snapshot?.state).toEqual({ questionnaire: 'employeeInsurance' });
  });

  it('continues exactly where it was after a restart of the process (sqlite)', async () => {
    const url = tempSqliteUrl('core');
    const first = await started(url);
    await answerAll(first.person, ['是', '是', '12个月']);
    await first.store.close();
    const second = await createHarness(url);
    const person = new Person(second.core, 'test-chat', 100);
    await person.say('否');
    expect(person.text()).toContain('多大');
    await second.store.close();
  });

  it('starts over politely when the stored conversation is corrupted', async () => {
    const h = await createHarness();
    await h.store.kv.set('conv:x', { v: 1, state: { questionnaire: 'noSuchQuestion' }, ctx: { answers: {} }, epoch: 0, retries: 0, picks: [], locale: 'zh', topics: [], estimateShown: false, createdAt: 0, updatedAt: Date.now() });
    const person = new Person(h.core, 'x');
    await person.say('/start');
    expect(person.text()).toContain('从头开始');
    await h.store.kv.set('conv:y', 'garbage');
    const other = new Person(h.core, 'y');
    await other.say('你好');
    expect(other.text()).toContain('从头开始');
  });

  it('starts over after 30 days of silence, saying so', async () => {
    const { person, clock } = await started();
    await person.press('是');
    clock.now = new Date(clock.now.getTime() + 31 * 24 * 3600 * 1000);
    await person.say('是');
    expect(person.text()).toContain('超过 30 天');
  });

  it('walks through stage, job change and next steps with expected dates, then offers a consultant', async () => {
    const { person } = await started();
    await answerAll(person, BACHELOR_35);
    await person.press('材料已提交并受理');
    await person.press('是');
    const text = person.text();
    expect(text).toContain('调阅人员信息表');
    expect(text).toMatch(/预计在 \d{4}-\d{2}-\d{2} 前后/);
    expect(text).toContain('撤销');
    expect(person.buttons().map((b) => b.label)).toEqual(['是', '否']);
    await person.press('否');
    expect(person.text()).toContain('评估结束');
  });

  it('answers questions after the questionnaire has ended', async () => {
    const { person } = await started();
    await answerAll(person, ['是', '是', '12个月', '是']);
    await person.say('积分通知单在哪里打印');
    expect(person.text()).toContain('身份证');
  });

  it('gives an English conversation to someone who writes in English', async () => {
    const h = await createHarness();
    const person = new Person(h.core);
    await person.say('How long does the final review take?');
    expect(person.text()).toMatch(/working days/);
    expect(person.buttons().map((b) => b.label)).not.toContain('开始评估');
  });

  it('erases the conversation after /delete is confirmed', async () => {
    const { person, core } = await started();
    await person.press('是');
    await person.say('/delete');
    await person.press('确定删除');
    expect(person.text()).toContain('已全部删除');
    expect(await core.snapshotOf('test-chat')).toBeUndefined();
  });

  it('answers long texts, emoji and unknown commands without losing the question', async () => {
    const { person } = await started();
    await person.say('长'.repeat(5000));
    expect(person.text()).toContain('太长');
    await person.say('😀😀');
    expect(person.text()).toContain('第 1/');
    await person.say('/whatever');
    expect(person.text()).toContain('/help');
    expect(person.text()).toContain('第 1/');
  });

  it('offers FAQ topics and shows an entry from them', async () => {
    const { person } = await started();
    await person.say('/faq');
    await person.press('换工作怎么办');
    const first = person.buttons()[0]!;
    await person.pressId(first.id);
    expect(person.text().length).toBeGreaterThan(20);
    expect(person.text()).toContain('第 1/');
  });

  it('leaves the stored conversation as it was when a turn fails half-way (memory:// keeps the objects themselves)', async () => {
    // The funnel step is noted on the record before the lead store is told; the first telling fails.
    const marked: string[] = [];
    let failNext = true;
    const leads = {
      record: async () => undefined,
      eraseChat: async () => undefined,
      mark: async (_chatId: string, step: string) => {
        if (failNext) {
          failNext = false;
          throw new Error('lead store unreachable');
        }
        marked.push(step);
      },
    };
    const { person, ...h } = await started('memory://', { leads });
    expect(person.text()).toContain('保存不了');
    const stored = await h.core.snapshotOf('test-chat');
    expect(stored?.state).toEqual({ questionnaire: 'greeting' });
    // Had the failed turn changed the stored record in place, the step would count as noted and never be told again.
    await person.say('/start');
    await person.press('开始评估');
    expect(person.text()).toContain('第 1/');
    expect(marked).toEqual(['started']);
  });

  it('remembers the last 20 update ids, and reads the single id of a record saved before that window', async () => {
    const { store, core, person } = await started();
    for (let i = 0; i < 25; i++) await person.say('/help');
    const key = keys.conversation('test-chat');
    const record = (await store.kv.get(key)) as Record<string, unknown>;
    const ids = record['recentUpdateIds'] as number[];
    expect(ids).toHaveLength(RECENT_UPDATE_IDS);
    expect(ids[RECENT_UPDATE_IDS - 1]! - ids[0]!).toBe(RECENT_UPDATE_IDS - 1);
    expect(record).not.toHaveProperty('lastUpdateId');
    // An older record: only the highest id processed.
    const last = ids[RECENT_UPDATE_IDS - 1]!;
    const { recentUpdateIds: _window, ...older } = record;
    await store.kv.set(key, { ...older, lastUpdateId: last });
    expect(await core.handle('test-chat', { kind: 'command', name: 'help' }, { updateId: last })).toEqual([]);
    expect((await core.handle('test-chat', { kind: 'command', name: 'help' }, { updateId: last + 1 })).length).toBeGreaterThan(0);
    const migrated = (await store.kv.get(key)) as Record<string, unknown>;
    expect(migrated['recentUpdateIds']).toEqual([last + 1]);
    expect(migrated).not.toHaveProperty('lastUpdateId');
  });
});
