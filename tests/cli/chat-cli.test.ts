import { describe, expect, it } from 'vitest';
import { ChatProcess, allLabels, allText } from '../helpers/chat-process.js';
import { runScript } from '../helpers/run-process.js';
import { freePort } from '../helpers/free-port.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';

const storage = () => ({ STORAGE_URL: tempSqliteUrl('chat') });

describe('npm run chat', () => {
  it('holds a whole conversation through a pipe, one JSON line per input line, reaching 129', async () => {
    const chat = new ChatProcess(['--user', 'persona'], storage());
    expect(allLabels(await chat.send('/start'))).toContain('开始评估');
    await chat.send('开始评估');
    let last = await chat.send('是');
    for (const answer of ['是', '12个月', '否', '35', '本科+学士学位', '全日制', '没有', '36', '不到0.8倍/不清楚', '未婚', '都没有', '都没有']) {
      last = await chat.send(answer);
    }
    expect(allText(last)).toContain('129 分');
    expect(allText(last)).toContain('已达到 120 分');
    expect(await chat.end()).toBe(0);
  });

  it('accepts a button by its number in reading order', async () => {
    const chat = new ChatProcess(['--user', 'numbers'], storage());
    await chat.send('/start');
    const replies = await chat.send('1');
    expect(allText(replies)).toContain('第 1/');
    expect(allText(await chat.send('2'))).toContain('不能申请');
    await chat.end();
  });

  it('continues a conversation cut off after four turns in a new process', async () => {
    const env = storage();
    const first = new ChatProcess(['--user', 'cut'], env);
    for (const line of ['/start', '开始评估', '是', '是']) await first.send(line);
    expect(await first.end()).toBe(0);
    const second = new ChatProcess(['--user', 'cut'], env);
    const replies = await second.send('12个月');
    expect(allText(replies)).toContain('外省市');
    await second.end();
  });

  it('prints replies with numbered buttons without --json', async () => {
    const result = await runScript('src/cli/chat.ts', [], { input: '/start\n', env: storage() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[1] 开始评估');
  });

  it('stops with one line naming a bad environment variable', async () => {
    const result = await runScript('src/cli/chat.ts', [], { input: '', env: { STORAGE_URL: 'ftp://nope' } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('STORAGE_URL');
  });

  it.each([
    ['Redis', 'redis://127.0.0.1:PORT'],
    ['PostgreSQL', 'postgres://bot:secret@127.0.0.1:PORT/bot'],
  ])('stops with one line when the %s server of STORAGE_URL cannot be reached, the password masked', async (_name, template) => {
    const url = template.replace('PORT', String(await freePort())); // nothing listens there
    const result = await runScript('src/cli/chat.ts', [], { input: '', env: { STORAGE_URL: url }, timeoutMs: 30_000 });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('STORAGE_URL: cannot use');
    expect(result.stderr).not.toContain('secret');
  }, 40_000);
});

describe('npm start without a token', () => {
  it('says how to connect Telegram and runs the terminal chat', async () => {
    const result = await runScript('src/cli/start.ts', [], { input: '/start\n', env: { ...storage(), TELEGRAM_BOT_TOKEN: '' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('TELEGRAM_BOT_TOKEN');
    expect(result.stdout).toContain('开始评估');
  });
});
