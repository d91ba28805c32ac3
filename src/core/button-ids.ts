/**
 * Button ids carry the conversation epoch, so a button from an earlier (restarted or finished)
 * conversation is recognised and never changes the current one. Format: `kind:epoch:arg:arg`.
 */
export type ButtonAction =
  | { kind: 'start'; epoch: number }
  | { kind: 'answer'; epoch: number; question: string; value: string }
  | { kind: 'toggle'; epoch: number; question: string; value: string }
  | { kind: 'multiDone'; epoch: number; question: string }
  | { kind: 'skip'; epoch: number; question: string }
  | { kind: 'consultant' }
  | { kind: 'faqTopic'; topic: string }
  | { kind: 'faqEntry'; entry: string }
  | { kind: 'delete'; confirm: boolean }
  | { kind: 'consent'; agree: boolean }
  | { kind: 'contactTime'; option: string };

export function encodeButton(action: ButtonAction): string {
  switch (action.kind) {
    case 'start':
      return `s:${action.epoch}`;
    case 'answer':
      return `a:${action.epoch}:${action.question}:${action.value}`;
    case 'toggle':
      return `t:${action.epoch}:${action.question}:${action.value}`;
    case 'multiDone':
      return `m:${action.epoch}:${action.question}`;
    case 'skip':
      return `k:${action.epoch}:${action.question}`;
    case 'consultant':
      return 'c';
    case 'faqTopic':
      return `ft:${action.topic}`;
    case 'faqEntry':
      return `fe:${action.entry}`;
    case 'delete':
      return action.confirm ? 'd:y' : 'd:n';
    case 'consent':
      return action.agree ? 'cs:y' : 'cs:n';
    case 'contactTime':
      return `ct:${action.option}`;
  }
}

/** A multi-choice option's button (cheaper than decodeButton where only that matters). */
export function isToggleButton(id: string): boolean {
  return id.startsWith('t:');
}

/** Parses a button id; undefined for anything the bot never issued. */
export function decodeButton(id: string): ButtonAction | undefined {
  if (id.length > 64) return undefined;
  // Indexed rather than destructured with a rest element: this runs on every button press.
  const parts = id.split(':');
  if (parts.length > 4) return undefined;
  const kind = parts[0];
  const a = parts[1];
  const b = parts[2];
  const c = parts[3];
  const epoch = Number(a);
  const validEpoch = a !== undefined && /^\d+$/.test(a);
  switch (kind) {
    case 's':
      return validEpoch && b === undefined ? { kind: 'start', epoch } : undefined;
    case 'a':
      return validEpoch && b && c !== undefined ? { kind: 'answer', epoch, question: b, value: c } : undefined;
    case 't':
      return validEpoch && b && c ? { kind: 'toggle', epoch, question: b, value: c } : undefined;
    case 'm':
      return validEpoch && b && c === undefined ? { kind: 'multiDone', epoch, question: b } : undefined;
    case 'k':
      return validEpoch && b && c === undefined ? { kind: 'skip', epoch, question: b } : undefined;
    case 'c':
      return a === undefined ? { kind: 'consultant' } : undefined;
    case 'ft':
      return a && b === undefined ? { kind: 'faqTopic', topic: a } : undefined;
    case 'fe':
      return a && b === undefined ? { kind: 'faqEntry', entry: a } : undefined;
    case 'd':
      return a === 'y' || a === 'n' ? { kind: 'delete', confirm: a === 'y' } : undefined;
    case 'cs':
      return a === 'y' || a === 'n' ? { kind: 'consent', agree: a === 'y' } : undefined;
    case 'ct':
      return a && /^[a-zA-Z]+$/.test(a) && b === undefined ? { kind: 'contactTime', option: a } : undefined;
    default:
      return undefined;
  }
}
