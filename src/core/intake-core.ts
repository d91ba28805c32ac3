import type { StateValue } from 'xstate';
import { answersToProfile } from '../../flows/answers-to-profile.js';
import {
  intakeMachine,
  isGreeting,
  nextSnapshot,
  pendingQuestion,
  restoreSnapshot,
  storedPendingQuestion,
  type IntakeEvent,
  type IntakeSnapshot,
} from '../../flows/intake-machine.js';
import { parseAnswer } from '../../flows/parse-answer.js';
import {
  ELIGIBILITY_LIMITS,
  QUESTIONS,
  questionById,
  sectionOf,
  skipValue,
  type Answers,
  type QuestionId,
  type Stage,
} from '../../flows/questions.js';
import { estimate } from '../estimate/estimate.js';
import type { ScoringTable } from '../estimate/scoring-table.js';
import type { AnswerService } from '../knowledge/answer-service.js';
import type { AskResult } from '../knowledge/faq-answerer.js';
import type { IntakeGuides } from '../knowledge/intake-guides.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { detectLocale, type Locale } from '../locale/detect.js';
import { messages } from '../locale/messages.js';
import { serialized } from '../util/keyed-queue.js';
import type { ChatLock } from '../storage/arrival-order.js';
import type { Logger } from '../util/logger.js';
import { decodeButton, encodeButton, type ButtonAction } from './button-ids.js';
import { CONVERSATION_SCHEMA_VERSION, RESOLVED_SNAPSHOT, alreadyProcessed, withRecentUpdateId, type ConversationRecord, type ConversationStore } from './conversation-store.js';
import { entryAnswer, topicEntries, topicMenu } from './faq-menu.js';
import { renderEstimate, risksFor } from './render-estimate.js';
import { guideFor, renderNextSteps } from './render-next-steps.js';
import { buttonValue, isOfferedValue, renderQuestion } from './render-question.js';
import type { Inbound, InboundMeta, Reply } from './types.js';
import type { Turn } from './turn.js';
import { buildLeadInput } from './lead-input.js';
import { HAS_WORDS, QUESTION_LIKE, isStartWord, localeHint, parseConsent } from './text-signals.js';
import { LeadCapture, writableContact, type ContactExtractor } from './lead-capture.js';
import type { FunnelStep, LeadInput } from '../leads/lead-schema.js';
import { extractLeadByRules } from '../llm/extract-lead.js';

export interface CoreDeps {
  conversations: ConversationStore;
  /** The FAQ answerer, with the optional LLM rephrase on top. */
  faq: AnswerService;
  kb: KnowledgeBase;
  guides: IntakeGuides;
  scoring: ScoringTable;
  now?: () => Date;
  logger?: Logger;
  /** Where leads go (storage, consultant notification, funnel); absent in tools that do not collect leads. */
  leads?: LeadRecorder;
  /** Contact details from free text (default: the deterministic rules). */
  extractContact?: ContactExtractor;
  /** Passes a prospect's message to the consultants during a handoff (Telegram); absent = no handoff. */
  relay?: (chatId: string, text: string) => Promise<void>;
  /**
   * Holds a chat across processes while one of its events is processed (a lease in a shared store,
   * for several instances). Within one process, turns of a chat are already queued in order. Given
   * the update id, it may also hold an update back until lower ids of the chat registered on other
   * instances are processed (src/storage/arrival-order.ts).
   */
  chatLock?: ChatLock;
}

/** The lead side as the conversation sees it (src/leads implements it). */
export interface LeadRecorder {
  /** Stores the lead first, then queues the consultant card when it is qualified or requested with consent. */
  record(input: LeadInput, now: Date): Promise<void>;
  /** Erases the chat's lead and every copy of it (the conversation itself is erased by the core). */
  eraseChat(chatId: string): Promise<void>;
  /** Counts a funnel step for the chat (called once per step and chat). */
  mark(chatId: string, step: FunnelStep): Promise<void>;
}

/** A handoff with no message either way for this long returns the prospect to the bot. */
const HANDOFF_SILENCE_MS = 24 * 60 * 60 * 1000;

export const MAX_TEXT_LENGTH = 4000;
/** After this many unparseable answers to one question the bot offers a way out. */
export const MAX_RETRIES = 3;
/** After this many days of silence a conversation starts over (the greeting says how many). */
const IDLE_RESTART_DAYS = 30;
const IDLE_RESTART_MS = IDLE_RESTART_DAYS * 24 * 60 * 60 * 1000;

/**
 * The channel-agnostic conversation core: `handle(chatId, inbound)` loads the chat's state,
 * runs the intake statechart, answers side questions from the knowledge base, saves once,
 * and returns the replies. It knows nothing of Telegram or terminals.
 */
export class IntakeCore {
  private readonly now: () => Date;
  private readonly capture: LeadCapture;

  constructor(private readonly deps: CoreDeps) {
    this.now = deps.now ?? (() => new Date());
    this.capture = new LeadCapture({
      extract: deps.extractContact ?? (async (text) => extractLeadByRules(text)),
      recordLead: (turn) => this.recordLead(turn),
      canHandOff: deps.relay !== undefined,
      now: this.now,
      resume: (turn) => this.askPending(turn),
    });
  }

  /** Processes one inbound event for a chat; a chat's events run one at a time, in arrival order. */
  handle(chatId: string, inbound: Inbound, meta: InboundMeta = {}): Promise<Reply[]> {
    return this.exclusively(chatId, () => this.handleNow(chatId, inbound, meta), meta.updateId).catch((error: unknown) => {
      // The shared lock itself could not be taken (store unreachable): nothing was processed.
      this.deps.logger?.error({ err: error, chatId }, 'cannot lock the conversation');
      return [{ text: messages(localeHint(meta)).storageError, failed: true }];
    });
  }

  /** One chat at a time: in this process (a queue) and, with a shared store, across instances (a lease). */
  private exclusively<T>(chatId: string, fn: () => Promise<T>, updateId?: number): Promise<T> {
    const lock = this.deps.chatLock;
    // The lease outside the queue: an update the lease holds back for a lower id must not hold that
    // lower id back in this process's queue (the lease queues its waiters per process by itself).
    return lock ? lock(chatId, () => serialized(`chat:${chatId}`, fn), updateId) : serialized(`chat:${chatId}`, fn);
  }

  private async handleNow(chatId: string, inbound: Inbound, meta: InboundMeta): Promise<Reply[]> {
    let turn: Turn;
    try {
      turn = await this.begin(chatId, meta);
    } catch (error) {
      this.deps.logger?.error({ err: error, chatId }, 'cannot load conversation');
      return [{ text: messages(localeHint(meta)).storageError, failed: true }];
    }
    if (meta.updateId !== undefined && alreadyProcessed(turn.record, meta.updateId)) {
      return []; // a redelivered update: already processed
    }
    // The channel identity travels with the contact details; it reaches consultants only after consent.
    const known = turn.record.contact;
    if ((meta.username && meta.username !== known.telegramUsername) || (meta.languageCode && meta.languageCode !== known.language)) {
      const contact = writableContact(turn);
      if (meta.username) contact.telegramUsername = meta.username;
      if (meta.languageCode) contact.language = meta.languageCode;
    }
    try {
      await this.dispatch(turn, inbound);
    } catch (error) {
      this.deps.logger?.error({ err: error, chatId }, 'turn failed');
      return [{ text: turn.m.storageError, failed: true }];
    }
    if (turn.erased) return turn.replies;
    const record = turn.record; // a restart replaces the record object
    record.state = turn.snapshot.value;
    record.ctx = turn.snapshot.context;
    record.updatedAt = this.now().getTime();
    if (meta.updateId !== undefined) {
      record.recentUpdateIds = withRecentUpdateId(record.recentUpdateIds, meta.updateId);
      // A record from before recentUpdateIds: its single id is superseded by the window from now on.
      if (record.lastUpdateId !== undefined) delete record.lastUpdateId;
    }
    record[RESOLVED_SNAPSHOT] = turn.snapshot;
    try {
      await this.deps.conversations.save(chatId, record);
    } catch (error) {
      this.deps.logger?.error({ err: error, chatId }, 'cannot save conversation');
      return [{ text: turn.m.storageError, failed: true }];
    }
    return turn.replies;
  }

  /** The chat's stored conversation as it is now (for leads and tests). */
  async snapshotOf(chatId: string): Promise<{ state: StateValue; answers: Answers } | undefined> {
    const record = await this.deps.conversations.load(chatId);
    return record && record !== 'incompatible' ? { state: record.state, answers: record.ctx.answers } : undefined;
  }

  /** The pending question re-rendered from storage, without changing anything (a channel resuming). */
  async peekPending(chatId: string): Promise<Reply | undefined> {
    const record = await this.deps.conversations.load(chatId);
    if (!record || record === 'incompatible') return undefined;
    const pending = storedPendingQuestion(record.state, record.ctx, record[RESOLVED_SNAPSHOT]);
    return pending ? renderQuestion(messages(record.locale), pending, record.ctx.answers, record.epoch, record.picks) : undefined;
  }

  private async begin(chatId: string, meta: InboundMeta): Promise<Turn> {
    const stored = await this.deps.conversations.load(chatId);
    const notices: string[] = [];
    let record: ConversationRecord | undefined;
    if (stored === 'incompatible') notices.push('incompatibleState');
    else if (stored && this.now().getTime() - stored.updatedAt > IDLE_RESTART_MS) notices.push('idleRestart');
    else record = stored;

    let snapshot: IntakeSnapshot | undefined;
    if (record) {
      try {
        snapshot = restoreSnapshot(record.state, record.ctx, record[RESOLVED_SNAPSHOT]);
      } catch {
        notices.push('incompatibleState');
        record = undefined;
      }
    }
    if (!record || !snapshot) {
      record = this.freshRecord(localeHint(meta), stored && stored !== 'incompatible' ? stored.epoch + 1 : 0, stored);
      snapshot = record[RESOLVED_SNAPSHOT]!;
    }
    const m = messages(record.locale);
    return {
      chatId,
      record,
      snapshot,
      m,
      replies: notices.map((n) => ({ text: n === 'idleRestart' ? m.idleRestart(IDLE_RESTART_DAYS) : m.incompatibleState })),
    };
  }

  private freshRecord(locale: Locale, epoch: number, previous?: ConversationRecord | 'incompatible'): ConversationRecord {
    const now = this.now().getTime();
    const initial = intakeMachine.resolveState({ value: { questionnaire: 'greeting' }, context: { answers: {} } });
    return {
      v: CONVERSATION_SCHEMA_VERSION,
      state: initial.value,
      ctx: initial.context,
      epoch,
      retries: 0,
      picks: [],
      locale,
      topics: [],
      estimateShown: false,
      contact: {},
      requested: false,
      funnel: [],
      ...(previous && previous !== 'incompatible' && previous.recentUpdateIds ? { recentUpdateIds: previous.recentUpdateIds } : {}),
      createdAt: now,
      updatedAt: now,
      [RESOLVED_SNAPSHOT]: initial,
    };
  }

  private async dispatch(turn: Turn, inbound: Inbound): Promise<void> {
    switch (inbound.kind) {
      case 'command':
        return this.onCommand(turn, inbound.name.toLowerCase());
      case 'button':
        return this.onButton(turn, inbound.id);
      case 'text':
        return this.onText(turn, inbound.text);
      case 'unsupported':
        turn.replies.push({ text: turn.m.nonText });
        return this.askPending(turn);
    }
  }

  // ── text ──────────────────────────────────────────────────────────────────────────────

  private async onText(turn: Turn, raw: string): Promise<void> {
    const text = raw.trim();
    if (text.length > MAX_TEXT_LENGTH) {
      turn.replies.push({ text: turn.m.tooLong(MAX_TEXT_LENGTH) });
      return this.askPending(turn);
    }
    if (!HAS_WORDS.test(text)) {
      turn.replies.push({ text: turn.m.emojiOnly });
      return this.askPending(turn);
    }
    const command = /^\/([a-z_]+)(?:@\w+)?$/i.exec(text);
    if (command) return this.onCommand(turn, command[1]!.toLowerCase());
    this.updateLocale(turn, text);
    if (turn.record.handoff && (await this.relayDuringHandoff(turn, text))) return;
    if (turn.record.capture?.step === 'consent') {
      const agree = parseConsent(text);
      if (agree !== undefined) return this.capture.onConsent(turn, agree);
    } else if (this.capture.isCapturing(turn) && !QUESTION_LIKE.test(text)) {
      return this.capture.onText(turn, text);
    }
    const pending = pendingQuestion(turn.snapshot);
    if (!pending) {
      if (isGreeting(turn.snapshot) && isStartWord(text)) return this.send(turn, { type: 'START' });
      return this.answerQuestionOutsideIntake(turn, text);
    }
    const q = questionById(pending);
    const parsed = parseAnswer(q, text, turn.m);
    const looksLikeQuestion = text.length > 8 && QUESTION_LIKE.test(text);
    if (parsed.ok && !looksLikeQuestion) return this.answer(turn, pending, parsed.value);
    if (text.length > 3) {
      const faq = await this.deps.faq.answer(text, turn.record.locale);
      if (faq.outcome !== 'handoff' || looksLikeQuestion) return this.sideQuestion(turn, faq);
    }
    if (parsed.ok) return this.answer(turn, pending, parsed.value);
    return this.reAsk(turn, pending, parsed.reason);
  }

  private async answerQuestionOutsideIntake(turn: Turn, text: string): Promise<void> {
    const faq = await this.deps.faq.answer(text, turn.record.locale);
    this.noteTopic(turn, faq.entry);
    turn.replies.push({ text: faq.answer });
    if (isGreeting(turn.snapshot)) turn.replies.push(this.greeting(turn));
    else if (turn.snapshot.status === 'done') turn.replies.push({ text: turn.m.done });
  }

  /** A knowledge-base question asked mid-questionnaire: answer it, then ask the pending question again. */
  private sideQuestion(turn: Turn, faq: AskResult): void {
    this.noteTopic(turn, faq.entry);
    this.transition(turn, { type: 'SIDE_QUESTION' });
    turn.replies.push({ text: faq.answer });
    this.transition(turn, { type: 'RESUME' });
    // "Back to where we were:" heads the question it introduces: one message, not two.
    this.askPending(turn, turn.m.resumeAfterFaq);
  }

  private reAsk(turn: Turn, id: QuestionId, reason: 'unparsed' | 'range'): void {
    turn.record.retries += 1;
    const q = questionById(id);
    const hint = (turn.m.questions[id] as { hint: string }).hint;
    const text = reason === 'range' && q.kind === 'number' ? turn.m.outOfRange(q.min, q.max) : turn.m.unparsed(hint);
    if (turn.record.retries >= MAX_RETRIES) {
      const escape = [{ id: encodeButton({ kind: 'consultant' }), label: turn.m.consultantButton }];
      if (q.section !== 'preconditions') {
        escape.unshift({ id: encodeButton({ kind: 'skip', epoch: turn.record.epoch, question: id }), label: turn.m.skipButton });
      }
      turn.replies.push({ text: `${text}\n${turn.m.escapeOffer}`, buttons: [escape] });
      return;
    }
    turn.replies.push({ text });
    this.askPending(turn);
  }

  // ── buttons ───────────────────────────────────────────────────────────────────────────

  private async onButton(turn: Turn, id: string): Promise<void> {
    const action = decodeButton(id);
    if (!action) return this.stale(turn);
    switch (action.kind) {
      case 'faqTopic': {
        const reply = topicEntries(turn.m, this.deps.kb, action.topic, turn.record.locale);
        return reply ? void turn.replies.push(reply) : this.stale(turn);
      }
      case 'faqEntry': {
        const reply = entryAnswer(this.deps.kb, action.entry, turn.record.locale);
        if (!reply) return this.stale(turn);
        this.noteTopic(turn, action.entry);
        turn.replies.push(reply);
        return this.askPending(turn);
      }
      case 'consultant':
        return this.onCommand(turn, 'consultant');
      case 'delete':
        return this.onDelete(turn, action.confirm);
      case 'consent':
        return this.capture.onConsent(turn, action.agree);
      case 'contactTime':
        return turn.record.capture ? this.capture.onTime(turn, action.option) : this.stale(turn);
      default:
        return this.onIntakeButton(turn, action);
    }
  }

  private onIntakeButton(
    turn: Turn,
    action: Exclude<ButtonAction, { kind: 'faqTopic' | 'faqEntry' | 'consultant' | 'delete' | 'consent' | 'contactTime' }>,
  ): Promise<void> | void {
    if (action.epoch !== turn.record.epoch) return this.stale(turn);
    if (action.kind === 'start') {
      return isGreeting(turn.snapshot) ? this.send(turn, { type: 'START' }) : this.stale(turn);
    }
    const pending = pendingQuestion(turn.snapshot);
    if (pending !== action.question) return this.stale(turn);
    const q = questionById(pending);
    switch (action.kind) {
      case 'answer':
        if (!isOfferedValue(pending, action.value)) return this.stale(turn);
        return this.answer(turn, pending, buttonValue(pending, action.value));
      case 'toggle': {
        if (q.kind !== 'multi' || !q.options.includes(action.value)) return this.stale(turn);
        const picks = turn.record.picks;
        turn.record.picks = picks.includes(action.value) ? picks.filter((p) => p !== action.value) : [...picks, action.value];
        return this.askPending(turn);
      }
      case 'multiDone':
        if (q.kind !== 'multi') return this.stale(turn);
        return this.answer(turn, pending, [...turn.record.picks]);
      case 'skip':
        if (q.section === 'preconditions') return this.stale(turn);
        return this.answer(turn, pending, skipValue(q));
    }
  }

  private stale(turn: Turn): void {
    turn.replies.push({ text: turn.m.staleButton, stale: true });
    this.askPending(turn);
  }

  // ── commands ──────────────────────────────────────────────────────────────────────────

  private async onCommand(turn: Turn, name: string): Promise<void> {
    const m = turn.m;
    switch (name) {
      case 'start':
        if (pendingQuestion(turn.snapshot)) return this.askPending(turn);
        if (!isGreeting(turn.snapshot)) this.restartRecord(turn);
        turn.replies.push(this.greeting(turn));
        return;
      case 'restart':
        this.restartRecord(turn);
        turn.replies.push({ text: m.restarted });
        return this.send(turn, { type: 'START' });
      case 'back':
        return this.back(turn);
      case 'faq':
        turn.replies.push(topicMenu(m));
        return;
      case 'help':
        turn.replies.push({ text: m.help });
        return this.askPending(turn);
      case 'consultant':
        return this.capture.begin(turn);
      case 'privacy':
        turn.replies.push({ text: m.privacy });
        return this.askPending(turn);
      case 'delete':
        turn.replies.push({
          text: m.deleteConfirm,
          buttons: [[
            { id: encodeButton({ kind: 'delete', confirm: true }), label: m.deleteYes },
            { id: encodeButton({ kind: 'delete', confirm: false }), label: m.deleteNo },
          ]],
        });
        return;
      default:
        turn.replies.push({ text: m.unknownCommand });
        return this.askPending(turn);
    }
  }

  private async onDelete(turn: Turn, confirm: boolean): Promise<void> {
    if (!confirm) {
      turn.replies.push({ text: turn.m.deleteCancelled });
      return this.askPending(turn);
    }
    await this.deps.leads?.eraseChat(turn.chatId);
    await this.deps.conversations.delete(turn.chatId);
    turn.erased = true;
    turn.replies.push({ text: turn.m.deleted });
  }

  private restartRecord(turn: Turn): void {
    const fresh = this.freshRecord(turn.record.locale, turn.record.epoch + 1, turn.record);
    // What the person told us about themselves and their consent outlive a restart of the questionnaire;
    // a handoff or capture in progress does not (/restart is how a prospect leaves a handoff).
    const { topics, contact, consentAt, requested, funnel } = turn.record;
    turn.record = { ...fresh, topics, contact, requested, funnel, ...(consentAt ? { consentAt } : {}) };
    turn.snapshot = fresh[RESOLVED_SNAPSHOT]!;
  }

  /** /back: the previous applicable question, its answer kept until replaced; from an end state, the last question answered. */
  private back(turn: Turn): void {
    const pending = pendingQuestion(turn.snapshot);
    if (pending) {
      const before = JSON.stringify(turn.snapshot.value);
      this.transition(turn, { type: 'BACK' });
      if (JSON.stringify(turn.snapshot.value) === before) turn.replies.push({ text: turn.m.backNothing });
      return this.askPending(turn);
    }
    const answers = turn.snapshot.context.answers;
    const last = [...QUESTIONS].reverse().find((q) => answers[q.id] !== undefined);
    if (!last) return void turn.replies.push(this.greeting(turn));
    const { [last.id]: _dropped, ...rest } = answers;
    turn.snapshot = intakeMachine.resolveState({ value: { questionnaire: last.id }, context: { answers: rest } });
    this.askPending(turn);
  }

  // ── the statechart ────────────────────────────────────────────────────────────────────

  private answer(turn: Turn, id: QuestionId, value: unknown): Promise<void> {
    return this.send(turn, { type: 'ANSWER', question: id, value });
  }

  private transition(turn: Turn, event: IntakeEvent): void {
    turn.snapshot = nextSnapshot(turn.snapshot, event);
  }

  /** Sends an intake event and renders what the new state shows. */
  private async send(turn: Turn, event: IntakeEvent): Promise<void> {
    const from = pendingQuestion(turn.snapshot);
    this.transition(turn, event);
    const to = pendingQuestion(turn.snapshot);
    if (to !== from) {
      turn.record.retries = 0;
      turn.record.picks = [];
    }
    const { answers, blocker } = turn.snapshot.context;
    if (event.type === 'START') await this.markFunnel(turn, 'started');
    if (sectionOf(from) === 'preconditions' && sectionOf(to) === 'profile') await this.markFunnel(turn, 'passedPreconditions');
    if (turn.snapshot.value === 'ineligible') {
      turn.replies.push({ text: `${turn.m.blockers[blocker ?? '']?.(ELIGIBILITY_LIMITS) ?? ''}\n\n${turn.m.ineligibleTail}` });
      await this.recordLead(turn);
      return;
    }
    if (turn.snapshot.value === 'done') {
      if (answers.wantsConsultant) return this.capture.begin(turn);
      turn.replies.push({ text: turn.m.consultantNo });
      await this.recordLead(turn);
      return;
    }
    if (sectionOf(from) === 'profile' && sectionOf(to) === 'followup') {
      turn.replies.push(this.estimateReply(turn));
      turn.record.estimateShown = true;
      await this.markFunnel(turn, 'finishedQuestionnaire');
      await this.recordLead(turn);
    }
    if (from === 'jobChange' && to === 'wantsConsultant' && answers.stage) {
      const guide = guideFor(this.deps.guides.stages, answers.stage as Stage);
      turn.replies.push(renderNextSteps(turn.m, turn.record.locale, guide, answers.jobChange ?? false, this.now()));
    }
    this.askPending(turn);
  }

  private estimateReply(turn: Turn): Reply {
    const { answers } = turn.snapshot.context;
    const result = estimate(answersToProfile(answers), this.deps.scoring, turn.record.locale);
    return renderEstimate(turn.m, turn.record.locale, result, risksFor(answers, this.deps.guides.risks));
  }

  /** Hands the lead to the lead side: the answers, estimate, risks, stage, topics and (with consent) contact. */
  private async recordLead(turn: Turn): Promise<void> {
    if (!this.deps.leads) return;
    const input = buildLeadInput(turn, this.deps.scoring, this.deps.guides.risks);
    await this.deps.leads.record(input, this.now());
    if (turn.record.consentAt) await this.markFunnel(turn, 'consented');
  }

  private async markFunnel(turn: Turn, step: FunnelStep): Promise<void> {
    if (!this.deps.leads || turn.record.funnel.includes(step)) return;
    turn.record.funnel = [...turn.record.funnel, step];
    await this.deps.leads.mark(turn.chatId, step);
  }

  /** During a handoff the prospect's messages go to the consultants; true when the text was relayed. */
  private async relayDuringHandoff(turn: Turn, text: string): Promise<boolean> {
    const handoff = turn.record.handoff!;
    const now = this.now().getTime();
    if (!this.deps.relay || now - handoff.lastActivity > HANDOFF_SILENCE_MS) {
      turn.record.handoff = undefined;
      turn.replies.push({ text: turn.m.capture.handoffExpired });
      return false;
    }
    turn.record.handoff = { ...handoff, lastActivity: now };
    await this.deps.relay(turn.chatId, text);
    turn.replies.push({ text: turn.m.capture.handoffRelayed });
    return true;
  }

  /** The consultant ended the handoff (/endchat) or replied: used by channels. */
  endHandoff(chatId: string): Promise<Reply[]> {
    return this.exclusively(chatId, () => this.endHandoffNow(chatId));
  }

  private async endHandoffNow(chatId: string): Promise<Reply[]> {
    const record = await this.deps.conversations.load(chatId);
    if (!record || record === 'incompatible' || !record.handoff) return [];
    record.handoff = undefined;
    await this.deps.conversations.save(chatId, record);
    return [{ text: messages(record.locale).capture.handoffEnded }];
  }

  /** A consultant's reply during a handoff keeps it alive. */
  touchHandoff(chatId: string): Promise<boolean> {
    return this.exclusively(chatId, () => this.touchHandoffNow(chatId));
  }

  private async touchHandoffNow(chatId: string): Promise<boolean> {
    const record = await this.deps.conversations.load(chatId);
    if (!record || record === 'incompatible' || !record.handoff) return false;
    record.handoff = { ...record.handoff, lastActivity: this.now().getTime() };
    await this.deps.conversations.save(chatId, record);
    return true;
  }

  /** Asks the pending question again (after `intro` when given); at the greeting, greets. */
  private askPending(turn: Turn, intro?: string): void {
    const pending = pendingQuestion(turn.snapshot);
    if (pending) {
      const question = renderQuestion(turn.m, pending, turn.snapshot.context.answers, turn.record.epoch, turn.record.picks);
      turn.replies.push(intro ? { ...question, text: `${intro}\n${question.text}` } : question);
    } else if (isGreeting(turn.snapshot) && turn.replies.length === 0) {
      turn.replies.push(this.greeting(turn));
    }
  }

  private greeting(turn: Turn): Reply {
    return {
      text: turn.m.greeting(this.deps.scoring.passMark.points),
      buttons: [[{ id: encodeButton({ kind: 'start', epoch: turn.record.epoch }), label: turn.m.startButton }]],
    };
  }

  private updateLocale(turn: Turn, text: string): void {
    const locale = detectLocale(text, turn.record.locale);
    if (locale !== turn.record.locale && /\p{L}{2,}/u.test(text)) {
      turn.record.locale = locale;
      turn.m = messages(locale);
    }
  }

  /** Remembers an FAQ entry the prospect looked at (once each). */
  private noteTopic(turn: Turn, entry: string | null): void {
    if (entry && !turn.record.topics.includes(entry)) turn.record.topics = [...turn.record.topics, entry];
  }
}

