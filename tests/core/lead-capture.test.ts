import { describe, expect, it } from 'vitest';
import type { LeadRecorder } from '../../src/core/intake-core.js';
import type { FunnelStep, LeadInput } from '../../src/leads/lead-schema.js';
import { BACHELOR_35, Person, answerAll, createHarness } from '../helpers/core-harness.js';

/** A lead side that only records what the conversation hands over. */
function recordingLeads() {
  const records: LeadInput[] = [];
  const steps: FunnelStep[] = [];
  const erased: string[] = [];
  const recorder: LeadRecorder = {
    record: async (input) => void records.push(structuredClone(input)),
    eraseChat: async (chatId) => void erased.push(chatId),
    mark: async (_chatId, step) => void steps.push(step),
  };
  return { recorder, records, steps, erased, last: () => records.at(-1)! };
}

async function finishedQuestionnaire(extra: Parameters<typeof createHarness>[2] = {}) {
  const h = await createHarness('memory://', undefined, extra);
  const person = new Person(h.core);
  await person.say('/start');
  await person.press('开始评估');
  await answerAll(person, [...BACHELOR_35, '还没开始', '否']);
  return { ...h, person };
}

describe('consent and contact details', () => {
  it('records the lead with its estimate but no contact details before consent', async () => {
    const leads = recordingLeads();
    await finishedQuestionnaire({ leads: leads.recorder });
    const lead = leads.last();
    expect(lead.estimate?.total).toBe(129);
    expect(lead.consentAt).toBeNull();
    expect(lead.contact).toEqual({});
    expect(leads.steps).toEqual(['started', 'passedPreconditions', 'finishedQuestionnaire']);
  });

  it('explains what is collected, why, who sees it and how to erase it before asking for consent', async () => {
    const { person } = await finishedQuestionnaire();
    await person.press('是');
    const text = person.text();
    for (const part of ['收集什么', '为什么', '谁能看到', '/delete']) expect(text).toContain(part);
    expect(person.buttons().map((b) => b.label)).toEqual(['同意并留下联系方式', '不同意']);
  });

  it('stores nothing personal when consent is declined, and the FAQ still works', async () => {
    const leads = recordingLeads();
    const { person } = await finishedQuestionnaire({ leads: leads.recorder });
    await person.press('是');
    await person.press('不同意');
    expect(person.text()).toContain('不会保存');
    expect(leads.last().contact).toEqual({});
    expect(leads.last().consentAt).toBeNull();
    await person.say('积分最终审核要多久');
    expect(person.text()).toContain('20个工作日');
  });

  it('takes name, mobile and contact time from one free-text message after consent', async () => {
    const leads = recordingLeads();
    const { person } = await finishedQuestionnaire({ leads: leads.recorder });
    await person.press('是');
    await person.press('同意并留下联系方式');
    await person.say('我叫王小明，手机13912345678，微信 wxm_2024，工作日晚上联系');
    expect(person.text()).toContain('谢谢王小明');
    const lead = leads.last();
    expect(lead.consentAt).not.toBeNull();
    expect(lead.requested).toBe(true);
    expect(lead.contact).toMatchObject({ name: '王小明', phone: '13912345678', wechat: 'wxm_2024', contactTime: '工作日晚上' });
  });

  it('asks one by one for what is missing and re-asks an invalid mobile number with a hint', async () => {
    const leads = recordingLeads();
    const { person } = await finishedQuestionnaire({ leads: leads.recorder });
    await person.press('是');
    await person.press('同意并留下联系方式');
    await person.say('王小明');
    expect(person.text()).toContain('手机号');
    await person.say('1391234567');
    expect(person.text()).toContain('11 位');
    await person.say('13912345678');
    expect(person.text()).toContain('什么时间方便');
    await person.press('周末');
    expect(leads.last().contact).toMatchObject({ name: '王小明', phone: '13912345678', contactTime: '周末' });
  });

  it('keeps the Telegram username and language with the contact details once consent is given', async () => {
    const leads = recordingLeads();
    const h = await createHarness('memory://', undefined, { leads: leads.recorder });
    const meta = (updateId: number) => ({ updateId, username: 'xiaoming', languageCode: 'zh-hans' });
    await h.core.handle('tg:1', { kind: 'command', name: 'consultant' }, meta(1));
    await h.core.handle('tg:1', { kind: 'button', id: 'cs:y' }, meta(2));
    await h.core.handle('tg:1', { kind: 'text', text: '王小明 13912345678 随时' }, meta(3));
    expect(leads.last().contact).toMatchObject({ telegramUsername: 'xiaoming', language: 'zh-hans', phone: '13912345678' });
  });

  it('hands the conversation to a consultant after the details when the channel can relay, and stops answering by itself', async () => {
    const relayed: string[] = [];
    const { person, core } = await finishedQuestionnaire({ relay: async (_chatId, text) => void relayed.push(text) });
    await person.press('是');
    await person.press('同意并留下联系方式');
    await person.say('王小明 13912345678 随时');
    expect(person.text()).toContain('转接顾问');
    await person.say('我还有个问题，社保断了怎么办');
    expect(relayed).toEqual(['我还有个问题，社保断了怎么办']);
    expect(person.text()).toBe('已转给顾问，请稍候。');
    expect(await core.endHandoff('test-chat')).toEqual([{ text: expect.stringContaining('顾问已结束') }]);
    await person.say('社保断了怎么办');
    expect(relayed).toHaveLength(1);
    expect(person.text()).toContain('断缴');
  });

  it('erases the lead too when the prospect deletes their data', async () => {
    const leads = recordingLeads();
    const { person } = await finishedQuestionnaire({ leads: leads.recorder });
    await person.say('/delete');
    await person.press('确定删除');
    expect(leads.erased).toEqual(['test-chat']);
  });
});
