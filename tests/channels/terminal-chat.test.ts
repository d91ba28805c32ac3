import { describe, expect, it } from 'vitest';
import { TerminalChat, formatJsonLine, formatReplyText } from '../../src/channels/terminal/terminal-chat.js';
import { createHarness } from '../helpers/core-harness.js';

async function chatAt(lines: string[]) {
  const { core } = await createHarness();
  const chat = new TerminalChat(core, 'terminal:t');
  let last = await chat.send('/start');
  for (const line of lines) last = await chat.send(line);
  return { chat, last };
}

const text = (replies: { text: string }[]) => replies.map((r) => r.text).join('\n');

describe('the terminal channel', () => {
  it('takes a typed number on a number question as the answer, not as a button number', async () => {
    const { chat } = await chatAt(['开始评估', '是', '是']);
    const replies = await chat.send('8'); // 8 months in the last 12, not "button 8"
    expect(text(replies)).toContain('外省市');
  });

  it('takes a number on a choice question as the button in reading order', async () => {
    const { chat } = await chatAt(['开始评估', '是', '是', '12', '否', '35']);
    const replies = await chat.send('4'); // [4] 本科+学士学位
    expect(text(replies)).toContain('怎么取得');
  });

  it('takes a button label, with or without the tick of a picked option', async () => {
    const { chat, last } = await chatAt(['开始评估', '是', '是', '12', '否', '35', '本科+学士学位', '全日制', '没有', '36', '不到0.8倍/不清楚', '未婚']);
    expect(text(last)).toContain('加分情况');
    const picked = await chat.send('紧缺急需专业');
    expect(picked[0]!.buttons!.flat().map((b) => b.label)).toContain('✅ 紧缺急需专业');
    expect(text(await chat.send('选好了'))).toContain('近 5 年');
  });

  it('shows buttons as a person reads them and as JSON labels', () => {
    const reply = { text: '问题', buttons: [[{ id: 'a', label: '是' }, { id: 'b', label: '否' }]] };
    expect(formatReplyText(reply, 1).text).toBe('问题\n[1] 是  [2] 否');
    expect(formatJsonLine([reply])).toBe('{"replies":[{"text":"问题","buttons":[["是","否"]]}]}');
  });
});
