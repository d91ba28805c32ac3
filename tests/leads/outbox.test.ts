import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../src/leads/keys.js';
import { LeadStore } from '../../src/leads/lead-store.js';
import { cardItemId, defaultBackoff, OutboxDispatcher, type OutboxDelivery, type SentRef } from '../../src/leads/outbox.js';
import { openStore, type Store } from '../../src/storage/open-store.js';
import { describeBackends } from '../helpers/backends.js';
import { leadInput, PHONE, silentLogger } from './lead-fixtures.js';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const stores: Store[] = [];

let currentUrl = 'memory://';

async function open(url = currentUrl) {
  const store = await openStore(url);
  stores.push(store);
  return { store, leads: new LeadStore(store.kv, { locks: store.locks }) };
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

/** A fake consultant chat: records deliveries, numbers messages, can fail on demand. */
function fakeChat(failures = 0, error: Error = new Error('Network request failed')) {
  const deliveries: OutboxDelivery[] = [];
  let left = failures;
  let nextId = 100;
  const send = async (d: OutboxDelivery): Promise<SentRef> => {
    if (left > 0) {
      left--;
      throw error;
    }
    deliveries.push(d);
    return d.action === 'edit' ? d.ref! : { chatId: -100, messageId: nextId++ };
  };
  return { send, deliveries };
}

/** A clock the test moves by hand. */
function clock(start = NOW) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const dispatcher = (store: Store, send: (d: OutboxDelivery) => Promise<SentRef>, now = () => NOW) =>
  new OutboxDispatcher({ kv: store.kv, send, logger: silentLogger, now, locks: store.locks });

describeBackends('the outbox', (backend) => {
  beforeEach(() => {
    currentUrl = backend.url();
  });

  describe('the outbox', () => {
    it('delivers exactly once when send fails twice and then recovers, backing off in between', async () => {
      const { store, leads } = await open();
      const { lead } = await leads.upsert(leadInput(), NOW);
      const chat = fakeChat(2);
      const time = clock();
      const d = dispatcher(store, chat.send, time.now);

      expect(await d.drain()).toEqual({ sent: 0, failed: 1 });
      const [failedOnce] = await leads.outbox.list();
      expect(failedOnce).toMatchObject({ attempts: 1, dueAt: new Date(NOW.getTime() + 2000).toISOString(), lastError: 'Network request failed' });
      expect(await d.drain()).toEqual({ sent: 0, failed: 0 }); // not due yet
      time.advance(2000);
      expect(await d.drain()).toEqual({ sent: 0, failed: 1 });
      expect((await leads.outbox.list())[0]?.attempts).toBe(2);
      time.advance(4000);
      expect(await d.drain()).toEqual({ sent: 1, failed: 0 });
      time.advance(600_000);
      await d.drain();

      expect(chat.deliveries).toHaveLength(1);
      expect(chat.deliveries[0]).toMatchObject({ action: 'send', item: { id: cardItemId(lead.id, 1) } });
      expect(chat.deliveries[0]!.text).toContain(lead.id);
      expect(chat.deliveries[0]!.text).toContain(PHONE);
      expect(chat.deliveries[0]!.buttons).toEqual([
        [
          { id: `lc:${lead.id}:claimed`, label: '认领 Claim' },
          { id: `lc:${lead.id}:contacted`, label: '已联系 Contacted' },
          { id: `lc:${lead.id}:closed`, label: '关闭 Close' },
        ],
      ]);
      expect(await leads.outbox.list()).toEqual([]);
      expect(await store.kv.get(keys.cardRef(lead.id))).toEqual({ chatId: -100, messageId: 100, version: 1 });
    });

    it('backs off exponentially up to five minutes and keeps permanent failures at the cap instead of dropping them', async () => {
      expect([1, 2, 3, 4].map(defaultBackoff)).toEqual([2000, 4000, 8000, 16000]);
      expect(defaultBackoff(30)).toBe(300_000);
      const { store, leads } = await open();
      await leads.upsert(leadInput(), NOW);
      const chat = fakeChat(5, new Error("Call to 'sendMessage' failed! (403: Forbidden: bot was kicked from the supergroup chat)"));
      const time = clock();
      const d = dispatcher(store, chat.send, time.now);
      await d.drain();
      const [item] = await leads.outbox.list();
      expect(item).toMatchObject({ attempts: 1, dueAt: new Date(NOW.getTime() + 300_000).toISOString() });
    });

    it('sends the same lead version once even when it is enqueued twice', async () => {
      const { store, leads } = await open();
      const { lead } = await leads.upsert(leadInput(), NOW);
      expect(await leads.outbox.enqueueCard(lead.id, 1, NOW)).toBe(false); // already queued
      const chat = fakeChat();
      const d = dispatcher(store, chat.send);
      await d.drain();
      expect(await leads.outbox.enqueueCard(lead.id, 1, NOW)).toBe(false); // already delivered
      await d.drain();
      expect(chat.deliveries).toHaveLength(1);
    });

    it('edits the posted card for a new version instead of posting another one', async () => {
      const { store, leads } = await open();
      const { lead } = await leads.upsert(leadInput(), NOW);
      const chat = fakeChat();
      const time = clock();
      const d = dispatcher(store, chat.send, time.now);
      await d.drain();
      time.advance(60_000);
      await leads.setStatus(lead.id, 'claimed', '王顾问', time.now());
      await d.drain();
      expect(chat.deliveries.map((x) => x.action)).toEqual(['send', 'edit']);
      expect(chat.deliveries[1]!.ref).toEqual({ chatId: -100, messageId: 100 });
      expect(chat.deliveries[1]!.text).toMatch(/状态：已认领（王顾问，12-01 10:01）/);
      expect(await store.kv.get(keys.cardRef(lead.id))).toEqual({ chatId: -100, messageId: 100, version: 2 });
    });

    it('edits the posted card to "deleted" once the lead is erased, and drops a card whose lead is gone', async () => {
      const { store, leads } = await open();
      const { lead } = await leads.upsert(leadInput(), NOW);
      const other = await leads.upsert(leadInput({ chatId: '2002' }), NOW);
      const chat = fakeChat();
      const d = dispatcher(store, chat.send);
      await d.drain(); // both cards posted
      await leads.setStatus(other.lead.id, 'claimed', 'x', NOW); // other's v2 queued, then erased before sending
      await leads.erase(other.lead.id, NOW);
      await leads.erase(lead.id, NOW);
      await d.drain();
      const edits = chat.deliveries.slice(2);
      expect(edits.map((x) => [x.action, x.text])).toEqual([
        ['edit', `🗑 线索 ${other.lead.id} 已删除（用户要求删除或超过保存期限）`],
        ['edit', `🗑 线索 ${lead.id} 已删除（用户要求删除或超过保存期限）`],
      ]);
      expect(await leads.outbox.list()).toEqual([]);
    });

    it('keeps queued items across a restart and delivers them once', async () => {
      const url = backend.url();
      const first = await open(url);
      const { lead } = await first.leads.upsert(leadInput(), NOW);
      const down = fakeChat(1);
      await dispatcher(first.store, down.send).drain(); // fails: Telegram unreachable
      await first.store.close();
      stores.splice(stores.indexOf(first.store), 1);

      const second = await open(url);
      const chat = fakeChat();
      const time = clock(new Date(NOW.getTime() + 10_000));
      const d = dispatcher(second.store, chat.send, time.now);
      await d.drain();
      await d.drain();
      expect(chat.deliveries.map((x) => x.item.id)).toEqual([cardItemId(lead.id, 1)]);
      expect(chat.deliveries[0]!.item.attempts).toBe(1);
      expect(await second.leads.outbox.list()).toEqual([]);
    });

    it('never lets two dispatchers on the same store send the same item', async () => {
      const url = backend.url();
      const a = await open(url);
      const b = await open(url);
      for (const chatId of ['1', '2', '3', '4', '5']) await a.leads.upsert(leadInput({ chatId }), NOW);
      const sent: string[] = [];
      const slowSend = async (d: OutboxDelivery): Promise<SentRef> => {
        sent.push(d.item.id);
        await new Promise((r) => setTimeout(r, 30));
        return { chatId: -100, messageId: sent.length };
      };
      const one = dispatcher(a.store, slowSend);
      const two = dispatcher(b.store, slowSend);
      await Promise.all([one.drain(), two.drain(), one.drain(), two.drain()]);
      await Promise.all([one.drain(), two.drain()]);
      expect(sent.sort()).toEqual((await a.leads.list()).map((l) => cardItemId(l.id, 1)).sort());
      expect(new Set(sent).size).toBe(5);
    });

    it('runs as a timer loop until stopped', async () => {
      const { store, leads } = await open();
      await leads.upsert(leadInput(), NOW);
      const chat = fakeChat();
      const d = new OutboxDispatcher({ kv: store.kv, send: chat.send, logger: silentLogger, intervalMs: 10, locks: store.locks });
      d.start();
      await expect.poll(() => chat.deliveries.length, { timeout: 2000 }).toBe(1);
      await d.stop();
      await leads.upsert(leadInput({ chatId: '9' }), NOW);
      await new Promise((r) => setTimeout(r, 50));
      expect(chat.deliveries).toHaveLength(1);
    });
  });
});
