import type Keyv from 'keyv';
import type { StateValue } from 'xstate';
import type { IntakeContext, IntakeSnapshot } from '../../flows/intake-machine.js';
import { keys } from '../leads/keys.js';
import type { Contact, FunnelStep } from '../leads/lead-schema.js';
import type { Locale } from '../locale/detect.js';

/** Bump when the stored shape or the machine's state names change incompatibly. */
export const CONVERSATION_SCHEMA_VERSION = 2;

/**
 * The statechart snapshot a record's `state` and `ctx` were saved from, riding along with the record
 * object: a store that keeps objects (memory://) hands it back with the record, so the next update
 * need not resolve the state again. A symbol key keeps it out of JSON: sqlite, Redis and PostgreSQL
 * store none of it. (A WeakMap from context to snapshot did the same at ~1 µs per update.)
 */
export const RESOLVED_SNAPSHOT = Symbol('resolved snapshot');

/** Everything kept per chat; one write per processed update. */
export interface ConversationRecord {
  v: number;
  /** Machine state value and context (answers, blocker). */
  state: StateValue;
  ctx: IntakeContext;
  /** Increases on every restart, so buttons of an earlier conversation are recognised as stale. */
  epoch: number;
  /** Unparseable answers to the pending question so far (kept out of the machine: no counters in charts). */
  retries: number;
  /** Options picked so far on a multi-choice question. */
  picks: readonly string[];
  locale: Locale;
  /** FAQ entries asked (interest signals for consultants). */
  topics: readonly string[];
  estimateShown: boolean;
  /** Contact capture in progress (after consent is asked). */
  capture?: Readonly<CaptureProgress>;
  /** ISO time the prospect agreed to share contact details; contact is kept only with it. */
  consentAt?: string;
  contact: Readonly<Contact>;
  /** The prospect asked for a consultant. */
  requested: boolean;
  /** Talking to a consultant through the bot: the bot does not answer by itself meanwhile. */
  handoff?: Readonly<{ since: number; lastActivity: number }>;
  /** Funnel steps already counted for this chat (so each is written once). */
  funnel: readonly FunnelStep[];
  /** The highest update id processed: only in records saved before `recentUpdateIds` (read, no longer written). */
  lastUpdateId?: number;
  /** The last update ids processed (a window), so an update that arrives late is not taken for a redelivery. */
  recentUpdateIds?: readonly number[];
  createdAt: number;
  updatedAt: number;
  [RESOLVED_SNAPSHOT]?: IntakeSnapshot;
}

/**
 * Update ids remembered per chat. Several instances can receive two updates of one chat at the same
 * moment; the chat lock runs them one at a time, but possibly the later one first. The earlier one
 * must then still be processed (it is new), not mistaken for a redelivery because its id is lower.
 */
export const RECENT_UPDATE_IDS = 20;

/** A redelivery: the id was processed (or is older than every remembered id of a full window). */
export function alreadyProcessed(record: Pick<ConversationRecord, 'lastUpdateId' | 'recentUpdateIds'>, updateId: number): boolean {
  const recent = record.recentUpdateIds;
  if (!recent || recent.length === 0) return record.lastUpdateId !== undefined && updateId <= record.lastUpdateId;
  if (recent.includes(updateId)) return true;
  return recent.length >= RECENT_UPDATE_IDS && updateId < Math.min(...recent);
}

/** The window of recent update ids with `updateId` added (the oldest dropped when full). */
export function withRecentUpdateId(recent: readonly number[] | undefined, updateId: number): number[] {
  const kept = recent ? recent.slice(recent.length >= RECENT_UPDATE_IDS ? recent.length - RECENT_UPDATE_IDS + 1 : 0) : [];
  kept.push(updateId);
  return kept;
}

export type CaptureStep = 'consent' | 'details' | 'name' | 'reach' | 'time';

export interface CaptureProgress {
  step: CaptureStep;
  /** Invalid phone numbers typed so far. */
  retries: number;
}

export class ConversationStore {
  constructor(private readonly kv: Keyv) {}

  /** The stored record, or undefined; a record from another schema version is returned as 'incompatible'. */
  async load(chatId: string): Promise<ConversationRecord | 'incompatible' | undefined> {
    const raw: unknown = await this.kv.get(keys.conversation(chatId));
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'object' || (raw as { v?: unknown }).v !== CONVERSATION_SCHEMA_VERSION) return 'incompatible';
    // memory:// keeps the saved object itself (no serialising, as grammY's memory sessions): the caller
    // gets its own top level to change, while the parts below it are replaced, never changed in place
    // (the readonly types hold every turn to that), so a turn that fails half-way leaves the stored record as it was.
    return { ...(raw as ConversationRecord) };
  }

  async save(chatId: string, record: ConversationRecord): Promise<void> {
    await this.kv.set(keys.conversation(chatId), record);
  }

  async delete(chatId: string): Promise<void> {
    await this.kv.delete(keys.conversation(chatId));
  }
}
