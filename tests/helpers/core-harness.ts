import { ConversationStore } from '../../src/core/conversation-store.js';
import { IntakeCore, type CoreDeps } from '../../src/core/intake-core.js';
import type { Button, Reply } from '../../src/core/types.js';
import { loadScoringTable } from '../../src/estimate/scoring-table.js';
import { createAnswerService } from '../../src/knowledge/answer-service.js';
import { FaqAnswerer } from '../../src/knowledge/faq-answerer.js';
import { loadIntakeGuides } from '../../src/knowledge/intake-guides.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { chatLockFor } from '../../src/app/services.js';
import { openStore, type Store } from '../../src/storage/open-store.js';

const kb = loadKnowledgeBase();
const answerer = new FaqAnswerer(kb);
const guides = loadIntakeGuides();
const scoring = loadScoringTable();

export interface Harness {
  core: IntakeCore;
  store: Store;
  clock: { now: Date };
}

/** A real core over a real store (memory://, a sqlite file, Redis or PostgreSQL), with a settable clock. */
export async function createHarness(
  url = 'memory://',
  start = new Date('2026-12-01T02:00:00Z'),
  extra: Pick<CoreDeps, 'leads' | 'relay'> = {},
): Promise<Harness> {
  // As a webhook instance opens it: with the arrival-order guard on a shared store.
  const store = await openStore(url, { arrivalOrder: true });
  const clock = { now: start };
  const conversations = new ConversationStore(store.kv);
  const chatLock = chatLockFor(store, conversations);
  const core = new IntakeCore({
    conversations,
    faq: createAnswerService({ answerer }),
    kb,
    guides,
    scoring,
    now: () => clock.now,
    // A shared store (Redis, PostgreSQL): the chat lock the services wire for several instances
    // (with the arrival-order guard).
    ...(chatLock ? { chatLock } : {}),
    ...extra,
  });
  return { core, store, clock };
}

/** A person chatting with the core: types text, presses buttons by their label, reads the replies. */
export class Person {
  last: Reply[] = [];

  constructor(
    private readonly core: IntakeCore,
    readonly chatId = 'test-chat',
    /** Telegram-like update ids keep growing across process restarts. */
    private updateId = 0,
  ) {}

  async say(text: string): Promise<Reply[]> {
    const inbound = text.startsWith('/')
      ? ({ kind: 'command', name: text.slice(1) } as const)
      : ({ kind: 'text', text } as const);
    this.last = await this.core.handle(this.chatId, inbound, { updateId: ++this.updateId });
    return this.last;
  }

  async press(label: string): Promise<Reply[]> {
    const button = this.buttons().find((b) => b.label === label || b.label === `✅ ${label}`);
    if (!button) throw new Error(`no button "${label}" in: ${this.buttons().map((b) => b.label).join(' | ')}`);
    return this.pressId(button.id);
  }

  async pressId(id: string): Promise<Reply[]> {
    this.last = await this.core.handle(this.chatId, { kind: 'button', id }, { updateId: ++this.updateId });
    return this.last;
  }

  buttons(): Button[] {
    return this.last.flatMap((r) => r.buttons?.flat() ?? []);
  }

  text(): string {
    return this.last.map((r) => r.text).join('\n');
  }
}

/** The answers of the 35-year-old bachelor with degree and 36 months of insurance, as a person gives them. */
export const BACHELOR_35 = ['是', '是', '12个月', '否', '35', '本科+学士学位', '全日制', '没有', '36', '不到0.8倍/不清楚', '未婚', '都没有', '都没有'];

/** The same answers as a person gives them on Telegram: numbers typed, everything else pressed. */
export function asTelegramSteps(answers: readonly string[]): Array<['press' | 'text', string]> {
  return answers.map((a) => (/^\d+$/.test(a) ? ['text', a] : ['press', a]));
}

/** Answers each step by pressing the button with that label, or typing it when no such button is offered. */
export async function answerAll(person: Person, answers: readonly string[]): Promise<void> {
  for (const answer of answers) {
    if (person.buttons().some((b) => b.label === answer)) await person.press(answer);
    else await person.say(answer);
  }
}
