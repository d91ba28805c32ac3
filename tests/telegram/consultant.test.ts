/**
 * The consultant side of the Telegram channel, with `bot.handleUpdate` and the recording fake Bot API:
 * lead cards through the outbox, card buttons, the handoff relay, consultant commands, erasure.
 */
import { BACHELOR_35, asTelegramSteps } from '../helpers/core-harness.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';
import type { Transformer } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { registerConsultantCommands } from '../../src/channels/telegram/features/consultant.js';
import { OptionalMethods } from '../../src/channels/telegram/tolerate.js';
import { keys } from '../../src/leads/keys.js';
import { consultantTexts } from '../../src/locale/consultant.js';
import { messages } from '../../src/locale/messages.js';
import { createLogger } from '../../src/util/logger.js';
import {
  CONSULTANT_CHAT,
  CONSULTANT_ID,
  FakeBotApi,
  FakeUser,
  createConsultantTestBot,
  startIntake,
  type ConsultantTestBot,
  type ShownMessage,
} from './fake-bot-api.js';

const zh = messages('zh');
const ct = consultantTexts('zh');
const CARD = '🧾 线索';
const DAY_MS = 86_400_000;

/** /start to the end of contact capture: estimate 129, wants a consultant, consent, 王小明 13912345678, weekday evenings. */
const TO_CONTACT: Array<['press' | 'text', string]> = [
  ['press', '开始评估'],
  ...asTelegramSteps(BACHELOR_35),
  ['press', '还没开始'],
  ['press', '否'],
  ['press', '是'],
  ['press', zh.capture.consentYes],
  ['text', '王小明 13912345678'],
  ['press', '工作日晚上'],
];

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function consultantBot(options: Parameters<typeof createConsultantTestBot>[0] = {}): Promise<ConsultantTestBot> {
  const t = await createConsultantTestBot(options);
  t.api.strictEdits = true;
  cleanups.push(() => t.services.close());
  return t;
}

async function completeIntake(t: ConsultantTestBot, user: FakeUser): Promise<void> {
  await t.bot.handleUpdate(user.command('/start'));
  for (const [kind, value] of TO_CONTACT) await t.bot.handleUpdate(kind === 'press' ? user.press(value) : user.text(value));
  expect(t.api.sentTexts(user.id).at(-1)).toBe(zh.capture.handoffStarted);
}

const cards = (api: FakeBotApi): ShownMessage[] => api.shown(CONSULTANT_CHAT.id).filter((m) => m.text.startsWith(CARD));
const consultant = (api: FakeBotApi) => new FakeUser(CONSULTANT_ID, api, 'zh-hans', CONSULTANT_CHAT, 'li_consultant');
const labels = (m: ShownMessage) => (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);

describe('lead cards in the consultant chat', () => {
  it('sends one card with Claim, Contacted and Close to the consultant chat once a prospect completes the questionnaire, consent and contact', async () => {
    const t = await consultantBot();
    const user = new FakeUser(2001, t.api);
    await completeIntake(t, user);
    expect(await t.desk.dispatcher.drain()).toEqual({ sent: 1, failed: 0 });
    expect(await t.desk.dispatcher.drain()).toEqual({ sent: 0, failed: 0 });

    const [card, ...others] = cards(t.api);
    expect(others).toEqual([]);
    expect(card!.text).toContain('王小明');
    expect(card!.text).toContain('13912345678');
    expect(card!.text).toContain('129');
    expect(labels(card!)).toEqual(['认领 Claim', '已联系 Contacted', '关闭 Close']);
    const lead = await t.services.leads.leads.getByChat('tg:2001');
    expect(card!.text).toContain(lead!.id);
    expect(card!.reply_markup!.inline_keyboard[0]![0]).toMatchObject({ callback_data: `lc:${lead!.id}:claimed` });
  });

  it('lets an allowed consultant claim, mark contacted and close a lead, and the card shows who did it', async () => {
    const t = await consultantBot();
    await completeIntake(t, new FakeUser(2002, t.api));
    await t.desk.dispatcher.drain();
    const li = consultant(t.api);
    const card = cards(t.api)[0]!;
    const lead = (await t.services.leads.leads.getByChat('tg:2002'))!;

    for (const [label, status, shown] of [
      ['认领 Claim', 'claimed', '已认领'],
      ['已联系 Contacted', 'contacted', '已联系'],
      ['关闭 Close', 'closed', '已关闭'],
    ] as const) {
      await t.bot.handleUpdate(li.press(label, card));
      expect((await t.services.leads.leads.get(lead.id))!.status).toBe(status);
      expect(t.api.messages.get(card.message_id)!.text).toMatch(new RegExp(`📌 状态：${shown}（@li_consultant，`));
      expect(t.api.of('answerCallbackQuery').at(-1)!.payload['text']).toBe(ct.statusSet(shown));
      expect(await t.desk.dispatcher.drain()).toEqual({ sent: 1, failed: 0 }); // the outbox's edit: already shown
    }
    expect(cards(t.api)).toHaveLength(1);
    const history = (await t.services.leads.leads.get(lead.id))!.statusHistory;
    expect(history.map((h) => [h.status, h.by])).toEqual([
      ['claimed', '@li_consultant'],
      ['contacted', '@li_consultant'],
      ['closed', '@li_consultant'],
    ]);
    const stats = await t.services.leads.funnel.stats(async () => undefined);
    expect(stats.counts.claimed).toBe(1);
  });

  it('refuses a card button pressed by someone who is not a consultant, politely, and leaves the status and the card unchanged', async () => {
    const t = await consultantBot();
    await completeIntake(t, new FakeUser(2003, t.api));
    await t.desk.dispatcher.drain();
    const card = cards(t.api)[0]!;
    const before = card.text;
    const stranger = new FakeUser(4242, t.api, 'zh-hans', CONSULTANT_CHAT);
    await t.bot.handleUpdate(stranger.press('认领 Claim', card));

    const answer = t.api.of('answerCallbackQuery').at(-1)!.payload;
    expect(answer['text']).toBe(ct.buttonNotForYou);
    expect(answer['show_alert']).toBe(true);
    expect((await t.services.leads.leads.getByChat('tg:2003'))!.status).toBe('new');
    expect(t.api.messages.get(card.message_id)!.text).toBe(before);
    expect(await t.desk.dispatcher.drain()).toEqual({ sent: 0, failed: 0 });
  });

  it('posts a new card when the card to edit was deleted from the consultant chat', async () => {
    const t = await consultantBot();
    await completeIntake(t, new FakeUser(2004, t.api));
    await t.desk.dispatcher.drain();
    const first = cards(t.api)[0]!;
    t.api.messages.delete(first.message_id); // a consultant deleted it
    const lead = (await t.services.leads.leads.getByChat('tg:2004'))!;
    await t.services.leads.leads.setStatus(lead.id, 'claimed', '王顾问', new Date());
    expect(await t.desk.dispatcher.drain()).toEqual({ sent: 1, failed: 0 });
    const [second] = cards(t.api);
    expect(second!.message_id).not.toBe(first.message_id);
    expect(second!.text).toContain('已认领（王顾问');
    expect(await t.services.store.kv.get(keys.cardRef(lead.id))).toMatchObject({ messageId: second!.message_id });
  });

  it('delivers exactly one card through a Bot API that fails twice (500, then 429) and recovers, across a restart over the same sqlite file', async () => {
    const storageUrl = tempSqliteUrl('consultant-outbox');
    const api = new FakeBotApi();
    let failures = 0;
    const flaky: Transformer = async (prev, method, payload, signal) => {
      const chatId = Number((payload as { chat_id?: unknown } | undefined)?.chat_id);
      if (method === 'sendMessage' && chatId === CONSULTANT_CHAT.id && failures < 2) {
        failures++;
        return (failures === 1
          ? { ok: false, error_code: 500, description: 'Internal Server Error' }
          : { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }) as never;
      }
      return prev(method, payload, signal);
    };
    // flood-wait retries off: the dispatcher itself sees the 429 and retries later
    const deps = { transformers: [flaky], floodWait: { maxRetryAttempts: 0 } };

    const first = await createConsultantTestBot({ storageUrl, api, deps });
    await completeIntake(first, new FakeUser(2005, api));
    expect(await first.desk.dispatcher.drain()).toEqual({ sent: 0, failed: 1 });
    const [queued] = await first.services.leads.leads.outbox.list();
    expect(queued).toMatchObject({ kind: 'card', attempts: 1 });
    expect(queued!.lastError).toMatch(/500|Internal/);
    await first.services.close(); // the process goes away with the card still queued

    const second = await createConsultantTestBot({ storageUrl, api, deps });
    expect(await second.desk.dispatcher.drain()).toEqual({ sent: 0, failed: 1 }); // the 429
    expect(await second.desk.dispatcher.drain()).toEqual({ sent: 1, failed: 0 });
    expect(await second.desk.dispatcher.drain()).toEqual({ sent: 0, failed: 0 });
    await second.services.close();

    const third = await createConsultantTestBot({ storageUrl, api, deps });
    cleanups.push(() => third.services.close());
    expect(await third.desk.dispatcher.drain()).toEqual({ sent: 0, failed: 0 });
    expect(await third.services.leads.leads.outbox.list()).toEqual([]);
    expect(cards(api)).toHaveLength(1);
    expect(failures).toBe(2);
    expect(api.of('sendMessage').filter((c) => c.payload['chat_id'] === CONSULTANT_CHAT.id)).toHaveLength(1); // the failed ones never got through
  });
});

describe('the handoff between a prospect and the consultant chat', () => {
  it('relays the prospect to the consultant chat and a consultant reply back, and /endchat returns the prospect to the bot', async () => {
    const t = await consultantBot();
    const user = new FakeUser(2101, t.api);
    await completeIntake(t, user);
    await t.desk.dispatcher.drain();
    const lead = (await t.services.leads.leads.getByChat('tg:2101'))!;
    const card = cards(t.api)[0]!;

    // prospect → consultant chat
    await t.bot.handleUpdate(user.text('请问材料要准备哪些？'));
    const relayed = t.api.shown(CONSULTANT_CHAT.id).at(-1)!;
    expect(relayed.text).toBe(`💬 ${lead.id} 王小明：请问材料要准备哪些？`);
    expect(relayed.reply_to).toBe(card.message_id); // threaded under the lead's card
    expect(t.api.sentTexts(2101).at(-1)).toBe(zh.capture.handoffRelayed);

    // consultant reply (to the relayed message) → prospect
    const li = consultant(t.api);
    const handoffBefore = await handoffOf(t, 'tg:2101');
    await t.bot.handleUpdate(li.replyTo('您好，我是李顾问，身份证和学历证明先准备好。', relayed));
    expect(t.api.sentTexts(2101).at(-1)).toBe('👩‍💼 顾问：您好，我是李顾问，身份证和学历证明先准备好。');
    expect(t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)).toBe(ct.replyDelivered(lead.id));
    expect((await handoffOf(t, 'tg:2101'))!.lastActivity).toBeGreaterThanOrEqual(handoffBefore!.lastActivity);

    // a reply to the lead card reaches the prospect too
    await t.bot.handleUpdate(li.replyTo('明天晚上给您打电话。', card));
    expect(t.api.sentTexts(2101).at(-1)).toBe('👩‍💼 顾问：明天晚上给您打电话。');

    // consultants talking among themselves (no reply to the bot) stay in the consultant chat
    const prospectMessages = t.api.sentTexts(2101).length;
    await t.bot.handleUpdate(li.text('这个客户我跟进'));
    expect(t.api.sentTexts(2101)).toHaveLength(prospectMessages);

    // /endchat as a reply to the relayed message
    await t.bot.handleUpdate(li.replyTo('/endchat', relayed));
    expect(t.api.sentTexts(2101).at(-1)).toBe(zh.capture.handoffEnded);
    expect(t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)).toBe(ct.endchatDone(lead.id));
    expect(await handoffOf(t, 'tg:2101')).toBeUndefined();

    // back with the bot: the next question is answered by the bot, not relayed
    const consultantMessages = t.api.sentTexts(CONSULTANT_CHAT.id).length;
    await t.bot.handleUpdate(user.text('居住证积分要多久办下来？'));
    expect(t.api.sentTexts(CONSULTANT_CHAT.id)).toHaveLength(consultantMessages);
    expect(t.api.sentTexts(2101).at(-1)).not.toBe(zh.capture.handoffRelayed);
  });

  it('ends a handoff with /endchat and a lead id, and says so when there is no handoff', async () => {
    const t = await consultantBot();
    const user = new FakeUser(2102, t.api);
    await completeIntake(t, user);
    const lead = (await t.services.leads.leads.getByChat('tg:2102'))!;
    const li = consultant(t.api);
    await t.bot.handleUpdate(li.command(`/endchat ${lead.id}`, CONSULTANT_CHAT));
    expect(t.api.sentTexts(2102).at(-1)).toBe(zh.capture.handoffEnded);
    expect(t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)).toBe(ct.endchatDone(lead.id));
    await t.bot.handleUpdate(li.command(`/endchat ${lead.id}`, CONSULTANT_CHAT));
    expect(t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)).toBe(ct.endchatNotInHandoff(lead.id));
    await t.bot.handleUpdate(li.command('/endchat', CONSULTANT_CHAT));
    expect(t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)).toBe(ct.endchatUsage);
  });

  it('does not pass on a reply from a member of the consultant chat who is not in CONSULTANT_IDS', async () => {
    const t = await consultantBot();
    const user = new FakeUser(2103, t.api);
    await completeIntake(t, user);
    await t.bot.handleUpdate(user.text('在吗？'));
    const relayed = t.api.shown(CONSULTANT_CHAT.id).at(-1)!;
    const count = t.api.sentTexts(2103).length;
    await t.bot.handleUpdate(new FakeUser(4243, t.api, 'zh-hans', CONSULTANT_CHAT).replyTo('我来回复', relayed));
    expect(t.api.sentTexts(2103)).toHaveLength(count);
    expect(t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)).toBe(ct.replyNotAllowed);
  });
});

describe('consultant commands', () => {
  it('answers /leads, /lead and /stats for a consultant, with the funnel and the question where most people stop', async () => {
    const t = await consultantBot();
    await completeIntake(t, new FakeUser(2201, t.api));
    for (const id of [2202, 2203]) {
      await startIntake(t, new FakeUser(id, t.api)); // and never answers question 1
    }
    const lead = (await t.services.leads.leads.getByChat('tg:2201'))!;
    const li = consultant(t.api);
    const last = () => t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)!;

    await t.bot.handleUpdate(li.command('/leads', CONSULTANT_CHAT));
    expect(last()).toContain(ct.leadsTitle(1, undefined));
    expect(last()).toContain(lead.id);
    expect(last()).toContain('139****5678');
    expect(last()).not.toContain('13912345678');
    await t.bot.handleUpdate(li.command('/leads new', CONSULTANT_CHAT));
    expect(last()).toContain(lead.id);
    await t.bot.handleUpdate(li.command('/leads claimed', CONSULTANT_CHAT));
    expect(last()).toBe(ct.leadsEmpty('已认领'));
    await t.bot.handleUpdate(li.command('/leads everything', CONSULTANT_CHAT));
    expect(last()).toBe(ct.leadsUsage);

    await t.bot.handleUpdate(li.command(`/lead ${lead.id.toLowerCase()}`, CONSULTANT_CHAT));
    const shown = t.api.shown(CONSULTANT_CHAT.id).at(-1)!;
    expect(shown.text).toContain('13912345678');
    expect(labels(shown)).toEqual(['认领 Claim', '已联系 Contacted', '关闭 Close']);
    await t.bot.handleUpdate(li.command('/lead L-20000101-0001', CONSULTANT_CHAT));
    expect(last()).toBe(ct.leadNotFound('L-20000101-0001'));
    await t.bot.handleUpdate(li.command('/lead', CONSULTANT_CHAT));
    expect(last()).toBe(ct.leadUsage);

    await t.bot.handleUpdate(li.command('/stats', CONSULTANT_CHAT));
    expect(last()).toContain('开始评估：3');
    expect(last()).toContain('完成问卷：1（33%）');
    expect(last()).toContain('同意留资：1');
    expect(last()).toContain(`最多人停在：${zh.questions.residencePermit.prompt}（2 人）`);

    // in a consultant's private chat too
    const inPrivate = new FakeUser(CONSULTANT_ID, t.api);
    await t.bot.handleUpdate(inPrivate.command('/stats'));
    expect(t.api.sentTexts(CONSULTANT_ID).at(-1)).toContain('开始评估：3');
  });

  it('politely refuses /leads, /lead, /stats and /endchat to anyone not in CONSULTANT_IDS, in a private chat and in the consultant chat', async () => {
    const t = await consultantBot();
    await completeIntake(t, new FakeUser(2301, t.api));
    const lead = (await t.services.leads.leads.getByChat('tg:2301'))!;
    const prospect = new FakeUser(2302, t.api);
    const member = new FakeUser(2303, t.api, 'zh-hans', CONSULTANT_CHAT);
    const english = new FakeUser(2304, t.api, 'en');
    for (const command of ['/leads', `/lead ${lead.id}`, '/stats', `/endchat ${lead.id}`]) {
      await t.bot.handleUpdate(prospect.command(command));
      expect(t.api.sentTexts(2302).at(-1)).toBe(ct.notForYou);
      await t.bot.handleUpdate(member.command(command, CONSULTANT_CHAT));
      expect(t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)).toBe(ct.notForYou);
      await t.bot.handleUpdate(english.command(command));
      expect(t.api.sentTexts(2304).at(-1)).toBe(consultantTexts('en').notForYou);
    }
    const everything = [...t.api.sentTexts(2302), ...t.api.sentTexts(CONSULTANT_CHAT.id)].join('\n');
    expect(everything).not.toContain('13912345678');
    expect(await handoffOf(t, 'tg:2301')).toBeDefined(); // the refused /endchat changed nothing
  });

  it('registers the consultant commands for the consultant chat only, tolerating a server without setMyCommands', async () => {
    const t = await consultantBot();
    t.api.unsupported.delete('setMyCommands');
    const optional = new OptionalMethods(createLogger('silent'));
    await registerConsultantCommands(t.bot.api, optional, createLogger('silent'), CONSULTANT_CHAT.id);
    const call = t.api.of('setMyCommands').at(-1)!.payload;
    expect(call['scope']).toEqual({ type: 'chat', chat_id: CONSULTANT_CHAT.id });
    expect((call['commands'] as Array<{ command: string }>).map((c) => c.command)).toEqual(['leads', 'lead', 'stats', 'endchat']);
    t.api.unsupported.add('setMyCommands');
    await expect(registerConsultantCommands(t.bot.api, optional, createLogger('silent'), CONSULTANT_CHAT.id)).resolves.toBeUndefined();
  });
});

describe('erasure', () => {
  it('edits the card and the relayed messages to say the lead was erased when the prospect deletes their data, and removes every copy', async () => {
    const t = await consultantBot();
    const user = new FakeUser(2401, t.api);
    await completeIntake(t, user);
    await t.desk.dispatcher.drain();
    await t.bot.handleUpdate(user.text('我的手机号是 13912345678，请尽快联系'));
    const lead = (await t.services.leads.leads.getByChat('tg:2401'))!;
    const card = cards(t.api)[0]!;
    const relayed = t.api.shown(CONSULTANT_CHAT.id).at(-1)!;
    expect(relayed.text).toContain('13912345678');

    await t.bot.handleUpdate(user.command('/delete'));
    await t.bot.handleUpdate(user.press(zh.deleteYes));
    expect(t.api.sentTexts(2401).at(-1)).toBe(zh.deleted);
    expect(await t.desk.dispatcher.drain()).toEqual({ sent: 1, failed: 0 });

    const erased = `🗑 线索 ${lead.id} 已删除（用户要求删除或超过保存期限）`;
    expect(t.api.messages.get(card.message_id)!.text).toBe(erased);
    expect(t.api.messages.get(card.message_id)!.reply_markup).toBeUndefined();
    expect(t.api.messages.get(relayed.message_id)!.text).toBe(erased);
    expect(t.api.shown(CONSULTANT_CHAT.id).filter((m) => m.text.includes('13912345678') || m.text.includes('王小明'))).toEqual([]);

    const kv = t.services.store.kv;
    expect(await t.services.leads.leads.list()).toEqual([]);
    expect(await t.services.leads.leads.getByChat('tg:2401')).toBeUndefined();
    expect(await t.services.conversations.load('tg:2401')).toBeUndefined();
    expect(await kv.get(keys.cardRef(lead.id))).toBeUndefined();
    expect(await kv.get(keys.funnel('tg:2401'))).toBeUndefined();
    expect(await t.services.leads.leads.outbox.list()).toEqual([]);
    expect(await kv.get(`relay:${CONSULTANT_CHAT.id}:${relayed.message_id}`)).toBeUndefined();
    expect(await kv.get('relay:chat:tg:2401')).toBeUndefined();

    // a consultant replying to the old relayed message is told the lead is gone; nothing reaches anyone
    const count = t.api.sentTexts(2401).length;
    await t.bot.handleUpdate(consultant(t.api).replyTo('还在吗？', t.api.messages.get(relayed.message_id)!));
    expect(t.api.sentTexts(2401)).toHaveLength(count);
    expect(t.api.sentTexts(CONSULTANT_CHAT.id).at(-1)).toBe(ct.leadGone);
    // and a card button on the erased card
    await t.bot.handleUpdate(consultant(t.api).callback(`lc:${lead.id}:claimed`, t.api.messages.get(card.message_id)!));
    expect(t.api.of('answerCallbackQuery').at(-1)!.payload['text']).toBe(ct.leadGone);
  });

  it('blanks the relayed messages too when the lead is erased outside the chat (npm run leads -- delete, the retention sweep)', async () => {
    const later = () => new Date(Date.now() + 181 * DAY_MS);
    const t = await consultantBot({ desk: { now: later, dispatcher: { now: later } } });
    const erased = async (user: FakeUser, erase: (leadId: string) => Promise<unknown>) => {
      await completeIntake(t, user);
      await t.desk.dispatcher.drain();
      await t.bot.handleUpdate(user.text('我的手机号是 13912345678，请尽快联系'));
      const chatId = `tg:${user.id}`;
      const lead = (await t.services.leads.leads.getByChat(chatId))!;
      const relayed = t.api.shown(CONSULTANT_CHAT.id).at(-1)!;
      expect(relayed.text).toContain('13912345678');
      await erase(lead.id);
      expect(await t.desk.dispatcher.drain()).toEqual({ sent: 1, failed: 0 });
      expect(t.api.messages.get(relayed.message_id)!.text).toBe(`🗑 线索 ${lead.id} 已删除（用户要求删除或超过保存期限）`);
      expect(await t.services.store.kv.get(`relay:${CONSULTANT_CHAT.id}:${relayed.message_id}`)).toBeUndefined();
      expect(await t.services.store.kv.get(`relay:chat:${chatId}`)).toBeUndefined();
    };
    // What `npm run leads -- delete ID` calls, then the sweep.
    await erased(new FakeUser(2601, t.api), (leadId) => t.services.leads.leads.erase(leadId));
    await erased(new FakeUser(2602, t.api), async (leadId) => expect(await t.desk.sweep()).toEqual([leadId]));
    expect(t.api.shown(CONSULTANT_CHAT.id).filter((m) => m.text.includes('13912345678'))).toEqual([]);
  });

  it('erases leads past the retention period in the sweep and edits their card', async () => {
    const later = () => new Date(Date.now() + 181 * DAY_MS);
    const t = await consultantBot({ desk: { now: later, dispatcher: { now: later } } });
    await completeIntake(t, new FakeUser(2501, t.api));
    await t.desk.dispatcher.drain();
    const lead = (await t.services.leads.leads.getByChat('tg:2501'))!;
    expect(await t.desk.sweep()).toEqual([lead.id]);
    expect(await t.desk.dispatcher.drain()).toEqual({ sent: 1, failed: 0 });
    expect(cards(t.api)).toEqual([]);
    expect(t.api.shown(CONSULTANT_CHAT.id).at(-1)!.text).toContain(`🗑 线索 ${lead.id} 已删除`);
  });
});

async function handoffOf(t: ConsultantTestBot, chatId: string): Promise<{ since: number; lastActivity: number } | undefined> {
  const record = await t.services.conversations.load(chatId);
  return record && record !== 'incompatible' ? record.handoff : undefined;
}
