import { loadScoringTable } from '../estimate/scoring-table.js';
import { shanghaiTime } from '../util/shanghai-time.js';
import type { Locale } from '../locale/detect.js';
import { leadTexts } from '../locale/leads.js';
import { maskPhone } from '../util/logger.js';
import { FUNNEL_STEPS, LEAD_ID_SOURCE, type Lead, type LeadStatus } from './lead-schema.js';

/** A button on a consultant card; `id` is the callback data `lc:<leadId>:<status>`. */
export interface CardButton {
  id: string;
  label: string;
}

export interface RenderedCard {
  text: string;
  buttons: CardButton[][];
}

/** Callback data of the card buttons: `lc:<leadId>:<status>`. */
export const CARD_BUTTON_PREFIX = 'lc:';
const CARD_ACTIONS = ['claimed', 'contacted', 'closed'] as const satisfies readonly LeadStatus[];

const CARD_BUTTON = new RegExp(`^${CARD_BUTTON_PREFIX}(${LEAD_ID_SOURCE}):(${CARD_ACTIONS.join('|')})$`);

/** Parses a card button's callback data; undefined when it is not one. */
export function parseCardButton(data: string): { leadId: string; status: (typeof CARD_ACTIONS)[number] } | undefined {
  const m = CARD_BUTTON.exec(data);
  return m ? { leadId: m[1]!, status: m[2] as (typeof CARD_ACTIONS)[number] } : undefined;
}

const nonEmpty = (values: Array<string | undefined | false>): string[] => values.filter((v): v is string => !!v && v.trim() !== '');

/** The one compact summary a consultant sees (and the buttons to claim, mark contacted, close). */
export function renderLeadCard(lead: Lead, locale: Locale = 'zh'): RenderedCard {
  const tx = leadTexts(locale);
  const c = tx.card;
  const lines: string[] = [];
  lines.push(nonEmpty([c.title(lead.id), tx.qualification[lead.qualification], lead.requested && c.requested()]).join(tx.sep));

  const k = lead.contact;
  const contact = nonEmpty([
    k.name,
    k.phone,
    k.wechat && c.wechat(k.wechat),
    k.email,
    k.contactTime && c.contactTime(k.contactTime),
    k.telegramUsername && `@${k.telegramUsername.replace(/^@/, '')}`,
  ]);
  lines.push(contact.length > 0 ? c.contact(contact) : c.noContact());

  const e = lead.estimate;
  if (e) {
    lines.push(c.estimate(e.total, e.gap, loadScoringTable().passMark.points));
    const parts = e.breakdown
      .filter((l) => l.points !== 0)
      .map((l) => `${tx.indicator[l.indicator] ?? l.indicator} ${l.points > 0 ? '+' : ''}${l.points}`);
    if (parts.length > 0) lines.push(c.breakdown(parts));
    if (e.blockers.length > 0) lines.push(c.blockers(e.blockers.map((b) => b.trim().replace(/[。.]$/, ''))));
  } else lines.push(c.noEstimate());

  if (lead.risks.length > 0) lines.push(c.risks(lead.risks));
  const stage = nonEmpty([lead.stage && c.stage(lead.stage), lead.jobChange !== undefined && c.jobChange(lead.jobChange)]);
  if (stage.length > 0) lines.push(stage.join(tx.sep));
  if (lead.topics.length > 0) lines.push(c.topics(lead.topics));
  if (lead.nextStep) lines.push(c.nextStep(lead.nextStep));
  const last = lead.statusHistory.at(-1);
  lines.push(c.status(tx.status[lead.status], last?.by, last && shanghaiTime(last.at)));

  return {
    text: lines.join('\n'),
    buttons: [CARD_ACTIONS.map((status) => ({ id: `${CARD_BUTTON_PREFIX}${lead.id}:${status}`, label: tx.buttons[status] }))],
  };
}

/** What replaces a card once its lead is erased (no personal data). */
export function renderErasedCard(leadId: string, locale: Locale = 'zh'): RenderedCard {
  return { text: leadTexts(locale).card.erased(leadId), buttons: [] };
}

/** One line per lead for lists (the phone number masked). */
export function renderLeadLine(lead: Lead, locale: Locale = 'zh'): string {
  const tx = leadTexts(locale);
  return tx.line({
    id: lead.id,
    qualification: tx.qualification[lead.qualification],
    status: tx.status[lead.status],
    name: lead.contact.name ?? '-',
    phone: lead.contact.phone ? maskPhone(lead.contact.phone) : '-',
    total: lead.estimate ? String(lead.estimate.total) : '-',
    requested: lead.requested,
  });
}

/** The funnel as Funnel.stats() returns it. */
export interface FunnelStats {
  /** Conversations counted (chats registered). */
  chats: number;
  counts: Record<(typeof FUNNEL_STEPS)[number], number>;
  /** The pending question most often left unanswered by chats that did not finish, or null. */
  dropOff: { question: string; count: number } | null;
}

/** The funnel for consultants; `questionLabel` names a question id (default: the id itself). */
export function renderStats(stats: FunnelStats, locale: Locale = 'zh', questionLabel: (id: string) => string = (id) => id): string {
  const tx = leadTexts(locale);
  const started = stats.counts.started;
  const lines = [tx.stats.title(stats.chats)];
  for (const step of FUNNEL_STEPS) {
    const count = stats.counts[step];
    lines.push(tx.stats.step(tx.funnelStep[step], count, started > 0 && step !== 'started' ? Math.round((count / started) * 100) : null));
  }
  lines.push(stats.dropOff ? tx.stats.dropOff(questionLabel(stats.dropOff.question), stats.dropOff.count) : tx.stats.noDropOff());
  return lines.join('\n');
}
