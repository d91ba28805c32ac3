import { progress, questionById, type Answers, type QuestionId } from '../../flows/questions.js';
import type { Messages } from '../locale/messages.js';
import { encodeButton } from './button-ids.js';
import type { Button, Reply } from './types.js';

const BUTTONS_PER_ROW = 2;

function rows(buttons: Button[], perRow = BUTTONS_PER_ROW): Button[][] {
  const out: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

/** Labels of a choice or multi question's options, in the locale. */
export function optionLabels(m: Messages, id: QuestionId): Record<string, string> {
  return (m.options as Record<string, Record<string, string>>)[id] ?? {};
}

/** The question as a message: progress, prompt, and buttons for its answers. */
export function renderQuestion(
  m: Messages,
  id: QuestionId,
  answers: Answers,
  epoch: number,
  picks: readonly string[] = [],
): Reply {
  const q = questionById(id);
  const text = m.questions[id] as { prompt: string; presets?: Record<number, string>; done?: string; none?: string; selected?: (s: string) => string };
  const answer = (value: string, label: string): Button => ({
    id: encodeButton({ kind: 'answer', epoch, question: id, value }),
    label,
  });
  let buttons: Button[][] = [];
  switch (q.kind) {
    case 'yesno':
      buttons = [[answer('1', m.yes), answer('0', m.no)]];
      break;
    case 'number':
      buttons = rows(q.presets.map((v) => answer(String(v), text.presets?.[v] ?? String(v))), 4);
      break;
    case 'choice': {
      const labels = optionLabels(m, id);
      buttons = rows(q.options.map((o) => answer(o, labels[o] ?? o)));
      break;
    }
    case 'multi': {
      const labels = optionLabels(m, id);
      const toggles = q.options.map((o) => ({
        id: encodeButton({ kind: 'toggle', epoch, question: id, value: o }),
        label: `${picks.includes(o) ? '✅ ' : ''}${labels[o] ?? o}`,
      }));
      const finish = picks.length
        ? { id: encodeButton({ kind: 'multiDone', epoch, question: id }), label: text.done ?? 'OK' }
        : { id: encodeButton({ kind: 'answer', epoch, question: id, value: '' }), label: text.none ?? '-' };
      buttons = [...rows(toggles), [finish]];
      break;
    }
  }
  const position = q.section === 'followup' ? undefined : progress(answers, id);
  const head = position ? `${m.progress(position.index, position.total)}\n` : '';
  const picked =
    q.kind === 'multi' && picks.length && text.selected
      ? `\n${text.selected(picks.map((p) => optionLabels(m, id)[p] ?? p).join('、'))}`
      : '';
  return { text: `${head}${text.prompt}${picked}`, buttons, ...(q.kind === 'number' ? { expectsNumber: true } : {}) };
}

/** Decodes a button's value string into the typed answer value. */
export function buttonValue(id: QuestionId, raw: string): unknown {
  const q = questionById(id);
  switch (q.kind) {
    case 'yesno':
      return raw === '1';
    case 'number':
      return Number(raw);
    case 'choice':
      return raw;
    case 'multi':
      return raw === '' ? [] : raw.split(',');
  }
}

/** Is this raw button value one the question could have offered? */
export function isOfferedValue(id: QuestionId, raw: string): boolean {
  const q = questionById(id);
  switch (q.kind) {
    case 'yesno':
      return raw === '1' || raw === '0';
    case 'number':
      return q.presets.map(String).includes(raw);
    case 'choice':
      return q.options.includes(raw);
    case 'multi':
      return raw === '' || raw.split(',').every((v) => q.options.includes(v));
  }
}
