import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/channels/telegram/features/commands.js';
import { keyboardOf, splitText } from '../../src/channels/telegram/render.js';

describe('rendering for Telegram', () => {
  it('keeps a short text in one message and splits a long one at line breaks within the limit', () => {
    expect(splitText('短消息')).toEqual(['短消息']);
    const parts = splitText(`${'a'.repeat(3000)}\n${'b'.repeat(3000)}`);
    expect(parts).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    const hard = splitText('c'.repeat(9000));
    expect(hard.map((p) => p.length)).toEqual([4096, 4096, 808]);
  });

  it('turns button rows into an inline keyboard and no rows into none', () => {
    expect(keyboardOf(undefined)).toBeUndefined();
    expect(keyboardOf([[]])).toBeUndefined();
    expect(keyboardOf([[{ id: 'a:0:x:1', label: '是' }]])!.inline_keyboard).toEqual([[{ text: '是', callback_data: 'a:0:x:1' }]]);
  });

  it('reads a command with its bot name and arguments', () => {
    expect(parseCommand('/Start@Points_Bot  ref-42 ')).toEqual({ name: 'start', target: 'Points_Bot', args: 'ref-42' });
    expect(parseCommand('/help')).toEqual({ name: 'help' });
    expect(parseCommand('/ 怎么办')).toBeUndefined();
  });
});
