import { shanghaiDay } from '../util/shanghai-time.js';
import type Keyv from 'keyv';
import type { Logger } from '../util/logger.js';
import type { Funnel } from './funnel.js';
import { ChatIndex } from './chat-index.js';
import { keys } from './keys.js';
import { RECORD_LOCK_TTL_MS, localLocks, type Locks } from '../storage/locks.js';
import type { Contact, Lead, LeadEstimate, LeadInput, LeadStatus } from './lead-schema.js';
import { Outbox, type CardRef, type SentRef } from './outbox.js';
import { RelayLog } from './relay-log.js';
import { qualify, suggestNextStep } from './qualify.js';
import { renderLeadCard } from './render-card.js';

/**
 * Leads, one per chat, in the shared Keyv. A lead is written before anything is notified: the
 * consultant card goes through the durable outbox afterwards. Erasing removes every copy of a
 * person's data that this backend knows of (see `eraseByChat`).
 */

export interface LeadStoreOptions {
  /** Where cards go when the sender has no default (usually left out: the channel knows its chat). */
  consultantChatId?: number | string;
  /**
   * After an erase: make deleted data unrecoverable on disk (Store.scrub of src/storage/open-store.ts).
   */
  scrub?: () => Promise<void>;
  logger?: Logger;
  /** The store's locks (Store.locks); default: in-process (one process owns the store). */
  locks?: Locks;
  /** The funnel: `qualified` and `claimed` are marked here; an erased chat's in-memory marks are forgotten. */
  funnel?: Pick<Funnel, 'mark' | 'forget'>;
}

export interface EraseResult {
  /** Something was stored for this lead or chat, and now it is gone. */
  erased: boolean;
  leadId: string | undefined;
  chatId: string | undefined;
  /** Consultant messages that showed the lead; an `erased:<leadId>` outbox item edits them to "deleted". */
  cards: SentRef[];
  /** The prospect's messages relayed into the consultant chat (handoff): forgotten, and edited to "deleted" with the cards. */
  relayed: SentRef[];
}

/** The consultant-visible stage of a lead decides who is notified: consented and (qualified or asked). */
export function shouldNotify(lead: Lead): boolean {
  return lead.consentAt !== null && (lead.qualification === 'qualified' || lead.requested);
}

const CONTACT_FIELDS = ['name', 'phone', 'wechat', 'email', 'contactTime', 'telegramUsername', 'language'] as const;

/** Keeps the known contact fields, trimmed; a phone written as +86 139-1234-5678 becomes 13912345678. */
function cleanContact(contact: Contact): Contact {
  const out: Contact = {};
  for (const field of CONTACT_FIELDS) {
    const value = contact[field]?.trim();
    if (value) out[field] = value;
  }
  if (out.phone) {
    const digits = out.phone.replace(/[\s\-()]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
    out.phone = digits;
  }
  return out;
}

function leadEstimate(e: LeadEstimate | null): LeadEstimate | null {
  if (!e) return null;
  return {
    eligible: e.eligible,
    total: e.total,
    gap: e.gap,
    reachesPassMark: e.reachesPassMark,
    blockers: [...e.blockers],
    blockerCodes: [...(e.blockerCodes ?? [])],
    breakdown: e.breakdown.map(({ indicator, points, note }) => ({ indicator, points, note })),
    suggestions: [...e.suggestions],
    suggestionCodes: [...(e.suggestionCodes ?? [])],
  };
}

/** The fields of a lead derived from the conversation (what upsert may change). */
function fromInput(input: LeadInput): Omit<Lead, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'status' | 'statusHistory'> {
  const estimate = leadEstimate(input.estimate);
  const qualification = qualify(estimate);
  return {
    chatId: input.chatId,
    channel: input.channel,
    qualification,
    requested: input.requested,
    consentAt: input.consentAt,
    contact: input.consentAt ? cleanContact(input.contact) : {},
    answers: copyJson(input.answers),
    estimate,
    risks: [...input.risks],
    ...(input.stage !== undefined ? { stage: input.stage } : {}),
    ...(input.jobChange !== undefined ? { jobChange: input.jobChange } : {}),
    topics: [...new Set(input.topics)],
    nextStep: suggestNextStep({ qualification, estimate }),
  };
}

/**
 * A copy sharing nothing with `value`, for JSON data (plain objects, arrays, primitives) such as the
 * answers: what structuredClone gives for them, at a fraction of its cost on a small record.
 */
function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Same data, whatever the key order (change detection; JSON values only). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const withoutBookkeeping = ({ updatedAt: _u, version: _v, notified: _n, ...rest }: Lead) => rest;
const DAY_MS = 86_400_000;

export class LeadStore {
  readonly outbox: Outbox;
  private readonly locks: Locks;
  /** The day this process last made sure is in `leads:days` (saves a read per new lead). */
  private lastListedDay: string | undefined;

  constructor(
    private readonly kv: Keyv,
    private readonly options: LeadStoreOptions = {},
  ) {
    this.locks = options.locks ?? localLocks();
    this.outbox = new Outbox(kv, { locks: this.locks });
  }

  /** One writer per chat's lead, across instances (the core's turn, a consultant's status change, an erase). */
  private perChat<T>(chatId: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.withLock(keys.leadChatLock(chatId), RECORD_LOCK_TTL_MS, fn);
  }

  /**
   * Creates or updates the lead of `input.chatId` (one lead per chat). Contact details are kept only
   * with consent. The version is bumped only when the card consultants see changes; `changed` says so.
   * When a consented lead is qualified or asked for a consultant (or its card was queued before), the
   * new version's card is queued in the outbox — after the lead is written.
   */
  upsert(input: LeadInput, now: Date): Promise<{ lead: Lead; changed: boolean }> {
    return this.perChat(input.chatId, async () => {
      const at = now.toISOString();
      const fields = fromInput(input);
      const existing = await this.getByChat(input.chatId);
      let lead: Lead;
      let changed: boolean;
      if (!existing) {
        const id = await this.allocateId(now);
        lead = { id, ...fields, createdAt: at, updatedAt: at, version: 1, status: 'new', statusHistory: [] };
        changed = true;
      } else {
        const next: Lead = { ...existing, ...fields, updatedAt: at };
        if (!('stage' in fields)) delete next.stage;
        if (!('jobChange' in fields)) delete next.jobChange;
        if (sameData(withoutBookkeeping(next), withoutBookkeeping(existing))) return { lead: existing, changed: false };
        changed = renderLeadCard(next).text !== renderLeadCard(existing).text;
        lead = { ...next, version: existing.version + (changed ? 1 : 0) };
      }
      const notify = changed && (lead.notified === true || shouldNotify(lead));
      if (notify) lead.notified = true;
      await this.kv.set(keys.lead(lead.id), lead);
      if (!existing) await this.kv.set(keys.leadByChat(lead.chatId), lead.id);
      if (notify) await this.outbox.enqueueCard(lead.id, lead.version, now, this.options.consultantChatId);
      if (lead.qualification === 'qualified' && lead.consentAt) await this.options.funnel?.mark(lead.chatId, 'qualified', now);
      return { lead, changed };
    });
  }

  async get(id: string): Promise<Lead | undefined> {
    return (await this.kv.get<Lead>(keys.lead(id))) ?? undefined;
  }

  async getByChat(chatId: string): Promise<Lead | undefined> {
    const id = await this.kv.get<string>(keys.leadByChat(chatId));
    return id ? this.get(id) : undefined;
  }

  /** Leads, newest first, optionally of one status; `limit` caps how many. */
  async list(filter: { status?: LeadStatus; limit?: number } = {}): Promise<Lead[]> {
    const out: Lead[] = [];
    for (const id of await this.ids()) {
      const lead = await this.get(id);
      if (!lead || (filter.status && lead.status !== filter.status)) continue;
      out.push(lead);
      if (filter.limit !== undefined && out.length >= filter.limit) break;
    }
    return out;
  }

  /** Sets a consultant status (claimed / contacted / closed), records who and when, and queues the card edit. */
  async setStatus(id: string, status: LeadStatus, by: string, now: Date): Promise<Lead | undefined> {
    const lead = await this.get(id);
    if (!lead) return undefined;
    return this.perChat(lead.chatId, async () => {
      const current = await this.get(id);
      if (!current) return undefined;
      // Checked under the lock: two consultants pressing the same button at once change it once.
      if (current.status === status) return current;
      const at = now.toISOString();
      const next: Lead = {
        ...current,
        status,
        statusHistory: [...current.statusHistory, { status, by, at }],
        updatedAt: at,
        version: current.version + 1,
      };
      await this.kv.set(keys.lead(id), next);
      if (next.notified) await this.outbox.enqueueCard(id, next.version, now, this.options.consultantChatId);
      if (status === 'claimed') await this.options.funnel?.mark(next.chatId, 'claimed', now);
      return next;
    });
  }

  /** Erases a lead and everything of its chat (see eraseByChat). */
  async erase(id: string, now: Date = new Date()): Promise<EraseResult> {
    const lead = await this.get(id);
    if (!lead) return { erased: false, leadId: id, chatId: undefined, cards: [], relayed: [] };
    return this.eraseByChat(lead.chatId, now);
  }

  /**
   * Removes every copy of a chat's data: the lead, its index entry, `leadByChat`, the conversation
   * (`conv:<chatId>`), the funnel record and chat-index entry, the lead's queued outbox items and its
   * card reference. Returns the consultant cards that showed the lead; an `erased:<leadId>` outbox item
   * (ids only) is queued to edit them to "deleted".
   */
  eraseByChat(chatId: string, now: Date = new Date()): Promise<EraseResult> {
    return this.perChat(chatId, async () => {
      const kv = this.kv;
      const leadId = await kv.get<string>(keys.leadByChat(chatId));
      const lead = leadId ? await this.get(leadId) : undefined;
      const found = [
        leadId !== undefined,
        lead !== undefined,
        (await kv.get(keys.conversation(chatId))) !== undefined,
        (await kv.get(keys.funnel(chatId))) !== undefined,
      ].some(Boolean);
      const cards: SentRef[] = [];
      if (leadId) {
        const ref = await kv.get<CardRef>(keys.cardRef(leadId));
        if (ref) cards.push({ chatId: ref.chatId, messageId: ref.messageId });
        await this.outbox.removeForLead(leadId);
        await kv.delete(keys.cardRef(leadId));
        await kv.delete(keys.lead(leadId));
        await this.dropFromLegacyIndex(leadId);
      }
      await kv.delete(keys.leadByChat(chatId));
      await kv.delete(keys.conversation(chatId));
      await kv.delete(keys.funnel(chatId));
      await new ChatIndex(kv, this.locks).remove(chatId);
      this.options.funnel?.forget(chatId);
      // Whatever erases (the prospect's /delete, `npm run leads -- delete`, the retention sweep), the
      // messages relayed from this chat during a handoff go too: from the relay log here, and from the
      // consultant chat through the same "deleted" edit as the cards (it needs the lead's id).
      const relayed = await new RelayLog(kv).forget(chatId);
      if (leadId && cards.length + relayed.length > 0) await this.outbox.enqueueErased(leadId, [...cards, ...relayed], now);
      if (found || relayed.length > 0) {
        await this.options.scrub?.();
        this.options.logger?.info({ leadId, relayedMessages: relayed.length }, 'lead data erased');
      }
      return { erased: found || relayed.length > 0, leadId, chatId, cards, relayed };
    });
  }

  /**
   * Erases leads with no activity for `days` days: neither the lead nor its conversation changed since.
   * Returns the erased lead ids.
   */
  async sweepRetention(now: Date, days: number): Promise<string[]> {
    const cutoff = now.getTime() - days * DAY_MS;
    const erased: string[] = [];
    const daysWithLeads = new Set<string>();
    for (const id of await this.ids()) {
      const lead = await this.get(id);
      if (!lead) continue;
      const conv = await this.kv.get<{ updatedAt?: unknown }>(keys.conversation(lead.chatId));
      const convAt = typeof conv?.updatedAt === 'number' ? conv.updatedAt : 0;
      const lastActivity = Math.max(Date.parse(lead.updatedAt) || 0, convAt);
      if (lastActivity < cutoff) {
        await this.eraseByChat(lead.chatId, now);
        erased.push(id);
      } else daysWithLeads.add(dayOfLeadId(id));
    }
    await this.forgetEmptyDays(shanghaiDay(new Date(cutoff)), daysWithLeads);
    return erased;
  }

  /**
   * Days before `beforeDay` (all past retention: no lead is added to them any more) whose leads are
   * all erased leave the day list, so listing does not read every id ever handed out. Their counters
   * stay: an id is never handed out twice. `daysWithLeads`: the days of the leads the sweep kept (it
   * has just read them all; not read again under the lock every new lead waits for).
   */
  private async forgetEmptyDays(beforeDay: string, daysWithLeads: ReadonlySet<string>): Promise<void> {
    await this.locks.withLock(keys.leadLock, RECORD_LOCK_TTL_MS, async () => {
      const days = (await this.kv.get<string[]>(keys.leadDays)) ?? [];
      const kept = days.filter((day) => day >= beforeDay || daysWithLeads.has(day));
      if (kept.length < days.length) await this.kv.set(keys.leadDays, kept);
    });
  }

  /**
   * Every lead id that may exist, newest first: `L-<day>-<n>` for each day's counter, plus the id
   * list earlier versions kept. Erased ids are listed too; callers skip ids whose lead is gone.
   */
  private async ids(): Promise<string[]> {
    const days = (await this.kv.get<string[]>(keys.leadDays)) ?? [];
    const ids = new Set<string>();
    for (const day of [...days].reverse()) {
      const seq = (await this.kv.get<number>(keys.leadSeq(day))) ?? 0;
      for (let n = seq; n >= 1; n--) ids.add(leadId(day, n));
    }
    for (const id of (await this.kv.get<string[]>(keys.legacyLeadIndex)) ?? []) ids.add(id);
    return [...ids].sort(newestFirst);
  }

  /** The next `L-YYYYMMDD-NNNN` of the Shanghai day (the day's counter is the index; see keys.leadDays). */
  private allocateId(now: Date): Promise<string> {
    const day = shanghaiDay(now);
    return this.locks.withLock(keys.leadLock, RECORD_LOCK_TTL_MS, async () => {
      let seq = (await this.kv.get<number>(keys.leadSeq(day))) ?? 0;
      let id: string;
      do {
        seq++;
        id = leadId(day, seq);
      } while (await this.kv.get(keys.lead(id)));
      if (this.lastListedDay !== day) await this.listDay(day);
      await this.kv.set(keys.leadSeq(day), seq);
      return id;
    });
  }

  /** An erased id stays listable only as a missing lead; the legacy list still named it in full. */
  private async dropFromLegacyIndex(id: string): Promise<void> {
    await this.locks.withLock(keys.leadLock, RECORD_LOCK_TTL_MS, async () => {
      const ids = await this.kv.get<string[]>(keys.legacyLeadIndex);
      if (ids?.includes(id)) await this.kv.set(keys.legacyLeadIndex, ids.filter((other) => other !== id));
    });
  }

  /** Adds `day` to the days with leads (once a day: the list grows by one entry per day, not per lead). */
  private async listDay(day: string): Promise<void> {
    const days = (await this.kv.get<string[]>(keys.leadDays)) ?? [];
    if (!days.includes(day)) await this.kv.set(keys.leadDays, [...days, day]);
    this.lastListedDay = day;
  }
}

const leadId = (day: string, n: number) => `L-${day}-${String(n).padStart(4, '0')}`;
/** The YYYYMMDD of an `L-YYYYMMDD-NNNN` id. */
const dayOfLeadId = (id: string) => id.slice(2, 10);
/** `L-YYYYMMDD-N…`: by day, then by number (four digits, more past 9,999 in a day). */
const newestFirst = (a: string, b: string) => dayOfLeadId(b).localeCompare(dayOfLeadId(a)) || Number(b.slice(11)) - Number(a.slice(11));
