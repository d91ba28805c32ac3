import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/locale/messages.js';
import type { Store } from '../../src/storage/open-store.js';
import { FakeUser } from '../telegram/fake-bot-api.js';
import { botOn, type ReliabilityBot } from './bots.js';
import { capturingLogger, tempSqliteUrl } from './support.js';

const zh = messages('zh');
let b: ReliabilityBot | undefined;
afterEach(async () => {
  await b?.services.close();
  b = undefined;
});

/**
 * Breaks the sqlite store underneath Keyv: every call (or only writes) fails as a disk error would,
 * until `repair()`. Keyv and the core above it are the real ones.
 */
function breakable(store: Store, which: 'all' | 'writes') {
  type Method = (...args: unknown[]) => Promise<unknown>;
  const adapter = store.kv.store as Record<string, Method>;
  const names = which === 'all' ? ['get', 'getMany', 'has', 'set', 'delete', 'deleteMany'] : ['set', 'delete', 'deleteMany'];
  const originals = new Map(names.map((name) => [name, adapter[name]!]));
  return {
    break() {
      for (const name of names) {
        adapter[name] = async () => {
          throw new Error('SQLITE_IOERR: disk I/O error');
        };
      }
    },
    repair() {
      for (const [name, original] of originals) adapter[name] = original;
    },
  };
}

describe('storage failing mid-conversation', () => {
  it.each([
    ['every read and write fails', 'all'],
    ['only writes fail', 'writes'],
  ] as const)('apologises, does not crash and continues from the last saved answer when %s and storage comes back', async (_name, which) => {
    const { logger, records } = capturingLogger();
    b = await botOn(tempSqliteUrl('broken'), { logger });
    const user = new FakeUser(4100, b.api);
    await b.bot.handleUpdate(user.command('/start'));
    await b.bot.handleUpdate(user.press('开始评估'));
    await b.bot.handleUpdate(user.press('是'));
    const storage = breakable(b.services.store, which);

    storage.break();
    b.api.clear();
    await b.bot.handleUpdate(user.text('是'));
    await b.bot.handleUpdate(user.command('/help'));
    await b.bot.handleUpdate(user.text('上海积分要多久才能审批下来？'));
    expect(b.api.sentTexts(4100)).toEqual([zh.storageError, zh.storageError, zh.storageError]);
    expect(records.some((r) => r.level >= 50)).toBe(true); // logged as errors, handled

    storage.repair();
    b.api.clear();
    await b.bot.handleUpdate(user.text('是'));
    const texts = b.api.sentTexts(4100);
    expect(texts.at(-1)).toContain(zh.questions.insuredMonthsLast12.prompt);
    expect((await b.services.core.snapshotOf('tg:4100'))?.answers).toEqual({ residencePermit: true, employeeInsurance: true });
    expect(records.filter((r) => r.msg.includes('outside the error boundary'))).toEqual([]);
  });
});
