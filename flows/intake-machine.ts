import { assign, setup, type SnapshotFrom } from 'xstate';
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

const withAnswer = (answers: Answers, event: IntakeEvent): Answers =>
  event.type === 'ANSWER' ? { ...answers, [event.question]: event.value } : answers;

const initialContext = (): IntakeContext => ({ answers: {} });

const logic = setup({
  types: {} as { context: IntakeContext; events: IntakeEvent },
  guards: {
    /** The answer to this question rules the person out. */
    blocks: ({ event }, params: { question: QuestionId }) =>
      event.type === 'ANSWER' && event.question === params.question && blockerFor(params.question, event.value) !== undefined,
    /** With this answer recorded, `to` is the next question that applies (or the end when `to` is undefined). */
    leadsTo: ({ context, event }, params: { from: QuestionId; to: QuestionId | null }) =>
      event.type === 'ANSWER' &&
      event.question === params.from &&
      (nextQuestion(withAnswer(context.answers, event), params.from) ?? null) === params.to,
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

/** The pending question of a snapshot, if it is waiting on one. */
export function pendingQuestion(snapshot: IntakeSnapshot): QuestionId | undefined {
  const value = snapshot.value;
  if (typeof value === 'object' && 'questionnaire' in value) {
    const inner = value.questionnaire as string;
    return inner === 'greeting' ? undefined : (inner as QuestionId);
  }
  return undefined;
}
