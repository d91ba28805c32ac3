import { join } from 'node:path';
import { z } from 'zod';
import { loadScoringTable } from '../estimate/scoring-table.js';
import { KNOWLEDGE_DIR, loadYamlFile } from '../knowledge/load-yaml.js';
import type { Locale } from '../locale/detect.js';
import { leadTexts } from '../locale/leads.js';
import { blockerKind, isConcreteSuggestion } from './estimate-signals.js';
import type { Lead, LeadEstimate, Qualification } from './lead-schema.js';

/**
 * How a lead is sorted for consultants. Pure: no I/O.
 *
 * - `ineligible`: a blocker that waiting does not fix — out-of-town branch staff (for now), age over
 *   the limit, a serious criminal record (or the family-planning veto when the table enforces it).
 * - `nurture`: blockers that time fixes (no residence permit yet, too few insured months, too young),
 *   no estimate yet, or eligible but further than `nearGap` from the pass mark — e.g. 83 points
 *   (37 short) is nurture even with priced suggestions.
 * - `qualified`: eligible and at or above the pass mark, or eligible, at most `nearGap` short and with
 *   at least one concrete (priced) suggestion.
 * An unrecognised blocker counts as one that time fixes, so a consultant still sees the lead.
 */
const QualificationRulesSchema = z.strictObject({
  /** Eligible leads at most this many points short count as qualified when a priced suggestion exists. */
  nearGap: z.number().int().min(0),
});

/** The consultancy's qualification rule, from knowledge/qualification.yaml (a broken file stops start-up). */
export const QUALIFY_RULES = loadYamlFile(join(KNOWLEDGE_DIR, 'qualification.yaml'), QualificationRulesSchema);

export function qualify(
  estimate: LeadEstimate | null,
  suggestions: readonly string[] = estimate?.suggestions ?? [],
  rules: { nearGap: number } = QUALIFY_RULES,
): Qualification {
  if (!estimate) return 'nurture';
  if (!estimate.eligible || estimate.blockers.length > 0) {
    return estimate.blockers.some((b) => blockerKind(b) === 'permanent') ? 'ineligible' : 'nurture';
  }
  if (estimate.reachesPassMark || estimate.gap <= 0) return 'qualified';
  if (estimate.gap <= rules.nearGap && suggestions.some(isConcreteSuggestion)) return 'qualified';
  return 'nurture';
}

const trimEnd = (text: string) => text.trim().replace(/[。.]$/, '');

/** One short line for consultants: what to do next with this lead. */
export function suggestNextStep(lead: Pick<Lead, 'qualification' | 'estimate'>, locale: Locale = 'zh'): string {
  const tx = leadTexts(locale).nextStep;
  const e = lead.estimate;
  if (!e) return tx.noEstimate();
  if (lead.qualification === 'ineligible') {
    const reason = e.blockers.find((b) => blockerKind(b) === 'permanent') ?? e.blockers[0] ?? '';
    return tx.cannotApply(trimEnd(reason));
  }
  if (e.blockers.length > 0) return tx.waitThenApply(trimEnd(e.blockers[0]!));
  if (e.reachesPassMark || e.gap <= 0) return tx.ready(loadScoringTable().passMark.points);
  const suggestion = e.suggestions.find(isConcreteSuggestion);
  return suggestion ? tx.closeGap(e.gap, trimEnd(suggestion)) : tx.gapOnly(e.gap);
}
