import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { renderEntryAnswer } from '../knowledge/faq-answerer.js';
import { TOPICS, type Topic } from '../knowledge/schema.js';
import type { Locale } from '../locale/detect.js';
import type { Messages } from '../locale/messages.js';
import { encodeButton } from './button-ids.js';
import type { Reply } from './types.js';

const LABEL_MAX = 30;

/** /faq: a menu of topics; a topic lists its entries; an entry shows its curated answer. */
export function topicMenu(m: Messages): Reply {
  const buttons = TOPICS.map((topic) => ({ id: encodeButton({ kind: 'faqTopic', topic }), label: m.faq.topics[topic] }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { text: m.faqMenu, buttons: rows };
}

export function topicEntries(m: Messages, kb: KnowledgeBase, topic: string, locale: Locale): Reply | undefined {
  if (!(TOPICS as readonly string[]).includes(topic)) return undefined;
  const entries = kb.entries.filter((e) => e.topic === (topic as Topic));
  const pick = (questions: string[]) =>
    locale === 'en' ? (questions.find((q) => !/[\u3400-\u9fff]/.test(q)) ?? questions[0]!) : questions[0]!;
  return {
    text: `${m.faq.topics[topic as Topic]} — ${m.faqTopicEntries}`,
    buttons: entries.map((e) => {
      const label = pick(e.questions);
      return [{ id: encodeButton({ kind: 'faqEntry', entry: e.id }), label: label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label }];
    }),
  };
}

export function entryAnswer(kb: KnowledgeBase, entryId: string, locale: Locale): Reply | undefined {
  const entry = kb.byId.get(entryId);
  return entry ? { text: renderEntryAnswer(entry, locale) } : undefined;
}
