import { afterEach, expect, it } from 'vitest';
import type { Store } from '../../src/storage/open-store.js';
import { describeBackends } from '../helpers/backends.js';
import { BACHELOR_35, Person, answerAll, createHarness } from '../helpers/core-harness.js';

/** The conversation core's persona flows on every storage backend (with the chat lock on Redis / PostgreSQL). */
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function harness(url: string) {
  const h = await createHarness(url);
  stores.push(h.store);
  return h;
}

describeBackends('the conversation core', (backend) => {
  it('takes the 35-year-old bachelor with degree to 129 points', async () => {
    const h = await harness(backend.url());
    const person = new Person(h.core);
    await person.say('/start');
    await person.press('开始评估');
    await answerAll(person, BACHELOR_35);
    const all = await h.core.snapshotOf('test-chat');
    expect(all?.answers.age).toBe(35);
    expect(h.store.locks.shared).toBe(backend.name !== 'sqlite');
  });

  it('shows 129 points to several prospects answering at the same time', async () => {
    const h = await harness(backend.url());
    const texts = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map(async (chat) => {
        const person = new Person(h.core, chat);
        await person.say('/start');
        await person.press('开始评估');
        const seen: string[] = [];
        for (const answer of BACHELOR_35) {
          await answerAll(person, [answer]);
          seen.push(person.text());
        }
        return seen.join('\n');
      }),
    );
    for (const text of texts) expect(text).toContain('129 分');
  });

  it('continues where it was on another instance (a second connection to the same store)', async () => {
    const url = backend.url();
    const first = await harness(url);
    const person = new Person(first.core, 'moving');
    await person.say('/start');
    await person.press('开始评估');
    await answerAll(person, ['是', '是', '12个月']);
    const second = await harness(url);
    const elsewhere = new Person(second.core, 'moving', 100);
    await elsewhere.say('否');
    expect(elsewhere.text()).toContain('多大');
  });

  it('processes a redelivered update once, and an update that arrives after a later one still once', async () => {
    const h = await harness(backend.url());
    await h.core.handle('c', { kind: 'command', name: 'start' }, { updateId: 10 });
    const replies = await h.core.handle('c', { kind: 'button', id: 's:0' }, { updateId: 12 });
    expect(replies.length).toBeGreaterThan(0);
    // Update 11 (sent before 12) reached the chat lock after 12 on another instance: new, so processed.
    expect((await h.core.handle('c', { kind: 'command', name: 'help' }, { updateId: 11 })).length).toBeGreaterThan(0);
    expect(await h.core.handle('c', { kind: 'command', name: 'help' }, { updateId: 11 })).toEqual([]);
    expect(await h.core.handle('c', { kind: 'button', id: 's:0' }, { updateId: 12 })).toEqual([]);
    expect(await h.core.handle('c', { kind: 'command', name: 'start' }, { updateId: 10 })).toEqual([]);
  });
});
