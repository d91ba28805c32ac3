import { describe, expect, it } from 'vitest';
import { createLeadBackend } from '../../src/leads/lead-backend.js';
import { LeadSchema } from '../../src/leads/lead-schema.js';
import type { OutboxDelivery, SentRef } from '../../src/leads/outbox.js';
import { openStore } from '../../src/storage/open-store.js';
import { leadInput, silentLogger } from './lead-fixtures.js';

const NOW = new Date(Date.now() - 3_600_000);

describe('the lead backend as the conversation core and the channel use it', () => {
  it('records a valid lead, counts the funnel up to claimed, delivers the card, and erases the chat', async () => {
    const store = await openStore('memory://');
    const backend = createLeadBackend(store, silentLogger);
    await backend.recorder.mark('1001', 'started');
    await backend.recorder.record(leadInput(), NOW);
    const lead = await backend.leads.getByChat('1001');
    expect(LeadSchema.safeParse(lead).success).toBe(true);

    const sent: OutboxDelivery[] = [];
    const send = async (d: OutboxDelivery): Promise<SentRef> => {
      sent.push(d);
      return d.ref ?? { chatId: -100, messageId: 1 };
    };
    const dispatcher = backend.dispatcher(send);
    await dispatcher.drain();
    await backend.leads.setStatus(lead!.id, 'claimed', '王顾问', NOW);
    await dispatcher.drain();
    expect(sent.map((d) => d.action)).toEqual(['send', 'edit']);

    // The conversation record carries the steps it reached ('started' here); the lead side adds qualified and claimed.
    const stats = await backend.funnel.stats(async () => ({ steps: ['started'] }));
    expect(stats.counts).toMatchObject({ started: 1, qualified: 1, claimed: 1 });

    await backend.recorder.eraseChat('1001');
    expect(await backend.leads.list()).toEqual([]);
    expect((await backend.funnel.stats(async () => undefined)).chats).toBe(0);
    await dispatcher.drain();
    expect(sent.at(-1)?.text).toContain('已删除');
    await store.close();
  });
});
