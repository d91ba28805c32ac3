import { join } from 'node:path';
import { z } from 'zod';
import { BLOCKER_CODES, SUGGESTION_CODES } from '../estimate/estimate.js';
import { loadScoringTable } from '../estimate/scoring-table.js';
import { KNOWLEDGE_DIR, loadYamlFile } from '../knowledge/load-yaml.js';
import type { Locale } from '../locale/detect.js';
import { leadTexts } from '../locale/leads.js';
import type { Lead, LeadEstimate, Qualification } from './lead-schema.js';

/**
 * How a lead is sorted for consultants, by the rule of knowledge/qualification.yaml (which lists
 * the codes and the gap). Pure: no I/O.
 *
 * - `ineligible`: a blocker that waiting does not fix (`permanentBlockers`).
 * - `nurture`: any other blocker (time fixes it), no estimate yet, or eligible but further than
 *   `nearGap` from the pass mark, priced suggestions or not.
 * - `qualified`: eligible and at or above the pass mark, or eligible, at most `nearGap` short and with
 *   at least one priced suggestion (`pricedSuggestions`).
 * The estimator's codes are read, never its wording. A blocker without a known code counts as one
 * that time fixes, so a consultant still sees the lead.
 */
const codeOf = <C extends string>(codes: readonly C[]) => z.enum(codes as [C, ...C[]]);
export const QualificationRulesSchema = z.strictObject({
  /** Eligible leads at most this many points short count as qualified when a priced suggestion exists. */
  nearGap: z.number().int().min(0),
  permanentBlockers: z.array(codeOf(BLOCKER_CODES)),
  pricedSuggestions: z.array(codeOf(SUGGESTION_CODES)),
});
export type QualificationRules = z.infer<typeof QualificationRulesSchema>;

/** The consultancy's qualification rule, from knowledge/qualification.yaml (a broken file stops start-up). */
export const QUALIFY_RULES = loadYamlFile(join(KNOWLEDGE_DIR, 'qualification.yaml'), QualificationRulesSchema);

type Coded = Pick<LeadEstimate, 'blockers' | 'blockerCodes' | 'suggestions' | 'suggestionCodes'>;

/** The text of the first line whose code is one of `wanted` (codes and texts run in parallel), if any. */
function firstWithCode(codes: readonly string[] | undefined, texts: readonly string[], wanted: readonly string[]): string | undefined {
  const at = (codes ?? []).findIndex((code) => wanted.includes(code));
  return at >= 0 ? texts[at] : undefined;
}

/** The first blocker waiting does not fix, if any. */
const permanentBlocker = (e: Coded, rules: QualificationRules) => firstWithCode(e.blockerCodes, e.blockers, rules.permanentBlockers);
/** The first suggestion that names a concrete, priced change, if any. */
const pricedSuggestion = (e: Coded, rules: QualificationRules) => firstWithCode(e.suggestionCodes, e.suggestions, rules.pricedSuggestions);

export function qualify(estimate: LeadEstimate | null, rules: QualificationRules = QUALIFY_RULES): Qualification {
  if (!estimate) return 'nurture';
  if (!estimate.eligible || estimate.blockers.length > 0) {
    return permanentBlocker(estimate, rules) !== undefined ? 'ineligible' : 'nurture';
  }
  if (estimate.reachesPassMark || estimate.gap <= 0) return 'qualified';
  if (estimate.gap <= rules.nearGap && pricedSuggestion(estimate, rules) !== undefined) return 'qualified';
  return 'nurture';
}

const trimEnd = (text: string) => text.trim().replace(/[。.]$/, '');

/** One short line for consultants: what to do next with this lead. */
export function suggestNextStep(lead: Pick<Lead, 'qualification' | 'estimate'>, locale: Locale = 'zh'): string {
  const rules = QUALIFY_RULES;
  const tx = leadTexts(locale).nextStep;
  const e = lead.estimate;
  if (!e) return tx.noEstimate();
  if (lead.qualification === 'ineligible') return tx.cannotApply(trimEnd(permanentBlocker(e, rules) ?? e.blockers[0] ?? ''));
  if (e.blockers.length > 0) return tx.waitThenApply(trimEnd(e.blockers[0]!));
  if (e.reachesPassMark || e.gap <= 0) return tx.ready(loadScoringTable().passMark.points);
  const suggestion = pricedSuggestion(e, rules);
  return suggestion ? tx.closeGap(e.gap, trimEnd(suggestion)) : tx.gapOnly(e.gap);
}
