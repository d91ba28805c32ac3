import type { Context } from 'grammy';
import type { Update } from 'grammy/types';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatQueue, RecentUpdates, chatKeyOf, inChatOrder } from '../../src/channels/telegram/chat-queue.js';
import { createWebhookServer, type WebhookServer } from '../../src/channels/telegram/webhook-server.js';
import { createLogger } from '../../src/util/logger.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/free-port.js';

let webhook: WebhookServer | undefined;
afterEach(async () => {
  await webhook?.close();
  webhook = undefined;
});

const message = (updateId: number, chatId: number, text = 'hi') =>
  ({ update_id: updateId, message: { message_id: updateId, date: 1, chat: { id: chatId, type: 'private' }, text } }) as unknown as Update;

async function serve(handleUpdate: (u: Update) => Promise<void>, secret: string | null = 's3cret', acknowledgeAfterMs?: number, orderedByHandler = false) {
  const queue = new ChatQueue(() => undefined);
  webhook = createWebhookServer({
    handleUpdate,
    path: '/hook',
    secret: secret ?? undefined,
    queue,
    logger: createLogger('silent'),
    ...(acknowledgeAfterMs !== undefined ? { acknowledgeAfterMs } : {}),
    ...(orderedByHandler ? { orderedByHandler } : {}),
  });
  const port = await freePort();
  await new Promise<void>((resolve) => webhook!.server.listen(port, '127.0.0.1', resolve));
  const post = (body: unknown, headers: Record<string, string> = { 'X-Telegram-Bot-Api-Secret-Token': 's3cret' }, path = '/hook') =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { post, queue };
}

describe('the webhook server', () => {
  it('rejects a missing or wrong secret token with 401 and processes nothing', async () => {
    const seen: number[] = [];
    const { post, queue } = await serve(async (u) => void seen.push(u.update_id));
    expect((await post(message(1, 10), {})).status).toBe(401);
    expect((await post(message(2, 10), { 'X-Telegram-Bot-Api-Secret-Token': 'nope' })).status).toBe(401);
    expect((await post(message(3, 10))).status).toBe(200);
    await queue.drain();
    expect(seen).toEqual([3]);
  });

  it('accepts any request when no secret is configured', async () => {
    const seen: number[] = [];
    const { post, queue } = await serve(async (u) => void seen.push(u.update_id), null);
    expect((await post(message(1, 10), {})).status).toBe(200);
    await queue.drain();
    expect(seen).toEqual([1]);
  });

  it('answers 200 before the update is processed', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    let done = false;
    const { post, queue } = await serve(async () => {
      await blocked;
      done = true;
    });
    expect((await post(message(1, 10))).status).toBe(200);
    expect(done).toBe(false);
    release();
    await queue.drain();
    expect(done).toBe(true);
  });

  it('with several instances, answers only once the update is processed (500 when it failed, 200 after the cap)', async () => {
    let done = false;
    const { post } = await serve(async (u) => {
      if (u.update_id === 2) throw new Error('store unreachable');
      if (u.update_id === 3) await new Promise((r) => setTimeout(r, 1_000));
      await new Promise((r) => setTimeout(r, 50));
      done = true;
    }, 's3cret', 300);
    expect((await post(message(1, 10))).status).toBe(200);
    expect(done).toBe(true);
    expect((await post(message(2, 11))).status).toBe(500);
    const started = Date.now();
    expect((await post(message(3, 12))).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('processes one chat in arrival order and other chats meanwhile', async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstBlocked = new Promise<void>((r) => (releaseFirst = r));
    const { post, queue } = await serve(async (u) => {
      if (u.update_id === 1) await firstBlocked;
      order.push(`${chatKeyOf(u)}:${u.update_id}`);
    });
    await post(message(1, 10));
    await post(message(2, 10));
    await post(message(3, 20));
    await eventually(() => order.includes('20:3'), 'the other chat');
    expect(order).toEqual(['20:3']);
    releaseFirst();
    await queue.drain();
    expect(order).toEqual(['20:3', '10:1', '10:2']);
  });

  it('lets the handler order a chat itself when told so (several instances): a later update does not hold an earlier one back', async () => {
    const order: number[] = [];
    let releaseLater!: () => void;
    const laterBlocked = new Promise<void>((r) => (releaseLater = r));
    const { post, queue } = await serve(
      async (u) => {
        if (u.update_id === 2) await laterBlocked; // like update 2 waiting for update 1 in the arrival-order guard
        order.push(u.update_id);
      },
      's3cret',
      5_000,
      true,
    );
    const later = post(message(2, 10));
    await new Promise((r) => setTimeout(r, 20));
    expect((await post(message(1, 10))).status).toBe(200);
    expect(order).toEqual([1]);
    releaseLater();
    expect((await later).status).toBe(200);
    await queue.drain();
    expect(order).toEqual([1, 2]);
  });

  it('answers 404 to other paths and 400 to a body that is not an update', async () => {
    const { post } = await serve(async () => undefined);
    expect((await post(message(1, 10), undefined, '/other')).status).toBe(404);
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ hello: 1 })).status).toBe(400);
  });
});

describe('update bookkeeping', () => {
  it('finds the chat of messages, button presses and edited messages', () => {
    expect(chatKeyOf(message(1, 42))).toBe('42');
    expect(chatKeyOf({ update_id: 2, callback_query: { id: 'q', from: { id: 7 }, message: { chat: { id: 42 } } } } as unknown as Update)).toBe('42');
    expect(chatKeyOf({ update_id: 3, callback_query: { id: 'q', from: { id: 7 } } } as unknown as Update)).toBe('7');
    expect(chatKeyOf({ update_id: 4, edited_message: { chat: { id: -5 } } } as unknown as Update)).toBe('-5');
  });

  it('remembers recent update ids so a second delivery is recognised', () => {
    const recent = new RecentUpdates(2);
    expect(recent.add(1)).toBe(true);
    expect(recent.add(1)).toBe(false);
    recent.add(2);
    recent.add(3);
    expect(recent.add(1)).toBe(true); // forgotten beyond capacity; the core still ignores it by update id
  });

  it('forgets the oldest id first, round after round', () => {
    const recent = new RecentUpdates(3);
    for (let id = 1; id <= 10; id++) expect(recent.add(id)).toBe(true);
    // 8, 9, 10 are remembered; 7 and earlier were forgotten in arrival order
    expect([8, 9, 10].map((id) => recent.add(id))).toEqual([false, false, false]);
    expect(recent.add(7)).toBe(true); // remembered again, in place of 8
    expect(recent.add(8)).toBe(true);
    expect(recent.add(10)).toBe(false);
  });
});

describe('inChatOrder', () => {
  // Ordering itself is the per-key queue's (tests/util/keyed-queue.test.ts); this checks the keying.
  it("runs one chat's updates one after another in arrival order, other chats alongside", async () => {
    const log: string[] = [];
    const ordered = inChatOrder<Context>((ctx) => (ctx as unknown as { chat: string }).chat);
    const step = (chat: string, name: string, ms: number) =>
      ordered({ chat } as unknown as Context, async () => {
        log.push(`${name}+`);
        await sleep(ms);
        log.push(`${name}-`);
      });
    await Promise.all([step('a', 'a1', 40), step('a', 'a2', 1), step('b', 'b1', 1), step('a', 'a3', 1)]);
    expect(log.filter((e) => e.startsWith('a'))).toEqual(['a1+', 'a1-', 'a2+', 'a2-', 'a3+', 'a3-']);
    expect(log.indexOf('b1-')).toBeLessThan(log.indexOf('a1-')); // b did not wait for a
  });
});
