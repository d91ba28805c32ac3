import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimate/estimate.js';
import { Funnel } from '../../src/leads/funnel.js';
import { CHAT_INDEX_BUCKETS, keys } from '../../src/leads/keys.js';
import { LeadStore } from '../../src/leads/lead-store.js';
import { cardItemId, erasedItemId } from '../../src/leads/outbox.js';
import { openStore, type Store } from '../../src/storage/open-store.js';
import { shanghaiDay } from '../../src/util/shanghai-time.js';
import { describeBackends } from '../helpers/backends.js';
import { applicant, leadInput, PHONE, PROFILE_83 } from './lead-fixtures.js';

const NOW = new Date('2026-12-01T02:00:00.000Z'); // 10:00 in Shanghai
const later = (ms: number) => new Date(NOW.getTime() + ms);
const stores: Store[] = [];

let currentUrl = 'memory://';

async function open(url = currentUrl) {
  const store = await openStore(url);
  stores.push(store);
  return { store, leads: new LeadStore(store.kv, { locks: store.locks, scrub: () => store.scrub() }) };
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

describeBackends('the lead store', (backend) => {
  beforeEach(() => {
    currentUrl = backend.url();
  });

  describe('LeadStore.upsert', () => {
    it('stores no contact details when the prospect has not consented', async () => {
      const { store, leads } = await open();
      const { lead } = await leads.upsert(leadInput({ consentAt: null }), NOW);
      expect(lead.contact).toEqual({});
      expect(lead.consentAt).toBeNull();
      expect(JSON.stringify(await store.kv.get(keys.lead(lead.id)))).not.toContain(PHONE);
    });

    it('keeps one lead per chat and stores contact details once consent is given', async () => {
      const { leads } = await open();
      const first = await leads.upsert(leadInput({ consentAt: null }), NOW);
      const second = await leads.upsert(leadInput({ contact: { name: '张三', phone: '+86 139-1234-5678' } }), later(1000));
      expect(second.lead.id).toBe(first.lead.id);
      expect(second.lead.contact).toEqual({ name: '张三', phone: PHONE });
      expect(second.lead.createdAt).toBe(NOW.toISOString());
      expect(second.lead.updatedAt).toBe(later(1000).toISOString());
      expect((await leads.getByChat('1001'))?.id).toBe(first.lead.id);
    });

    it("keeps its own copy of the answers: later changes to the conversation's do not reach the lead", async () => {
      const { leads } = await open();
      const answers = { age: 35, bonuses: ['award'], award: 'national' } as Record<string, unknown>;
      const { lead } = await leads.upsert(leadInput({ answers }), NOW);
      (answers['bonuses'] as string[]).push('talent');
      answers['age'] = 36;
      expect((await leads.getByChat('1001'))?.answers).toEqual({ age: 35, bonuses: ['award'], award: 'national' });
      expect(lead.answers).toEqual({ age: 35, bonuses: ['award'], award: 'national' });
    });

    it('gives human-readable ids, sequential per Shanghai day', async () => {
      const { leads } = await open();
      const a = await leads.upsert(leadInput({ chatId: 'a' }), NOW);
      const b = await leads.upsert(leadInput({ chatId: 'b' }), NOW);
      // 2026-12-01T16:30Z is already 2 December in Shanghai: the counter starts again.
      const c = await leads.upsert(leadInput({ chatId: 'c' }), new Date('2026-12-01T16:30:00.000Z'));
      expect([a.lead.id, b.lead.id, c.lead.id]).toEqual(['L-20261201-0001', 'L-20261201-0002', 'L-20261202-0001']);
      expect(shanghaiDay(new Date('2026-12-01T15:59:59Z'))).toBe('20261201');
      expect((await leads.list()).map((l) => l.id)).toEqual(['L-20261202-0001', 'L-20261201-0002', 'L-20261201-0001']);
    });

    it('still lists leads an earlier version indexed in its id list, merged by date', async () => {
      const { store, leads } = await open();
      const fresh = await leads.upsert(leadInput({ chatId: 'new' }), NOW);
      const old = { ...fresh.lead, id: 'L-20261130-0007', chatId: 'old' };
      await store.kv.set(keys.lead(old.id), old);
      await store.kv.set(keys.leadByChat('old'), old.id);
      await store.kv.set(keys.legacyLeadIndex, [old.id, 'L-20261129-0001']); // the second one was erased
      expect((await leads.list()).map((l) => l.id)).toEqual([fresh.lead.id, old.id]);
      expect((await leads.erase(old.id)).erased).toBe(true);
      expect((await leads.list()).map((l) => l.id)).toEqual([fresh.lead.id]);
    });

    it('gives distinct ids to leads created at the same moment', async () => {
      const { leads } = await open();
      const created = await Promise.all(['x', 'y', 'z', 'w'].map((chatId) => leads.upsert(leadInput({ chatId }), NOW)));
      expect(new Set(created.map((c) => c.lead.id)).size).toBe(4);
      expect((await leads.list()).length).toBe(4);
    });

    it('bumps the version only when something consultants see changes', async () => {
      const { leads } = await open();
      const v1 = await leads.upsert(leadInput(), NOW);
      const same = await leads.upsert(leadInput(), later(1000));
      const answersOnly = await leads.upsert(leadInput({ answers: { age: 35, note: 'x' } }), later(2000));
      const newTopic = await leads.upsert(leadInput({ answers: { age: 35, note: 'x' }, topics: ['faq-materials', 'faq-renewal'] }), later(3000));
      expect([v1.lead.version, same.lead.version, answersOnly.lead.version, newTopic.lead.version]).toEqual([1, 1, 1, 2]);
      expect([v1.changed, same.changed, answersOnly.changed, newTopic.changed]).toEqual([true, false, false, true]);
      expect(same.lead.updatedAt).toBe(NOW.toISOString());
      expect(answersOnly.lead.updatedAt).toBe(later(2000).toISOString());
    });

    it('qualifies the lead and suggests the next step', async () => {
      const { leads } = await open();
      const { lead } = await leads.upsert(leadInput({}, PROFILE_83), NOW);
      expect(lead.qualification).toBe('nurture');
      expect(lead.nextStep).toMatch(/^差 37 分：建议/);
    });

    it('queues a card for a consented qualified lead, and nothing for an unconsented or nurture lead', async () => {
      const { leads } = await open();
      const qualified = await leads.upsert(leadInput({ chatId: 'q' }), NOW);
      await leads.upsert(leadInput({ chatId: 'n' }, PROFILE_83), NOW);
      await leads.upsert(leadInput({ chatId: 'u', consentAt: null }), NOW);
      expect((await leads.outbox.list()).map((i) => i.id)).toEqual([cardItemId(qualified.lead.id, 1)]);
    });

    it('queues a card when a nurture lead asks for a consultant', async () => {
      const { leads } = await open();
      const { lead } = await leads.upsert(leadInput({ requested: true }, PROFILE_83), NOW);
      expect((await leads.outbox.list()).map((i) => i.id)).toEqual([cardItemId(lead.id, 1)]);
    });
  });

  describe('LeadStore.setStatus', () => {
    it('records who changed the status and when, bumps the version and queues the card edit', async () => {
      const { leads } = await open();
      const { lead } = await leads.upsert(leadInput(), NOW);
      const claimed = await leads.setStatus(lead.id, 'claimed', '王顾问', later(60_000));
      expect(claimed).toMatchObject({ status: 'claimed', version: 2, statusHistory: [{ status: 'claimed', by: '王顾问', at: later(60_000).toISOString() }] });
      expect((await leads.list({ status: 'claimed' })).map((l) => l.id)).toEqual([lead.id]);
      expect(await leads.list({ status: 'new' })).toEqual([]);
      // The older version's card was never sent: only the newest one stays queued.
      expect((await leads.outbox.list()).map((i) => i.id)).toEqual([cardItemId(lead.id, 2)]);
      expect(await leads.setStatus('L-20990101-0001', 'closed', 'x', NOW)).toBeUndefined();
    });
  });

  describe('erasing a lead', () => {
    it('removes every copy from the store: lead, index, leadByChat, conversation, funnel, outbox items, card ref', async () => {
      const { store, leads } = await open();
      const kv = store.kv;
      const funnel = new Funnel(kv, { locks: store.locks });
      await funnel.mark('1001', 'started', NOW);
      await kv.set(keys.conversation('1001'), { v: 1, ctx: { phone: PHONE }, updatedAt: NOW.getTime() });
      const other = await leads.upsert(leadInput({ chatId: '2002', contact: { name: '李四', phone: '13800000000' } }), NOW);
      const { lead } = await leads.upsert(leadInput(), NOW);
      await kv.set(keys.cardRef(lead.id), { chatId: -100, messageId: 7, version: 1 });
      await leads.setStatus(lead.id, 'claimed', '王顾问', later(1000)); // queues card v2

      const result = await leads.erase(lead.id, later(2000));

      expect(result).toEqual({ erased: true, leadId: lead.id, chatId: '1001', cards: [{ chatId: -100, messageId: 7 }], relayed: [] });
      expect(await kv.get(keys.lead(lead.id))).toBeUndefined();
      expect(await kv.get(keys.leadByChat('1001'))).toBeUndefined();
      expect(await kv.get(keys.conversation('1001'))).toBeUndefined();
      expect(await kv.get(keys.funnel('1001'))).toBeUndefined();
      expect(await kv.get(keys.cardRef(lead.id))).toBeUndefined();
      expect(await kv.get(keys.outboxItem(cardItemId(lead.id, 2)))).toBeUndefined();
      expect((await leads.list()).map((l) => l.id)).toEqual([other.lead.id]);
      for (let b = 0; b < CHAT_INDEX_BUCKETS; b++) expect(await kv.get<string[]>(keys.chatIndex(b)) ?? []).toEqual([]);
      // What stays is the notice that edits the posted card to "deleted": ids only.
      const items = await leads.outbox.list();
      expect(items.map((i) => i.id)).toEqual([cardItemId(other.lead.id, 1), erasedItemId(lead.id)]);
      expect(JSON.stringify(items)).not.toContain(PHONE);
      // The other lead is untouched.
      expect((await leads.get(other.lead.id))?.contact.phone).toBe('13800000000');
    });

    it("takes the chat out of an earlier version's single chats:index too", async () => {
      const { store, leads } = await open();
      await store.kv.set(keys.legacyChatIndex, ['1001', '2002']);
      const { lead } = await leads.upsert(leadInput(), NOW);
      await leads.erase(lead.id, later(1000));
      expect(await store.kv.get(keys.legacyChatIndex)).toEqual(['2002']);
    });

    it('erasing by chat works without a lead, and erasing an unknown lead reports that nothing was there', async () => {
      const { store, leads } = await open();
      await store.kv.set(keys.conversation('3003'), { v: 1 });
      expect((await leads.eraseByChat('3003')).erased).toBe(true);
      expect(await store.kv.get(keys.conversation('3003'))).toBeUndefined();
      expect(await leads.erase('L-20990101-0001')).toMatchObject({ erased: false, cards: [] });
      expect((await leads.eraseByChat('3003')).erased).toBe(false);
    });
  });

  describe('retention', () => {
    it('erases leads whose lead and conversation saw no activity for the retention period, and keeps the rest', async () => {
      const { store, leads } = await open();
      const day = 86_400_000;
      const stale = await leads.upsert(leadInput({ chatId: 'old' }), NOW);
      const chatting = await leads.upsert(leadInput({ chatId: 'chatting' }), NOW);
      await store.kv.set(keys.conversation('chatting'), { v: 1, updatedAt: NOW.getTime() + 170 * day });
      await store.kv.set(keys.conversation('old'), { v: 1, updatedAt: NOW.getTime() });
      const fresh = await leads.upsert(leadInput({ chatId: 'fresh' }), later(100 * day));

      const erased = await leads.sweepRetention(later(181 * day), 180);

      expect(erased).toEqual([stale.lead.id]);
      expect(await leads.get(stale.lead.id)).toBeUndefined();
      expect(await store.kv.get(keys.conversation('old'))).toBeUndefined();
      expect((await leads.list()).map((l) => l.id).sort()).toEqual([chatting.lead.id, fresh.lead.id].sort());
    });

    it('forgets a past day once all its leads are erased, and never hands out one of its ids again', async () => {
      const { store, leads } = await open();
      const day = 86_400_000;
      const gone = await leads.upsert(leadInput({ chatId: 'gone' }), NOW);
      const oldDay = gone.lead.id.slice(2, 10);
      const recent = await leads.upsert(leadInput({ chatId: 'recent' }), later(100 * day));
      await leads.sweepRetention(later(181 * day), 180);
      expect(await store.kv.get(keys.leadDays)).toEqual([recent.lead.id.slice(2, 10)]);
      expect((await leads.list()).map((l) => l.id)).toEqual([recent.lead.id]);
      // The day's counter stays: a lead of that day again (a clock set back) gets a new number.
      const again = await leads.upsert(leadInput({ chatId: 'again' }), NOW);
      expect(again.lead.id).not.toBe(gone.lead.id);
      expect(again.lead.id.slice(2, 10)).toBe(oldDay);
    });
  });

  describe('lead estimates', () => {
    it('keep only the estimate fields of the lead schema', async () => {
      const { leads } = await open();
      const { lead } = await leads.upsert(leadInput({ estimate: estimate(applicant({ education: 'master' })) }), NOW);
      expect(Object.keys(lead.estimate ?? {}).sort()).toEqual(['blockerCodes', 'blockers', 'breakdown', 'eligible', 'gap', 'reachesPassMark', 'suggestionCodes', 'suggestions', 'total']);
    });
  });
});
