import { answersToProfile } from '../../flows/answers-to-profile.js';
import { estimate } from '../estimate/estimate.js';
import type { ScoringTable } from '../estimate/scoring-table.js';
import type { MaterialRisk } from '../knowledge/intake-guides.js';
import type { LeadInput } from '../leads/lead-schema.js';
import { risksFor } from './render-estimate.js';
import type { Turn } from './turn.js';

/**
 * What the conversation hands to the lead side: the answers, the estimate (in Chinese, for the
 * consultants), risks, stage, topics asked, and the contact details only when consent was given.
 */
export function buildLeadInput(turn: Turn, scoring: ScoringTable, risks: readonly MaterialRisk[]): LeadInput {
  const { answers } = turn.snapshot.context;
  const { record } = turn;
  const hasProfile = answers.age !== undefined || turn.snapshot.value === 'ineligible';
  const result = hasProfile ? estimate(answersToProfile(answers), scoring, 'zh') : null;
  return {
    chatId: turn.chatId,
    channel: turn.chatId.startsWith('terminal:') ? 'terminal' : 'telegram',
    answers: { ...answers },
    // The whole estimate: the lead store keeps only the fields of its schema (leadEstimate in lead-store.ts).
    estimate: result,
    risks: risksFor(answers, risks).map((r) => r.text.zh),
    topics: [...record.topics],
    stage: answers.stage,
    jobChange: answers.jobChange,
    requested: record.requested,
    consentAt: record.consentAt ?? null,
    contact: record.consentAt ? { ...record.contact, language: record.contact.language ?? record.locale } : {},
  };
}
