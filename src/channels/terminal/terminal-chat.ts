import type { IntakeCore } from '../../core/intake-core.js';
import type { Button, Inbound, Reply } from '../../core/types.js';

/**
 * The terminal channel: turns a typed line into an inbound event (a command, a button by its
 * label or 1-based number, or free text) and replies into lines. One instance per chat.
 */
export class TerminalChat {
  private lastButtons: Button[] = [];
  /** On a number question the buttons are presets ("12个月"): a typed "8" means 8 months, not button 8. */
  private expectsNumber = false;

  constructor(
    private readonly core: IntakeCore,
    readonly chatId: string,
  ) {}

  /** Picks up the buttons of the pending question when a stored conversation continues in a new process. */
  async resume(): Promise<void> {
    const pending = await this.core.peekPending(this.chatId);
    if (pending) this.remember(pending);
  }

  async send(line: string): Promise<Reply[]> {
    const replies = await this.core.handle(this.chatId, this.toInbound(line.trim()));
    if (replies.length) this.remember([...replies].reverse().find((r) => r.buttons?.length));
    return replies;
  }

  private toInbound(line: string): Inbound {
    const command = /^\/([a-z_]+)(?:@\w+)?(?:\s+(.*))?$/i.exec(line);
    if (command) return { kind: 'command', name: command[1]!, ...(command[2] ? { args: command[2] } : {}) };
    const byLabel = this.lastButtons.find((b) => b.label === line || stripMark(b.label) === line);
    if (byLabel) return { kind: 'button', id: byLabel.id };
    if (/^\d+$/.test(line) && this.lastButtons.length > 0) {
      const byNumber = this.lastButtons[Number(line) - 1];
      if (byNumber && !this.expectsNumber) return { kind: 'button', id: byNumber.id };
    }
    return { kind: 'text', text: line };
  }

  private remember(reply: Reply | undefined): void {
    this.lastButtons = reply?.buttons?.flat() ?? [];
    this.expectsNumber = reply?.expectsNumber === true;
  }
}

function stripMark(label: string): string {
  return label.replace(/^✅ /, '');
}

/** Buttons as a person reads them: `[1] 是  [2] 否`, one line per row. */
export function formatReplyText(reply: Reply, startIndex: number): { text: string; next: number } {
  let n = startIndex;
  const rows = (reply.buttons ?? []).map((row) => row.map((b) => `[${n++}] ${b.label}`).join('  '));
  return { text: [reply.text, ...rows].join('\n'), next: n };
}

/** The `--json` line: {"replies":[{"text":"…","buttons":[["label"]]}]}. */
export function formatJsonLine(replies: Reply[]): string {
  return JSON.stringify({
    replies: replies.map((r) => ({ text: r.text, buttons: (r.buttons ?? []).map((row) => row.map((b) => b.label)) })),
  });
}
