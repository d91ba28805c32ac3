import { assign, createActor, setup, type ActorScope, type EventObject, type SnapshotFrom, type StateValue } from 'xstate';
import {
  QUESTIONS,
  blockerFor,
  nextQuestion,
  previousQuestion,
  type Answers,
  type Blocker,
  type QuestionId,
} from './questions.js';

/**
 * The intake statechart. Each question is a state named after its id; the transitions between them
 * are generated from flows/questions.ts so skipping rules live in one place. Global events
 * (restart, a side question, back) are handled at the top; a history state resumes the pending
 * question after a side question. No effects run inside: the core reads the resulting state and
 * renders replies (see src/core/intake-core.ts).
 */

export interface IntakeContext {
  answers: Answers;
  blocker?: Blocker;
}

export type IntakeEvent =
  | { type: 'START' }
  | { type: 'ANSWER'; question: QuestionId; value: unknown }
  | { type: 'BACK' }
  | { type: 'RESTART' }
  | { type: 'SIDE_QUESTION' }
  | { type: 'RESUME' };


const initialContext = (): IntakeContext => ({ answers: {} });

/**
 * What an ANSWER event makes of the answers, and the question it leads to. XState evaluates the
 * `leadsTo` guard once per candidate target (up to 22 per question) with the same context and
 * event, and then `recordAnswer` needs the same merged answers, all within one transition: the
 * result for the latest event is kept (one slot: a WeakMap per event cost more than it saved),
 * so it is computed once per transition instead of once per candidate.
 */
let latest: { event: IntakeEvent; answers: Answers; merged: Answers; next: QuestionId | null } | undefined;
function resultOf(answers: Answers, event: IntakeEvent & { type: 'ANSWER' }): { merged: Answers; next: QuestionId | null } {
  if (latest && latest.event === event && latest.answers === answers) return latest;
  const merged: Answers = { ...answers, [event.question]: event.value };
  latest = { event, answers, merged, next: nextQuestion(merged, event.question) ?? null };
  return latest;
}

const withAnswer = (answers: Answers, event: IntakeEvent): Answers => (event.type === 'ANSWER' ? resultOf(answers, event).merged : answers);
const questionAfterAnswer = (answers: Answers, event: IntakeEvent & { type: 'ANSWER' }): QuestionId | null => resultOf(answers, event).next;

const logic = setup({
  types: {} as { context: IntakeContext; events: IntakeEvent },
  guards: {
    /** The answer to this question rules the person out. */
    blocks: ({ event }, params: { question: QuestionId }) =>
      event.type === 'ANSWER' && event.question === params.question && blockerFor(params.question, event.value) !== undefined,
    /** With this answer recorded, `to` is the next question that applies (or the end when `to` is undefined). */
    leadsTo: ({ context, event }, params: { from: QuestionId; to: QuestionId | null }) =>
      event.type === 'ANSWER' && event.question === params.from && questionAfterAnswer(context.answers, event) === params.to,
    /** `to` is the question before `from` that applies to this person. */
    backTo: ({ context }, params: { from: QuestionId; to: QuestionId }) =>
      previousQuestion(context.answers, params.from) === params.to,
  },
  actions: {
    recordAnswer: assign({ answers: ({ context, event }) => withAnswer(context.answers, event) }),
    recordBlocker: assign({
      blocker: ({ event }) => (event.type === 'ANSWER' ? blockerFor(event.question, event.value) : undefined),
    }),
    reset: assign(() => initialContext()),
  },
});

function questionState(id: QuestionId, index: number) {
  const q = QUESTIONS[index]!;
  const later = QUESTIONS.slice(index + 1).map((l) => l.id);
  const earlier = QUESTIONS.slice(0, index).map((e) => e.id);
  const answerTransitions = [
    ...(q.blocks
      ? [{ guard: { type: 'blocks' as const, params: { question: id } }, target: '#intake.ineligible', actions: ['recordAnswer', 'recordBlocker'] as const }]
      : []),
    ...later.map((to) => ({
      guard: { type: 'leadsTo' as const, params: { from: id, to } },
      target: to,
      actions: ['recordAnswer'] as const,
    })),
    { guard: { type: 'leadsTo' as const, params: { from: id, to: null } }, target: '#intake.done', actions: ['recordAnswer'] as const },
  ];
  return {
    on: {
      ANSWER: answerTransitions,
      BACK: earlier.map((to) => ({ guard: { type: 'backTo' as const, params: { from: id, to } }, target: to })),
    },
  };
}

const questionStates = Object.fromEntries(QUESTIONS.map((q, i) => [q.id, questionState(q.id, i)]));

export const intakeMachine = logic.createMachine({
  id: 'intake',
  initial: 'questionnaire',
  context: initialContext,
  on: {
    RESTART: { target: '.questionnaire', reenter: true, actions: 'reset' },
  },
  states: {
    questionnaire: {
      initial: 'greeting',
      on: { SIDE_QUESTION: '#intake.sideQuestion' },
      states: {
        greeting: { on: { START: QUESTIONS[0]!.id } },
        ...questionStates,
        resume: { type: 'history', history: 'shallow' },
      },
    },
    /** A question from the knowledge base asked mid-flow; RESUME returns to the pending question. */
    sideQuestion: { on: { RESUME: 'questionnaire.resume' } },
    ineligible: { type: 'final' },
    done: { type: 'final' },
  },
});

export type IntakeSnapshot = SnapshotFrom<typeof intakeMachine>;

/** The greeting: before the first question (START not yet sent). */
export function isGreeting(snapshot: IntakeSnapshot): boolean {
  const value = snapshot.value;
  return typeof value === 'object' && (value as { questionnaire?: string }).questionnaire === 'greeting';
}

/** The pending question of a snapshot, if it is waiting on one. */
export function pendingQuestion(snapshot: IntakeSnapshot): QuestionId | undefined {
  const value = snapshot.value;
  if (typeof value === 'object' && 'questionnaire' in value) {
    const inner = value.questionnaire as string;
    return inner === 'greeting' ? undefined : (inner as QuestionId);
  }
  return undefined;
}

/**
 * The pending question of a stored state value and context (`resolved`: see restoreSnapshot);
 * undefined when none, or for a state this machine does not have.
 */
export function storedPendingQuestion(value: StateValue, context: IntakeContext, resolved?: IntakeSnapshot): QuestionId | undefined {
  try {
    return pendingQuestion(restoreSnapshot(value, context, resolved));
  } catch {
    return undefined;
  }
}

/**
 * The pure transition of the intake machine: the next snapshot for an event, no effects run (the
 * machine has none). xstate's exported `transition()` builds a throwaway actor — and with it the
 * machine's initial snapshot — on every call, which was half the cost of a transition; the machine
 * invokes no actors, so one inert scope serves every call.
 */
export function nextSnapshot(snapshot: IntakeSnapshot, event: IntakeEvent): IntakeSnapshot {
  return intakeMachine.transition(snapshot, event, inertScope());
}

let scope: ActorScope<IntakeSnapshot, IntakeEvent> | undefined;
function inertScope(): ActorScope<IntakeSnapshot, IntakeEvent> {
  if (scope) return scope;
  const self = createActor(intakeMachine);
  const ignore = () => undefined;
  scope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: ignore,
    defer: ignore,
    stopChild: ignore,
    emit: ignore as (event: EventObject) => void,
    actionExecutor: ignore,
  } as ActorScope<IntakeSnapshot, IntakeEvent>;
  return scope;
}

/**
 * The snapshot a stored state value and context stand for. Resolving rebuilds the whole state (a
 * few µs per update); `resolved`, a snapshot kept beside them, is used instead when it stands for
 * the very same objects (a store that keeps objects, memory://, hands it back). Snapshots are immutable.
 */
export function restoreSnapshot(value: StateValue, context: IntakeContext, resolved?: IntakeSnapshot): IntakeSnapshot {
  if (resolved && resolved.value === value && resolved.context === context) return resolved;
  return intakeMachine.resolveState({ value, context });
}
