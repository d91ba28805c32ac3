import type { IntakeSnapshot } from '../../flows/intake-machine.js';
import type { Messages } from '../locale/messages.js';
import type { ConversationRecord } from './conversation-store.js';
import type { Reply } from './types.js';

/** One processed inbound event: the chat's record being updated and the replies collected. */
export interface Turn {
  chatId: string;
  record: ConversationRecord;
  snapshot: IntakeSnapshot;
  replies: Reply[];
  m: Messages;
  /** Set when the turn erased the conversation: nothing is saved afterwards. */
  erased?: boolean;
}
