import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHAT_INDEX_BUCKETS, keys } from '../../src/leads/keys.js';
import { LeadStore } from '../../src/leads/lead-store.js';
import { cardItemId, erasedItemId } from '../../src/leads/outbox.js';
import { openStore, sqliteFilePath } from '../../src/storage/open-store.js';
import { runScript } from '../helpers/run-process.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';
import { leadInput, PHONE, PROFILE_83 } from './lead-fixtures.js';

const SCRIPT = 'src/cli/leads.ts';
const OTHER_PHONE = '13800001111';
let url: string;
let ids: string[];

const run = (...args: string[]) => runScript(SCRIPT, args, { env: { STORAGE_URL: url, LOG_LEVEL: 'silent' } });

/** Seeds two leads (one with a card already posted) and a conversation, through LeadStore. */
beforeEach(async () => {
  url = tempSqliteUrl('leads');
  const store = await openStore(url);
  const leads = new LeadStore(store.kv, { locks: store.locks });
  const now = new Date();
  const a = await leads.upsert(leadInput({ chatId: '1001', contact: { name: '张三, "老张"', phone: PHONE, wechat: 'zs' } }), now);
  const b = await leads.upsert(leadInput({ chatId: '2002', contact: { name: '李四', phone: OTHER_PHONE } }, PROFILE_83), now);
  await store.kv.set(keys.conversation('1001'), { v: 1, ctx: { answers: { phone: PHONE } }, updatedAt: now.getTime() });
  await store.kv.set(keys.cardRef(a.lead.id), { chatId: -100, messageId: 5, version: 1 });
  ids = [a.lead.id, b.lead.id];
  await store.close();
});

describe('npm run leads', () => {
  it('list prints one line per lead, newest first, phone numbers masked', async () => {
    const { code, stdout, stderr } = await run('list');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${ids[1]} · 🌱 培育 · 新线索 · 李四 · 138\\*{4}1111 · 83$`));
    expect(lines[1]).toContain(`${ids[0]} · ✅ 合格`);
    expect(stdout).not.toContain(PHONE);
  });

  it('export prints only a JSON array with the interface shape', async () => {
    const { code, stdout } = await run('export');
    expect(code).toBe(0);
    const leads = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(leads.map((l) => l['id'])).toEqual([ids[1], ids[0]]);
    for (const lead of leads) {
      expect(Object.keys(lead).slice(0, 7)).toEqual(['id', 'createdAt', 'status', 'qualification', 'consentAt', 'contact', 'estimate']);
      expect(Object.keys(lead['contact'] as object)).toEqual(expect.arrayContaining(['name', 'phone', 'wechat']));
      expect(Object.keys(lead['estimate'] as object)).toEqual(expect.arrayContaining(['total', 'gap']));
    }
    expect(leads[1]).toMatchObject({ contact: { name: '张三, "老张"', phone: PHONE, wechat: 'zs' }, estimate: { total: 129, gap: 0 } });
    expect((await run('export', '--format', 'json')).stdout).toBe(stdout);
  });

  it('export --format csv prints the header and one escaped row per lead', async () => {
    const { code, stdout } = await run('export', '--format', 'csv');
    expect(code).toBe(0);
    const rows = stdout.split('\r\n');
    expect(rows[0]).toBe('id,createdAt,status,qualification,consentAt,contact.name,contact.phone,contact.wechat,estimate.total,estimate.gap,requested,stage,updatedAt');
    expect(rows[2]).toContain(`,"张三, ""老张""",${PHONE},zs,129,0,false,,`);
    expect(rows).toHaveLength(4); // header, two rows, and the empty string after the last CRLF
  });

  it('delete erases the lead, its conversation and every copy of the phone number, and exits 0', async () => {
    const { code, stdout, stderr } = await run('delete', ids[0]!);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(ids[0]);

    const store = await openStore(url);
    const kv = store.kv;
    expect(await kv.get(keys.lead(ids[0]!))).toBeUndefined();
    expect(await kv.get(keys.leadByChat('1001'))).toBeUndefined();
    expect(await kv.get(keys.conversation('1001'))).toBeUndefined();
    expect(await kv.get(keys.cardRef(ids[0]!))).toBeUndefined();
    expect(await kv.get(keys.outboxItem(cardItemId(ids[0]!, 1)))).toBeUndefined();
    const known = [keys.leadDays, keys.outboxIndex, ...Array.from({ length: CHAT_INDEX_BUCKETS }, (_, b) => keys.chatIndex(b)), keys.outboxItem(erasedItemId(ids[0]!)), keys.lead(ids[1]!), keys.leadByChat('2002')];
    for (const key of known) expect(JSON.stringify((await kv.get(key)) ?? null)).not.toContain(PHONE);
    expect(await kv.get(keys.outboxItem(erasedItemId(ids[0]!)))).toMatchObject({ kind: 'erased', refs: [{ chatId: -100, messageId: 5 }] });
    await store.close();

    // Not even in the database file's free pages or its write-ahead log.
    const file = sqliteFilePath(url);
    for (const path of [file, `${file}-wal`]) {
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(PHONE))).toBe(false);
    }
    expect(readFileSync(file).includes(Buffer.from(OTHER_PHONE))).toBe(true);

    const list = await run('list');
    expect(list.stdout).not.toContain(ids[0]);
  });

  it('delete of an unknown id exits non-zero with one line on stderr', async () => {
    const { code, stdout, stderr } = await run('delete', 'L-20990101-0001');
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('L-20990101-0001');
  });

  it('a missing id, an unknown command or a bad format is one line on stderr and a non-zero exit', async () => {
    for (const args of [['delete'], ['frobnicate'], ['export', '--format', 'xml'], []]) {
      const { code, stdout, stderr } = await run(...args);
      expect(code, args.join(' ')).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });

  it('sweep erases only leads inactive for longer than the retention period', async () => {
    expect((await run('sweep')).stdout).toContain('Deleted 0 lead(s)');
    const { code, stdout } = await run('sweep', '--days', '1');
    expect(code).toBe(0);
    expect(stdout).toContain('Deleted 0 lead(s)');
    expect((await run('list')).stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});
