import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '../../src/locale/messages.js';
import { sqliteFilePath, type Store } from '../../src/storage/open-store.js';
import { FILE_CHECK_INTERVAL_MS } from '../../src/storage/sqlite-store.js';
import { FakeUser, createTestBot, type TestBot, startIntake } from '../telegram/fake-bot-api.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';
import { capturingLogger } from './support.js';

const zh = messages('zh');
let b: TestBot | undefined;
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
    b = await createTestBot(tempSqliteUrl('broken'), { logger });
    const user = new FakeUser(4100, b.api);
    await startIntake(b, user, '是');
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

/** Longer than the store's file check interval, so the next call looks at the path again. */
const pastFileCheck = () => new Promise((resolve) => setTimeout(resolve, FILE_CHECK_INTERVAL_MS + 50));

describe('the sqlite file disappearing mid-conversation (real files, no simulation)', () => {
  async function startAndAnswerTwo() {
    const url = tempSqliteUrl('gone');
    b = await createTestBot(url);
    const user = new FakeUser(4200, b.api);
    await startIntake(b, user, '是', '是');
    return { file: sqliteFilePath(url), user };
  }

  it('moved away: apologises instead of writing into a file nobody will find, and goes on once it is moved back', async () => {
    const { file, user } = await startAndAnswerTwo();
    renameSync(file, `${file}.away`);
    await pastFileCheck();
    b!.api.clear();
    await b!.bot.handleUpdate(user.text('12'));
    expect(b!.api.sentTexts(4200)).toEqual([zh.storageError]);

    renameSync(`${file}.away`, file);
    b!.api.clear();
    await b!.bot.handleUpdate(user.text('12'));
    expect(b!.api.sentTexts(4200).at(-1)).toContain(zh.questions.outOfTownBranch.prompt);
    expect((await b!.services.core.snapshotOf('tg:4200'))?.answers).toMatchObject({ residencePermit: true, employeeInsurance: true, insuredMonthsLast12: 12 });
  });

  it('deleted, then restored from a backup copy: apologises meanwhile, then reopens the restored file', async () => {
    const { file, user } = await startAndAnswerTwo();
    await b!.services.store.scrub(); // checkpoint: the main file holds everything, as a backup would
    copyFileSync(file, `${file}.backup`);
    rmSync(file);
    await pastFileCheck();
    b!.api.clear();
    await b!.bot.handleUpdate(user.text('12'));
    expect(b!.api.sentTexts(4200)).toEqual([zh.storageError]);

    copyFileSync(`${file}.backup`, file); // a new file (another inode) at the same path
    b!.api.clear();
    await b!.bot.handleUpdate(user.text('12'));
    expect(b!.api.sentTexts(4200).at(-1)).toContain(zh.questions.outOfTownBranch.prompt);
    expect((await b!.services.core.snapshotOf('tg:4200'))?.answers).toMatchObject({ residencePermit: true, employeeInsurance: true, insuredMonthsLast12: 12 });
  });
});
