import { getShortestPaths } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { intakeMachine, nextSnapshot, pendingQuestion, restoreSnapshot, type IntakeEvent, type IntakeSnapshot } from '../../flows/intake-machine.js';
import { ELIGIBILITY_LIMITS, questionById, type Question } from '../../flows/questions.js';
import { loadScoringTable } from '../../src/estimate/scoring-table.js';
import { decodeButton } from '../../src/core/button-ids.js';
import { messages } from '../../src/locale/messages.js';
import { Person, createHarness } from '../helpers/core-harness.js';

/** A few representative answers per question: every choice, yes and no, a blocking and a passing number. */
function sampleValues(q: Question): unknown[] {
  switch (q.kind) {
    case 'yesno':
      return [true, false];
    case 'number':
      return q.id === 'age' ? [35, 70] : q.id === 'insuredMonthsLast12' ? [12, 3] : [q.presets[0] ?? q.min];
    case 'choice':
      return [...q.options];
    case 'multi':
      return [[], [q.options[0]], ...(q.id === 'penalties' ? [['seriousCrime']] : [])];
  }
}

function eventsFor(snapshot: IntakeSnapshot): IntakeEvent[] {
  const pending = pendingQuestion(snapshot);
  if (!pending) return snapshot.status === 'active' ? [{ type: 'START' }] : [];
  return sampleValues(questionById(pending)).map((value) => ({ type: 'ANSWER', question: pending, value }));
}

const paths = getShortestPaths(intakeMachine, {
  events: eventsFor,
  // One node per state (and per reason for stopping): counters and answers stay out of the key, or paths never end.
  serializeState: (s) => `${JSON.stringify(s.value)}|${s.context.blocker ?? ''}`,
  toState: (s) => s.status === 'done',
});

describe('the intake statechart', () => {
  it('reaches every end: done, and each reason someone cannot apply', () => {
    const ends = paths.map((p) => `${JSON.stringify(p.state.value)}|${p.state.context.blocker ?? ''}`).sort();
    expect(ends).toEqual(
      ['"done"|', ...['age', 'branch', 'insuranceUnder6', 'noInsurance', 'noPermit', 'seriousCrime'].map((b) => `"ineligible"|${b}`)].sort(),
    );
  });

  it.each(paths.map((p) => [`${JSON.stringify(p.state.value)} ${p.state.context.blocker ?? ''}`, p] as const))(
    'replays the shortest path to %s through the conversation core',
    async (_name, path) => {
      const h = await createHarness();
      const person = new Person(h.core);
      const m = messages('zh');
      await person.say('/start');
      for (const step of path.steps) {
        const event = step.event as IntakeEvent;
        if (event.type === 'START') await person.press(m.startButton);
        if (event.type !== 'ANSWER') continue;
        const value = event.value;
        if (Array.isArray(value)) {
          for (const option of value as string[]) {
            const toggle = person.buttons().find((b) => {
              const a = decodeButton(b.id);
              return a?.kind === 'toggle' && a.value === option;
            })!;
            await person.pressId(toggle.id);
          }
          const finish = person.buttons().at(-1)!;
          await person.pressId(finish.id);
        } else {
          const button = person.buttons().find((b) => {
            const a = decodeButton(b.id);
            return a?.kind === 'answer' && a.question === event.question && a.value === (typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
          });
          if (button) await person.pressId(button.id);
          else await person.say(String(value));
        }
      }
      const stored = await h.core.snapshotOf('test-chat');
      expect(stored?.state).toEqual(path.state.value);
      if (path.state.context.blocker) expect(person.text()).toContain(m.blockers[path.state.context.blocker]!(ELIGIBILITY_LIMITS));
      else expect(person.text()).toMatch(/顾问|评估结束/);
    },
  );
});

describe('restoring a stored snapshot', () => {
  it('reuses the snapshot kept beside the very objects it was saved from, and resolves anew otherwise', () => {
    const greeting = intakeMachine.resolveState({ value: { questionnaire: 'greeting' }, context: { answers: {} } });
    const first = nextSnapshot(greeting, { type: 'START' });
    expect(restoreSnapshot(first.value, first.context, first)).toBe(first);
    // Equal but not the same objects (a store that serialises): resolved again, to the same state.
    const copy = JSON.parse(JSON.stringify({ value: first.value, context: first.context }));
    const resolved = restoreSnapshot(copy.value, copy.context, first);
    expect(resolved).not.toBe(first);
    expect(pendingQuestion(resolved)).toBe('residencePermit');
    // A snapshot kept from before the state moved on is not used for the new state.
    const second = nextSnapshot(first, { type: 'ANSWER', question: 'residencePermit', value: true });
    expect(pendingQuestion(restoreSnapshot(second.value, second.context, first))).toBe('employeeInsurance');
  });
});

describe('blocker texts', () => {
  it('quote the limits of knowledge/scoring.yaml, the ones the questionnaire applies', () => {
    const rules = loadScoringTable();
    expect(ELIGIBILITY_LIMITS).toEqual({ minInsuredMonths: rules.eligibility.minInsuredMonthsLast12, minAge: rules.age.minAge, maxAge: rules.age.maxAge });
    const zh = messages('zh').blockers;
    const en = messages('en').blockers;
    expect(zh['age']!(ELIGIBILITY_LIMITS)).toContain('18–60 周岁');
    expect(en['age']!(ELIGIBILITY_LIMITS)).toContain('ages 18–60');
    expect(zh['insuranceUnder6']!(ELIGIBILITY_LIMITS)).toContain('累计满 6 个月');
    // Another limit in the knowledge base would show in the texts.
    expect(zh['age']!({ ...ELIGIBILITY_LIMITS, maxAge: 65 })).toContain('18–65 周岁');
    expect(en['noInsurance']!({ ...ELIGIBILITY_LIMITS, minInsuredMonths: 3 })).toContain('3 months in total');
  });
});
